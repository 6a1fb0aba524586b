namespace SmsContacts.Web.Domain;

/// <summary>
/// The words consent events use for a number's state (StateBefore / StateAfter). The per-contact rules
/// (<see cref="ContactConsent"/>) and the set-based import write the same words, so a contact's history
/// reads the same whichever path changed it.
/// </summary>
public static class ConsentStates
{
    public const string Subscribed = "Subscribed";
    public const string Pending = "Pending";
    public const string NotSubscribed = "Not subscribed";
    public const string OtherContact = "Other contact";
    public const string Banned = "Banned";

    /// <summary>Any opt-out, whatever its reason, when only "opted out or not" matters.</summary>
    public const string OptedOutAnyReason = "Opted out";

    /// <summary>"Opted out (StopKeyword)", "Opted out (Import)"..., or "Banned".</summary>
    public static string OptedOut(OptOutReason reason) => reason == OptOutReason.Banned ? Banned : $"{OptedOutAnyReason} ({reason})";

    /// <summary>The state of a number on one list subscription.</summary>
    public static string Of(SubscriptionStatus status) => status == SubscriptionStatus.Pending ? Pending : Subscribed;
}

/// <summary>The words consent events use for what changed (ConsentEvent.Change).</summary>
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

    /// <summary>A text in Needs review that a user judged not to be an opt-out (the text is in the event's Detail).</summary>
    public const string ReviewedNotAnOptOut = "Reviewed: not an opt-out";

    /// <summary>What a new subscription records: active at once, or waiting for the number's Y.</summary>
    public static string OfNewSubscription(bool pending) => pending ? PendingConfirmation : Subscribed;
}
