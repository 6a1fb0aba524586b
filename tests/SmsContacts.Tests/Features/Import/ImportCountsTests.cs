using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The counts a person reads on Contact Import Status, tried as people use imports: re-importing their own export,
/// importing the same file twice, a number typed three ways in one file, existing contacts added to a list, numbers
/// that Update existing contacts skips, and opt-out imports. Each status page reconciles: Processed is the sum of
/// the outcomes it shows.
/// </summary>
public class ImportCountsTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private ImportDriver _driver = null!;
    private readonly Dictionary<CustomFieldType, CustomFieldDefinition> _fields = [];

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
        await _app.WithDbAsync(async db =>
        {
            foreach (var type in Enum.GetValues<CustomFieldType>())
            {
                var field = new CustomFieldDefinition { SenderCodeId = _code.Id, Name = $"Field {type}", Type = type, CreatedUtc = DateTime.UtcNow };
                db.CustomFields.Add(field);
                _fields[type] = field;
            }

            await db.SaveChangesAsync();
        });
        _driver = await ImportDriver.StartAsync(_app, _code);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<FieldUpdateMode> Modes => [FieldUpdateMode.Update, FieldUpdateMode.Append, FieldUpdateMode.Overwrite];

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task ReimportingOurOwnUnchangedExport_SaysUnchanged_AndWritesNothing(FieldUpdateMode mode)
    {
        await EightContactsOnVipAsync();
        var before = await StateAsync();
        var export = await ExportVipAsync();

        var import = await _driver.ImportAsync(export, ImportDriver.Settings(_vip.Id, mode: mode), fileName: "sms-contacts-export.csv");

        // The export's headers map back to every field by themselves.
        var mapped = SmsContacts.Web.Features.Import.ImportPlanner.ReadMapping(import);
        string[] every = ["phone", "email", "first_name", "last_name", "postal_code", "birthday", .. _fields.Values.Select(f => $"custom:{f.Id}")];
        Assert.Empty(every.Except(mapped));
        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal((8, 0, 0, 8, 0, 0), (counts["Processed"], counts["Opted-in"], counts["Updated"], counts["Unchanged"], counts["Rejected"], counts["Duplicates"]));
        Assert.Equal(before, await StateAsync());
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.ImportId == import.Id)));
    }

    [Fact]
    public async Task TheSameFileTwice_IsImportedOnce_ThenUnchanged()
    {
        var csv = $"Phone,Email,First Name\n{TestPhones.Us(1)},a@example.com,Ann\n{TestPhones.UsTyped(2)},b@example.com,Bob\n";

        var first = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));
        var state = await StateAsync();
        var second = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));

        Assert.Equal((2, 2, 0, 0), (first.Counts.Processed, first.Counts.OptedIn, first.Counts.Updated, first.Counts.Unchanged));
        Assert.Equal((2, 0, 0, 2), (second.Counts.Processed, second.Counts.OptedIn, second.Counts.Updated, second.Counts.Unchanged));
        Assert.Equal(state, await StateAsync());
    }

    [Fact]
    public async Task OneNumberTypedThreeWays_IsOneContact_FromTheLastRow_AndTwoDuplicates()
    {
        var csv = $"Phone,First Name\n{TestPhones.Us(1)},One\n{TestPhones.UsTyped(1)},Two\n{TestPhones.Us(2)},Other\n{TestPhones.Us(1)[2..]},Three\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));

        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal((4, 2, 0, 2), (counts["Processed"], counts["Opted-in"], counts["Rejected"], counts["Duplicates"]));
        Assert.Equal("Three", await _app.WithDbAsync(db => db.Contacts.Where(c => c.SenderCodeId == _code.Id && c.Phone == TestPhones.Us(1)).Select(c => c.FirstName).SingleAsync()));
        var report = await _app.WithDbAsync(db => db.ImportRejectedRows.Where(r => r.ImportId == import.Id).OrderBy(r => r.LineNumber).Select(r => r.LineNumber).ToListAsync());
        Assert.Equal([2L, 3L], report);
        await AssertReconciledAsync(import.Id);
    }

    [Fact]
    public async Task ExistingContactsAddedToTheList_AreOptedIn_AndTheStatusSaysWhichFieldsChanged()
    {
        foreach (var n in new[] { 1, 2, 3 })
        {
            await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(n), DateTime.UtcNow, $"old{n}@example.com", SubscriptionStatus.Active, _promotions);
        }

        // 1 and 2 get new emails; 3's is the same; 4 is new.
        var csv = $"Phone,Email\n{TestPhones.Us(1)},new1@example.com\n{TestPhones.Us(2)},new2@example.com\n{TestPhones.Us(3)},old3@example.com\n{TestPhones.Us(4)},d@example.com\n";
        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));

        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal((4, 4, 2, 0, 0), (counts["Processed"], counts["Opted-in"], counts["Existing contacts whose fields were also updated"], counts["Updated"], counts["Unchanged"]));
        await AssertReconciledAsync(import.Id);
    }

    [Fact]
    public async Task UpdateExistingContacts_CountsNumbersNotOnTheListAsSkipped_NotRejected()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), DateTime.UtcNow, "a@example.com", SubscriptionStatus.Active, _vip);
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(2), DateTime.UtcNow, "b@example.com", SubscriptionStatus.Active, _promotions);
        var csv = $"Phone,Email\n{TestPhones.Us(1)},a2@example.com\n{TestPhones.Us(2)},b2@example.com\n{TestPhones.Us(3)},c@example.com\nnot a number,x@example.com\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id, ImportAction.UpdateExisting));

        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal((4, 1, 0, 2, 1), (counts["Processed"], counts["Updated"], counts["Unchanged"], counts["Skipped — not on the list"], counts["Rejected"]));
        Assert.False(counts.ContainsKey("Opted-in"));
        await AssertReconciledAsync(import.Id);
        var page = await _driver.Client.GetPageAsync($"/imports/{import.Id}");
        Assert.Equal("Download the rows not imported (CSV, with line number and reason)", page.QuerySelector("#rejected-download")!.TextContent.Trim());
    }

    [Fact]
    public async Task AnOptOutImport_ShowsOptedOut_OnItsStatusAndInTheHistory_WithOnlyTheSettingsThatApply()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(2), OptOutReason.StopKeyword, DateTime.UtcNow);
        var csv = $"Phone\n{TestPhones.Us(1)}\n{TestPhones.Us(2)}\n{TestPhones.Us(3)}\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id, ImportAction.OptOut));

        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Lines of the file"] = 4,
                ["Header lines"] = 1,
                ["Blank lines"] = 0,
                ["Records (Processed, below)"] = 3,
                ["Processed"] = 3,
                ["Opted out"] = 2,
                ["Ignored"] = 1,
                ["Previously Opted-out"] = 1,
                ["Previously Banned"] = 0,
                ["Rejected"] = 0,
                ["Duplicates"] = 0,
                ["Rows imported with a warning"] = 0,
            },
            counts);
        var page = await _driver.Client.GetPageAsync($"/imports/{import.Id}");
        var settings = page.QuerySelectorAll("table[aria-label='List Import Settings'] th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["List Name", "Import Type", "Dates in the file"], settings);
        await AssertReconciledAsync(import.Id);

        var history = await _driver.Client.GetPageAsync("/imports");
        var table = history.QuerySelector("table[aria-label='Import history']")!;
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent.Trim()).ToList();
        var row = table.QuerySelectorAll("tbody tr").Single(tr => tr.QuerySelector($"a[href='/imports/{import.Id}']") is not null)
            .QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("2", row[headers.IndexOf("Opted out")]);
        Assert.Equal("3", row[headers.IndexOf("Processed")]);
    }

    [Fact]
    public async Task AnOptedOutNumber_ImportedAgainWithEveryOverrideBoxTicked_StaysOptedOut_AndIsCountedIgnored()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), DateTime.UtcNow, "a@example.com", SubscriptionStatus.Active, _vip);
        await _driver.ImportAsync($"Phone\n{TestPhones.Us(1)}\n", ImportDriver.Settings(_vip.Id, ImportAction.OptOut));
        var events = await _app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.Phone == TestPhones.Us(1) && e.SenderCodeId == _code.Id));

        foreach (var action in new[] { ImportAction.AddOrUpdate, ImportAction.UpdateExisting })
        {
            var settings = ImportDriver.Settings(_vip.Id, action, FieldUpdateMode.Overwrite);
            settings["EnterJourneys"] = "true";
            settings["StoreAsDoubleOptIn"] = "true";
            settings["OverrideOptInStatus"] = "true";
            settings["CartAbandonmentConsent"] = "true";
            settings["OverrideMarketingConsent"] = "true";
            var again = await _driver.ImportAsync($"Phone,Email\n{TestPhones.Us(1)},new@example.com\n", settings);

            Assert.Equal((1, 1, 0, 0, 0), (again.Counts.Processed, again.Counts.IgnoredOptedOut, again.Counts.OptedIn, again.Counts.Updated, again.Counts.AwaitingConfirmation));
        }

        var contact = await _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).SingleAsync(c => c.SenderCodeId == _code.Id && c.Phone == TestPhones.Us(1)));
        Assert.Equal((OptOutReason.Import, 0, "a@example.com"), (contact.OptOutReason!.Value, contact.Subscriptions.Count, contact.Email));
        Assert.Equal(events, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.Phone == TestPhones.Us(1) && e.SenderCodeId == _code.Id)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.SenderCodeId == _code.Id)));
    }

    /// <summary>The status page's sums hold (ImportReconciliation), and its outcome rows are the words of the sentence.</summary>
    private async Task AssertReconciledAsync(Guid importId)
    {
        await ImportReconciliation.AssertAsync(_driver, await _driver.RecordAsync(importId));
        var page = await _driver.Client.GetPageAsync($"/imports/{importId}");
        var outcomes = page.QuerySelectorAll("table.import-counts [data-part-of=processed]").Select(td => td.ParentElement!.QuerySelector("th")!).ToList();
        var sentence = page.QuerySelector("#records-reconciliation")!.TextContent;
        Assert.Contains("Processed = " + string.Join(" + ", outcomes.Select(Label)) + ":", sentence, StringComparison.Ordinal);
    }

    private static string Label(IElement header) => header.TextContent.Trim() switch
    {
        "Skipped — not on the list" => "Skipped",
        var text => text,
    };

    /// <summary>Contacts 1-8 on VIP with every profile field, custom fields of each type, and values a spreadsheet would take for formulas.</summary>
    private async Task EightContactsOnVipAsync()
    {
        for (var n = 1; n <= 8; n++)
        {
            var contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(n), new DateTime(2026, 1, n, 9, 30, 0, DateTimeKind.Utc), $"person{n}@example.com", SubscriptionStatus.Active, _vip);
            await _app.WithDbAsync(async db =>
            {
                var stored = await db.Contacts.SingleAsync(c => c.Id == contact.Id);
                stored.FirstName = n == 3 ? "@home" : $"First{n}";
                stored.LastName = n == 4 ? "=Smith" : n == 5 ? null : $"Last{n}";
                stored.PostalCode = n % 2 == 0 ? $"1000{n}" : null;
                stored.Birthday = n % 3 == 0 ? null : new DateOnly(1980 + n, n, 10 + n);
                db.CustomFieldValues.AddRange(
                    new CustomFieldValue { ContactId = contact.Id, FieldId = _fields[CustomFieldType.Text].Id, Value = n == 6 ? "-minus, with a comma" : $"Store {n}" },
                    new CustomFieldValue { ContactId = contact.Id, FieldId = _fields[CustomFieldType.Number].Id, Value = n == 7 ? "-12.50" : $"{n * 100}" },
                    new CustomFieldValue { ContactId = contact.Id, FieldId = _fields[CustomFieldType.Date].Id, Value = $"2025-0{n}-01" },
                    new CustomFieldValue { ContactId = contact.Id, FieldId = _fields[CustomFieldType.YesNo].Id, Value = n % 2 == 0 ? "true" : "false" });
                await db.SaveChangesAsync();
            });
        }
    }

    /// <summary>The Contacts export of VIP, written by the app's own export writer.</summary>
    private async Task<string> ExportVipAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var writer = scope.ServiceProvider.GetRequiredService<ContactExportWriter>();
        using var file = new MemoryStream();
        var rows = await writer.WriteAsync(new ExportRecord { SenderCodeId = _code.Id, Kind = ExportKind.Contacts, ListId = _vip.Id }, file, CancellationToken.None);
        Assert.Equal(8, rows);
        return new UTF8Encoding(false).GetString(file.ToArray()).TrimStart('\uFEFF');
    }

    /// <summary>Every contact of the sender code: profile, custom values, subscriptions and version, as one comparable text.</summary>
    private Task<string> StateAsync() =>
        _app.WithDbAsync(async db =>
        {
            var contacts = await db.Contacts.AsNoTracking().Include(c => c.Subscriptions).Include(c => c.CustomFieldValues)
                .Where(c => c.SenderCodeId == _code.Id).OrderBy(c => c.Phone).ToListAsync();
            return string.Join("\n", contacts.Select(c => string.Join("|",
                c.Phone, c.Email, c.FirstName, c.LastName, c.PostalCode, c.Birthday, c.Version, c.UpdatedUtc.Ticks,
                string.Join(",", c.CustomFieldValues.OrderBy(v => v.FieldId).Select(v => v.Value)),
                string.Join(",", c.Subscriptions.OrderBy(s => s.ListId).Select(s => $"{s.ListId}:{s.Status}:{s.MarketingConsent}:{s.CartAbandonmentConsent}")))));
        });
}
