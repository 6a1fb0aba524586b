using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Web.Features.NeedsReview;

public sealed record ReviewRow(
    long Id,
    DateTime ReceivedUtc,
    string Phone,
    long? ContactId,
    string Text,
    string Reason,
    string State,
    DateTime? DecidedUtc,
    ReviewDecision? Decision,
    string? DecidedBy);

public sealed record NeedsReviewPage(IReadOnlyList<ReviewRow> Open, IReadOnlyList<ReviewRow> RecentlyDecided);

public enum ReviewOutcome
{
    Done,
    NotFound,

    /// <summary>Someone decided it first; nothing changed.</summary>
    AlreadyDecided,
}

/// <summary>
/// Needs review: inbound texts that might mean "stop" (<see cref="OptOutReview"/>), waiting for a user of their
/// sender code. "Opt out" opts the number out of the sender code (reason STOP keyword, as the number asked by
/// text; the consent event names the user and quotes the text) and sends the one confirmation if the text is
/// less than five minutes old; "Dismiss" records in the number's consent history that it was not an opt-out.
/// Each text is decided once: a second decision finds it decided (DecidedUtc is a concurrency token).
/// </summary>
public sealed class NeedsReviewQueue(AppDbContext db, ContactConsent consent, TimeProvider clock, ISmsSender sender, IOutboundQueue outbound)
{
    private const int RecentlyDecidedShown = 20;

    /// <summary>Texts waiting in the sender code (the menu's badge).</summary>
    public Task<int> CountOpenAsync(int senderCodeId, CancellationToken ct) =>
        db.OptOutReviews.CountAsync(r => r.SenderCodeId == senderCodeId && r.DecidedUtc == null, ct);

    public async Task<NeedsReviewPage> LoadAsync(int senderCodeId, CancellationToken ct)
    {
        var open = await Rows(db.OptOutReviews.Where(r => r.SenderCodeId == senderCodeId && r.DecidedUtc == null).OrderBy(r => r.CreatedUtc), int.MaxValue, ct);
        var decided = await Rows(db.OptOutReviews.Where(r => r.SenderCodeId == senderCodeId && r.DecidedUtc != null).OrderByDescending(r => r.DecidedUtc), RecentlyDecidedShown, ct);
        return new NeedsReviewPage(open, decided);
    }

    public async Task<ReviewOutcome> OptOutAsync(int senderCodeId, long reviewId, ConsentActor user, CancellationToken ct)
    {
        var review = await FindAsync(senderCodeId, reviewId, ct);
        if (review is null || review.DecidedUtc is not null)
        {
            return review is null ? ReviewOutcome.NotFound : ReviewOutcome.AlreadyDecided;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var contact = await ContactOfAsync(review, ct);
        if (contact is null)
        {
            // A number we never saw: recorded as opted out, so no later import can subscribe it.
            contact = new Contact { SenderCodeId = senderCodeId, Phone = review.Phone, CreatedUtc = now, UpdatedUtc = now };
            db.Contacts.Add(contact);
        }

        var text = review.Message!;
        var wasOptedOut = contact.IsOptedOut;
        await db.LoadForOptOutAsync(contact, ct);
        consent.OptOut(contact, OptOutReason.StopKeyword, user with
        {
            MessageSid = text.ProviderMessageId,
            Detail = $"Opted out from Needs review: \"{text.Body}\"",
        });

        var confirmation = !wasOptedOut && OptOutConfirmations.InTime(text.CreatedUtc, now);
        if (confirmation)
        {
            var code = await db.SenderCodes.AsNoTracking().SingleAsync(s => s.Id == senderCodeId, ct);
            db.Messages.Add(new Message
            {
                SenderCodeId = senderCodeId,
                Contact = contact,
                Phone = contact.Phone,
                Direction = MessageDirection.Outbound,
                Body = OptOutConfirmations.For(code),
                CreatedUtc = now,
                Status = DeliveryStatus.Queued,
                IsOptOutConfirmation = true,
            });
        }

        review.Contact = contact;
        var outcome = await DecideAsync(review, ReviewDecision.OptedOut, user, now, ct);
        if (outcome == ReviewOutcome.Done && confirmation && sender.IsConfigured)
        {
            outbound.SendSoon();
        }

        return outcome;
    }

    public async Task<ReviewOutcome> DismissAsync(int senderCodeId, long reviewId, ConsentActor user, CancellationToken ct)
    {
        var review = await FindAsync(senderCodeId, reviewId, ct);
        if (review is null || review.DecidedUtc is not null)
        {
            return review is null ? ReviewOutcome.NotFound : ReviewOutcome.AlreadyDecided;
        }

        if (await ContactOfAsync(review, ct) is { } contact)
        {
            consent.RecordUnchanged(contact, ConsentChanges.ReviewedNotAnOptOut, user with
            {
                MessageSid = review.Message!.ProviderMessageId,
                Detail = $"Needs review dismissed: \"{review.Message.Body}\"",
            });
            review.Contact = contact;
        }

        return await DecideAsync(review, ReviewDecision.Dismissed, user, clock.GetUtcNow().UtcDateTime, ct);
    }

    private async Task<ReviewOutcome> DecideAsync(OptOutReview review, ReviewDecision decision, ConsentActor user, DateTime now, CancellationToken ct)
    {
        review.DecidedUtc = now;
        review.Decision = decision;
        review.DecidedByUserId = user.UserId;
        review.DecidedByUserName = user.UserName;
        try
        {
            await db.SaveChangesAsync(ct);
            return ReviewOutcome.Done;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another user decided this text (or changed this number) first: nothing of ours is saved.
            db.ChangeTracker.Clear();
            return ReviewOutcome.AlreadyDecided;
        }
    }

    private Task<OptOutReview?> FindAsync(int senderCodeId, long reviewId, CancellationToken ct) =>
        db.OptOutReviews.Include(r => r.Message).SingleOrDefaultAsync(r => r.Id == reviewId && r.SenderCodeId == senderCodeId, ct);

    /// <summary>The number's contact now: the review's, or one created since the text came (by a later text or import).</summary>
    private Task<Contact?> ContactOfAsync(OptOutReview review, CancellationToken ct) =>
        db.Contacts.Include(c => c.Subscriptions).SingleOrDefaultAsync(c => c.SenderCodeId == review.SenderCodeId && c.Phone == review.Phone, ct);

    private async Task<List<ReviewRow>> Rows(IQueryable<OptOutReview> reviews, int take, CancellationToken ct)
    {
        var rows = await reviews.Take(take)
            .Select(r => new
            {
                r.Id,
                r.CreatedUtc,
                r.Phone,
                r.SenderCodeId,
                Text = r.Message!.Body,
                r.Reason,
                r.DecidedUtc,
                r.Decision,
                r.DecidedByUserName,
            })
            .ToListAsync(ct);
        var phones = rows.Select(r => r.Phone).Distinct().ToList();
        var senderCodeId = rows.FirstOrDefault()?.SenderCodeId;
        var contacts = senderCodeId is null
            ? []
            : await db.Contacts.AsNoTracking().Include(c => c.Subscriptions)
                .Where(c => c.SenderCodeId == senderCodeId && phones.Contains(c.Phone))
                .ToDictionaryAsync(c => c.Phone, ct);
        return rows.Select(r =>
        {
            var contact = contacts.GetValueOrDefault(r.Phone);
            return new ReviewRow(
                r.Id, r.CreatedUtc, r.Phone, contact?.Id, r.Text, r.Reason,
                contact is null ? ConsentStates.NotSubscribed : ContactConsent.StateOf(contact),
                r.DecidedUtc, r.Decision, r.DecidedByUserName);
        }).ToList();
    }
}
