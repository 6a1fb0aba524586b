using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>The three steps of the File Import wizard, the Contact Import Status page, the history and the report of rejected rows.</summary>
/// <remarks>One app for the class (each app host holds file watchers, a limited resource); each test works in a sender code of its own.</remarks>
public sealed class ImportWizardTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ImportDriver _driver = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _driver = await ImportDriver.StartAsync(_app, _code);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<int> ImportsOfThisSenderCodeAsync() => _app.WithDbAsync(db => db.Imports.CountAsync(i => i.SenderCodeId == _code.Id));

    private int StoredFiles() => Directory.GetFiles(Path.Combine(_app.DataDirectory, "imports")).Length;

    [Fact]
    public async Task Dashboard_AddContacts_LeadsToFileImport_AndTheContactsMenuToTheImportHistory()
    {
        var page = await _driver.Client.GetPageAsync("/contacts");

        var addContacts = page.QuerySelectorAll("button.dropdown-toggle").Single(b => b.TextContent.Trim() == "Add Contacts");
        var fileImport = addContacts.ParentElement!.QuerySelectorAll("a").Single(a => a.TextContent.Trim() == "File Import");
        Assert.Equal("/imports/new", fileImport.GetAttribute("href"));
        Assert.Contains(page.QuerySelectorAll("header a.dropdown-item"), a => a.TextContent.Trim() == "Imports" && a.GetAttribute("href") == "/imports");
        await _driver.Client.GetPageAsync("/imports/new");
    }

    [Fact]
    public async Task Upload_StoresTheFileInTheDataFolderUnderAGeneratedName()
    {
        var importId = await _driver.UploadOkAsync("my contacts.csv", Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(1)}\n"));

        var import = await _driver.RecordAsync(importId);
        Assert.Equal(("my contacts.csv", ImportStatus.Draft, $"{importId:N}.upload"), (import.OriginalFileName, import.Status, import.StoredFileName));
        Assert.True(File.Exists(Path.Combine(_app.DataDirectory, "imports", import.StoredFileName)));
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.Client.GetAsync("/" + import.StoredFileName)).StatusCode);
    }

    [Theory]
    [InlineData(";", "semicolon", "utf-8")]
    [InlineData("\t", "tab", "utf-16")]
    [InlineData("|", "pipe", "windows-1252")]
    [InlineData(",", "comma", "utf-16BE")]
    public async Task Upload_DetectsTheDelimiterAndTheEncoding(string delimiter, string delimiterName, string encodingName)
    {
        var csv = $"Phone{delimiter}First Name{delimiter}Last Name\n{TestPhones.Us(1)}{delimiter}Zoë{delimiter}Núñez\n{TestPhones.Us(2)}{delimiter}Ann{delimiter}Lee\n";
        var bytes = ImportEncodings.Get(encodingName).GetPreamble().Concat(ImportEncodings.Get(encodingName).GetBytes(csv)).ToArray();
        if (encodingName == "windows-1252")
        {
            bytes = ImportEncodings.Get(encodingName).GetBytes(csv);
        }

        var importId = await _driver.UploadOkAsync("contacts.txt", bytes);

        var settings = await _driver.Client.GetPageAsync($"/imports/{importId}/settings");
        Assert.Equal(delimiterName, ((AngleSharp.Html.Dom.IHtmlSelectElement)settings.QuerySelector("#Delimiter")!).Value);
        Assert.Equal(encodingName, ((AngleSharp.Html.Dom.IHtmlSelectElement)settings.QuerySelector("#Encoding")!).Value);
    }

    [Fact]
    public async Task Upload_OfAFileOverTheLimit_IsRefusedBeforeTheFileIsRead()
    {
        var page = await _driver.Client.GetPageAsync("/imports/new");
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var huge = new MultipartFileContent(token, "big.csv", 201L * 1024 * 1024);
        var files = StoredFiles();

        var response = await _driver.Client.Http.PostAsync("/imports/upload", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var answer = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal("The file is larger than the 200 MB limit. Split it into smaller files.", answer.QuerySelector("#upload-error")!.TextContent.Trim());
        Assert.True(huge.BytesSent < 16L * 1024 * 1024, $"The server let the client send {huge.BytesSent:N0} bytes.");
        Assert.Equal(files, StoredFiles());
        Assert.Equal(0, await ImportsOfThisSenderCodeAsync());
    }

    [Fact]
    public async Task Upload_WithoutAContentLength_StopsAtTheLimit_AndKeepsNothing()
    {
        await using var small = new AppFactory(new() { ["Import:MaxUploadBytes"] = "2048" });
        await small.Data.SenderCodeAsync();
        var driver = new ImportDriver(small, await small.SignInAsync());

        var response = await driver.UploadAsync("contacts.csv", new byte[5000], sendLength: false);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than the 2 KB limit", await response.Content.ReadAsStringAsync());
        Assert.Empty(Directory.GetFiles(Path.Combine(small.DataDirectory, "imports")));
    }

    [Theory]
    [InlineData("empty.csv", "", "\"empty.csv\" is empty.")]
    [InlineData("contacts.xlsx", "Phone\n", "\"contacts.xlsx\" is not a CSV or TXT file.")]
    public async Task Upload_RefusesWhatItCannotImport_AndSaysWhy(string fileName, string content, string message)
    {
        var response = await _driver.UploadAsync(fileName, Encoding.UTF8.GetBytes(content));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Equal(message, page.QuerySelector("#upload-error")!.TextContent.Trim());
    }

    [Fact]
    public async Task Upload_WithoutTheAntiForgeryToken_IsRefused()
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes("Phone\n")), "file", "a.csv" } };

        var response = await _driver.Client.Http.PostAsync("/imports/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await ImportsOfThisSenderCodeAsync());
    }

    [Fact]
    public async Task Settings_OfAFileWithOnlyAHeader_SayThereIsNothingToImport()
    {
        var importId = await _driver.UploadOkAsync("header.csv", Encoding.UTF8.GetBytes("Phone,Email\n"));

        var response = await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("The file has a header line and no rows below it: there are no contacts to import.", page.QuerySelector(".alert-danger")!.TextContent);
    }

    [Fact]
    public async Task Settings_NeedAList_ExceptToOptContactsOut()
    {
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(1)}\n"));

        var withoutList = await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id).Also(s => s["ListId"] = ""));
        Assert.Equal(HttpStatusCode.OK, withoutList.StatusCode);
        Assert.Contains("Choose the list to import the contacts to.", await withoutList.Content.ReadAsStringAsync());

        var optOut = await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id, ImportAction.OptOut));
        Assert.Equal(HttpStatusCode.Redirect, optOut.StatusCode);
    }

    [Fact]
    public async Task Settings_RefuseAListOfAnotherSenderCode()
    {
        var other = await fixture.NewSenderCodeAsync();
        var theirs = await _app.Data.ListAsync(other.Id, "Theirs");
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(1)}\n"));

        var response = await _driver.SettingsAsync(importId, ImportDriver.Settings(theirs.Id));

        Assert.Contains("That list is not a list of this sender code.", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Layout_PreMapsHeadersThatNameAField_AndShowsSampleValues()
    {
        await _app.WithDbAsync(async db =>
        {
            db.CustomFields.Add(new CustomFieldDefinition { SenderCodeId = _code.Id, Name = "Favorite Store", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
        var csv = $"Mobile,first_name,Last Name,E-mail,ZIP,DOB,favorite store,Notes\n{TestPhones.Us(1)},Ann,Lee,ann@example.com,10001,1990-01-02,Mall,hello\n{TestPhones.Us(2)},Bob,,,,,,\n";
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes(csv));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));

        var layout = await _driver.LayoutPageAsync(importId);

        var rows = layout.QuerySelectorAll("#layout-form tbody tr").Select(tr => (
            Header: tr.QuerySelector("th")!.TextContent.Trim(),
            Samples: tr.QuerySelectorAll(".sample-value").Select(s => s.TextContent.Trim()).ToList(),
            Selected: ((AngleSharp.Html.Dom.IHtmlSelectElement)tr.QuerySelector("select")!).SelectedOptions.Single().TextContent.Trim())).ToList();
        Assert.Equal(
            [("Mobile", "Phone Number"), ("first_name", "First Name"), ("Last Name", "Last Name"), ("E-mail", "Email"), ("ZIP", "Postal Code"), ("DOB", "Birthday"), ("favorite store", "Favorite Store"), ("Notes", "Do not import")],
            rows.Select(r => (r.Header, r.Selected)));
        Assert.Equal(["Ann", "Bob"], rows[1].Samples);
        Assert.All(layout.QuerySelectorAll("#layout-form select"), s => Assert.StartsWith("Profile field for column ", s.GetAttribute("aria-label")));
    }

    [Fact]
    public async Task Layout_WithoutColumnNames_NamesColumnsByNumber_AndFindsThePhoneColumnFromItsValues()
    {
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"Ann,{TestPhones.UsTyped(1)}\nBob,{TestPhones.UsTyped(2)}\n"));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id).Also(s => s["FirstLineHasColumnNames"] = "false"));

        var layout = await _driver.LayoutPageAsync(importId);

        Assert.Equal(["Column 1", "Column 2"], layout.QuerySelectorAll("#layout-form tbody th").Select(th => th.TextContent.Trim()));
        Assert.Equal(["", "phone"], layout.QuerySelectorAll("#layout-form select").Select(s => ((AngleSharp.Html.Dom.IHtmlSelectElement)s).Value));
        await _driver.LayoutAsync(importId);
        await _driver.RunJobAsync(importId);
        Assert.Equal(2, (await _driver.RecordAsync(importId)).Counts.OptedIn);
    }

    [Theory]
    [InlineData("", "", "Map one column to Phone Number: every contact needs one.")]
    [InlineData("phone", "phone", "Only one column can be the Phone Number.")]
    [InlineData("phone", "nonsense", "\"nonsense\" is not a field of this sender code.")]
    public async Task Layout_NeedsExactlyOnePhoneColumn(string first, string second, string message)
    {
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"A,B\n{TestPhones.Us(1)},{TestPhones.Us(2)}\n"));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));

        var response = await _driver.LayoutAsync(importId, new() { [0] = first, [1] = second });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains(page.QuerySelectorAll(".alert-danger"), a => a.TextContent.Trim() == message);
        Assert.Equal(ImportStatus.Draft, (await _driver.RecordAsync(importId)).Status);
    }

    [Fact]
    public async Task StatusPage_ShowsTheCountsAndTheListImportSettings()
    {
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(3), OptOutReason.StopKeyword, DateTime.UtcNow);
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(4), OptOutReason.Banned, DateTime.UtcNow);
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(5), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        var csv = $"Phone,Birthday\n{TestPhones.Us(1)},1990-05-01\n{TestPhones.Us(2)},31/12/1990\n{TestPhones.Us(3)},\n{TestPhones.Us(4)},\n{TestPhones.Us(5)},\nnope,\n";

        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id, mode: FieldUpdateMode.Append));

        var counts = await _driver.StatusCountsAsync(import.Id);
        Assert.Equal(
            new Dictionary<string, int>
            {
                ["Lines of the file"] = 7,
                ["Header lines"] = 1,
                ["Blank lines"] = 0,
                ["Records (Processed, below)"] = 6,
                ["Processed"] = 6,
                ["Opted-in"] = 1,
                ["Existing contacts whose fields were also updated"] = 0,
                ["Updated"] = 0,
                ["Unchanged"] = 1,
                ["Ignored"] = 2,
                ["Previously Opted-out"] = 1,
                ["Previously Banned"] = 1,
                ["Rejected"] = 2,
                ["Duplicates"] = 0,
                ["Rows imported with a warning"] = 0,
            },
            counts);
        var page = await _driver.Client.GetPageAsync($"/imports/{import.Id}");
        var settings = page.QuerySelectorAll("table[aria-label='List Import Settings'] tr").ToDictionary(tr => tr.QuerySelector("th")!.TextContent.Trim(), tr => tr.QuerySelector("td")!.TextContent.Trim());
        Assert.Equal(("VIP", "Add/Update contacts", "Append new fields"), (settings["List Name"], settings["Import Type"], settings["Field Update Type"]));
        Assert.Equal("Completed", page.QuerySelector("#import-progress")!.GetAttribute("data-status"));
    }

    [Fact]
    public async Task RejectedRows_DownloadAsCsv_WithLineNumberAndReason()
    {
        var csv = $"Phone,Email,First Name\n{TestPhones.Us(1)},ann@example.com,Ann\n=2+5,x@example.com,Eve\n{TestPhones.Us(2)},not-an-email,Bob\n";
        var import = await _driver.ImportAsync(csv, ImportDriver.Settings(_vip.Id));

        var response = await _driver.Client.GetAsync($"/imports/{import.Id}/rejected.csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("contacts-rejected-rows.csv", response.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            [
                "Line,Phone,Reason,Row",
                "3,'=2+5,\"\"\"=2+5\"\" contains \"\"=\"\" (U+003D), which is not part of a phone number.\",\"'=2+5,x@example.com,Eve\"",
                $"4,{TestPhones.Us(2)},\"Email: \"\"not-an-email\"\" is not an email address. Enter one like name@example.com.\",\"'{TestPhones.Us(2)},not-an-email,Bob\"",
            ],
            lines);
    }

    [Fact]
    public async Task History_ListsImportsOfTheSenderCode_WithWhoRanThemAndTheirCounts()
    {
        var import = await _driver.ImportAsync($"Phone\n{TestPhones.Us(1)}\nbad\n", ImportDriver.Settings(_vip.Id), fileName: "spring.csv");
        await _driver.UploadOkAsync("unfinished.csv", Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(2)}\n"));

        var page = await _driver.Client.GetPageAsync("/imports");

        var rows = page.QuerySelectorAll("table[aria-label='Import history'] tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        var row = Assert.Single(rows);
        Assert.Equal(["spring.csv", AppFactory.AdminEmail, "Add/Update contacts", "VIP", "Completed", "2", "1", "0", "0", "0", "0", "0", "1", "0", "CSV kept until Feb 18, 2027 12:00 PM UTC", "Undo import spring.csv"], row.Skip(1));
        Assert.Equal($"/imports/{import.Id}", page.QuerySelector("table[aria-label='Import history'] tbody a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task AnImportOfAnotherSenderCode_IsNotFound()
    {
        var import = await _driver.ImportAsync($"Phone\n{TestPhones.Us(1)}\n", ImportDriver.Settings(_vip.Id));
        var other = await fixture.NewSenderCodeAsync();
        await _driver.Client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = other.Id.ToString(CultureInfo.InvariantCulture) });

        Assert.Equal(HttpStatusCode.NotFound, (await _driver.Client.GetAsync($"/imports/{import.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _driver.Client.GetAsync($"/imports/{import.Id}/rejected.csv")).StatusCode);
    }

    [Fact]
    public async Task AFailedImport_SaysWhy_AndCanBeRetried()
    {
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(1)}\n"));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));
        await _driver.LayoutAsync(importId);
        await _driver.ImportFromPreviewAsync(importId);
        await _app.WithDbAsync(db => db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(i => i.SetProperty(x => x.ColumnMapping, "[\"email\"]")));
        await _driver.RunJobAsync(importId);

        var page = await _driver.Client.GetPageAsync($"/imports/{importId}");
        Assert.Equal("Failed", page.QuerySelector("#import-progress")!.GetAttribute("data-status"));
        Assert.Contains("No column is mapped to the phone number.", page.QuerySelector("#import-state")!.TextContent);

        await _app.WithDbAsync(db => db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(i => i.SetProperty(x => x.ColumnMapping, "[\"phone\"]")));
        var retried = await _driver.Client.SubmitFormAsync($"/imports/{importId}", "#import-progress form", []);
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        Assert.Equal(ImportStatus.Queued, (await _driver.RecordAsync(importId)).Status);
        await _driver.RunJobAsync(importId);
        Assert.Equal((ImportStatus.Completed, 1), ((await _driver.RecordAsync(importId)).Status, (await _driver.RecordAsync(importId)).Counts.OptedIn));
    }

    /// <summary>A multipart upload of <paramref name="fileBytes"/> zero bytes, produced as the server reads them.</summary>
    private sealed class MultipartFileContent : HttpContent
    {
        private const string Boundary = "----import-test-boundary";
        private readonly byte[] _head;
        private readonly byte[] _tail;
        private readonly long _fileBytes;

        public MultipartFileContent(string token, string fileName, long fileBytes)
        {
            _fileBytes = fileBytes;
            _head = Encoding.ASCII.GetBytes(
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n" +
                $"--{Boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{fileName}\"\r\nContent-Type: text/csv\r\n\r\n");
            _tail = Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n");
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        public long BytesSent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            try
            {
                await stream.WriteAsync(_head);
                var chunk = new byte[64 * 1024];
                for (var left = _fileBytes; left > 0; left -= chunk.Length)
                {
                    await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
                    BytesSent += chunk.Length;
                }

                await stream.WriteAsync(_tail);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The server answered without reading the rest; a browser stops sending too.
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _fileBytes + _tail.Length;
            return true;
        }
    }
}

internal static class DictionaryExtensions
{
    public static Dictionary<string, string> Also(this Dictionary<string, string> values, Action<Dictionary<string, string>> change)
    {
        change(values);
        return values;
    }
}
