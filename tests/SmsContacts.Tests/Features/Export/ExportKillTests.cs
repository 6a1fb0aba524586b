using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using MimeKit;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Export;

/// <summary>
/// The app as an operator runs it (a separate process, its own Hangfire server, a real SMTP server), killed
/// with SIGKILL at each stage of an export: before the file, in the middle of the file, after the file and
/// before the email, after the email and before the export is marked sent, and after it finished. After each
/// restart the export either completes once or says what happened, there is never a second file or a second
/// email, and no file is left that nobody can download. A Hangfire job delivered again (as after its
/// invisibility timeout) finds nothing to do.
/// </summary>
public sealed partial class ExportKillTests : IAsyncLifetime
{
    private const string AdminEmail = "ops@example.com";
    private const string AdminPassword = "kill-tests-password";
    private const int Contacts = 60_000;

    private readonly string _data = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "export-kill-" + Guid.NewGuid().ToString("N"));
    private readonly CookieContainer _cookies = new();
    private readonly InProcessSmtpServer _smtp;
    private Func<Task>? _onEmail;
    private AppProcess? _app;

    public ExportKillTests() => _smtp = new InProcessSmtpServer(_ => _onEmail?.Invoke() ?? Task.CompletedTask);

    private string Exports => Path.Combine(_data, "exports");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_data);
        var seed = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        seed.ArgumentList.Add(AppProcess.AppDll("Debug"));
        foreach (var argument in new[] { "seed-demo", "--contacts", Contacts.ToString(CultureInfo.InvariantCulture) })
        {
            seed.ArgumentList.Add(argument);
        }

        seed.WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(seed.ArgumentList[0])!, "..", "..", ".."));
        foreach (var (key, value) in Settings(_smtp.Port))
        {
            seed.Environment[key] = value;
        }

        seed.Environment["Storage__DataDirectory"] = _data;
        seed.Environment["Serilog__MinimumLevel__Default"] = "Warning";

        using var process = Process.Start(seed)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"seed-demo failed: {await output}{await errors}");
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        await _smtp.DisposeAsync();
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
    public async Task KilledAtEveryStage_EachExportCompletesOnceOrSaysWhatHappened_WithNoSecondFileOrEmail()
    {
        // Before the file: asked for on an instance without a job server, which is killed; its Hangfire job is lost too.
        await StartAsync(runJobs: false);
        var beforeFile = await RequestAsync();
        await KillAsync();
        Hangfire("DELETE FROM JobQueue; DELETE FROM State; DELETE FROM Job;");
        await StartAsync();
        var first = await WaitForAsync(beforeFile, ExportStatus.Completed);
        Assert.Single(_smtp.Messages);
        await AssertDownloadsAsync(_smtp.Messages.Last(), first.Rows);

        // In the middle of the file: frozen (SIGSTOP) when its unfinished file has rows, then killed.
        var midFile = await RequestAsync();
        await FreezeWhenAsync(() => Status(midFile).Status == ExportStatus.Running && PartialLength(midFile) > 0);
        await KillAsync();
        Assert.True(File.Exists(Partial(midFile)), "The kill came after the file was complete.");
        await StartAsync();
        var interrupted = await WaitForAsync(midFile, ExportStatus.Failed);
        Assert.StartsWith("Interrupted: the app stopped while this export was being written", interrupted.Error);
        Assert.False(File.Exists(Partial(midFile)) || File.Exists(Final(midFile)));
        Assert.Single(_smtp.Messages);

        // Hangfire delivers the killed run's job again (its invisibility timeout, shortened here): nothing happens.
        var killedJob = HangfireScalar("SELECT JobId FROM JobQueue");
        Hangfire("UPDATE JobQueue SET FetchedAt = 1;");
        await EventuallyAsync(() => HangfireScalar("SELECT COUNT(*) FROM JobQueue") == 0, "the job delivered again did not run: " + HangfireDump());
        Assert.Equal(2, HangfireScalar($"SELECT COUNT(*) FROM State WHERE JobId = {killedJob} AND Name = 'Processing'"));
        Assert.Equal(1, HangfireScalar($"SELECT COUNT(*) FROM Job WHERE Id = {killedJob} AND StateName = 'Succeeded'"));
        Assert.Equal(ExportStatus.Failed, Status(midFile).Status);
        Assert.Single(_smtp.Messages);

        // Retry from the exports page: a new export, which completes.
        var retried = await RetryAsync(midFile);
        await WaitForAsync(retried, ExportStatus.Completed);
        Assert.Equal(2, _smtp.Messages.Count);

        // After the file, before the email: the mail server takes the connection and never answers.
        await KillAsync();
        using (var silent = new SilentServer())
        {
            await StartAsync(smtpPort: silent.Port);
            var afterFile = await RequestAsync();
            await EventuallyAsync(() => File.Exists(Final(afterFile)) && silent.Connections > 0, "the export did not reach its email");
            await KillAsync();
            await StartAsync();
            var failed = await WaitForAsync(afterFile, ExportStatus.Failed);
            Assert.StartsWith("Interrupted", failed.Error);
            Assert.False(File.Exists(Final(afterFile)) || File.Exists(Partial(afterFile)));
            Assert.Equal(2, _smtp.Messages.Count);
        }

        // After the email, before the export is marked sent: the mail server accepts the email only once the
        // database is locked, so the app cannot record it; then the app is killed.
        var locked = new TaskCompletionSource<SqliteConnection>(TaskCreationOptions.RunContinuationsAsynchronously);
        _onEmail = () =>
        {
            _onEmail = null;
            locked.SetResult(LockDatabase());
            return Task.CompletedTask;
        };
        var afterEmail = await RequestAsync();
        await using (var lockHolder = await locked.Task.WaitAsync(TimeSpan.FromMinutes(2)))
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.Equal(ExportStatus.Sending, Status(afterEmail).Status);
            await KillAsync();
        }

        await StartAsync();
        var unconfirmed = await WaitForAsync(afterEmail, ExportStatus.Completed);
        Assert.True(unconfirmed.EmailUnconfirmed);
        Assert.Equal(3, _smtp.Messages.Count);
        await AssertDownloadsAsync(_smtp.Messages.Last(), unconfirmed.Rows);
        using (var client = Client())
        {
            var row = (await client.GetPageAsync("/exports")).QuerySelector($"tr[data-export-id='{afterEmail}']")!;
            Assert.Contains("may not have arrived", row.TextContent);
        }

        // After it finished: a restart changes nothing, and nothing is sent again.
        await KillAsync();
        await StartAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Equal(3, _smtp.Messages.Count);
        Assert.Equal((ExportStatus.Completed, true), (Status(afterEmail).Status, Status(afterEmail).EmailUnconfirmed));

        // Every file left is the file of an export whose link works; nothing unfinished.
        var completed = new[] { beforeFile, retried, afterEmail };
        Assert.Equal(completed.Select(ExportRuns.FileName).Order(), Directory.GetFiles(Exports).Select(Path.GetFileName).Order());
    }

    private static (string Key, string Value)[] Settings(int smtpPort) =>
    [
        ("Admin__Email", AdminEmail),
        ("Admin__Password", AdminPassword),
        ("App__PublicBaseUrl", "https://contacts.example.com"),
        ("Smtp__Host", "127.0.0.1"),
        ("Smtp__Port", smtpPort.ToString(CultureInfo.InvariantCulture)),
        ("Smtp__UseTls", "false"),
        ("Smtp__From", "SmsContacts <no-reply@contacts.example.com>"),
        ("Export__HeartbeatSeconds", "1"),
        ("Export__LeaseSeconds", "3"),
    ];

    private async Task StartAsync(bool runJobs = true, int? smtpPort = null)
    {
        _app = await AppProcess.StartAsync(_data, [.. Settings(smtpPort ?? _smtp.Port), ("Jobs__RunServer", runJobs ? "true" : "false")]);
    }

    /// <summary>SIGKILL: nothing of the app runs after it, no finally block, no shutdown.</summary>
    private async Task KillAsync()
    {
        await _app!.DisposeAsync();
        _app = null;
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Stops the app (SIGSTOP) again and again until the condition holds while it stands still; leaves it stopped.</summary>
    private async Task FreezeWhenAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            Assert.Equal(0, Signal(_app!.ProcessId, SigStop));
            if (condition())
            {
                return;
            }

            Assert.Equal(0, Signal(_app.ProcessId, SigCont));
            Assert.True(DateTime.UtcNow < deadline, "The export never reached the stage.");
            await Task.Delay(3);
        }
    }

    private async Task<Guid> RequestAsync()
    {
        using var client = Client();
        var before = Newest();
        var response = await client.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Export was not queued: {(int)response.StatusCode}\n{_app!.Output}");
        var id = Newest();
        Assert.NotEqual(before, id);
        return id!.Value;
    }

    private async Task<Guid> RetryAsync(Guid exportId)
    {
        using var client = Client();
        var page = await client.GetPageAsync("/exports");
        var before = Newest();
        var response = await client.SubmitFormAsync(page, $"tr[data-export-id='{exportId}'] form", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var id = Newest();
        Assert.NotEqual(before, id);
        return id!.Value;
    }

    private TestClient Client()
    {
        var client = new TestClient(new HttpClient(new HttpClientHandler { CookieContainer = _cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(_app!.BaseUrl) });
        if (_cookies.Count == 0)
        {
            var signIn = client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = AdminEmail, ["Password"] = AdminPassword }).GetAwaiter().GetResult();
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        }

        return client;
    }

    private async Task AssertDownloadsAsync(MimeMessage email, int rows)
    {
        var link = new Uri(LinkPattern().Match(email.TextBody ?? "").Value);
        using var client = Client();
        var download = await client.GetAsync(link.PathAndQuery);
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(rows, CsvFile.Parse(await download.Content.ReadAsByteArrayAsync()).Rows.Count);
    }

    private sealed record ExportState(ExportStatus Status, int Rows, string? Error, bool EmailUnconfirmed);

    private async Task<ExportState> WaitForAsync(Guid exportId, ExportStatus status)
    {
        await EventuallyAsync(() => Status(exportId).Status == status, $"export {exportId} did not become {status}; it is {Status(exportId)}");
        return Status(exportId);
    }

    private ExportState Status(Guid exportId)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Status, RowCount, Error, EmailUnconfirmed FROM Exports WHERE Id = $id";
        command.Parameters.AddWithValue("$id", exportId.ToString().ToUpperInvariant());
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"No export {exportId}");
        return new ExportState((ExportStatus)reader.GetInt32(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3));
    }

    private Guid? Newest()
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id FROM Exports ORDER BY CreatedUtc DESC LIMIT 1";
        return command.ExecuteScalar() is string id ? Guid.Parse(id) : null;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "smscontacts.db")};Pooling=False");
        connection.Open();
        return connection;
    }

    /// <summary>Takes the database's write lock and keeps it until the connection is disposed.</summary>
    private SqliteConnection LockDatabase()
    {
        var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return connection;
    }

    private void Hangfire(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "hangfire.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private long HangfireScalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "hangfire.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private string HangfireDump()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_data, "hangfire.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT 'queue', Id, JobId, Queue, FetchedAt FROM JobQueue UNION ALL SELECT 'job', Id, StateName, substr(InvocationData, 1, 80), CreatedAt FROM Job";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        }

        return string.Join("\n", rows);
    }

    private string Final(Guid exportId) => Path.Combine(Exports, ExportRuns.FileName(exportId));

    private string Partial(Guid exportId) => Final(exportId) + ExportRuns.PartialSuffix;

    private long PartialLength(Guid exportId) => File.Exists(Partial(exportId)) ? new FileInfo(Partial(exportId)).Length : 0;

    private async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Within 2 minutes, {what}.\n{_app?.Output}");
            await Task.Delay(50);
        }
    }

    private const int SigCont = 18;
    private const int SigStop = 19;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in the test project; one call of kill(2) does not.
    private static extern int Signal(int pid, int signal);
#pragma warning restore SYSLIB1054

    [GeneratedRegex(@"https?://\S+/exports/download\?token=\S+")]
    private static partial Regex LinkPattern();

    /// <summary>A mail server that takes connections and never says a word.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];
        private int _connections;

        public SilentServer()
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                try
                {
                    while (true)
                    {
                        var client = await _listener.AcceptTcpClientAsync();
                        lock (_clients)
                        {
                            _clients.Add(client);
                        }

                        Interlocked.Increment(ref _connections);
                    }
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Stopped.
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public int Connections => Volatile.Read(ref _connections);

        public void Dispose()
        {
            _listener.Stop();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
        }
    }
}
