using Hangfire;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.Outbound;

/// <summary>Queues a run of <see cref="SendQueuedMessagesJob"/> now, for the features that queue texts (inbound replies, Needs review).</summary>
public sealed class OutboundQueue(IBackgroundJobClient jobs, ILogger<OutboundQueue> logger) : IOutboundQueue
{
    public void SendSoon()
    {
        try
        {
            jobs.Enqueue<SendQueuedMessagesJob>(job => job.RunAsync(CancellationToken.None));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not start sending the queued texts now; the next sweep sends them");
        }
    }
}
