using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Inbound;

public enum ReceiptOutcome
{
    Updated,

    /// <summary>Unknown MessageSid, a status that says nothing new, or one that would move the text backwards.</summary>
    Unchanged,
}

/// <summary>
/// Delivery receipts (the provider's status callbacks) for our outbound texts. Receipts arrive in any order
/// and may repeat, so a status only ever moves forward: Queued → Sent → Succeeded or Failed, and a final
/// status is never overwritten (a late "sent" after "delivered" changes nothing). A delivered text sets the
/// contact's Last Send Date to when its receipt arrived (the message's delivery time, UTC), and its Compliance
/// Last Sent Date too when the text carried compliance messaging (<see cref="ComplianceMessage"/>).
/// </summary>
public sealed class DeliveryReceipts(AppDbContext db, TimeProvider clock, SqliteWriteGate writeGate)
{
    public Task<ReceiptOutcome> ApplyAsync(string messageSid, string? providerStatus, string? errorCode, CancellationToken ct) =>
        writeGate.RunAsync(db, () => WriteAsync(messageSid, providerStatus, errorCode, ct), ct);

    private async Task<ReceiptOutcome> WriteAsync(string messageSid, string? providerStatus, string? errorCode, CancellationToken ct)
    {
        var status = StatusOf(providerStatus);
        if (status is null)
        {
            return ReceiptOutcome.Unchanged;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var open = db.Messages.Where(m => m.ProviderMessageId == messageSid && m.Direction == MessageDirection.Outbound);
        if (status == DeliveryStatus.Sent)
        {
            var sent = await open.Where(m => m.Status == DeliveryStatus.Queued)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, DeliveryStatus.Sent), ct);
            return sent > 0 ? ReceiptOutcome.Updated : ReceiptOutcome.Unchanged;
        }

        DateTime? deliveredUtc = status == DeliveryStatus.Succeeded ? now : null;
        var error = status == DeliveryStatus.Failed && !string.IsNullOrWhiteSpace(errorCode) ? errorCode.Trim()[..Math.Min(errorCode.Trim().Length, 16)] : null;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var changed = await open.Where(m => m.Status == DeliveryStatus.Queued || m.Status == DeliveryStatus.Sent)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status.Value)
                .SetProperty(m => m.DeliveredUtc, deliveredUtc)
                .SetProperty(m => m.ErrorCode, error), ct);
        if (changed > 0 && status == DeliveryStatus.Succeeded)
        {
            var delivered = await open.Select(m => new { m.ContactId, m.Body }).FirstOrDefaultAsync(ct);
            if (delivered?.ContactId is { } id)
            {
                await db.Contacts.Where(c => c.Id == id && (c.LastSendUtc == null || c.LastSendUtc < now))
                    .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSendUtc, now), ct);
                if (ComplianceMessage.Holds(delivered.Body))
                {
                    await db.Contacts.Where(c => c.Id == id && (c.ComplianceLastSentUtc == null || c.ComplianceLastSentUtc < now))
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.ComplianceLastSentUtc, now), ct);
                }
            }
        }

        await transaction.CommitAsync(ct);
        return changed > 0 ? ReceiptOutcome.Updated : ReceiptOutcome.Unchanged;
    }

    /// <summary>Twilio's MessageStatus values in our words; null for statuses that are not about delivery.</summary>
    public static DeliveryStatus? StatusOf(string? providerStatus) => providerStatus?.Trim().ToLowerInvariant() switch
    {
        "accepted" or "scheduled" or "queued" or "sending" or "sent" => DeliveryStatus.Sent,
        "delivered" or "read" => DeliveryStatus.Succeeded,
        "undelivered" or "failed" or "canceled" => DeliveryStatus.Failed,
        _ => null,
    };
}
