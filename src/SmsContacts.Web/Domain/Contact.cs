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

    /// <summary>Last message of any direction; the Other Contacts tab shows it.</summary>
    public DateTime? LastMessageUtc { get; set; }

    /// <summary>Last outbound message the carrier confirmed as delivered.</summary>
    public DateTime? LastSendUtc { get; set; }

    public DateTime? LastClickUtc { get; set; }

    public DateTime? ComplianceLastSentUtc { get; set; }

    /// <summary>Optimistic concurrency: bumped by every write so two editors cannot overwrite each other.</summary>
    public int Version { get; set; }

    public List<Subscription> Subscriptions { get; set; } = [];

    public List<CustomFieldValue> CustomFieldValues { get; set; } = [];

    public bool IsOptedOut => OptedOutUtc is not null;
}
