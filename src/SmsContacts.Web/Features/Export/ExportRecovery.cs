using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Exports recover like imports, by their own rules (<see cref="ExportRuns"/>). At start-up it queues every
/// export still waiting to run: its Hangfire job may have been lost between the request's commit and the
/// enqueue, and a duplicate job finds nothing to do. Then, on every instance, every heartbeat interval, it
/// ends the exports whose run went silent for longer than the lease (the process died): one that was
/// writing its file fails with "Interrupted" and no file left, one whose email was on its way is completed
/// with the email unconfirmed. So a killed export says what happened within a minute of the app coming
/// back (or at once on another instance), instead of staying Running until Hangfire delivers its job again.
/// </summary>
public sealed class ExportRecovery(IServiceScopeFactory scopes, TimeProvider clock, IOptions<ExportOptions> options, ILogger<ExportRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await QueueWaitingAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                await RecoverAsync(stoppingToken);
                await Task.Delay(options.Value.Heartbeat, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task QueueWaitingAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var waiting = await db.Exports.Where(e => e.Status == ExportStatus.Queued).Select(e => e.Id).ToListAsync(ct);
        if (waiting.Count == 0)
        {
            return;
        }

        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        foreach (var id in waiting)
        {
            jobs.Enqueue<ExportContactsJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        logger.LogInformation("Queued {Count} exports that were waiting to run", waiting.Count);
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<ExportRuns>().RecoverInterruptedAsync(ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A busy or unreachable database: the next round tries again.
            logger.LogWarning(exception, "Looking for interrupted exports failed");
        }
    }
}
