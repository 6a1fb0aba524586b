namespace SmsContacts.Web.Domain;

/// <summary>
/// A contact on a list, right now. Leaving a list deletes the row (the consent history keeps
/// the record); an opt-out moves the rows to <see cref="SuspendedSubscription"/> so START can
/// restore exactly the lists the number left.
/// </summary>
public class Subscription
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    public long ContactId { get; set; }

    public Contact? Contact { get; set; }

    public int ListId { get; set; }

    public ContactList? List { get; set; }

    /// <summary>Copy of the contact's phone (which never changes) so the grid sorts and pages on one index.</summary>
    public string Phone { get; set; } = "";

    public SubscriptionStatus Status { get; set; }

    public DateTime SubscribedUtc { get; set; }

    public SubscribeMethod Method { get; set; }

    public string? Keyword { get; set; }

    public bool MarketingConsent { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public DateTime? ConfirmedUtc { get; set; }
}

/// <summary>A list a number was on when it opted out; START/UNSTOP puts it back.</summary>
public class SuspendedSubscription
{
    public long Id { get; set; }

    public long ContactId { get; set; }

    public int ListId { get; set; }

    public DateTime SubscribedUtc { get; set; }

    public SubscribeMethod Method { get; set; }

    public string? Keyword { get; set; }

    public bool MarketingConsent { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public DateTime SuspendedUtc { get; set; }
}
