namespace SmsContacts.Web.Domain;

/// <summary>
/// An inbound text that might mean "stop" but does not say it plainly enough to opt the number out by itself
/// ("We have got to STOP this bill"): it waits in Needs review until a user opts the number out or dismisses
/// it. Both decisions are kept here (who, when) and written to the contact's consent history.
/// </summary>
public class OptOutReview
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    /// <summary>The inbound text (one review per text).</summary>
    public long MessageId { get; set; }

    public Message? Message { get; set; }

    /// <summary>The texter, E.164; there may be no contact yet (a number we never saw).</summary>
    public string Phone { get; set; } = "";

    public long? ContactId { get; set; }

    public Contact? Contact { get; set; }

    /// <summary>Why a person should look, in words (from <see cref="InboundReading.Why"/>).</summary>
    public string Reason { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>Null while it waits; a concurrency token, so two users cannot both decide it.</summary>
    public DateTime? DecidedUtc { get; set; }

    public ReviewDecision? Decision { get; set; }

    public string? DecidedByUserId { get; set; }

    public string? DecidedByUserName { get; set; }
}

public enum ReviewDecision
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Opted out")]
    OptedOut = 1,

    Dismissed = 2,
}
