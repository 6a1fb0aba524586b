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

    public string Body { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the carrier delivered it (outbound) or we received it (inbound).</summary>
    public DateTime? DeliveredUtc { get; set; }

    public DeliveryStatus Status { get; set; }

    /// <summary>The provider's id (Twilio MessageSid); unique, which makes webhook replays harmless.</summary>
    public string? ProviderMessageId { get; set; }

    public string? ErrorCode { get; set; }
}
