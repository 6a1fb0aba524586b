using System.Net;
using System.Security.Cryptography;
using System.Text;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf.IO;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.ConsentReceipt;

/// <summary>
/// Contact Details > Consent receipt: every consent event of the number in order, what each points to (the inbound text,
/// the import's file and consent note, the user), its state per list, and a SHA-256 anyone can recompute from the CSV.
/// </summary>
public sealed class ConsentReceiptTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _deals = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP 🎉", false, "VIPJOIN");
        _deals = await _app.Data.ListAsync(_code.Id, "מבצעים", true, "DEALSJOIN");
        _client = await _app.SignInAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AContactWith200Changes_HasEveryEventInOrder_AndADigestThatIsTheCsvsAndStable()
    {
        var phone = TestPhones.Us(1);
        var random = new Random(7);
        while ((await _app.ConsentEventsAsync(phone)).Count < 200)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(random.Next(1, 600)));
            await _app.TextAsync(phone, random.Next(6) switch { 0 => "VIPJOIN", 1 => "DEALSJOIN", 2 => "Y", 3 => "STOP", 4 => "START", _ => "maybe" });
        }

        var stored = await _app.ConsentEventsAsync(phone);
        var id = stored[0].ContactId;
        _client.Dispose();
        _client = await _app.SignInAsync();
        var (rows, digestLine, bytes) = await CsvAsync(id);

        var header = rows.FindIndex(r => r[0] == "#");
        var events = rows.Skip(header + 1).ToList();
        Assert.Equal(stored.Count, events.Count);
        var inOrder = stored.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id).ToList();
        for (var i = 0; i < events.Count; i++)
        {
            Assert.Equal(
                ((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), inOrder[i].OccurredUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), inOrder[i].Change, inOrder[i].ListName ?? "", inOrder[i].MessageSid),
                (events[i][0], events[i][1], events[i][2], events[i][3], events[i][9]));
        }

        // Inbound changes carry the text that caused them.
        Assert.All(events.Where(e => e[2] == "Opted out" && e[3] == ""), e => Assert.Equal("STOP", e[10]));

        // The digest: SHA-256 of the file without its last line, the same on the PDF, the same next time.
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes[..^digestLine.Length]));
        Assert.Equal(("SHA-256", digest), (Csv(digestLine)[0][0], Csv(digestLine)[0][1]));
        Assert.Equal(digest, (await CsvAsync(id)).Rows.Count == rows.Count ? Convert.ToHexStringLower(SHA256.HashData((await CsvAsync(id)).Bytes[..^digestLine.Length])) : "");
        Assert.All(rows, r => Assert.Equal(15, r.Length));

        var pdf = await _client.GetAsync($"/contacts/{id}/consent-receipt/pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        using var document = PdfReader.Open(new MemoryStream(await pdf.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount > 5, $"{document.PageCount} pages for {events.Count} events");

        // One more change, one more row, another digest.
        await _app.TextAsync(phone, (await _app.ContactAsync(phone))!.IsOptedOut ? "START" : "STOP");
        var after = await CsvAsync(id);
        Assert.True(after.Rows.Count > rows.Count);
        Assert.NotEqual(digest, Csv(after.DigestLine)[0][1]);
    }

    [Fact]
    public async Task AStopFromAnUnknownNumber_HasAReceipt_NeverOnAList()
    {
        var phone = TestPhones.Us(2);
        await _app.TextAsync(phone, "STOP");
        var id = (await _app.ContactAsync(phone))!.Id;
        var (rows, _, _) = await CsvAsync(id);
        Assert.Equal(["Status now", "Opted out (STOP keyword)"], rows.Single(r => r[0] == "Status now")[..2]);
        var lists = rows.SkipWhile(r => r[0] != "Lists").Skip(1).TakeWhile(r => r[0] != "").ToList();
        Assert.Empty(lists);
        var stop = rows.SkipWhile(r => r[0] != "#").Skip(1).Single();
        Assert.Equal(("Opted out", "Not subscribed", "Opted out (STOP keyword)", "Inbound text", "STOP"), (stop[2], stop[4], stop[5], stop[6], stop[10]));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/contacts/{id}/consent-receipt/pdf")).StatusCode);
    }

    [Fact]
    public async Task TheConsentNote_OfASingleContactAndOfAnImport_IsOnTheReceiptBesideTheUserAndTheFile()
    {
        var phone = TestPhones.Us(3);
        var start = await _client.SubmitFormAsync("/contacts/add", "form[action='/contacts/add']", new() { ["Phone"] = TestPhones.UsTyped(3), ["ListId"] = _vip.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var profile = await TestClient.ReadAsync(start);
        var saved = await _client.SubmitFormAsync(profile, "form[action='/contacts/add/save']", new() { ["ConsentNote"] = "  paper form\nat store 12  " });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        // The import's note is typed on the wizard's Import Settings, as a user does, and stored as one tidy line.
        var driver = await ImportDriver.StartAsync(_app, _code);
        var import = await driver.ImportAsync($"Phone\n{phone}\n", new(ImportDriver.Settings(_deals.Id)) { ["ConsentNote"] = "signed sheets,\t spring fair " }, fileName: "fair sheets.csv");
        driver.Client.Dispose();
        Assert.Equal(("signed sheets, spring fair", "fair sheets.csv"), (import.Settings.ConsentNote, import.OriginalFileName));

        var id = (await _app.ContactAsync(phone))!.Id;
        var events = (await CsvAsync(id)).Rows.SkipWhile(r => r[0] != "#").Skip(1).ToList();
        Assert.Equal(("Subscribed", "VIP 🎉", AppFactory.AdminEmail, "paper form at store 12", "Single Contact"), (events[0][2], events[0][3], events[0][7], events[0][13], events[0][14]));
        Assert.Equal(("Subscribed", "מבצעים", import.Id.ToString(), import.OriginalFileName, "signed sheets, spring fair", "Import"), (events[1][2], events[1][3], events[1][11], events[1][12], events[1][13], events[1][14]));

        // The Contact Details history shows them too.
        var details = await _client.GetPageAsync($"/contacts/{id}");
        var history = details.QuerySelector("table[aria-labelledby=consent-history-heading]")!.TextContent;
        Assert.Contains("Consent note: paper form at store 12", history);
        Assert.Contains($"File {import.OriginalFileName}", history);
        Assert.Contains("Consent note: signed sheets, spring fair", history);
        Assert.NotNull(details.QuerySelector($"a[href='/contacts/{id}/consent-receipt/pdf']"));
        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync($"/contacts/{id}/consent-receipt/pdf")).StatusCode);
    }

    [Fact]
    public async Task ANumberOfAnotherSenderCode_OrNone_IsNotFound()
    {
        var other = await _app.Data.SenderCodeAsync("78900");
        var theirs = await _app.Data.OptedOutAsync(other.Id, TestPhones.Us(4), OptOutReason.Manual, DateTime.UtcNow);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/contacts/{theirs.Id}/consent-receipt/pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/contacts/{theirs.Id}/consent-receipt/csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/contacts/987654/consent-receipt/csv")).StatusCode);
        using var anonymous = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/contacts/{theirs.Id}/consent-receipt/csv")).StatusCode);
    }

    [Fact]
    public async Task FormulasInNames_AreGuardedInTheCsv_AndTheDigestCoversTheFileAsWritten()
    {
        var evil = await _app.Data.ListAsync(_code.Id, "=cmd|' /C calc'!A0");
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, evil, $"Phone\n{TestPhones.Us(5)}\n", ["phone"], i => i.Settings.ConsentNote = "@SUM(1+1)");
        var id = (await _app.ContactAsync(TestPhones.Us(5)))!.Id;
        var (rows, line, bytes) = await CsvAsync(id);
        var e = rows.SkipWhile(r => r[0] != "#").Skip(1).Single();
        Assert.Equal(("'=cmd|' /C calc'!A0", "'@SUM(1+1)"), (e[3], e[13]));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes[..^line.Length])), Csv(line)[0][1]);
    }

    private async Task<(List<string[]> Rows, byte[] DigestLine, byte[] Bytes)> CsvAsync(long contactId)
    {
        var response = await _client.GetAsync($"/contacts/{contactId}/consent-receipt/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.False(bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble), "no byte order mark");
        var text = Encoding.UTF8.GetString(bytes);
        Assert.EndsWith("\r\n", text);
        var lastLineStart = text[..^2].LastIndexOf("\r\n", StringComparison.Ordinal) + 2;
        var digestLine = Encoding.UTF8.GetBytes(text[lastLineStart..]);
        var rows = Csv(bytes[..^digestLine.Length]);
        return (rows, digestLine, bytes);
    }

    private static List<string[]> Csv(byte[] bytes)
    {
        using var csv = CsvReader.Create(bytes, CsvReaderOptions.Default with { HasHeader = false });
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(csv.GetString).ToArray());
        }

        return rows;
    }
}
