using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The folder Files/: small files shaped like the ones people export (Excel, Google Sheets, Numbers, LibreOffice,
/// Outlook, phones) and the ones that broke the product, each beside <c>name.expect.json</c> with what the upload
/// must detect, the counts the status page must reconcile and the values that must be stored. Each goes through the
/// real wizard (upload, settings as detected, the pre-mapped layout) and the import job, as a new user would.
/// </summary>
public class ImportFileCorpusTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private static string Folder => Path.Combine(AppContext.BaseDirectory, "Features", "Import", "Files");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var expect in Directory.GetFiles(Folder, "*.expect.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(expect)[..^".expect.json".Length]);
        }

        return data;
    }

    [Fact]
    public void EveryFileOfTheCorpus_HasItsExpectations()
    {
        var files = Directory.GetFiles(Folder).Select(Path.GetFileName).Where(f => !f!.EndsWith(".expect.json", StringComparison.Ordinal)).ToList();
        Assert.True(files.Count >= 30, $"{files.Count} files");
        Assert.All(files, f => Assert.True(File.Exists(Path.Combine(Folder, f + ".expect.json")), $"{f} has no {f}.expect.json"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task File_ImportsAsExpected(string name)
    {
        var expect = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, name + ".expect.json"))).RootElement;
        var app = fixture.App;
        var code = await fixture.NewSenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "Corpus");
        var notesField = await app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Notes", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field.Id;
        });
        var driver = await ImportDriver.StartAsync(app, code);

        var upload = await driver.UploadAsync(name, await File.ReadAllBytesAsync(Path.Combine(Folder, name)));
        if (expect.TryGetProperty("refused", out var refused))
        {
            Assert.Equal(HttpStatusCode.BadRequest, upload.StatusCode);
            var page = await TestClient.ReadAsync(upload);
            Assert.Contains(refused.GetString()!, page.QuerySelector("#upload-error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(0, await app.WithDbAsync(db => db.Imports.CountAsync(i => i.SenderCodeId == code.Id)));
            return;
        }

        Assert.True(upload.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)upload.StatusCode}: {await upload.Content.ReadAsStringAsync()}");
        var importId = Guid.Parse(upload.Headers.Location!.OriginalString.Split('/')[2]);

        var settings = await driver.Client.GetPageAsync($"/imports/{importId}/settings");
        var detected = expect.GetProperty("detected");
        Assert.Equal(detected.GetProperty("encoding").GetString(), settings.QuerySelector("#Encoding option[selected]")?.GetAttribute("value"));
        Assert.Equal(detected.GetProperty("delimiter").GetString(), settings.QuerySelector("#Delimiter option[selected]")?.GetAttribute("value"));
        Assert.Equal(detected.GetProperty("qualifier").GetString(), settings.QuerySelector("input[name=TextQualifier][checked]")?.GetAttribute("value"));
        Assert.Equal(detected.GetProperty("header").GetBoolean(), settings.QuerySelector("#FirstLineHasColumnNames")!.HasAttribute("checked"));
        var notes = settings.QuerySelector("#detected-notes")?.TextContent ?? "";
        foreach (var note in expect.TryGetProperty("notes", out var n) ? n.EnumerateArray().Select(e => e.GetString()!) : [])
        {
            Assert.Contains(note, notes, StringComparison.Ordinal);
        }

        var saved = await driver.SettingsAsync(importId, ImportDriver.Settings(list.Id));
        if (expect.TryGetProperty("settingsError", out var settingsError))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Contains(settingsError.GetString()!, (await TestClient.ReadAsync(saved)).Body!.TextContent, StringComparison.Ordinal);
            return;
        }

        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Settings answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        var columns = expect.TryGetProperty("columns", out var c)
            ? c.EnumerateObject().ToDictionary(p => int.Parse(p.Name, System.Globalization.CultureInfo.InvariantCulture), p => p.Value.GetString()!.Replace("custom:Notes", $"custom:{notesField}", StringComparison.Ordinal))
            : null;
        var started = await driver.LayoutAsync(importId, columns);
        Assert.True(started.StatusCode == HttpStatusCode.Redirect, $"Layout answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        await driver.RunPreviewAsync(importId);
        var preview = await app.WithDbAsync(db => db.ImportPreviews.AsNoTracking().SingleAsync(p => p.ImportId == importId));
        Assert.True(preview.Status == ImportPreviewStatus.Completed, $"{preview.Status}: {preview.Error}");
        await driver.RunJobAsync(importId);

        var import = await driver.RecordAsync(importId);
        Assert.True(import.Status == ImportStatus.Completed, $"{import.Status}: {import.Error}");

        // The Preview counted what the import then did (nothing changed in between).
        Assert.Equal(ImportPreviewTests.Counts(import.Counts), ImportPreviewTests.Counts(preview.Counts));
        Assert.Equal(import.Counts.Rejected, await app.WithDbAsync(db => db.ImportPreviewRows.CountAsync(r => r.ImportId == importId && r.Outcome == ImportPreviewOutcome.Rejected)));
        var counts = expect.GetProperty("counts");
        Assert.Equal(
            (counts.GetProperty("Processed").GetInt32(), counts.GetProperty("OptedIn").GetInt32(), counts.GetProperty("Rejected").GetInt32(),
                counts.GetProperty("HeaderLines").GetInt32(), counts.GetProperty("BlankLines").GetInt32(), counts.GetProperty("WarningRows").GetInt32()),
            (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.HeaderLines, import.Counts.BlankLines, import.Counts.WarningRows));

        var rejected = await app.WithDbAsync(db => db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).ToListAsync());
        var expectedRejected = expect.TryGetProperty("rejected", out var r) ? r.EnumerateArray().Select(e => (e[0].GetInt64(), e[1].GetString()!)).ToList() : [];
        Assert.Equal(expectedRejected.Select(e => e.Item1), rejected.Select(x => x.LineNumber));
        Assert.All(expectedRejected.Zip(rejected), pair => Assert.StartsWith(pair.First.Item2, pair.Second.Reason, StringComparison.Ordinal));

        var warnings = await app.WithDbAsync(db => db.ImportWarningRows.AsNoTracking().Where(w => w.ImportId == importId).OrderBy(w => w.LineNumber).ToListAsync());
        var expectedWarnings = expect.TryGetProperty("warnings", out var w) ? w.EnumerateArray().Select(e => (e[0].GetInt64(), e[1].GetString()!)).ToList() : [];
        Assert.Equal(expectedWarnings.Select(e => e.Item1), warnings.Select(x => x.LineNumber));
        Assert.All(expectedWarnings.Zip(warnings), pair => Assert.StartsWith(pair.First.Item2, pair.Second.Message, StringComparison.Ordinal));

        var contacts = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(x => x.CustomFieldValues).Where(x => x.SenderCodeId == code.Id).ToDictionaryAsync(x => x.Phone));
        var expectedContacts = expect.GetProperty("contacts");
        Assert.Equal(expectedContacts.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal), contacts.Keys.Order(StringComparer.Ordinal));
        foreach (var contact in expectedContacts.EnumerateObject())
        {
            var stored = contacts[contact.Name];
            foreach (var field in contact.Value.EnumerateObject())
            {
                var actual = field.Name switch
                {
                    "FirstName" => stored.FirstName,
                    "LastName" => stored.LastName,
                    "Email" => stored.Email,
                    "PostalCode" => stored.PostalCode,
                    "Notes" => stored.CustomFieldValues.SingleOrDefault(v => v.FieldId == notesField)?.Value,
                    _ => throw new InvalidOperationException($"Unknown field {field.Name} in {name}.expect.json"),
                };
                Assert.True(field.Value.ValueKind == JsonValueKind.Null ? actual is null : actual == field.Value.GetString(), $"{contact.Name} {field.Name}: expected {field.Value}, stored {actual}");
            }
        }

        // Every line of the file and every record accounted for, on the page as in the database. The file's lines are counted
        // here from its own text, apart from the import's reader.
        var encoding = ImportEncodings.Get(settings.QuerySelector("#Encoding option[selected]")!.GetAttribute("value")!);
        Assert.Equal(LinesOf(encoding.GetString(await File.ReadAllBytesAsync(Path.Combine(Folder, name)))), import.Counts.FileLines);
        await ImportReconciliation.AssertAsync(driver, import);
    }

    /// <summary>Lines as an editor counts them: CR, LF and CR LF each end one; a last line without a line break counts.</summary>
    private static int LinesOf(string text)
    {
        text = text.TrimStart('\uFEFF');
        var lines = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                lines++;
            }
        }

        return text.Length > 0 && text[^1] is not ('\n' or '\r') ? lines + 1 : lines;
    }
}
