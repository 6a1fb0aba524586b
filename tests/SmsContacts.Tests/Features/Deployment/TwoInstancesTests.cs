using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using MimeKit;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Deployment;

/// <summary>
/// Two app processes on different ports against one embedded database, as two instances behind a
/// load balancer: what one does, the other sees, and each background job's work is done on one of them, once.
/// Both use the host name 127.0.0.1, so one browser's cookies go to either, as behind a balancer.
/// </summary>
public sealed class TwoInstancesTests : IAsyncLifetime
{
    private const string AdminEmail = "ops@example.com";
    private const string AdminPassword = "two-instances-pass";
    private const string PublicBaseUrl = "https://contacts.example.com";

    private readonly string _data = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "two-instances-" + Guid.NewGuid().ToString("N"));
    private AppProcess _first = null!;
    private AppProcess _second = null!;

    public async Task InitializeAsync()
    {
        (string, string)[] settings =
        [
            ("Admin__Email", AdminEmail),
            ("Admin__Password", AdminPassword),
            ("App__PublicBaseUrl", PublicBaseUrl),
            ("Jobs__RunServer", "true"),
            ("Jobs__WorkerCount", "2"),
        ];
        _first = await AppProcess.StartAsync(_data, settings);
        _second = await AppProcess.StartAsync(_data, settings);
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_data, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    [Fact]
    public async Task TwoInstances_ShareSignIn_Forms_ImportProgress_AndExports_AndRunEachJobOnce()
    {
        var cookies = new CookieContainer();
        using var first = Client(_first, cookies);
        using var second = Client(_second, cookies);

        // Signed in on the first, the cookie works on the second: the data-protection keys live in the database.
        var signedIn = await first.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = AdminEmail, ["Password"] = AdminPassword });
        await ExpectAsync(HttpStatusCode.Redirect, signedIn);
        await ExpectAsync(HttpStatusCode.OK, (await second.GetAsync("/contacts")));

        // A form served by one instance is posted to the other: its anti-forgery token is valid there too.
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await first.GetPageAsync("/admin/sender-codes/new")).QuerySelector("main form")!;
        var saved = await second.SubmitAsync(form, new() { ["Code"] = "55123", ["Name"] = "Acme", ["CountryCode"] = "US", ["HelpText"] = "Acme: reply STOP to cancel." }, "/admin/sender-codes/new");
        await ExpectAsync(HttpStatusCode.Redirect, saved);
        var senderCodeId = int.Parse(saved.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);
        await ExpectAsync(HttpStatusCode.Redirect, (await first.SubmitFormAsync($"/admin/sender-codes/{senderCodeId}/lists/new", "main form", new() { ["Name"] = "VIP" })));
        var listId = (await second.GetPageAsync("/contacts")).QuerySelectorAll("#list-filter option").Single(o => o.TextContent == "VIP").GetAttribute("value")!;

        // An import started on the first instance is followed to the end on the second.
        var csv = new StringBuilder("Phone,Email,First Name\n");
        for (var i = 0; i < 3_000; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{TestPhones.UsTyped(i)},person{i}@example.com,Person {i}\n");
        }

        var wizard = new ImportDriver(null, first);
        var importId = await wizard.UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes(csv.ToString()));
        await ExpectAsync(HttpStatusCode.Redirect, (await wizard.SettingsAsync(importId, ImportDriver.Settings(int.Parse(listId, CultureInfo.InvariantCulture)))));
        await ExpectAsync(HttpStatusCode.Redirect, (await wizard.LayoutAsync(importId)));
        await ExpectAsync(HttpStatusCode.Redirect, (await wizard.ImportFromPreviewAsync(importId)));

        var watcher = new ImportDriver(null, second);
        var counts = await EventuallyAsync(async () =>
        {
            var status = await second.GetPageAsync($"/imports/{importId}");
            return status.QuerySelector("main")!.TextContent.Contains("Completed", StringComparison.Ordinal) ? await watcher.StatusCountsAsync(importId) : null;
        });
        Assert.Equal(3_000, counts["Processed"]);
        Assert.Equal(3_000, counts["Opted-in"]);
        Assert.Contains("3,000 subscriptions", (await second.GetPageAsync("/contacts")).QuerySelector("nav[aria-label=Pages]")!.TextContent);

        // An export requested on the second instance is emailed (as an .eml file in the shared data
        // folder) and its link downloads on the first.
        var requested = await second.SubmitFormAsync($"/exports/new?tab=contacts&list={listId}", "#configure-export", []);
        await ExpectAsync(HttpStatusCode.Redirect, requested);
        var link = await EventuallyAsync(() => Task.FromResult(DownloadLinkInMail()));
        Assert.StartsWith(PublicBaseUrl + "/", link, StringComparison.Ordinal);
        var download = await first.GetAsync(link[PublicBaseUrl.Length..]);
        await ExpectAsync(HttpStatusCode.OK, download);
        var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(1 + 3_000, lines.Length);

        // Each job's work was done once, on one instance or the other: 3,000 contacts each once (above), one export email.
        // The import's preview is a job of its own (the import job's PreviewAsync).
        // Hangfire delivers a job at least once: its SQLite storage can hand one job to two workers when the machine is
        // very busy (HangfireIO/Hangfire#1674), and it did here under load. The import claims each batch and the export
        // claims its record, so a second start of either finds nothing to do; that, not Hangfire's count, is the rule.
        var runs = JobRuns();
        bool Import(string job, string method) => job.Contains("ImportContactsJob", StringComparison.Ordinal) && job.Contains($"\"Method\":\"{method}\"", StringComparison.Ordinal);
        Assert.InRange(Assert.Single(runs, r => Import(r.Job, "PreviewAsync")).Runs, 1, 2);
        Assert.InRange(Assert.Single(runs, r => Import(r.Job, "RunAsync")).Runs, 1, 2);
        Assert.InRange(Assert.Single(runs, r => r.Job.Contains("ExportContactsJob", StringComparison.Ordinal)).Runs, 1, 2);
        Assert.Equal(1, Directory.GetFiles(Path.Combine(_data, "mail"), "*.eml").Count(m => (MimeMessage.Load(m).TextBody ?? "").Contains("/exports/download", StringComparison.Ordinal)));
    }

    /// <summary>A status check that shows what both instances logged when it fails.</summary>
    private async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage!.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}.\n" +
                $"Body: {(await response.Content.ReadAsStringAsync())[..Math.Min(500, (int)(response.Content.Headers.ContentLength ?? 500))]}\n" +
                $"First instance:\n{_first.Output}\nSecond instance:\n{_second.Output}");
        }
    }

    private async Task ExpectAsync(HttpStatusCode expected, Task<HttpResponseMessage> response) => await ExpectAsync(expected, await response);

    private static TestClient Client(AppProcess app, CookieContainer cookies) =>
        new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(app.BaseUrl) });

    /// <summary>The download link of the newest email the instances wrote to the shared mail folder.</summary>
    private string? DownloadLinkInMail()
    {
        var mail = Directory.GetFiles(Path.Combine(_data, "mail"), "*.eml").OrderBy(File.GetLastWriteTimeUtc).LastOrDefault();
        if (mail is null)
        {
            return null;
        }

        var body = MimeMessage.Load(mail).TextBody ?? "";
        return body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(word => word.StartsWith(PublicBaseUrl + "/exports/download", StringComparison.Ordinal));
    }

    /// <summary>How many times Hangfire started each job (its Processing states), read from the shared job storage.</summary>
    private List<(string Job, int Runs)> JobRuns()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "hangfire.db")};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT j.InvocationData, (SELECT COUNT(*) FROM State s WHERE s.JobId = j.Id AND s.Name = 'Processing') FROM Job j";
        using var reader = command.ExecuteReader();
        var runs = new List<(string, int)>();
        while (reader.Read())
        {
            runs.Add((reader.GetString(0), reader.GetInt32(1)));
        }

        return runs.Where(r => !r.Item1.Contains("Expired", StringComparison.Ordinal)).ToList();
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The instances did not get there within 2 minutes.");
    }
}
