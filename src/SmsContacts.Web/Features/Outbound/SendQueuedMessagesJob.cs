using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.Outbound;

/// <summary>
/// Sends every queued outbound text (welcome messages of subscription journeys, whoever queued them:
/// a keyword join, an import; replies to inbound texts applied after their webhook answered) through the SMS provider. Runs every minute
/// (<see cref="BackgroundWork"/>) and right after a text is queued (<see cref="OutboundQueue.SendSoon"/>);
/// without a configured provider it leaves the texts queued, visible as Queued in message activity.
///
/// Safe to run twice, even at the same time: each text is claimed (Queued → Sent) by one UPDATE before it
/// is handed over, so no text goes out twice. A crash between claim and hand-over loses that text rather
/// than risk a duplicate; a provider that cannot take texts right now gets them back into the queue.
/// </summary>
[AutomaticRetry(Attempts = 0)]
public sealed class SendQueuedMessagesJob(
    AppDbContext db,
    ISmsSender sender,
    IOptions<AppOptions> app,
    TimeProvider clock,
    ILogger<SendQueuedMessagesJob> logger)
{
    private const int BatchSize = 200;

    /// <summary>Where the provider posts delivery receipts (the status webhook).</summary>
    public const string StatusCallbackPath = "/webhooks/sms/status";

    /// <summary>Sends what is queued now; returns how many texts the provider accepted.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        if (!sender.IsConfigured)
        {
            return 0;
        }

        var callback = new Uri(app.Value.PublicBaseUrl.TrimEnd('/') + StatusCallbackPath);
        var senderCodes = await db.SenderCodes.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Code, ct);
        var accepted = 0;
        long after = 0;
        while (true)
        {
            var batch = await db.Messages.AsNoTracking()
                .Where(m => m.Status == DeliveryStatus.Queued && m.Direction == MessageDirection.Outbound && m.Id > after)
                .OrderBy(m => m.Id)
                .Take(BatchSize)
                .Select(m => new QueuedText(m.Id, m.SenderCodeId, m.Phone, m.Body, m.IsOptOutConfirmation, m.CreatedUtc))
                .ToListAsync(ct);
            if (batch.Count == 0)
            {
                break;
            }

            var optedOut = await OptedOutAsync(batch, ct);
            foreach (var text in batch)
            {
                after = text.Id;

                // A number that opted out after its text was queued gets nothing, but the confirmation of that opt-out.
                if (optedOut.Contains((text.SenderCodeId, text.Phone)) && !text.IsOptOutConfirmation)
                {
                    await FinishAsync(text.Id, DeliveryStatus.Queued, DeliveryStatus.Failed, null, "OptedOut", ct);
                    continue;
                }

                // The confirmation is allowed only within five minutes of the opt-out (47 CFR 64.1200(a)(12)).
                if (text.IsOptOutConfirmation && !OptOutConfirmations.InTime(text.CreatedUtc, clock.GetUtcNow().UtcDateTime))
                {
                    await FinishAsync(text.Id, DeliveryStatus.Queued, DeliveryStatus.Failed, null, "TooLate", ct);
                    continue;
                }

                if (!await FinishAsync(text.Id, DeliveryStatus.Queued, DeliveryStatus.Sent, null, null, ct))
                {
                    continue;
                }

                var result = await sender.SendAsync(new OutgoingSms(senderCodes[text.SenderCodeId], text.Phone, text.Body, callback), ct);
                switch (result.Outcome)
                {
                    case SmsSendOutcome.Accepted:
                        accepted++;
                        await db.Messages.Where(m => m.Id == text.Id)
                            .ExecuteUpdateAsync(s => s.SetProperty(m => m.ProviderMessageId, result.ProviderMessageId), ct);
                        await TouchLastMessageAsync(text, ct);
                        break;
                    case SmsSendOutcome.Rejected:
                        await FinishAsync(text.Id, DeliveryStatus.Sent, DeliveryStatus.Failed, null, result.ErrorCode, ct);
                        break;
                    default:
                        // The provider is unavailable: put it back and leave the rest for the next run.
                        await FinishAsync(text.Id, DeliveryStatus.Sent, DeliveryStatus.Queued, null, null, ct);
                        logger.LogWarning("Sending paused: the SMS provider cannot take texts now ({Error}); {Accepted} sent in this run", result.ErrorCode, accepted);
                        return accepted;
                }
            }
        }

        if (accepted > 0)
        {
            logger.LogInformation("Sent {Count} queued texts", accepted);
        }

        return accepted;
    }

    private async Task<HashSet<(int, string)>> OptedOutAsync(List<QueuedText> batch, CancellationToken ct)
    {
        var optedOut = new HashSet<(int, string)>();
        foreach (var group in batch.GroupBy(t => t.SenderCodeId))
        {
            var phones = group.Select(t => t.Phone).Distinct().ToList();
            var rows = await db.Contacts.AsNoTracking()
                .Where(c => c.SenderCodeId == group.Key && phones.Contains(c.Phone) && c.OptedOutUtc != null)
                .Select(c => c.Phone)
                .ToListAsync(ct);
            optedOut.UnionWith(rows.Select(p => (group.Key, p)));
        }

        return optedOut;
    }

    /// <summary>Moves one text from one status to another; false when it was no longer in the first (another run took it).</summary>
    private async Task<bool> FinishAsync(long id, DeliveryStatus from, DeliveryStatus to, DateTime? deliveredUtc, string? errorCode, CancellationToken ct) =>
        await db.Messages.Where(m => m.Id == id && m.Status == from)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, to)
                .SetProperty(m => m.DeliveredUtc, deliveredUtc)
                .SetProperty(m => m.ErrorCode, errorCode), ct) == 1;

    private async Task TouchLastMessageAsync(QueuedText text, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Contacts.Where(c => c.SenderCodeId == text.SenderCodeId && c.Phone == text.Phone && (c.LastMessageUtc == null || c.LastMessageUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageUtc, now), ct);
    }

    private sealed record QueuedText(long Id, int SenderCodeId, string Phone, string Body, bool IsOptOutConfirmation, DateTime CreatedUtc);
}
