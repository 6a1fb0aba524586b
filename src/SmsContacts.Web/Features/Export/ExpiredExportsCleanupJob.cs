using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Recurring: deletes the files of exports whose link has expired and marks them Expired. The file is
/// the only copy of the data outside the database, so it does not outlive its link.
/// </summary>
public sealed class ExpiredExportsCleanupJob(AppDbContext db, DataDirectory data, TimeProvider clock, ILogger<ExpiredExportsCleanupJob> logger)
{
    public const string RecurringJobId = "expired-exports-cleanup";

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Exports
            .Where(e => e.Status == ExportStatus.Completed && e.ExpiresUtc <= now)
            .ToListAsync(ct);
        foreach (var export in expired)
        {
            if (export.StoredFileName is { } name)
            {
                File.Delete(Path.Combine(data.Exports, name));
            }

            export.StoredFileName = null;
            export.Status = ExportStatus.Expired;
        }

        await db.SaveChangesAsync(ct);
        if (expired.Count > 0)
        {
            logger.LogInformation("Deleted the files of {Count} expired exports", expired.Count);
        }
    }
}

/// <summary>Registers the recurring clean-up when the app starts (every instance may; the registration is idempotent).</summary>
public sealed class ExportSchedule(IRecurringJobManager recurringJobs) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurringJobs.AddOrUpdate<ExpiredExportsCleanupJob>(ExpiredExportsCleanupJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
