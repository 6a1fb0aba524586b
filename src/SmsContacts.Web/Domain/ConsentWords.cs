using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace SmsContacts.Web.Domain;

/// <summary>
/// The words consent events use for a number's state (StateBefore / StateAfter), one set for every writer: the
/// per-contact rules (<see cref="ContactConsent"/>), both bulk import writers (set-based SQL) and the demo seeder.
///
/// Which state an event records depends on what it changed:
/// - an event of one list (it has a ListId: subscribed, pending confirmation, confirmed, unsubscribed, resubscribed,
///   opt-in status overridden, consent given/withdrawn, and the opt-out or ban that took the number off that list) records
///   the number's state ON THAT LIST: <see cref="NotSubscribed"/>, <see cref="Pending"/>, <see cref="Subscribed"/>,
///   <see cref="OptedOutAnyReason"/> (before a resubscription), or the opt-out with its reason ("Opted out (STOP keyword)",
///   "Banned") after an opt-out or ban. An opt-out or ban writes one such event for each list the number leaves, then the
///   sender code's event, all at one instant (the contact's Opt-out Date);
/// - an event of the whole sender code (opted out, banned, opted back in) records the number's state on the sender
///   code (<see cref="ContactConsent.StateOf"/>): subscribed to some list, pending, an Other Contact, opted out with
///   its reason in words ("Opted out (STOP keyword)"), or banned.
/// </summary>
public static class ConsentStates
{
    public const string Subscribed = "Subscribed";
    public const string Pending = "Pending";
    public const string NotSubscribed = "Not subscribed";
    public const string OtherContact = "Other contact";
    public const string Banned = "Banned";

    /// <summary>Any opt-out, whatever its reason: the state of a list the number left by opting out.</summary>
    public const string OptedOutAnyReason = "Opted out";

    private const string OptedOutPrefix = OptedOutAnyReason + " (";

    /// <summary>"Opted out (STOP keyword)", "Opted out (Import)"..., or "Banned"; the reason in <see cref="OptOutReasons.Words"/>.</summary>
    public static string OptedOut(OptOutReason reason) =>
        reason == OptOutReason.Banned ? Banned : $"{OptedOutPrefix}{OptOutReasons.Words(reason)})";

    /// <summary>The state of a number on one list it is subscribed to.</summary>
    public static string Of(SubscriptionStatus status) => status == SubscriptionStatus.Pending ? Pending : Subscribed;

    /// <summary>
    /// A stored state as a person reads it. Events are never rewritten (the history is append-only), and events
    /// written before the reasons had words say "Opted out (StopKeyword)": those read as "Opted out (STOP keyword)".
    /// Every other text comes back as stored.
    /// </summary>
    public static string Readable(string stored)
    {
        if (stored.StartsWith(OptedOutPrefix, StringComparison.Ordinal) && stored.EndsWith(')')
            && Enum.GetNames<OptOutReason>().Contains(stored[OptedOutPrefix.Length..^1], StringComparer.Ordinal))
        {
            return OptedOut(Enum.Parse<OptOutReason>(stored[OptedOutPrefix.Length..^1]));
        }

        return stored;
    }
}

/// <summary>The words of each <see cref="OptOutReason"/>: its [Display] name, so the grid, the exports and the consent history say the same.</summary>
public static class OptOutReasons
{
    private static readonly IReadOnlyDictionary<OptOutReason, string> Names = Enum.GetValues<OptOutReason>().ToDictionary(
        r => r,
        r => typeof(OptOutReason).GetField(r.ToString())!.GetCustomAttribute<DisplayAttribute>()?.Name ?? r.ToString());

    /// <summary>"STOP keyword", "Carrier deactivation", "Import"...; never the enum's name.</summary>
    public static string Words(OptOutReason reason) => Names.TryGetValue(reason, out var words) ? words : reason.ToString();
}

/// <summary>The words consent events use for what changed (ConsentEvent.Change, at most 40 characters).</summary>
public static class ConsentChanges
{
    public const string Subscribed = "Subscribed";
    public const string PendingConfirmation = "Pending confirmation";
    public const string Confirmed = "Confirmed";
    public const string ConfirmationRefused = "Confirmation refused";
    public const string Unsubscribed = "Unsubscribed";
    public const string OptedOut = "Opted out";
    public const string Banned = "Banned";
    public const string Resubscribed = "Resubscribed";
    public const string OptedBackIn = "Opted back in";
    public const string MarketingConsentGiven = "Marketing consent given";
    public const string CartAbandonmentConsentGiven = "Cart abandonment consent given";
    public const string CartAbandonmentConsentWithdrawn = "Cart abandonment consent withdrawn";

    /// <summary>
    /// An import with "Override contact's current opt-in status" ticked changed a subscription the number already had
    /// (Subscribed → Pending with double opt-in, Pending → Subscribed without): a person's choice, not the number's
    /// reply, so the history says so rather than "Confirmed" or "Pending confirmation".
    /// </summary>
    public const string OptInStatusOverridden = "Opt-in status overridden";

    /// <summary>
    /// An admin's Undo import set back what an import had changed (a subscription removed, an opt-in status or consent set
    /// back, an opt-out lifted with the admin's confirmation that the number agreed again); the event's Detail says which.
    /// </summary>
    public const string ImportUndone = "Import undone";

    /// <summary>A text in Needs review that a user judged not to be an opt-out (the text is in the event's Detail).</summary>
    public const string ReviewedNotAnOptOut = "Reviewed: not an opt-out";

    /// <summary>What a new subscription records: active at once, or waiting for the number's Y.</summary>
    public static string OfNewSubscription(bool pending) => pending ? PendingConfirmation : Subscribed;
}

/// <summary>The texts that ask for or follow up on consent, shared by every path that sends them (keyword joins, imports).</summary>
public static class ConsentTexts
{
    /// <summary>
    /// The double opt-in request: a pending subscription becomes active only when the number replies Y (CTIA Messaging
    /// Principles: confirm the opt-in, say who is texting and how to stop). In: the sender code's and the list's names.
    /// </summary>
    public static string ConfirmationRequest(string senderCodeName, string listName) =>
        $"{senderCodeName}: Reply Y to confirm {listName} texts. Msg & data rates may apply. Reply STOP to cancel.";
}
