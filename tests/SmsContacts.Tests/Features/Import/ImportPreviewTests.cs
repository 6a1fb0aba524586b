using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The wizard's Preview (issue "Import you can trust"): on random imports of every action and setting (the cases of
/// <see cref="ImportUndoTests"/>) the preview writes nothing but its own rows, and its counts are the import's; its examples
/// say what the import would change (before → after); the import's status page says how many rows came out differently
/// when contacts changed between the preview and the import; an Import posted from a preview replaced since is refused.
/// </summary>
public class ImportPreviewTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private AppFactory App => fixture.App;

    /// <summary>The outcome counts the preview promises, in one comparable value.</summary>
    public static (int, int, int, int, int, int, int, int, int, int, int) Counts(ImportOutcomeCounts c) =>
        (c.Processed, c.OptedIn, c.OptedInWithFieldUpdates, c.Updated, c.Unchanged, c.OptedOut, c.IgnoredOptedOut, c.IgnoredBanned, c.Skipped, c.Rejected, c.Duplicates);

    [Fact]
    public async Task RandomImports_PreviewWritesNothing_AndCountsWhatTheImportThenDoes()
    {
        await ImportUndoTests.Cases.SampleAsync(
            async c =>
            {
                var a = await ImportUndoTests.ArrangeAsync(fixture, c.Existing);
                var importId = await QueuedImports.QueueAsync(App, a.Code.Id, a.Vip, ImportUndoTests.Csv(c), a.Mapping, i =>
                {
                    i.Status = ImportStatus.Draft;
                    i.Settings.Action = c.Action;
                    i.Settings.FieldUpdateMode = c.Mode;
                    i.Settings.StoreAsDoubleOptIn = c.DoubleOptIn;
                    i.Settings.OverrideOptInStatus = c.OverrideStatus;
                    i.Settings.CartAbandonmentConsent = c.Cart;
                    i.Settings.OverrideMarketingConsent = c.OverrideMarketing;
                    i.Settings.EnterJourneys = c.Journeys;
                });
                await RequestPreviewAsync(importId);
                App.Clock.Advance(TimeSpan.FromMinutes(1));

                var before = await DumpAsync();
                await QueuedImports.PreviewAsync(App, importId);
                Assert.Equal(before, await DumpAsync());

                var preview = await App.WithDbAsync(db => db.ImportPreviews.AsNoTracking().SingleAsync(p => p.ImportId == importId));
                Assert.True(preview.Status == ImportPreviewStatus.Completed, preview.Error);
                var rows = await App.WithDbAsync(db => db.ImportPreviewRows.AsNoTracking().Where(r => r.ImportId == importId).ToListAsync());

                await App.WithDbAsync(db => db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Queued)));
                await QueuedImports.RunAsync(App, importId);
                var import = await App.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));
                Assert.True(import.Status == ImportStatus.Completed, import.Error);
                Assert.Equal(Counts(import.Counts), Counts(preview.Counts));

                // Examples: up to ten of each outcome, every rejected row, and each update says what it changes.
                foreach (var (outcome, count) in new[]
                {
                    (ImportPreviewOutcome.OptedIn, import.Counts.OptedIn), (ImportPreviewOutcome.Updated, import.Counts.Updated), (ImportPreviewOutcome.Unchanged, import.Counts.Unchanged),
                    (ImportPreviewOutcome.OptedOut, import.Counts.OptedOut), (ImportPreviewOutcome.IgnoredOptedOut, import.Counts.IgnoredOptedOut),
                    (ImportPreviewOutcome.IgnoredBanned, import.Counts.IgnoredBanned), (ImportPreviewOutcome.Skipped, import.Counts.Skipped),
                    (ImportPreviewOutcome.Duplicate, import.Counts.Duplicates),
                })
                {
                    Assert.Equal(Math.Min(count, ImportPreviewRow.ExamplesPerOutcome), rows.Count(r => r.Outcome == outcome));
                }

                Assert.Equal(import.Counts.Rejected, rows.Count(r => r.Outcome == ImportPreviewOutcome.Rejected));
                Assert.All(rows.Where(r => r.Outcome == ImportPreviewOutcome.Updated), r => Assert.NotEqual("", r.Detail));
            },
            iter: 30,
            threads: 1,
            print: c => c.ToString());
    }

    [Fact]
    public async Task ThePreviewPage_ShowsTheCounts_AndUpdatesBeforeAndAfter_AndNothingIsWrittenUntilImport()
    {
        var code = await fixture.NewSenderCodeAsync();
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), "ana@example.com", SubscriptionStatus.Active, vip);
        var driver = await ImportDriver.StartAsync(App, code);
        var csv = $"Phone,First Name,Email\n{TestPhones.Us(1)},Ana,ana@new.example\n{TestPhones.Us(2)},Bo,bo@example.com\n12x,Bad,bad@example.com\n{TestPhones.Us(2)},Bo,bo@example.com\n";
        var importId = await driver.UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes(csv));
        await driver.SettingsAsync(importId, ImportDriver.Settings(vip.Id));
        var previewed = await driver.LayoutAsync(importId);
        Assert.Equal($"/imports/{importId}/preview", previewed.Headers.Location!.OriginalString);

        var running = await driver.PreviewPageAsync(importId);
        Assert.Equal("Queued", running.QuerySelector("#import-preview")!.GetAttribute("data-status"));
        Assert.NotNull(running.QuerySelector("[role=progressbar][aria-label='Preview progress']"));
        Assert.Null(running.QuerySelector("#preview-import-form"));
        Assert.Equal("4", running.QuerySelector("nav[aria-label='File Import steps'] [aria-current=step] .badge")!.TextContent.Trim());

        await driver.RunPreviewAsync(importId);
        var page = await driver.PreviewPageAsync(importId);
        var counts = await driver.PreviewCountsAsync(importId);
        Assert.Equal((4, 1, 1, 0, 1, 1), (counts["processed"], counts["optedin"], counts["updated"], counts["unchanged"], counts["rejected"], counts["duplicate"]));
        Assert.Equal("First Name: (empty) → Ana; Email: ana@example.com → ana@new.example", Detail(page, "updated"));
        Assert.StartsWith("Joins the list \"VIP\" (active); First Name: (empty) → Bo; Email: (empty) → bo@example.com", Detail(page, "optedin"), StringComparison.Ordinal);
        Assert.NotEqual("", Detail(page, "rejected"));
        Assert.Equal($"/imports/{importId}/layout", page.QuerySelector("#preview-back")!.GetAttribute("href"));
        Assert.Equal(1, await App.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == code.Id)));

        Assert.Equal(HttpStatusCode.Redirect, (await driver.ImportFromPreviewAsync(importId)).StatusCode);
        await driver.RunJobAsync(importId);
        Assert.Equal(2, await App.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == code.Id)));
        var status = await driver.Client.GetPageAsync($"/imports/{importId}");
        Assert.Equal("Every count is the one the Preview showed.", status.QuerySelector("#preview-comparison")!.TextContent.Trim());
    }

    [Fact]
    public async Task WhenContactsChangeBetweenPreviewAndImport_TheStatusPageSaysHowManyRowsDiffer()
    {
        var code = await fixture.NewSenderCodeAsync();
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        var then = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(11), then, "a@example.com", SubscriptionStatus.Active, vip);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(12), then, "b@example.com", SubscriptionStatus.Active, vip);
        var driver = await ImportDriver.StartAsync(App, code);
        var csv = $"Phone,Email\n{TestPhones.Us(11)},new@example.com\n{TestPhones.Us(12)},new@example.com\n{TestPhones.Us(13)},c@example.com\n";
        var importId = await driver.UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes(csv));
        await driver.SettingsAsync(importId, ImportDriver.Settings(vip.Id));
        await driver.LayoutAsync(importId);
        await driver.RunPreviewAsync(importId);
        Assert.Equal(2, (await driver.PreviewCountsAsync(importId))["updated"]);

        // Between the preview and the import, one contact texts STOP and another's email is set to the file's.
        await App.WithDbAsync(async db =>
        {
            await db.Contacts.Where(c => c.Phone == TestPhones.Us(11) && c.SenderCodeId == code.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.OptedOutUtc, then).SetProperty(c => c.OptOutReason, OptOutReason.StopKeyword));
            await db.Contacts.Where(c => c.Phone == TestPhones.Us(12) && c.SenderCodeId == code.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Email, "new@example.com"));
        });
        await driver.ImportFromPreviewAsync(importId);
        await driver.RunJobAsync(importId);

        var status = await driver.Client.GetPageAsync($"/imports/{importId}");
        var comparison = status.QuerySelector("#preview-comparison")!;
        Assert.Equal("2", comparison.QuerySelector("[data-count=rows-differing]")!.TextContent);
        Assert.Contains("came out differently from the Preview", comparison.TextContent, StringComparison.Ordinal);
        var differing = comparison.QuerySelectorAll("tbody tr").Select(tr => string.Join("|", tr.Children.Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(["Updated|2|0", "Unchanged|0|1", "Ignored — Previously Opted-out|0|1"], differing);
    }

    [Fact]
    public async Task ImportFromAPreviewReplacedSince_IsRefused_AndBackKeepsTheChosenColumns()
    {
        var code = await fixture.NewSenderCodeAsync();
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        var driver = await ImportDriver.StartAsync(App, code);
        var importId = await driver.UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes($"Phone,First Name\n{TestPhones.Us(21)},Ann\n"));
        await driver.SettingsAsync(importId, ImportDriver.Settings(vip.Id));
        await driver.LayoutAsync(importId, new() { [1] = "" });
        await driver.RunPreviewAsync(importId);
        var oldTab = await driver.PreviewPageAsync(importId);

        // Back: the layout as chosen; then First Name is mapped and previewed again in another tab.
        var layout = await driver.LayoutPageAsync(importId);
        Assert.Equal("", layout.QuerySelector("select[name='Columns[1]'] option[selected]")?.GetAttribute("value") ?? "");
        await driver.LayoutAsync(importId, new() { [1] = "first_name" });
        await driver.RunPreviewAsync(importId);

        var refused = await driver.Client.SubmitFormAsync(oldTab, "#preview-import-form", []);
        Assert.Equal($"/imports/{importId}/preview", refused.Headers.Location!.OriginalString);
        Assert.Equal(ImportStatus.Draft, (await driver.RecordAsync(importId)).Status);
        var (_, shown) = await driver.Client.FollowAsync(refused);
        Assert.Contains("changed (in another tab or window) after this preview", shown.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);

        await driver.RunJobAsync(importId);
        Assert.Equal("Ann", await App.WithDbAsync(db => db.Contacts.Where(c => c.SenderCodeId == code.Id).Select(c => c.FirstName).SingleAsync()));
    }

    private static string Detail(AngleSharp.Dom.IDocument page, string outcome) =>
        page.QuerySelector($"table[data-outcome={outcome}] .preview-detail")!.TextContent.Trim();

    /// <summary>What step 3's Preview saves (<see cref="ImportWizard.PreviewAsync"/>), for a draft made by <see cref="QueuedImports"/>.</summary>
    private Task RequestPreviewAsync(Guid importId) => App.WithDbAsync(async db =>
    {
        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId);
        db.ImportPreviews.Add(new ImportPreview
        {
            ImportId = importId,
            RunId = Guid.NewGuid(),
            Status = ImportPreviewStatus.Queued,
            SettingsSavedUtc = import.SettingsSavedUtc,
            ColumnMapping = import.ColumnMapping,
            RequestedUtc = App.Clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync();
    });

    /// <summary>Every row of every table of the app's database but the preview's own, as text: what "writes nothing" compares.</summary>
    private Task<List<string>> DumpAsync() => App.WithDbAsync(async db =>
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('ImportPreviews', 'ImportPreviewRows') ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var rows = new List<string>();
        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using DbDataReader reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                var row = table + "|" + string.Join("|", values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
                if (!row.StartsWith("sqlite_sequence|ImportPreviewRows|", StringComparison.Ordinal))
                {
                    rows.Add(row);
                }
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    });
}
