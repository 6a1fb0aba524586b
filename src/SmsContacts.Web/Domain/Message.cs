namespace SmsContacts.Web.Domain;

/// <summary>One inbound or outbound text: the contact's message activity.</summary>
public class Message
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    public long? ContactId { get; set; }

    public Contact? Contact { get; set; }

    public string Phone { get; set; } = "";

    public MessageDirection Direction { get; set; }

    /// <summary>
    /// Longest body stored: all a webhook form may carry (its whole body is refused over 64 KiB). An inbound text is
    /// stored as sent, never cut: a "stop" at its end must still be read (Twilio's own texts are at most 1,600 characters).
    /// </summary>
    public const int MaxBodyLength = 64 * 1024;

    /// <summary>The text as sent (inbound) or as queued (outbound), at most <see cref="MaxBodyLength"/> characters.</summary>
    public string Body { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the carrier delivered it (outbound) or we received it (inbound).</summary>
    public DateTime? DeliveredUtc { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>The provider's id (Twilio MessageSid); unique, which makes webhook replays harmless.</summary>
    public string? ProviderMessageId { get; set; }

    public string? ErrorCode { get; set; }

    /// <summary>
    /// Set (to when it was stored, UTC) while an inbound text is stored but its effect (keywords, consent) is
    /// not applied yet; null otherwise. The webhook stores every text first in its own short transaction, then
    /// applies it; whatever holds the applying up, the text is not lost, and the one that applies it clears
    /// this (a concurrency token: only one can).
    /// </summary>
    public DateTime? ApplyPendingSinceUtc { get; set; }

    public bool IsApplyPending => ApplyPendingSinceUtc is not null;

    /// <summary>The provider's own reading of an inbound text (Twilio Advanced Opt-Out: STOP, START or HELP), if it sent one.</summary>
    public string? OptOutType { get; set; }

    /// <summary>
    /// Our one confirmation of an opt-out. It may go to the number that just opted out, within five minutes
    /// of the request (47 CFR 64.1200(a)(12)); any other queued text to an opted-out number is never sent.
    /// </summary>
    public bool IsOptOutConfirmation { get; set; }

    /// <summary>The import that queued it (a journey's welcome, a "Reply Y to confirm"): undoing the import cancels it while it is still queued.</summary>
    public Guid? ImportId { get; set; }
}
