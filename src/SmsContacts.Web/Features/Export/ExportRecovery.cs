using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Exports recover like imports, by their own rules (<see cref="ExportRuns"/>). At start-up (<see cref="BackgroundWork"/>,
/// on every instance) it queues every export still waiting to run: its Hangfire job may have been lost between the
/// request's commit and the enqueue, and a duplicate job finds nothing to do. Then, on every instance, every heartbeat
/// interval, <see cref="BackgroundWork"/> has <see cref="ExportRuns.RecoverInterruptedAsync"/> end the exports whose run
/// went silent for longer than the lease (the process died): one that was writing its file fails with "Interrupted" and
/// no file left, one whose email was on its way is completed with the email unconfirmed. So a killed export says what
/// happened within a minute of the app coming back (or at once on another instance), instead of staying Running until
/// Hangfire delivers its job again.
/// </summary>
public sealed class ExportRecovery(AppDbContext db, IBackgroundJobClient jobs, ILogger<ExportRecovery> logger)
{
    public async Task QueueWaitingAsync(CancellationToken ct)
    {
        var waiting = await db.Exports.Where(e => e.Status == ExportStatus.Queued).Select(e => e.Id).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        foreach (var id in waiting)
        {
            jobs.Enqueue<ExportContactsJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        logger.LogInformation("Queued {Count} exports that were waiting to run", waiting.Count);
    }
}
