using Hangfire;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Features.Import;
using SmsContacts.Web.Features.Inbound;
using SmsContacts.Web.Features.Outbound;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features;

/// <summary>
/// Every piece of the app's background work, in one list. Registered after AppInitializer, so the schema exists.
/// <list type="bullet">
/// <item>Start-up recovery, on every instance, whatever <c>Jobs:RunServer</c> says: the work the last process left
/// unfinished is queued (imports queued or running, exports waiting to run, inbound texts stored but never applied).
/// The job storage is shared, so a queued job runs on whichever instance runs a job server.</item>
/// <item>Recurring jobs, scheduled by the instances that run jobs (<c>Jobs:RunServer</c>, the one rule): the schedule is
/// theirs, and the outbound queue's depends on their own SMS provider settings (without a provider there is nothing to
/// send, and the schedule is removed). Scheduling is idempotent: every such instance may.</item>
/// <item>The export watchdog, on every instance, every <c>Export:HeartbeatSeconds</c>: exports whose run went silent
/// for longer than the lease are ended with what happened (<see cref="ExportRuns.RecoverInterruptedAsync"/>).</item>
/// </list>
/// </summary>
public sealed class BackgroundWork(
    IServiceScopeFactory scopes,
    IOptions<JobsOptions> jobs,
    IOptions<ExportOptions> export,
    ISmsSender sender,
    TimeProvider clock,
    ILogger<BackgroundWork> logger) : BackgroundService
{
    /// <summary>The recurring jobs' ids in the job storage (what the Hangfire dashboard shows).</summary>
    public static class RecurringJobIds
    {
        public const string SendQueuedMessages = "send-queued-messages";
        public const string ApplyStoredInboundTexts = "apply-stored-inbound-texts";
        public const string ImportRetention = "import-retention";
        public const string ExpiredExportsCleanup = "expired-exports-cleanup";
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await using (var scope = scopes.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            await services.GetRequiredService<ImportRecovery>().QueueUnfinishedAsync(cancellationToken);
            await services.GetRequiredService<ExportRecovery>().QueueWaitingAsync(cancellationToken);
            await services.GetRequiredService<InboundRecovery>().QueueUnappliedAsync(cancellationToken);
            if (jobs.Value.RunServer)
            {
                Schedule(services.GetRequiredService<IRecurringJobManager>());
            }
        }

        await base.StartAsync(cancellationToken);
    }

    private void Schedule(IRecurringJobManager recurring)
    {
        // Texts queued by any path (an import writes them set-based) go out within a minute.
        if (sender.IsConfigured)
        {
            recurring.AddOrUpdate<SendQueuedMessagesJob>(RecurringJobIds.SendQueuedMessages, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        else
        {
            recurring.RemoveIfExists(RecurringJobIds.SendQueuedMessages);
        }

        // Texts stored but not applied (a crash between the two steps, or applying kept colliding), older than the webhook's own try.
        recurring.AddOrUpdate<ApplyStoredTextsJob>(
            RecurringJobIds.ApplyStoredInboundTexts, job => job.SweepAsync(ApplyStoredTextsJob.SweepMinimumAgeSeconds, CancellationToken.None), Cron.Minutely());
        recurring.AddOrUpdate<ImportRetention>(RecurringJobIds.ImportRetention, job => job.RunAsync(CancellationToken.None), "*/10 * * * *");
        recurring.AddOrUpdate<ExpiredExportsCleanupJob>(RecurringJobIds.ExpiredExportsCleanup, job => job.RunAsync(CancellationToken.None), Cron.Hourly());
    }

    /// <summary>The export watchdog.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await RecoverInterruptedExportsAsync(stoppingToken);
                await Task.Delay(export.Value.Heartbeat, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task RecoverInterruptedExportsAsync(CancellationToken ct)
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
