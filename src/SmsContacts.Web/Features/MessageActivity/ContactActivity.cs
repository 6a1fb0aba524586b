using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.MessageActivity;

public sealed record ActivityContact(long Id, string Phone, DateTime? LastSendUtc, DateTime? FirstSubscribedUtc, DateTime? OptedOutUtc);

public sealed record ActivityMessage(MessageDirection Direction, string Body, DateTime CreatedUtc, DateTime? DeliveredUtc, DeliveryStatus Status)
{
    /// <summary>
    /// The seed's two states. An inbound text reached us, so it succeeded; an outbound one is Succeeded
    /// or Failed once the carrier says so, and until then shows where it is (Queued, Sent).
    /// </summary>
    public string DeliveryStatusText => Status switch
    {
        DeliveryStatus.Received or DeliveryStatus.Succeeded => "Succeeded",
        DeliveryStatus.Failed => "Failed",
        _ => Status.ToString(),
    };
}

public sealed class ActivityModel
{
    public required ActivityContact Contact { get; init; }

    public required DateTime SinceUtc { get; init; }

    public required IReadOnlyList<ActivityMessage> Messages { get; init; }

    public required bool Truncated { get; init; }
}

/// <summary>A contact's message activity: the last 90 days on screen, everything in the export.</summary>
public sealed class ContactActivity(AppDbContext db, TimeProvider clock)
{
    public const int Days = 90;

    /// <summary>The most a screen shows; the export has the rest.</summary>
    public const int MaxShown = 500;

    /// <summary>The contact, if it belongs to the sender code; null otherwise (a 404 for the caller).</summary>
    public Task<ActivityContact?> FindContactAsync(int senderCodeId, long contactId, CancellationToken ct) =>
        db.Contacts.AsNoTracking()
            .Where(c => c.Id == contactId && c.SenderCodeId == senderCodeId)
            .Select(c => new ActivityContact(
                c.Id,
                c.Phone,
                c.LastSendUtc,
                c.Subscriptions.Min(s => (DateTime?)s.SubscribedUtc),
                c.OptedOutUtc))
            .FirstOrDefaultAsync(ct);

    public async Task<ActivityModel> RecentAsync(int senderCodeId, ActivityContact contact, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-Days);
        var messages = await Messages(senderCodeId, contact.Id)
            .Where(m => m.CreatedUtc >= since)
            .OrderByDescending(m => m.CreatedUtc).ThenByDescending(m => m.Id)
            .Take(MaxShown + 1)
            .Select(m => new ActivityMessage(m.Direction, m.Body, m.CreatedUtc, m.DeliveredUtc, m.Status))
            .ToListAsync(ct);

        return new ActivityModel
        {
            Contact = contact,
            SinceUtc = since,
            Messages = messages.Take(MaxShown).ToList(),
            Truncated = messages.Count > MaxShown,
        };
    }

    /// <summary>Every message of the contact, oldest first, streamed.</summary>
    public IAsyncEnumerable<ActivityMessage> AllAsync(int senderCodeId, long contactId) =>
        Messages(senderCodeId, contactId)
            .OrderBy(m => m.CreatedUtc).ThenBy(m => m.Id)
            .Select(m => new ActivityMessage(m.Direction, m.Body, m.CreatedUtc, m.DeliveredUtc, m.Status))
            .AsAsyncEnumerable();

    private IQueryable<Message> Messages(int senderCodeId, long contactId) =>
        db.Messages.AsNoTracking().Where(m => m.ContactId == contactId && m.SenderCodeId == senderCodeId);
}
