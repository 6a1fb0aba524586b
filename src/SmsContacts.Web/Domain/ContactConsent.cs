using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Domain;

/// <summary>Who or what changes a number's consent; written into every consent event.</summary>
public sealed record ConsentActor(
    ConsentSource Source,
    string? UserId = null,
    string? UserName = null,
    string? MessageSid = null,
    Guid? ImportId = null,
    string? Detail = null,
    string? ConsentNote = null);

public sealed record SubscriptionRequest(
    SubscribeMethod Method,
    string? Keyword = null,
    bool Pending = false,
    bool MarketingConsent = true,
    bool CartAbandonmentConsent = false);

public enum SubscribeOutcome
{
    Subscribed,
    Pending,
    AlreadyOnList,

    /// <summary>Opted out: only START/UNSTOP or an explicit opt-back-in may bring the number back.</summary>
    RefusedOptedOut,

    /// <summary>Banned: never re-added, by anyone.</summary>
    RefusedBanned,
}

/// <summary>
/// The consent rules, in one place, for every per-contact path (single contact, edit, ban, inbound
/// texts). Each change is applied to a tracked contact (with its subscriptions loaded) together with
/// an append-only consent event; the caller saves both in one SaveChanges. The bulk import applies
/// the same rules set-based and is tested against the same guarantees.
///
/// The rules:
/// - nothing re-subscribes an opted-out number except <see cref="OptBackIn"/> (START/UNSTOP, or a user's
///   explicit action), and nothing at all re-subscribes a banned one;
/// - an opt-out covers the whole sender code: the lists the number was on are remembered so that
///   START can restore them; a ban forgets them.
/// </summary>
public sealed class ContactConsent(AppDbContext db, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public SubscribeOutcome Subscribe(Contact contact, ContactList list, SubscriptionRequest request, ConsentActor actor)
    {
        if (contact.OptOutReason == OptOutReason.Banned)
        {
            return SubscribeOutcome.RefusedBanned;
        }

        if (contact.IsOptedOut)
        {
            return SubscribeOutcome.RefusedOptedOut;
        }

        if (contact.Subscriptions.Any(s => s.ListId == list.Id))
        {
            return SubscribeOutcome.AlreadyOnList;
        }

        contact.Subscriptions.Add(new Subscription
        {
            SenderCodeId = contact.SenderCodeId,
            ListId = list.Id,
            Phone = contact.Phone,
            Status = request.Pending ? SubscriptionStatus.Pending : SubscriptionStatus.Active,
            SubscribedUtc = Now,
            ConfirmedUtc = request.Pending ? null : Now,
            Method = request.Method,
            Keyword = request.Keyword,
            MarketingConsent = request.MarketingConsent,
            CartAbandonmentConsent = request.CartAbandonmentConsent,
        });

        // A number that subscribes is no longer one we could not subscribe.
        contact.OtherReply = null;
        contact.OtherReplyUtc = null;

        // A list event records the number's state on that list: it was on no such list (checked above) and not opted out.
        Record(contact, ConsentChanges.OfNewSubscription(request.Pending), list, ConsentStates.NotSubscribed, request.Pending ? ConsentStates.Pending : ConsentStates.Subscribed, actor, request.Method);
        return request.Pending ? SubscribeOutcome.Pending : SubscribeOutcome.Subscribed;
    }

    /// <summary>Turns the number's pending (double opt-in) subscriptions into active ones.</summary>
    public IReadOnlyList<ContactList> Confirm(Contact contact, IReadOnlyCollection<ContactList> lists, ConsentActor actor)
    {
        var confirmed = new List<ContactList>();
        foreach (var subscription in contact.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending))
        {
            subscription.Status = SubscriptionStatus.Active;
            subscription.ConfirmedUtc = Now;
            var list = lists.Single(l => l.Id == subscription.ListId);
            confirmed.Add(list);
            Record(contact, ConsentChanges.Confirmed, list, ConsentStates.Pending, ConsentStates.Subscribed, actor);
        }

        return confirmed;
    }

    /// <summary>
    /// An invalid reply to a pending confirmation: the pending subscriptions are dropped (each list records Pending → Not
    /// subscribed) and the reply kept, which makes the number an Other Contact.
    /// </summary>
    public void MarkOther(Contact contact, string reply, IReadOnlyCollection<ContactList> lists, ConsentActor actor)
    {
        foreach (var subscription in contact.Subscriptions.Where(s => s.Status == SubscriptionStatus.Pending).ToList())
        {
            contact.Subscriptions.Remove(subscription);
            Record(contact, ConsentChanges.ConfirmationRefused, lists.Single(l => l.Id == subscription.ListId), ConsentStates.Pending, ConsentStates.NotSubscribed, actor);
        }

        contact.OtherReply = reply;
        contact.OtherReplyUtc = Now;
    }

    /// <summary>Takes the number off one list. On no list any more, it is opted out (reason Manual).</summary>
    public bool Unsubscribe(Contact contact, ContactList list, ConsentActor actor)
    {
        var subscription = contact.Subscriptions.SingleOrDefault(s => s.ListId == list.Id);
        if (subscription is null)
        {
            return false;
        }

        if (contact.Subscriptions.Count == 1)
        {
            OptOut(contact, OptOutReason.Manual, actor);
            return true;
        }

        contact.Subscriptions.Remove(subscription);
        Record(contact, ConsentChanges.Unsubscribed, list, ConsentStates.Of(subscription.Status), ConsentStates.NotSubscribed, actor);
        return true;
    }

    /// <summary>
    /// Opts the number out of the whole sender code. The lists it was on are remembered for START.
    /// An existing opt-out is kept as it is (its date and reason are the truth), except that a ban overrides it.
    /// </summary>
    public void OptOut(Contact contact, OptOutReason reason, ConsentActor actor)
    {
        if (reason == OptOutReason.Banned)
        {
            Ban(contact, actor);
            return;
        }

        if (contact.IsOptedOut)
        {
            return;
        }

        // One instant for the whole opt-out: the contact's Opt-out Date is the time of every event it writes, so the
        // Opted-Out tab finds the lists an opt-out took a number off by that time (Data/ContactRepository.Window.cs).
        var now = Now;
        var before = StateOf(contact);
        var suspended = contact.Id == 0 || contact.Subscriptions.Count == 0
            ? []
            : db.SuspendedSubscriptions.Where(s => s.ContactId == contact.Id).ToList();
        var lists = ListsOf(contact);
        foreach (var subscription in contact.Subscriptions.ToList())
        {
            // Each list it leaves records the leaving, with the reason: the list's history is complete on its own.
            Record(contact, ConsentChanges.OptedOut, lists[subscription.ListId], ConsentStates.Of(subscription.Status), ConsentStates.OptedOut(reason), actor, at: now);

            // A pending double opt-in was never confirmed: START must not turn it into an active subscription.
            if (subscription.Status == SubscriptionStatus.Active && suspended.All(s => s.ListId != subscription.ListId))
            {
                db.SuspendedSubscriptions.Add(new SuspendedSubscription
                {
                    ContactId = contact.Id,
                    ListId = subscription.ListId,
                    SubscribedUtc = subscription.SubscribedUtc,
                    Method = subscription.Method,
                    Keyword = subscription.Keyword,
                    MarketingConsent = subscription.MarketingConsent,
                    CartAbandonmentConsent = subscription.CartAbandonmentConsent,
                    SuspendedUtc = now,
                });
            }

            contact.Subscriptions.Remove(subscription);
        }

        contact.OptedOutUtc = now;
        contact.OptOutReason = reason;
        Record(contact, ConsentChanges.OptedOut, null, before, ConsentStates.OptedOut(reason), actor, at: now);
    }

    /// <summary>Bans the number: off every list, opted out with reason Banned, never to be re-added.</summary>
    public void Ban(Contact contact, ConsentActor actor)
    {
        if (contact.OptOutReason == OptOutReason.Banned)
        {
            return;
        }

        var now = Now;
        var before = StateOf(contact);
        var lists = ListsOf(contact);
        foreach (var subscription in contact.Subscriptions)
        {
            Record(contact, ConsentChanges.Banned, lists[subscription.ListId], ConsentStates.Of(subscription.Status), ConsentStates.Banned, actor, at: now);
        }

        contact.Subscriptions.Clear();
        if (contact.Id != 0)
        {
            db.SuspendedSubscriptions.RemoveRange(db.SuspendedSubscriptions.Where(s => s.ContactId == contact.Id));
        }

        contact.OptedOutUtc = now;
        contact.OptOutReason = OptOutReason.Banned;
        Record(contact, ConsentChanges.Banned, null, before, ConsentStates.Banned, actor, at: now);
    }

    /// <summary>
    /// START/UNSTOP, or a user's explicit and audited action: lifts an opt-out and puts the number back
    /// on the lists it left. Refused (false) for a banned number.
    /// </summary>
    public async Task<bool> OptBackInAsync(Contact contact, ConsentActor actor, CancellationToken ct)
    {
        if (contact.OptOutReason == OptOutReason.Banned)
        {
            return false;
        }

        if (!contact.IsOptedOut)
        {
            return true;
        }

        var before = StateOf(contact);
        var suspended = contact.Id == 0 ? [] : await db.SuspendedSubscriptions.Where(s => s.ContactId == contact.Id).ToListAsync(ct);
        var lists = await db.Lists.Where(l => l.SenderCodeId == contact.SenderCodeId).ToDictionaryAsync(l => l.Id, ct);
        contact.OptedOutUtc = null;
        contact.OptOutReason = null;
        foreach (var left in suspended)
        {
            db.SuspendedSubscriptions.Remove(left);
            if (contact.Subscriptions.Any(s => s.ListId == left.ListId) || !lists.TryGetValue(left.ListId, out var list))
            {
                continue;
            }

            contact.Subscriptions.Add(new Subscription
            {
                SenderCodeId = contact.SenderCodeId,
                ListId = left.ListId,
                Phone = contact.Phone,
                Status = SubscriptionStatus.Active,
                SubscribedUtc = Now,
                ConfirmedUtc = Now,
                Method = left.Method,
                Keyword = left.Keyword,
                MarketingConsent = left.MarketingConsent,
                CartAbandonmentConsent = left.CartAbandonmentConsent,
            });
            Record(contact, ConsentChanges.Resubscribed, list, ConsentStates.OptedOutAnyReason, ConsentStates.Subscribed, actor, left.Method);
        }

        Record(contact, ConsentChanges.OptedBackIn, null, before, StateOf(contact), actor);
        return true;
    }

    /// <summary>
    /// Records a decision about the number's consent that changes nothing (a Needs review text judged not to be an
    /// opt-out), so its history shows who decided what; Before and After are the same state.
    /// </summary>
    public void RecordUnchanged(Contact contact, string change, ConsentActor actor)
    {
        var state = StateOf(contact);
        Record(contact, change, null, state, state, actor);
    }

    /// <summary>
    /// The number's state on the sender code in words ("Subscribed", "Pending", "Other contact", "Opted out (STOP keyword)",
    /// "Banned", "Not subscribed"), as sender-code events (opt-out, ban, opt back in), the details popup and the Ban dialog
    /// show it. Events of one list record the state on that list instead (see <see cref="ConsentStates"/>).
    /// </summary>
    public static string StateOf(Contact contact) => contact switch
    {
        { OptOutReason: { } reason } => ConsentStates.OptedOut(reason),
        _ when contact.Subscriptions.Any(s => s.Status == SubscriptionStatus.Active) => ConsentStates.Subscribed,
        _ when contact.Subscriptions.Count > 0 => ConsentStates.Pending,
        { OtherReplyUtc: not null } => ConsentStates.OtherContact,
        _ => ConsentStates.NotSubscribed,
    };

    /// <summary>The lists of the contact's subscriptions (their names go into the events), loaded when not already.</summary>
    private Dictionary<int, ContactList> ListsOf(Contact contact)
    {
        var ids = contact.Subscriptions.Select(s => s.ListId).ToHashSet();
        var loaded = contact.Subscriptions.Where(s => s.List is not null).Select(s => s.List!).DistinctBy(l => l.Id).ToDictionary(l => l.Id);
        if (ids.All(loaded.ContainsKey))
        {
            return loaded;
        }

        var tracked = db.Lists.Local.Where(l => ids.Contains(l.Id)).ToDictionary(l => l.Id);
        var missing = ids.Where(id => !tracked.ContainsKey(id)).ToList();
        foreach (var list in missing.Count == 0 ? [] : db.Lists.Where(l => missing.Contains(l.Id)).ToList())
        {
            tracked[list.Id] = list;
        }

        return tracked;
    }

    private void Record(Contact contact, string change, ContactList? list, string before, string after, ConsentActor actor, SubscribeMethod? method = null, DateTime? at = null)
    {
        var now = at ?? Now;
        contact.Version++;
        contact.UpdatedUtc = now;
        db.ConsentEvents.Add(new ConsentEvent
        {
            SenderCodeId = contact.SenderCodeId,
            Contact = contact,
            Phone = contact.Phone,
            OccurredUtc = now,
            Change = change,
            ListId = list?.Id,
            ListName = list?.Name,
            StateBefore = before,
            StateAfter = after,
            Source = actor.Source,
            UserId = actor.UserId,
            UserName = actor.UserName,
            MessageSid = actor.MessageSid,
            ImportId = actor.ImportId,
            Detail = actor.Detail,
            Method = method,
            ConsentNote = actor.ConsentNote,
        });
    }
}
