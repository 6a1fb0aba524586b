using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>Files as people make them: other delimiters and encodings, quotes, line breaks in fields, bad rows.</summary>
/// <remarks>One app for the class (each app host holds file watchers, a limited resource); each test works in a sender code of its own.</remarks>
public class ImportFileTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ImportDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        await _app.WithDbAsync(async db =>
        {
            db.CustomFields.Add(new CustomFieldDefinition { SenderCodeId = _code.Id, Name = "Notes", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        _driver = await ImportDriver.StartAsync(_app, _code);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<Dictionary<string, Contact>> ContactsAsync() =>
        _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).Where(c => c.SenderCodeId == _code.Id).ToDictionaryAsync(c => c.Phone));

    private Task<List<(long Line, string Reason)>> RejectedAsync(Guid importId) =>
        _app.WithDbAsync(async db => (await db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).ToListAsync())
            .Select(r => (r.LineNumber, r.Reason)).ToList());

    public static TheoryData<string, string> EncodedFiles => new()
    {
        { "utf-8 with BOM", ImportEncodings.Utf8 },
        { "utf-8", ImportEncodings.Utf8 },
        { "utf-16 little endian with BOM", ImportEncodings.Utf16 },
        { "utf-16 big endian with BOM", ImportEncodings.Utf16BigEndian },
        { "windows-1252", ImportEncodings.Windows1252 },
    };

    [Theory]
    [MemberData(nameof(EncodedFiles))]
    public async Task Import_ReadsEveryEncoding_WithoutMangledLetters(string file, string encoding)
    {
        var csv = $"Phone;First Name;Last Name\n{TestPhones.Us(1)};Zoë;Núñez-Ångström\n";
        var text = ImportEncodings.Get(encoding);
        var bytes = file.Contains("BOM", StringComparison.Ordinal) ? [.. text.GetPreamble(), .. text.GetBytes(csv)] : text.GetBytes(csv);
        var importId = await _driver.UploadOkAsync("names.csv", bytes);
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));
        await _driver.LayoutAsync(importId);
        await _driver.RunJobAsync(importId);

        var contact = (await ContactsAsync())[TestPhones.Us(1)];
        Assert.Equal(("Zoë", "Núñez-Ångström"), (contact.FirstName, contact.LastName));
    }

    [Fact]
    public async Task Import_KeepsQuotesAndLineBreaksInsideQuotedFields_AndCountsLinesAsTheFileHasThem()
    {
        var csv = $"Phone,Last Name,Notes\n{TestPhones.Us(1)},\"O\"\"Brien\",\"first line\nsecond line\"\n{TestPhones.Us(2)},\"Smith, Jr.\",plain\nnot a phone,Nobody,x\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id), new() { [2] = await NotesKeyAsync() });

        var contacts = await ContactsAsync();
        Assert.Equal("O\"Brien", contacts[TestPhones.Us(1)].LastName);
        Assert.Equal("first line\nsecond line", contacts[TestPhones.Us(1)].CustomFieldValues.Single().Value);
        Assert.Equal("Smith, Jr.", contacts[TestPhones.Us(2)].LastName);
        Assert.Equal([(5L, "\"not a phone\" contains letters: a phone number is digits only (letters are not turned into keypad digits).")], await RejectedAsync(import.Id));
    }

    [Fact]
    public async Task Import_WithSingleQuotesAsTextQualifier_ReadsQuotedCommas()
    {
        var csv = $"Phone,Last Name\n{TestPhones.Us(1)},'Smith, Jr.'\n";

        await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id).Also(s =>
        {
            s["HasTextQualifier"] = "true";
            s["TextQualifier"] = nameof(TextQualifier.SingleQuotes);
        }));

        Assert.Equal("Smith, Jr.", (await ContactsAsync())[TestPhones.Us(1)].LastName);
    }

    [Fact]
    public async Task Import_WithTheWrongDelimiterChosen_RejectsEveryRow_NamingTheCharacterThatIsNotPartOfANumber()
    {
        var csv = $"Phone;First Name\n{TestPhones.Us(1)};Ann\n{TestPhones.Us(2)};Bob\n";
        var importId = await _driver.UploadOkAsync("semicolons.csv", Encoding.UTF8.GetBytes(csv));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id).Also(s => s["Delimiter"] = DelimiterNames.Comma));

        var layout = await _driver.LayoutPageAsync(importId);
        Assert.Equal(["Phone;First Name"], layout.QuerySelectorAll("#layout-form tbody th").Select(th => th.TextContent.Trim()));
        var started = await _driver.LayoutAsync(importId, new() { [0] = ImportFields.PhoneKey });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, started.StatusCode);
        await _driver.RunJobAsync(importId);

        var import = await _driver.RecordAsync(importId);
        Assert.Equal((2, 0, 2), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected));
        Assert.All(await RejectedAsync(importId), r => Assert.EndsWith("contains \";\" (U+003B), which is not part of a phone number.", r.Reason));
    }

    [Fact]
    public async Task Import_Of5000InvalidNumbers_RejectsEachWithItsLine()
    {
        var csv = new StringBuilder("Phone,First Name\n");
        for (var i = 0; i < 5000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"555-{i:D4},Invalid {i}\n");
        }

        csv.Append(CultureInfo.InvariantCulture, $"{TestPhones.Us(1)},Valid\n");

        var import = await _driver.ImportAsync(csv.ToString(), ImportDriver.Settings(_vip.Id));

        Assert.Equal((5001, 1, 5000), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected));
        var report = await _driver.Client.GetAsync($"/imports/{import.Id}/rejected.csv");
        var lines = (await report.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5001, lines.Length);
        Assert.StartsWith("2,555-0000,", lines[1]);
        Assert.StartsWith("5001,555-4999,", lines[^1]);
    }

    [Fact]
    public async Task Import_RejectsRowsWithBadValues_AndSaysWhich()
    {
        var csv = $"""
            Phone,Email,Birthday,Notes
            {TestPhones.Us(1)},ok@example.com,1990-02-03,fine
            {TestPhones.Us(2)},not an email,1990-02-03,
            {TestPhones.Us(3)},,31/12/1990,
            {TestPhones.Us(4)},,1990-12-31,
            ,,,
            {TestPhones.Us(5)},,,{new string('x', 501)}

            """;

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id), new() { [3] = await NotesKeyAsync() });

        // Line 6 (",,,", every cell empty) is a blank line, not a row.
        Assert.Equal((5, 2, 3, 1), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.BlankLines));
        Assert.Equal(
            [
                (3L, "Email: \"not an email\" is not an email address. Enter one like name@example.com."),
                (4L, "Birthday: \"31/12/1990\" is not a real date. Enter the birthday as year-month-day, e.g. 1990-04-23."),
                (7L, "Notes: Keep it to 500 characters."),
            ],
            await RejectedAsync(import.Id));
        Assert.Equal(new DateOnly(1990, 12, 31), (await ContactsAsync())[TestPhones.Us(4)].Birthday);
    }

    [Fact]
    public async Task Import_ReadsCellsOurExportsGuardedAgainstFormulas_AsTheyWere()
    {
        var csv = $"Phone,First Name,Notes\n{TestPhones.Us(1)},'=Ann,'-5 apples\n";

        await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id), new() { [2] = await NotesKeyAsync() });

        var contact = (await ContactsAsync())[TestPhones.Us(1)];
        Assert.Equal(("=Ann", "-5 apples"), (contact.FirstName, contact.CustomFieldValues.Single().Value));
    }

    [Fact]
    public async Task Import_OfTheSameNumberTwice_MakesOneContact_FromTheLastRow_AndCountsTheEarlierAsDuplicate()
    {
        var csv = $"Phone,First Name\n{TestPhones.UsTyped(1)},First\n{TestPhones.Us(2)},Other\n+1 {TestPhones.Us(1)[2..]},Last\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));

        Assert.Equal((3, 2, 0, 1), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.Duplicates));
        Assert.Equal("Last", (await ContactsAsync())[TestPhones.Us(1)].FirstName);
        Assert.Equal([(2L, ImportFileReader.DuplicateReason)], await RejectedAsync(import.Id));
    }

    [Theory]
    [InlineData(DateOrder.MonthDayYear, "04/23/1990", "12/31/2025", "23/04/1990", "Month/day/year (04/23/1990)")]
    [InlineData(DateOrder.DayMonthYear, "23.04.1990", "31/12/2025", "04/23/1990", "Day/month/year (23/04/1990)")]
    public async Task Import_ReadsDatesInTheOrderChosen_AndRejectsThoseThatDoNotFit(DateOrder order, string birthday, string renewal, string misfit, string shown)
    {
        var renewalField = await _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = _code.Id, Name = "Renewal Date", Type = CustomFieldType.Date, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field.Id;
        });
        var csv = $"""
            Phone,Birthday,Renewal Date
            {TestPhones.Us(1)},{birthday},{renewal}
            {TestPhones.Us(2)},1990-04-23,2025-12-31
            {TestPhones.Us(3)},{misfit},

            """;
        var settings = ImportDriver.Settings(_vip.Id);
        settings["DateOrder"] = order.ToString();

        var import = await _driver.ImportAsync(csv, settings);

        Assert.Equal((3, 2, 1), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected));
        var contacts = await ContactsAsync();
        foreach (var phone in new[] { TestPhones.Us(1), TestPhones.Us(2) })
        {
            Assert.Equal(new DateOnly(1990, 4, 23), contacts[phone].Birthday);
            Assert.Equal("2025-12-31", contacts[phone].CustomFieldValues.Single(v => v.FieldId == renewalField).Value);
        }

        var (line, reason) = Assert.Single(await RejectedAsync(import.Id));
        Assert.Equal(4L, line);
        Assert.StartsWith($"Birthday: \"{misfit}\" is not a real date. Enter the birthday as {shown[..shown.IndexOf(' ')].ToLowerInvariant()}", reason);
        var page = await _driver.Client.GetPageAsync($"/imports/{import.Id}");
        var row = page.QuerySelectorAll("table[aria-label='List Import Settings'] tr").Single(tr => tr.QuerySelector("th")!.TextContent.Trim() == "Dates in the file");
        Assert.Equal(shown, row.QuerySelector("td")!.TextContent.Trim());
    }

    [Fact]
    public async Task ImportSettings_OfferTheDateOrders_YearMonthDayFirst()
    {
        var importId = await _driver.UploadOkAsync("dates.csv", Encoding.UTF8.GetBytes($"Phone,Birthday\n{TestPhones.Us(1)},04/23/1990\n"));
        var page = await _driver.Client.GetPageAsync($"/imports/{importId}/settings");

        var select = page.QuerySelector("select#DateOrder")!;
        Assert.Equal("Dates in the file", page.QuerySelector("label[for=DateOrder]")!.TextContent.Trim());
        Assert.Equal(
            ["Year-month-day (1990-04-23)", "Month/day/year (04/23/1990)", "Day/month/year (23/04/1990)"],
            select.QuerySelectorAll("option").Select(o => o.TextContent.Trim()));
        Assert.Equal(nameof(DateOrder.YearMonthDay), select.QuerySelector("option[selected]")!.GetAttribute("value"));

        var refused = await _driver.SettingsAsync(importId, new(ImportDriver.Settings(_vip.Id)) { ["DateOrder"] = "7" });
        Assert.Equal(System.Net.HttpStatusCode.OK, refused.StatusCode);
        var shownAgain = await TestClient.ReadAsync(refused);
        Assert.Equal("The value '7' is invalid.", shownAgain.QuerySelector("#DateOrder ~ .text-danger")?.TextContent.Trim());
        Assert.Equal(ImportStatus.Draft, (await _driver.RecordAsync(importId)).Status);
    }

    private async Task<string> NotesKeyAsync() =>
        "custom:" + await _app.WithDbAsync(db => db.CustomFields.Where(f => f.SenderCodeId == _code.Id && f.Name == "Notes").Select(f => f.Id).SingleAsync());
}
