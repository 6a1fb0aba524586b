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
/// texts). Pure rules: it runs no query and saves nothing. Each change is applied to the contact's own
/// graph: its subscriptions change, the lists it leaves at an opt-out go into
/// <see cref="Contact.SuspendedSubscriptions"/>, and each change appends an append-only event to
/// <see cref="Contact.ConsentEvents"/>; the caller (tracking the contact) saves it all in one SaveChanges.
/// The bulk import applies the same rules set-based and is tested against the same guarantees.
///
/// What a change reads must be on the contact (Data/ConsentLoading loads it): the subscriptions with their
/// <see cref="Subscription.List"/> (its name goes into the events) for <see cref="OptOut"/>, <see cref="Ban"/> and
/// <see cref="Unsubscribe"/>; <see cref="Contact.SuspendedSubscriptions"/> (with their lists) for an opt-out that
/// remembers lists, a ban, and <see cref="OptBackIn"/>. A contact not yet saved (Id 0) has none of those to load.
/// A change that needs what is not loaded throws <see cref="InvalidOperationException"/> rather than guess.
///
/// The rules:
/// - nothing re-subscribes an opted-out number except <see cref="OptBackIn"/> (START/UNSTOP, or a user's
///   explicit action), and nothing at all re-subscribes a banned one;
/// - an opt-out covers the whole sender code: the lists the number was on are remembered so that
///   START can restore them; a ban forgets them.
/// </summary>
/// <param name="clock">The time every change and event is stamped with (UTC).</param>
public sealed class ContactConsent(TimeProvider clock)
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

        // Not List = list: the list handed in may come from elsewhere (another context, a no-tracking query), and EF would
        // take it for a list to save. A change that later needs the list's name loads it (Data/ConsentLoading).
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
    /// <param name="lists">The lists of the pending subscriptions (at least those); their names go into the events.</param>
    /// <returns>The lists confirmed, in the order of the contact's subscriptions.</returns>
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
    /// <param name="lists">The lists of the pending subscriptions (at least those); their names go into the events.</param>
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

    /// <summary>
    /// Takes the number off one list. On no list any more, it is opted out (reason Manual), which needs what
    /// <see cref="OptOut"/> needs loaded.
    /// </summary>
    /// <returns>False when the number was not on the list (nothing changed).</returns>
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
    /// Needs each subscription's list, and (when an active subscription is to be remembered) the suspended subscriptions.
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
        var suspended = contact.Subscriptions.Any(s => s.Status == SubscriptionStatus.Active) ? SuspendedOf(contact, nameof(OptOut)) : null;
        foreach (var subscription in contact.Subscriptions.ToList())
        {
            // Each list it leaves records the leaving, with the reason: the list's history is complete on its own.
            Record(contact, ConsentChanges.OptedOut, ListOf(subscription), ConsentStates.Of(subscription.Status), ConsentStates.OptedOut(reason), actor, at: now);

            // A pending double opt-in was never confirmed: START must not turn it into an active subscription.
            if (subscription.Status == SubscriptionStatus.Active && suspended!.All(s => s.ListId != subscription.ListId))
            {
                suspended!.Add(new SuspendedSubscription
                {
                    ContactId = contact.Id,
                    ListId = subscription.ListId,
                    List = subscription.List, // the graph's own list, so START needs no load
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

    /// <summary>
    /// Bans the number: off every list, opted out with reason Banned, never to be re-added; the lists an earlier
    /// opt-out remembered are forgotten. Needs each subscription's list and the suspended subscriptions.
    /// </summary>
    public void Ban(Contact contact, ConsentActor actor)
    {
        if (contact.OptOutReason == OptOutReason.Banned)
        {
            return;
        }

        var now = Now;
        var before = StateOf(contact);
        var suspended = SuspendedOf(contact, nameof(Ban));
        foreach (var subscription in contact.Subscriptions)
        {
            Record(contact, ConsentChanges.Banned, ListOf(subscription), ConsentStates.Of(subscription.Status), ConsentStates.Banned, actor, at: now);
        }

        contact.Subscriptions.Clear();
        suspended.Clear();
        contact.OptedOutUtc = now;
        contact.OptOutReason = OptOutReason.Banned;
        Record(contact, ConsentChanges.Banned, null, before, ConsentStates.Banned, actor, at: now);
    }

    /// <summary>
    /// START/UNSTOP, or a user's explicit and audited action: lifts an opt-out and puts the number back
    /// on the lists it left (its suspended subscriptions, each with its list loaded). Refused (false) for a
    /// banned number; true, changing nothing, for one not opted out.
    /// </summary>
    public bool OptBackIn(Contact contact, ConsentActor actor)
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
        var suspended = SuspendedOf(contact, nameof(OptBackIn));
        contact.OptedOutUtc = null;
        contact.OptOutReason = null;
        foreach (var left in suspended.ToList())
        {
            suspended.Remove(left);
            if (contact.Subscriptions.Any(s => s.ListId == left.ListId))
            {
                continue;
            }

            var list = left.List ?? throw NotLoaded(nameof(OptBackIn), "the list of each suspended subscription");
            contact.Subscriptions.Add(new Subscription
            {
                SenderCodeId = contact.SenderCodeId,
                ListId = left.ListId,
                List = list,
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

    /// <summary>The lists the number left at an opt-out; a contact not saved yet has none, any other must have them loaded.</summary>
    private static List<SuspendedSubscription> SuspendedOf(Contact contact, string change) =>
        contact.SuspendedSubscriptions
        ?? (contact.Id == 0 ? contact.SuspendedSubscriptions = [] : throw NotLoaded(change, "the contact's suspended subscriptions"));

    private static ContactList ListOf(Subscription subscription) =>
        subscription.List ?? throw NotLoaded("A consent change of a list", "the list of each subscription");

    private static InvalidOperationException NotLoaded(string change, string what) =>
        new($"{change} needs {what} loaded (Data/ConsentLoading); it does not guess what is not there.");

    private void Record(Contact contact, string change, ContactList? list, string before, string after, ConsentActor actor, SubscribeMethod? method = null, DateTime? at = null)
    {
        var now = at ?? Now;
        contact.Version++;
        contact.UpdatedUtc = now;
        contact.ConsentEvents.Add(new ConsentEvent
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
