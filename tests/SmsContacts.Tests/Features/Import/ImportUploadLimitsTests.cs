using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// What the upload and the layout read is bounded by what they need: the form's parts beside the file a few KB each (a
/// 150 MB "token" is refused after its first KB, not buffered), and the layout's choices one value, so a file of 10,000
/// columns can be imported, and a wider one is told the maximum.
/// </summary>
public sealed class ImportUploadLimitsTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>, IAsyncLifetime
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

    [Theory]
    [InlineData("__RequestVerificationToken")]
    [InlineData("anything")]
    public async Task AHugeFormFieldBeforeTheFile_IsRefused_AfterItsFirstKilobytes(string name)
    {
        var field = new StreamedPart(name, 150L * 1024 * 1024);

        var response = await _driver.Client.Http.PostAsync("/imports/upload", field);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await TestClient.ReadAsync(response);
        Assert.Equal("A field of the upload form is larger than 4 KB. Send the file from the upload form.", page.QuerySelector("#upload-error")!.TextContent.Trim());

        // The server stopped reading: the client could send only what the transport buffers, not the 150 MB.
        Assert.True(field.BytesSent < 16L * 1024 * 1024, $"The server let the client send {field.BytesSent:N0} bytes.");
        Assert.Equal(0, await ImportsOfThisSenderCodeAsync());
    }

    [Fact]
    public async Task AFormOfManyFieldsBeforeTheFile_IsRefused()
    {
        var page = await _driver.Client.GetPageAsync("/imports/new");
        var form = new MultipartFormDataContent { { new StringContent(page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" } };
        for (var i = 0; i < ImportUpload.MaxFields; i++)
        {
            form.Add(new StringContent("x"), $"field{i}");
        }

        form.Add(new ByteArrayContent(Encoding.UTF8.GetBytes($"Phone\n{TestPhones.Us(1)}\n")), "file", "a.csv");

        var response = await _driver.Client.Http.PostAsync("/imports/upload", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await ImportsOfThisSenderCodeAsync());
    }

    [Fact]
    public async Task AFileOfTenThousandColumns_IsImported_ItsLayoutPostedAsOneValue()
    {
        const int columns = ImportWizard.MaxColumns;
        var csv = new StringBuilder("Phone,First Name");
        for (var c = 3; c <= columns; c++)
        {
            csv.Append(",Col").Append(c);
        }

        csv.Append('\n');
        for (var n = 1; n <= 3; n++)
        {
            csv.Append(TestPhones.Us(n)).Append(",Wide").Append(n).Append(string.Concat(Enumerable.Repeat(",v", columns - 2))).Append('\n');
        }

        var importId = await _driver.UploadOkAsync("wide.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, (await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id))).StatusCode);
        var layout = await _driver.LayoutPageAsync(importId);
        Assert.Equal(columns, layout.QuerySelectorAll("#layout-form select").Length);
        Assert.Contains("Turn on JavaScript to import it", layout.QuerySelector("#layout-noscript")!.TextContent, StringComparison.Ordinal);

        // As the page's script posts it: the token, the settings stamp and one value for every column.
        var mapping = Enumerable.Repeat("", columns).ToArray();
        mapping[0] = ImportFields.PhoneKey;
        mapping[1] = "first_name";
        var response = await _driver.Client.Http.PostAsync($"/imports/{importId}/layout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = layout.QuerySelector("#layout-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
            ["SettingsStamp"] = layout.QuerySelector("#layout-form input[name=SettingsStamp]")!.GetAttribute("value")!,
            ["Mapping"] = JsonSerializer.Serialize(mapping),
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await _driver.RunJobAsync(importId);
        var import = await _driver.RecordAsync(importId);
        Assert.Equal((ImportStatus.Completed, 3, 3, 0), (import.Status, import.Counts.Processed, import.Counts.OptedIn, import.Counts.WarningRows));
        var names = await _app.WithDbAsync(db => db.Contacts.Where(c => c.SenderCodeId == _code.Id).OrderBy(c => c.Phone).Select(c => c.FirstName).ToListAsync());
        Assert.Equal(["Wide1", "Wide2", "Wide3"], names);
    }

    [Fact]
    public async Task ALayoutPostedAsOneValue_IsCheckedLikeTheDropdowns()
    {
        var importId = await _driver.UploadOkAsync("a.csv", Encoding.UTF8.GetBytes($"Phone,First Name\n{TestPhones.Us(1)},Ann\n"));
        await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));

        foreach (var (mapping, message) in new[]
        {
            ("[\"phone\"]", "Choose a field (or Do not import) for every column."),
            ("not json", "Choose a field (or Do not import) for every column."),
            ("[\"first_name\",\"first_name\"]", "Map one column to Phone Number: every contact needs one."),
            ("[\"phone\",\"custom:999999\"]", "\"custom:999999\" is not a field of this sender code."),
        })
        {
            var response = await _driver.Client.SubmitFormAsync($"/imports/{importId}/layout", "#layout-form", new() { ["Mapping"] = mapping });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(message, (await TestClient.ReadAsync(response)).QuerySelectorAll(".alert-danger").Select(a => a.TextContent.Trim()));
            Assert.Equal(ImportStatus.Draft, (await _driver.RecordAsync(importId)).Status);
        }
    }

    [Fact]
    public async Task AFileWiderThanTheMaximum_IsToldTheMaximum()
    {
        var header = string.Join(',', Enumerable.Range(1, ImportWizard.MaxColumns + 1).Select(c => c == 1 ? "Phone" : $"Col{c}"));
        var importId = await _driver.UploadOkAsync("wider.csv", Encoding.UTF8.GetBytes($"{header}\n{TestPhones.Us(1)}\n"));

        var response = await _driver.SettingsAsync(importId, ImportDriver.Settings(_vip.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The file has 10,001 columns; File Import takes up to 10,000.", (await TestClient.ReadAsync(response)).Body!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A multipart body whose first part, before any file, is <paramref name="bytes"/> long, produced as the server reads it.</summary>
    private sealed class StreamedPart : HttpContent
    {
        private const string Boundary = "----import-limits-boundary";
        private readonly byte[] _head;
        private readonly long _bytes;

        public StreamedPart(string name, long bytes)
        {
            _bytes = bytes;
            _head = Encoding.ASCII.GetBytes($"--{Boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n");
            Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={Boundary}");
        }

        public long BytesSent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            try
            {
                await stream.WriteAsync(_head);
                var chunk = Enumerable.Repeat((byte)'A', 64 * 1024).ToArray();
                for (var left = _bytes; left > 0; left -= chunk.Length)
                {
                    await stream.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, left)));
                    BytesSent += chunk.Length;
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes($"\r\n--{Boundary}--\r\n"));
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
            {
                // The server answered without reading the rest.
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = _head.Length + _bytes + $"\r\n--{Boundary}--\r\n".Length;
            return true;
        }
    }
}
