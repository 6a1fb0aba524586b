using Hangfire;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Infrastructure.Sms;

public static class SmsSetup
{
    /// <summary>The Twilio account settings, the provider's send API behind <see cref="ISmsSender"/>, and the outbound queue's job.</summary>
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>();
        services.AddHttpClient(TwilioSmsSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30));
        services.AddSingleton<ISmsSender, TwilioSmsSender>();
        services.AddScoped<SendQueuedMessagesJob>();
        services.AddHostedService<OutboundQueueSchedule>();
        return services;
    }
}

/// <summary>
/// Schedules the outbound queue's sweep where background jobs run, so texts queued by any path (an
/// import writes them set-based) go out within a minute. Without a provider there is nothing to sweep.
/// </summary>
internal sealed class OutboundQueueSchedule(IOptions<JobsOptions> jobs, ISmsSender sender, IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!jobs.Value.RunServer)
        {
            return Task.CompletedTask;
        }

        var recurring = services.GetRequiredService<IRecurringJobManager>();
        if (sender.IsConfigured)
        {
            recurring.AddOrUpdate<SendQueuedMessagesJob>(SendQueuedMessagesJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), Cron.Minutely());
        }
        else
        {
            recurring.RemoveIfExists(SendQueuedMessagesJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
