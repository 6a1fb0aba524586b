using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// At start-up, queues every import that was queued or running when the app last stopped. A killed process
/// leaves its Hangfire job invisible for a long while; this makes the import resume now, from its checkpoint.
/// A second run of an import that is in fact still running elsewhere is harmless: only one run can commit a batch.
/// </summary>
public sealed class ImportRecovery(IServiceScopeFactory scopes, ILogger<ImportRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var unfinished = await db.Imports
            .Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        if (unfinished.Count == 0)
        {
            return;
        }

        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        foreach (var id in unfinished)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        logger.LogInformation("Queued {Count} unfinished imports to resume", unfinished.Count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
