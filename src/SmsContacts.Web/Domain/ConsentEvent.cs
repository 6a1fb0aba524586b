namespace SmsContacts.Web.Domain;

/// <summary>
/// One change of a number's subscription or opt-out state. Append-only: the application never
/// updates or deletes these (AppDbContext refuses to, and database triggers back that up).
/// </summary>
public class ConsentEvent
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    public long ContactId { get; set; }

    public Contact? Contact { get; set; }

    public string Phone { get; set; } = "";

    public DateTime OccurredUtc { get; set; }

    /// <summary>What changed, e.g. "Subscribed", "Unsubscribed", "Opted out", "Opted in", "Banned".</summary>
    public string Change { get; set; } = "";

    public int? ListId { get; set; }

    public string? ListName { get; set; }

    public string StateBefore { get; set; } = "";

    public string StateAfter { get; set; } = "";

    public ConsentSource Source { get; set; }

    public string? UserId { get; set; }

    public string? UserName { get; set; }

    /// <summary>Provider message id of the inbound text that caused it.</summary>
    public string? MessageSid { get; set; }

    public Guid? ImportId { get; set; }

    /// <summary>What led to it, in words, when the change alone does not say: "Plain-language opt-out: "stop please"".</summary>
    public string? Detail { get; set; }

    /// <summary>
    /// How the subscription this event starts was made (Import, Single Contact, Keyword, Form, API): set on the events that
    /// put a number on a list (Subscribed, Pending confirmation, Resubscribed), null on every other event and on events
    /// written before it was recorded. The SMS List Dashboard counts new subscriptions by it.
    /// </summary>
    public SubscribeMethod? Method { get; set; }

    /// <summary>
    /// Where consent came from, as the person who captured it wrote it ("paper form at store 12"): typed on Single Contact.
    /// An import's note is on its <see cref="ImportRecord.ConsentNote"/> (one for the whole file), reached through <see cref="ImportId"/>.
    /// </summary>
    public string? ConsentNote { get; set; }
}
