using System.Net;
using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Drives the File Import wizard over HTTP the way a browser without script does, then runs the
/// background job in the test (the Hangfire server is off in tests) and reads the status page.
/// Without an in-process app (the app runs as separate processes), only the HTTP steps are available.
/// </summary>
public sealed class ImportDriver(AppFactory? inProcess, TestClient client)
{
    private AppFactory App => inProcess ?? throw new InvalidOperationException("This step needs the app in the test process.");

    public TestClient Client { get; } = client;

    /// <summary>Signs the admin in and switches them to <paramref name="senderCode"/>, as the navigation's picker does.</summary>
    public static async Task<ImportDriver> StartAsync(AppFactory app, SenderCode senderCode)
    {
        var client = await app.SignInAsync();
        var switched = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = senderCode.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        return new ImportDriver(app, client);
    }

    /// <summary>Step 1: posts the upload form, the anti-forgery token first as the page's form sends it.</summary>
    public async Task<HttpResponseMessage> UploadAsync(string fileName, byte[] content, bool sendLength = true)
    {
        var page = await Client.GetPageAsync("/imports/new");
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
        };
        HttpContent file = sendLength ? new ByteArrayContent(content) : new UnknownLengthContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        if (!sendLength)
        {
            return await Client.Http.PostAsync("/imports/upload", new UnknownLengthContent(await form.ReadAsByteArrayAsync(), form.Headers.ContentType!));
        }

        return await Client.Http.PostAsync("/imports/upload", form);
    }

    public async Task<Guid> UploadOkAsync(string fileName, byte[] content)
    {
        var response = await UploadAsync(fileName, content);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var location = response.Headers.Location!.OriginalString;
        return Guid.Parse(location.Split('/')[2]);
    }

    public Task<HttpResponseMessage> SettingsAsync(Guid importId, Dictionary<string, string> fields) =>
        Client.SubmitFormAsync($"/imports/{importId}/settings", "#settings-form", fields);

    public async Task<IDocument> LayoutPageAsync(Guid importId) => await Client.GetPageAsync($"/imports/{importId}/layout");

    /// <summary>Step 3 with the pre-mapped layout, changed where <paramref name="columns"/> says (index → field key).</summary>
    public Task<HttpResponseMessage> LayoutAsync(Guid importId, Dictionary<int, string>? columns = null) =>
        Client.SubmitFormAsync($"/imports/{importId}/layout", "#layout-form",
            (columns ?? []).ToDictionary(c => $"Columns[{c.Key}]", c => c.Value));

    /// <summary>
    /// Runs what the wizard queued to the end: for a draft (step 3 queued its Preview), the preview job, then Import on the
    /// Preview page (<see cref="ImportFromPreviewAsync"/>); then the import job.
    /// </summary>
    public async Task RunJobAsync(Guid importId, CancellationToken ct = default)
    {
        if ((await RecordAsync(importId)).Status == ImportStatus.Draft)
        {
            var started = await ImportFromPreviewAsync(importId);
            Assert.True(started.StatusCode == HttpStatusCode.Redirect, $"Import answered {(int)started.StatusCode}: {await started.Content.ReadAsStringAsync()}");
        }

        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().RunAsync(importId, ct);
    }

    /// <summary>Runs the preview job step 3 queued (in the test process).</summary>
    public async Task RunPreviewAsync(Guid importId, CancellationToken ct = default)
    {
        await using var scope = App.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().PreviewAsync(importId, ct);
    }

    /// <summary>
    /// Step 4: waits for the Preview (runs its job here when the app is in the test process; else polls the page while the
    /// app's own job runs it), then posts its Import form.
    /// </summary>
    public async Task<HttpResponseMessage> ImportFromPreviewAsync(Guid importId)
    {
        if (inProcess is not null)
        {
            await RunPreviewAsync(importId);
        }

        for (var attempt = 0; ; attempt++)
        {
            var page = await PreviewPageAsync(importId);
            if (page.QuerySelector("#preview-import-form") is not null)
            {
                return await Client.SubmitFormAsync(page, "#preview-import-form", []);
            }

            Assert.True(inProcess is null && attempt < 600, $"The preview did not complete: {page.QuerySelector("#preview-state")?.TextContent}");
            await Task.Delay(100);
        }
    }

    public async Task<IDocument> PreviewPageAsync(Guid importId) => await Client.GetPageAsync($"/imports/{importId}/preview");

    /// <summary>The Preview counts table: outcome key (data-count) → number.</summary>
    public async Task<Dictionary<string, int>> PreviewCountsAsync(Guid importId) =>
        (await PreviewPageAsync(importId)).QuerySelectorAll("table.preview-counts td[data-count]").ToDictionary(
            td => td.GetAttribute("data-count")!,
            td => int.Parse(td.TextContent.Trim().Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Upload, settings, layout, preview, Import, then the job: returns the import as the database has it afterwards.</summary>
    public async Task<ImportRecord> ImportAsync(string csv, Dictionary<string, string> settings, Dictionary<int, string>? columns = null, string fileName = "contacts.csv", Encoding? encoding = null)
    {
        var importId = await UploadOkAsync(fileName, (encoding ?? new UTF8Encoding(false)).GetBytes(csv));
        var saved = await SettingsAsync(importId, settings);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, $"Settings answered {(int)saved.StatusCode}: {await saved.Content.ReadAsStringAsync()}");
        var previewed = await LayoutAsync(importId, columns);
        Assert.True(previewed.StatusCode == HttpStatusCode.Redirect, $"Layout answered {(int)previewed.StatusCode}: {await previewed.Content.ReadAsStringAsync()}");
        await RunJobAsync(importId);
        return await RecordAsync(importId);
    }

    public Task<ImportRecord> RecordAsync(Guid importId) =>
        App.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));

    /// <summary>The Contact Import Status table: label → number.</summary>
    public async Task<Dictionary<string, int>> StatusCountsAsync(Guid importId)
    {
        var page = await Client.GetPageAsync($"/imports/{importId}");
        return page.QuerySelectorAll("table.import-counts tr").ToDictionary(
            tr => tr.QuerySelector("th")!.TextContent.Trim(),
            tr => int.Parse(tr.QuerySelector("td")!.TextContent.Trim().Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture));
    }

    public static Dictionary<string, string> Settings(int listId, ImportAction action = ImportAction.AddOrUpdate, FieldUpdateMode mode = FieldUpdateMode.Update) => new()
    {
        ["Action"] = action.ToString(),
        ["ListId"] = action == ImportAction.OptOut ? "" : listId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["FieldUpdateMode"] = mode.ToString(),
    };

    /// <summary>A body without Content-Length, as a client streaming a file of unknown size sends it (chunked).</summary>
    private sealed class UnknownLengthContent : HttpContent
    {
        private readonly byte[] _content;

        public UnknownLengthContent(byte[] content, MediaTypeHeaderValue? type = null)
        {
            _content = content;
            if (type is not null)
            {
                Headers.ContentType = type;
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_content).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
