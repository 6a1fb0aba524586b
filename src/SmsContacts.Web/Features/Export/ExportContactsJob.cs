using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Email;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Writes an export's CSV into the data folder's exports directory and emails the recipient a link that
/// works for three days. Safe to run twice, and at the same time: it first claims the export (Queued →
/// Running, see <see cref="ExportRuns"/>), and a run that finds it already claimed, finished or failed does
/// nothing, so a Hangfire job delivered again (after its invisibility timeout, or on another instance)
/// writes no second file and sends no second email. While it runs it beats a heartbeat; if the export
/// stops being its own (the recovery took it as dead), it stops and removes what it wrote.
///
/// The link is stored before the email is handed to the mail server, so a link that arrives always works;
/// the mail server is connected to before that, so a server that cannot be reached fails the export with
/// nothing half done. A failed export says why on the exports page, with Retry.
/// </summary>
public sealed class ExportContactsJob(
    AppDbContext db,
    ExportRuns runs,
    ContactExportWriter writer,
    ExportEmail email,
    IEmailSender sender,
    DataDirectory data,
    TimeProvider clock,
    IServiceScopeFactory scopes,
    IOptions<ExportOptions> options,
    SenderCodeAccess access,
    ILogger<ExportContactsJob> logger)
{
    private enum Stage
    {
        Writing,
        Connecting,
        Sending,
        Sent,
    }

    // Everything after the claim is caught and recorded; a failure before it (the database busy at the claim)
    // is worth Hangfire's retries, and a retry after a claim finds the export taken and does nothing.
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid exportId, CancellationToken ct)
    {
        if (!await runs.ClaimAsync(exportId, ct))
        {
            logger.LogInformation("Export {ExportId} is not waiting to run (finished, failed, or running elsewhere): nothing to do", exportId);
            return;
        }

        var export = await db.Exports.AsNoTracking().SingleAsync(e => e.Id == exportId, ct);
        if (!await access.MayUseAsync(export.RecipientUserId, export.SenderCodeId, ct))
        {
            // The sender code was taken away from the user (or the user disabled) after the export was asked for.
            await runs.FailedAsync(export.Id, $"{export.RecipientEmail} may no longer use this sender code, so nothing was exported.", CancellationToken.None);
            return;
        }

        using var run = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var progress = new ExportProgress();
        var heartbeat = new Heartbeat(exportId, progress, run, scopes, clock, options.Value.Heartbeat, logger);
        var stage = Stage.Writing;
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var fileName = ExportRuns.FileName(export.Id);
            var rows = await WriteFileAsync(export, fileName, progress, run.Token);
            logger.LogInformation("Export {ExportId}: {Rows} rows written in {Seconds:F1} s", export.Id, rows, stopwatch.Elapsed.TotalSeconds);

            stage = Stage.Connecting;
            await using var mail = await sender.ConnectAsync(run.Token);

            var (token, hash) = ExportLinks.NewToken();
            var completed = Now;
            var expires = completed + ExportLinks.Lifetime;
            var message = await email.ComposeAsync(export, rows, expires, token, run.Token);
            if (!await runs.SendingAsync(export.Id, rows, fileName, hash, completed, expires, run.Token))
            {
                Lost(export.Id, stage);
                return;
            }

            stage = Stage.Sending;
            await mail.SendAsync(message, run.Token);
            stage = Stage.Sent;
            if (!await runs.CompletedAsync(export.Id, CancellationToken.None))
            {
                logger.LogWarning("Export {ExportId}: the email was sent, but the export was no longer waiting for it", export.Id);
            }
        }
        catch (OperationCanceledException) when (heartbeat.Lost)
        {
            Lost(export.Id, stage);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping. Not queued again: see ExportRuns for why an interrupted export waits for Retry.
            await InterruptedAsync(export.Id, stage);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Export {ExportId} failed while {Stage}", export.Id, stage);
            if (stage != Stage.Sent)
            {
                await runs.FailedAsync(export.Id, FailureMessage(export, stage, exception), CancellationToken.None);
            }
        }
        finally
        {
            await heartbeat.DisposeAsync();
        }
    }

    private static string FailureMessage(ExportRecord export, Stage stage, Exception exception) => stage switch
    {
        Stage.Writing => $"Writing the file failed: {exception.Message}",
        Stage.Connecting => $"The mail server could not be reached, so no email was sent to {export.RecipientEmail}: {exception.Message}",
        _ => $"Sending the email to {export.RecipientEmail} failed: {exception.Message}",
    };

    private async Task<int> WriteFileAsync(ExportRecord export, string fileName, ExportProgress progress, CancellationToken ct)
    {
        // Written under a temporary name and renamed when complete: nobody can download half a file.
        var path = Path.Combine(data.Exports, fileName);
        var partial = path + ExportRuns.PartialSuffix;
        int rows;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            rows = await writer.WriteAsync(export, file, ct, progress);
        }

        File.Move(partial, path, overwrite: true);
        return rows;
    }

    /// <summary>The export stopped being this run's (the recovery ended it): leave no file of ours behind, unless the email went.</summary>
    private void Lost(Guid exportId, Stage stage)
    {
        logger.LogWarning("Export {ExportId} was taken as interrupted while this run was {Stage}; this run stops", exportId, stage);
        if (stage is Stage.Writing or Stage.Connecting)
        {
            runs.DeleteFiles(exportId);
        }
    }

    private async Task InterruptedAsync(Guid exportId, Stage stage)
    {
        if (stage is Stage.Writing or Stage.Connecting)
        {
            await runs.FailedAsync(exportId, ExportRuns.Interrupted(Now), CancellationToken.None);
        }
        else
        {
            // Handed to the mail server or not, nobody can tell now: the next recovery calls it unconfirmed.
            logger.LogWarning("Export {ExportId}: the app stopped while its email was being sent", exportId);
        }
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Beats the export's heartbeat every few seconds on a connection of its own (the run's is busy streaming
    /// rows), with the rows written so far. When the export is no longer the run's, cancels the run.
    /// </summary>
    private sealed class Heartbeat : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _beating;
        private volatile bool _lost;

        public Heartbeat(Guid exportId, ExportProgress progress, CancellationTokenSource run, IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger logger)
        {
            _beating = Task.Run(() => BeatAsync(exportId, progress, run, scopes, clock, interval, logger));
        }

        public bool Lost => _lost;

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _beating;
            _stop.Dispose();
        }

        private async Task BeatAsync(Guid exportId, ExportProgress progress, CancellationTokenSource run, IServiceScopeFactory scopes, TimeProvider clock, TimeSpan interval, ILogger logger)
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(interval, clock, _stop.Token);
                    await using var scope = scopes.CreateAsyncScope();
                    if (!await scope.ServiceProvider.GetRequiredService<ExportRuns>().BeatAsync(exportId, progress.Rows, _stop.Token))
                    {
                        _lost = true;
                        await run.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception exception)
                {
                    // A busy database misses a beat; the lease is several beats long.
                    logger.LogWarning(exception, "Export {ExportId}: heartbeat failed", exportId);
                }
            }
        }
    }
}

/// <summary>Rows written so far, read by the heartbeat while the writer writes.</summary>
public sealed class ExportProgress
{
    private int _rows;

    public int Rows => Volatile.Read(ref _rows);

    public void Report(int rows) => Volatile.Write(ref _rows, rows);
}
