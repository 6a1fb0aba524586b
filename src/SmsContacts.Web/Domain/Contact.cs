namespace SmsContacts.Web.Domain;

/// <summary>
/// One phone number on one sender code. The phone (E.164) never changes once stored:
/// a different number is a different contact.
/// </summary>
public class Contact
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    private string _phone = "";

    /// <summary>E.164, e.g. +15551234567.</summary>
    public string Phone
    {
        get => _phone;
        set
        {
            _phone = value;
            PhoneDigitsReversed = ContactPhone.DigitsReversed(value);
        }
    }

    /// <summary>
    /// The phone's digits back to front (+15551234567 → 76543215551), kept beside it so that
    /// "ends with 4567" is an index range just like "starts with +1555" (see Data/PhoneSearch).
    /// Set with the phone, by the rule every writer uses (<see cref="ContactPhone"/>).
    /// </summary>
    public string PhoneDigitsReversed { get; private set; } = "";

    public string? Email { get; set; }

    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public DateOnly? Birthday { get; set; }

    public string? PostalCode { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime UpdatedUtc { get; set; }

    /// <summary>Set while the number is opted out of the whole sender code.</summary>
    public DateTime? OptedOutUtc { get; set; }

    public OptOutReason? OptOutReason { get; set; }

    /// <summary>The invalid reply that made this an Other Contact (e.g. "maybe" to a double opt-in request).</summary>
    public string? OtherReply { get; set; }

    public DateTime? OtherReplyUtc { get; set; }

    /// <summary>
    /// When a text was last sent to the number (handed to the provider: the outbound queue's send, or the answer in
    /// the inbound webhook's response), UTC. The Other Contacts tab's Last Message Date: "the date the last message
    /// was sent to the contact", not the contact's reply (<see cref="OtherReplyUtc"/>).
    /// </summary>
    public DateTime? LastMessageUtc { get; set; }

    /// <summary>Last Send Date: when the latest outbound text the carrier confirmed as delivered was delivered (delivery receipts), UTC.</summary>
    public DateTime? LastSendUtc { get; set; }

    /// <summary>
    /// Last Click Date: when the contact last followed a tracked link in a text, UTC. This app sends no tracked links
    /// and records no clicks, so only data from elsewhere (the demo data) holds one; it is never after now and never
    /// before the first text delivered to the contact.
    /// </summary>
    public DateTime? LastClickUtc { get; set; }

    /// <summary>
    /// Compliance Last Sent Date: when the latest delivered outbound text that carried compliance messaging
    /// (<see cref="ComplianceMessage"/>: how to opt out) was delivered, UTC; set by delivery receipts.
    /// </summary>
    public DateTime? ComplianceLastSentUtc { get; set; }

    /// <summary>Optimistic concurrency: bumped by every write so two editors cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];

    public List<CustomFieldValue> CustomFieldValues { get; set; } = [];

    /// <summary>
    /// The number's consent history (append-only). Queries do not load it: <see cref="ContactConsent"/> appends the
    /// events a change writes, and the SaveChanges that saves the change inserts them.
    /// </summary>
    public List<ConsentEvent> ConsentEvents { get; set; } = [];

    /// <summary>
    /// The lists the number was on when it opted out, which START puts it back on. Null until loaded (Data/ConsentLoading),
    /// so that <see cref="ContactConsent"/> can tell "none" from "not read" and never forgets a list by not reading it.
    /// </summary>
    public List<SuspendedSubscription>? SuspendedSubscriptions { get; set; }

    public bool IsOptedOut => OptedOutUtc is not null;
}
