using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Export;

/// <summary>
/// An export is written by one run at most, whatever runs its job (twice, at once, delivered again after a
/// recovery); a run that went silent is ended by the recovery with what happened in words, and no file is
/// left that nobody can download; Retry asks again, once, whatever the number of tabs.
/// In-process, on a real SQLite file and a real SMTP server; <see cref="ExportKillTests"/> kills real processes.
/// </summary>
public sealed partial class ExportRecoveryTests : IAsyncLifetime
{
    private readonly TaskCompletionSource _releaseEmail = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private InProcessSmtpServer _smtp = null!;
    private AppFactory _app = null!;
    private bool _holdEmails;

    public async Task InitializeAsync()
    {
        _smtp = new InProcessSmtpServer(_ => _holdEmails ? _releaseEmail.Task : Task.CompletedTask);
        _app = new AppFactory(_smtp.AppSettings());
        var code = await _app.Data.SenderCodeAsync("55123");
        var vip = await _app.Data.ListAsync(code.Id, "VIP");
        for (var i = 0; i < 5; i++)
        {
            await _app.Data.SubscribedAsync(code.Id, TestPhones.Us(i), ExportFixture.BaseTime, $"p{i}@example.com", SubscriptionStatus.Active, vip);
        }
    }

    public async Task DisposeAsync()
    {
        _releaseEmail.TrySetResult();
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private string Exports => Path.Combine(_app.DataDirectory, "exports");

    [Fact]
    public async Task Job_RunAgainAfterItFinished_WritesNoSecondFile_AndSendsNoSecondEmail()
    {
        var id = await RequestAsync();
        await RunAsync(id);
        var first = await ExportAsync(id);
        var written = File.GetLastWriteTimeUtc(Path.Combine(Exports, first.StoredFileName!));

        await RunAsync(id);

        var again = await ExportAsync(id);
        Assert.Equal((ExportStatus.Completed, first.CompletedUtc), (again.Status, again.CompletedUtc));
        Assert.Equal(first.TokenHash, again.TokenHash);
        Assert.Single(_smtp.Messages);
        Assert.Equal([ExportRuns.FileName(id)], Directory.GetFiles(Exports).Select(Path.GetFileName));
        Assert.Equal(written, File.GetLastWriteTimeUtc(Path.Combine(Exports, first.StoredFileName!)));
    }

    [Fact]
    public async Task Job_RunTwiceAtOnce_OneRunWritesAndSends_TheOtherFindsItTakenAndDoesNothing()
    {
        var id = await RequestAsync();
        _holdEmails = true;

        // The first run is held by the mail server after it stored the email and before it answers.
        var first = RunAsync(id);
        await EventuallyAsync(async () => _smtp.Messages.Count == 1);
        Assert.Equal(ExportStatus.Sending, (await ExportAsync(id)).Status);

        // As Hangfire would deliver the job again after its invisibility timeout, while the first still works.
        await RunAsync(id);
        Assert.Equal(ExportStatus.Sending, (await ExportAsync(id)).Status);

        _releaseEmail.SetResult();
        await first;
        Assert.Equal(ExportStatus.Completed, (await ExportAsync(id)).Status);
        Assert.Single(_smtp.Messages);
        Assert.Equal([ExportRuns.FileName(id)], Directory.GetFiles(Exports).Select(Path.GetFileName));
    }

    [Fact]
    public async Task Recovery_FailsASilentRunWithItsUnfinishedFile_SaysWhy_AndTheJobDeliveredAgainDoesNothing()
    {
        var id = await RequestAsync();
        var claimedAt = _app.Clock.GetUtcNow().UtcDateTime;

        // What a process killed while writing leaves: Running, a heartbeat that stopped, half a file.
        await WithRunsAsync(runs => runs.ClaimAsync(id, default));
        await File.WriteAllTextAsync(Path.Combine(Exports, ExportRuns.FileName(id) + ExportRuns.PartialSuffix), "Phone Number,List Name\n+1212");

        _app.Clock.Advance(TimeSpan.FromSeconds(59));
        await WithRunsAsync(runs => runs.RecoverInterruptedAsync(default));
        Assert.Equal(ExportStatus.Running, (await ExportAsync(id)).Status);

        // (The app's own recovery loop may get there first, woken by the same clock: either way, once.)
        _app.Clock.Advance(TimeSpan.FromSeconds(2));
        await WithRunsAsync(runs => runs.RecoverInterruptedAsync(default));

        var failed = await ExportAsync(id);
        Assert.Equal(ExportStatus.Failed, failed.Status);
        Assert.Equal(ExportRuns.Interrupted(claimedAt), failed.Error);
        Assert.Null(failed.TokenHash);
        Assert.Empty(Directory.GetFiles(Exports));

        // Hangfire delivers the dead run's job again half an hour later: it finds nothing to do.
        await RunAsync(id);
        Assert.Equal(ExportStatus.Failed, (await ExportAsync(id)).Status);
        Assert.Empty(_smtp.Messages);
        Assert.Empty(Directory.GetFiles(Exports));

        using var admin = await _app.SignInAsync();
        var row = (await admin.GetPageAsync("/exports")).QuerySelector($"tr[data-export-id='{id}']")!;
        Assert.Equal("Failed", row.QuerySelector(".badge")!.TextContent);
        Assert.Contains("No file was kept and no email was sent.", row.TextContent);
        Assert.Equal("Retry", row.QuerySelector("form button")!.TextContent);
    }

    [Fact]
    public async Task Recovery_OfASilentRunWhoseEmailWasOnItsWay_CompletesItUnconfirmed_AndItsLinkWorks()
    {
        var id = await RequestAsync();
        await WithRunsAsync(runs => runs.ClaimAsync(id, default));
        var (token, hash) = ExportLinks.NewToken();
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        await File.WriteAllTextAsync(Path.Combine(Exports, ExportRuns.FileName(id)), "Phone Number\n+12122000000\n");
        Assert.True(await WithRunsAsync(runs => runs.SendingAsync(id, 1, ExportRuns.FileName(id), hash, now, now + ExportLinks.Lifetime, default)));

        _app.Clock.Advance(TimeSpan.FromSeconds(61));
        await WithRunsAsync(runs => runs.RecoverInterruptedAsync(default));

        var export = await ExportAsync(id);
        Assert.Equal((ExportStatus.Completed, true), (export.Status, export.EmailUnconfirmed));
        using var admin = await _app.SignInAsync();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/exports/download?token={Uri.EscapeDataString(token)}")).StatusCode);
        var row = (await admin.GetPageAsync("/exports")).QuerySelector($"tr[data-export-id='{id}']")!;
        Assert.Contains("may not have arrived", row.TextContent);
        Assert.NotNull(row.QuerySelector("form[action$='/retry'] button"));

        await RunAsync(id);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task Recovery_FailsAnExportLeftRunningByAVersionWithoutHeartbeats()
    {
        var id = await RequestAsync();
        await _app.WithDbAsync(db => db.Exports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Running).SetProperty(e => e.StartedUtc, ExportFixture.BaseTime)));

        await WithRunsAsync(runs => runs.RecoverInterruptedAsync(default));

        var export = await ExportAsync(id);
        Assert.Equal((ExportStatus.Failed, ExportRuns.Interrupted(ExportFixture.BaseTime)), (export.Status, export.Error));
    }

    [Fact]
    public async Task Recovery_LeavesARunWhoseHeartbeatIsFresh()
    {
        var id = await RequestAsync();
        await WithRunsAsync(runs => runs.ClaimAsync(id, default));

        for (var i = 0; i < 5; i++)
        {
            _app.Clock.Advance(TimeSpan.FromSeconds(30));
            Assert.True(await WithRunsAsync(runs => runs.BeatAsync(id, 10 * i, default)));
            Assert.Equal(0, await WithRunsAsync(runs => runs.RecoverInterruptedAsync(default)));
        }

        Assert.Equal((ExportStatus.Running, 40), await _app.WithDbAsync(db => db.Exports.Where(e => e.Id == id).Select(e => ValueTuple.Create(e.Status, e.RowCount)).SingleAsync()));
    }

    [Fact]
    public async Task ARunWhoseExportWasTakenAsInterrupted_StopsAtItsNextHeartbeat_AndLeavesNoFile()
    {
        // A mail server that takes the connection and never answers: the run waits with its file written.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var held = new List<TcpClient>();
        _ = Task.Run(async () =>
        {
            while (true)
            {
                held.Add(await silent.AcceptTcpClientAsync());
            }
        });
        await using var app = new AppFactory(new(_smtp.AppSettings()) { ["Smtp:Port"] = ((IPEndPoint)silent.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var code = await app.Data.SenderCodeAsync("55123");
        await app.Data.SubscribedAsync(code.Id, TestPhones.Us(1), ExportFixture.BaseTime, "one@example.com", SubscriptionStatus.Active, await app.Data.ListAsync(code.Id, "VIP"));
        using (var admin = await app.SignInAsync())
        {
            await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        }

        var id = await app.WithDbAsync(db => db.Exports.Select(e => e.Id).SingleAsync());
        var exports = Path.Combine(app.DataDirectory, "exports");
        var run = app.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(id, CancellationToken.None); return true; });
        await EventuallyAsync(() => Task.FromResult(File.Exists(Path.Combine(exports, ExportRuns.FileName(id)))));

        // Another instance's recovery took it as dead; this run learns so at its next heartbeat.
        // (Ten seconds at a time until it stops: the heartbeat's timer may start after any one step on a busy machine.)
        await app.WithDbAsync(db => db.Exports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExportStatus.Failed)));
        for (var step = 0; !run.IsCompleted; step++)
        {
            Assert.True(step < 600, "The run did not stop.");
            app.Clock.Advance(TimeSpan.FromSeconds(10));
            await Task.WhenAny(run, Task.Delay(100));
        }

        await run;
        Assert.Empty(Directory.GetFiles(exports));
        Assert.Equal(ExportStatus.Failed, (await app.WithDbAsync(db => db.Exports.SingleAsync())).Status);
        held.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Job_WhenTheMailServerCannotBeReached_FailsSayingSo_WithNoFileAndNoLink()
    {
        using var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var app = new AppFactory(new(_smtp.AppSettings()) { ["Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var code = await app.Data.SenderCodeAsync("55123");
        await app.Data.SubscribedAsync(code.Id, TestPhones.Us(1), ExportFixture.BaseTime, "one@example.com", SubscriptionStatus.Active, await app.Data.ListAsync(code.Id, "VIP"));
        using var admin = await app.SignInAsync();
        await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        var id = await app.WithDbAsync(db => db.Exports.Select(e => e.Id).SingleAsync());

        await app.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(id, CancellationToken.None); return true; });

        var export = await app.WithDbAsync(db => db.Exports.SingleAsync());
        Assert.Equal(ExportStatus.Failed, export.Status);
        Assert.StartsWith($"The mail server could not be reached, so no email was sent to {AppFactory.AdminEmail}", export.Error);
        Assert.Null(export.TokenHash);
        Assert.Empty(Directory.GetFiles(Path.Combine(app.DataDirectory, "exports")));
        Assert.Equal("Retry", (await admin.GetPageAsync("/exports")).QuerySelector($"tr[data-export-id='{id}'] form button")!.TextContent);
    }

    [Fact]
    public async Task Retry_FromTwoTabs_QueuesOneNewExport_WithTheSameFiltersAndRecipient_WhichThenCompletes()
    {
        await _app.Data.UserAsync("m@example.com", UserRole.Marketer);
        var marketer = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "m@example.com").Select(u => u.Id).SingleAsync());
        var id = await RequestAsync("/exports/new?tab=contacts&q=2122000001", marketer);
        await WithRunsAsync(runs => runs.ClaimAsync(id, default));
        await WithRunsAsync(runs => runs.FailedAsync(id, ExportRuns.Interrupted(_app.Clock.GetUtcNow().UtcDateTime), default));

        using var admin = await _app.SignInAsync();
        var firstTab = await admin.GetPageAsync("/exports");
        var secondTab = await admin.GetPageAsync("/exports");
        _app.Clock.Advance(TimeSpan.FromMinutes(5));
        var first = await admin.SubmitFormAsync(firstTab, $"tr[data-export-id='{id}'] form", []);
        var second = await admin.SubmitFormAsync(secondTab, $"tr[data-export-id='{id}'] form", []);

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (first.StatusCode, second.StatusCode));
        var (_, afterSecond) = await admin.FollowAsync(second);
        Assert.Contains("This export was already retried", afterSecond.QuerySelector("[role=alert]")!.TextContent);

        var exports = await _app.WithDbAsync(db => db.Exports.AsNoTracking().OrderBy(e => e.CreatedUtc).ToListAsync());
        Assert.Equal(2, exports.Count);
        var (original, retry) = (exports[0], exports[1]);
        Assert.Equal(retry.Id, original.RetriedAsExportId);
        Assert.Equal(ExportStatus.Failed, original.Status);
        Assert.Equal(
            (original.SenderCodeId, original.Kind, original.ListId, original.Reason, original.PhoneSearch, original.RecipientUserId, ExportStatus.Queued),
            (retry.SenderCodeId, retry.Kind, retry.ListId, retry.Reason, retry.PhoneSearch, retry.RecipientUserId, retry.Status));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, retry.CreatedUtc);

        var page = await admin.GetPageAsync("/exports");
        Assert.Null(page.QuerySelector($"tr[data-export-id='{id}'] form"));
        Assert.Contains("Retried.", page.QuerySelector($"tr[data-export-id='{id}']")!.TextContent);

        await RunAsync(retry.Id);
        Assert.Equal(ExportStatus.Completed, (await ExportAsync(retry.Id)).Status);
        var email = Assert.Single(_smtp.Messages);
        Assert.Equal("m@example.com", email.To.Mailboxes.Single().Address);
        Assert.Contains($"The rows are as they were at {_app.Clock.GetUtcNow().UtcDateTime:yyyy-MM-dd HH:mm} UTC.", email.TextBody);
    }

    [Fact]
    public async Task Retry_IsRefusedForAnExportThatWorked_AndUnknownForAnotherSenderCode()
    {
        var id = await RequestAsync();
        await RunAsync(id);
        using var admin = await _app.SignInAsync();

        var refused = await admin.PostWithTokenAsync($"/exports/{id}/retry", [], "/exports");
        var (_, page) = await admin.FollowAsync(refused);
        Assert.Contains("Only a failed export", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(1, await _app.WithDbAsync(db => db.Exports.CountAsync()));

        var other = await _app.Data.SenderCodeAsync("78900");
        await _app.WithDbAsync(db => db.Exports.Where(e => e.Id == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.SenderCodeId, other.Id).SetProperty(e => e.Status, ExportStatus.Failed)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostWithTokenAsync($"/exports/{id}/retry", [], "/exports")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.Http.PostAsync($"/exports/{Guid.NewGuid()}/retry", new FormUrlEncodedContent([]))).StatusCode);
    }

    [Fact]
    public async Task Cleanup_DeletesEveryFileNoLiveExportOwns()
    {
        var done = await RequestAsync();
        await RunAsync(done);
        var running = await RequestAsync();
        await WithRunsAsync(runs => runs.ClaimAsync(running, default));
        var failed = await RequestAsync();
        await WithRunsAsync(runs => runs.ClaimAsync(failed, default));
        await WithRunsAsync(runs => runs.FailedAsync(failed, "Writing the file failed: disk full", default));

        string[] keep = [ExportRuns.FileName(done), ExportRuns.FileName(running) + ExportRuns.PartialSuffix];
        string[] orphans = [ExportRuns.FileName(failed), ExportRuns.FileName(failed) + ExportRuns.PartialSuffix, ExportRuns.FileName(done) + ExportRuns.PartialSuffix, ExportRuns.FileName(Guid.NewGuid()), "notes.txt"];
        foreach (var name in keep.Skip(1).Concat(orphans))
        {
            await File.WriteAllTextAsync(Path.Combine(Exports, name), "x");
        }

        await _app.WithServiceAsync<ExpiredExportsCleanupJob, bool>(async job => { await job.RunAsync(default); return true; });

        Assert.Equal(keep.Order(), Directory.GetFiles(Exports).Select(Path.GetFileName).Order());
    }

    private async Task<Guid> RequestAsync(string configureUrl = "/exports/new?tab=contacts", string? recipientId = null)
    {
        using var admin = await _app.SignInAsync();
        _app.Clock.Advance(TimeSpan.FromSeconds(1));
        var response = await admin.SubmitFormAsync(configureUrl, "form#configure-export", recipientId is null ? [] : new() { ["RecipientUserId"] = recipientId });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await _app.WithDbAsync(db => db.Exports.OrderByDescending(e => e.CreatedUtc).Select(e => e.Id).FirstAsync());
    }

    private Task RunAsync(Guid id) =>
        _app.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(id, CancellationToken.None); return true; });

    private Task<ExportRecord> ExportAsync(Guid id) => _app.WithDbAsync(db => db.Exports.AsNoTracking().SingleAsync(e => e.Id == id));

    private Task<T> WithRunsAsync<T>(Func<ExportRuns, Task<T>> work) => _app.WithServiceAsync(work);

    private static async Task EventuallyAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not come true within 60 seconds.");
            await Task.Delay(20);
        }
    }
}
