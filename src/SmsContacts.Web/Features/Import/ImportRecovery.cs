using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// At start-up (run by <see cref="BackgroundWork"/>), queues every import that was queued or running when the app last stopped. A killed process
/// leaves its Hangfire job invisible for a long while; this makes the import resume now, from its checkpoint.
/// A second run of an import that is in fact still running elsewhere is harmless: only one run can commit a batch.
/// </summary>
public sealed class ImportRecovery(AppDbContext db, IBackgroundJobClient jobs, ILogger<ImportRecovery> logger)
{
    public async Task QueueUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Imports
            .Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        if (unfinished.Count == 0)
        {
            return;
        }

        foreach (var id in unfinished)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        logger.LogInformation("Queued {Count} unfinished imports to resume", unfinished.Count);
    }
}
