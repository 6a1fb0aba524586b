using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Every change of an export's state, each one conditional UPDATE on the state it leaves, so that of two
/// contenders (a Hangfire job delivered again after its invisibility timeout while the first run still works,
/// a second instance, the recovery) exactly one moves the export on and the other learns it lost:
/// <code>
/// Queued ──claim──▶ Running ──file written, link stored──▶ Sending ──email accepted──▶ Completed
///                      │  (heartbeat)                        │  (heartbeat)
///                      ▼                                     ▼
///                   Failed (no file, no link)          Completed, email unconfirmed (file and link kept)
/// </code>
/// Only Queued can be claimed, and nothing goes back to Queued, so an export is written by one run at most:
/// a job that runs again finds nothing to do, and cannot write a second file or send a second email.
///
/// An interrupted export (its process died, or the app stopped) is not run again by itself. The rows as
/// the user's filters selected them when they asked cannot be reproduced (profile edits, unsubscribes and
/// opt-outs since then left no copy of what was there), and handing back since-opted-out numbers as
/// "subscribed" would be worse than a late file. And an export that killed its process (memory, say) would
/// kill it again at every start. So it fails, says so, and the exports page offers Retry, which is a new
/// request: the rows as they are then, which the email states.
/// </summary>
public sealed class ExportRuns(AppDbContext db, DataDirectory data, TimeProvider clock, IOptions<ExportOptions> options, ILogger<ExportRuns> logger)
{
    /// <summary>Queued → Running. False when the export is not waiting (finished, failed, or another run has it).</summary>
    public async Task<bool> ClaimAsync(Guid exportId, CancellationToken ct)
    {
        var now = Now;
        return await db.Exports
            .Where(e => e.Id == exportId && e.Status == ExportStatus.Queued)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Status, ExportStatus.Running)
                    .SetProperty(e => e.StartedUtc, now)
                    .SetProperty(e => e.HeartbeatUtc, now)
                    .SetProperty(e => e.RowCount, 0)
                    .SetProperty(e => e.Error, (string?)null),
                ct) == 1;
    }

    /// <summary>The run is alive (with its rows so far while writing). False when the export is no longer this run's.</summary>
    public async Task<bool> BeatAsync(Guid exportId, int rowsSoFar, CancellationToken ct)
    {
        var now = Now;
        return await db.Exports
            .Where(e => e.Id == exportId && (e.Status == ExportStatus.Running || e.Status == ExportStatus.Sending))
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.HeartbeatUtc, now)
                    .SetProperty(e => e.RowCount, e => e.Status == ExportStatus.Running ? rowsSoFar : e.RowCount),
                ct) == 1;
    }

    /// <summary>Running → Sending: the file is complete and its link works from now on, before the email can arrive.</summary>
    public async Task<bool> SendingAsync(Guid exportId, int rows, string fileName, byte[] tokenHash, DateTime completedUtc, DateTime expiresUtc, CancellationToken ct)
    {
        var now = Now;
        return await db.Exports
            .Where(e => e.Id == exportId && e.Status == ExportStatus.Running)
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Status, ExportStatus.Sending)
                    .SetProperty(e => e.RowCount, rows)
                    .SetProperty(e => e.StoredFileName, fileName)
                    .SetProperty(e => e.TokenHash, tokenHash)
                    .SetProperty(e => e.CompletedUtc, completedUtc)
                    .SetProperty(e => e.ExpiresUtc, expiresUtc)
                    .SetProperty(e => e.HeartbeatUtc, now),
                ct) == 1;
    }

    /// <summary>
    /// Sending → Completed, once the mail server accepted the email. Also confirms an export the recovery had
    /// already called unconfirmed (this run was alive after all, only too slow to show it).
    /// </summary>
    public async Task<bool> CompletedAsync(Guid exportId, CancellationToken ct) =>
        await db.Exports
            .Where(e => e.Id == exportId && (e.Status == ExportStatus.Sending || (e.Status == ExportStatus.Completed && e.EmailUnconfirmed)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Status, ExportStatus.Completed)
                    .SetProperty(e => e.EmailUnconfirmed, false)
                    .SetProperty(e => e.HeartbeatUtc, (DateTime?)null),
                ct) == 1;

    /// <summary>
    /// Running or Sending → Failed, with the reason the exports page shows; the file and the link go. (Also from an
    /// unconfirmed Completed: the run was alive after all, and now knows its email did not go.)
    /// </summary>
    public async Task<bool> FailedAsync(Guid exportId, string error, CancellationToken ct)
    {
        error = error[..Math.Min(error.Length, 2000)];
        var failed = await db.Exports
            .Where(e => e.Id == exportId && (e.Status == ExportStatus.Running || e.Status == ExportStatus.Sending || (e.Status == ExportStatus.Completed && e.EmailUnconfirmed)))
            .ExecuteUpdateAsync(
                s => s.SetProperty(e => e.Status, ExportStatus.Failed)
                    .SetProperty(e => e.Error, error)
                    .SetProperty(e => e.TokenHash, (byte[]?)null)
                    .SetProperty(e => e.StoredFileName, (string?)null)
                    .SetProperty(e => e.ExpiresUtc, (DateTime?)null)
                    .SetProperty(e => e.HeartbeatUtc, (DateTime?)null),
                ct) == 1;
        if (failed)
        {
            DeleteFiles(exportId);
        }

        return failed;
    }

    /// <summary>
    /// Finds exports whose run went silent for longer than the lease (its process died) and ends them: one
    /// that was writing fails ("Interrupted", no file left); one whose email was on its way is Completed with
    /// the email unconfirmed (its link works if the email arrived; the page says it may not have). Safe on
    /// every instance at once: each change is conditional on the silence it saw.
    /// </summary>
    /// <returns>How many exports it ended.</returns>
    public async Task<int> RecoverInterruptedAsync(CancellationToken ct)
    {
        var cutoff = Now - options.Value.Lease;
        var silent = await db.Exports.AsNoTracking()
            .Where(e => (e.Status == ExportStatus.Running || e.Status == ExportStatus.Sending) && (e.HeartbeatUtc == null || e.HeartbeatUtc < cutoff))
            .Select(e => new { e.Id, e.Status, e.HeartbeatUtc, e.StartedUtc })
            .ToListAsync(ct);

        var ended = 0;
        foreach (var export in silent)
        {
            var stillSilent = db.Exports.Where(e => e.Id == export.Id && e.Status == export.Status && (e.HeartbeatUtc == null || e.HeartbeatUtc < cutoff));
            if (export.Status == ExportStatus.Running)
            {
                var lastSeen = export.HeartbeatUtc ?? export.StartedUtc ?? cutoff;
                if (await stillSilent.ExecuteUpdateAsync(
                        s => s.SetProperty(e => e.Status, ExportStatus.Failed)
                            .SetProperty(e => e.Error, Interrupted(lastSeen))
                            .SetProperty(e => e.TokenHash, (byte[]?)null)
                            .SetProperty(e => e.StoredFileName, (string?)null)
                            .SetProperty(e => e.ExpiresUtc, (DateTime?)null)
                            .SetProperty(e => e.HeartbeatUtc, (DateTime?)null),
                        ct) == 1)
                {
                    DeleteFiles(export.Id);
                    logger.LogWarning("Export {ExportId} was interrupted while its file was written (last heartbeat {LastSeen:O}): failed, file removed", export.Id, lastSeen);
                    ended++;
                }
            }
            else if (await stillSilent.ExecuteUpdateAsync(
                         s => s.SetProperty(e => e.Status, ExportStatus.Completed)
                             .SetProperty(e => e.EmailUnconfirmed, true)
                             .SetProperty(e => e.HeartbeatUtc, (DateTime?)null),
                         ct) == 1)
            {
                logger.LogWarning("Export {ExportId} was interrupted while its email was being sent: completed, email unconfirmed", export.Id);
                ended++;
            }
        }

        return ended;
    }

    /// <summary>What the exports page says about an export whose run stopped before its file was complete.</summary>
    public static string Interrupted(DateTime lastSeenUtc) =>
        $"Interrupted: the app stopped while this export was being written (last seen at {lastSeenUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture)}). " +
        "No file was kept and no email was sent. Retry exports the contacts as they are then, not as they were when this export was requested.";

    /// <summary>The export's file and its unfinished copy, if any are left.</summary>
    public void DeleteFiles(Guid exportId)
    {
        File.Delete(Path.Combine(data.Exports, FileName(exportId)));
        File.Delete(Path.Combine(data.Exports, FileName(exportId) + PartialSuffix));
    }

    public const string PartialSuffix = ".partial";

    public static string FileName(Guid exportId) => $"{exportId:N}.csv";

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
