namespace SmsContacts.Web.Infrastructure.Sms;

/// <summary>One text to hand to the SMS provider.</summary>
/// <param name="From">The sender code it goes out from (short code or E.164 long number).</param>
/// <param name="To">E.164.</param>
/// <param name="StatusCallback">Where the provider posts delivery receipts.</param>
public sealed record OutgoingSms(string From, string To, string Body, Uri? StatusCallback);

public enum SmsSendOutcome
{
    /// <summary>The provider took it; delivery receipts follow.</summary>
    Accepted,

    /// <summary>The provider refused this text (bad number, blocked...); sending it again would not help.</summary>
    Rejected,

    /// <summary>The provider could not take it now (rate limit, outage, no connection); it stays queued.</summary>
    TryLater,
}

public sealed record SmsSendResult(SmsSendOutcome Outcome, string? ProviderMessageId = null, string? ErrorCode = null);

/// <summary>The SMS provider's send API; our seam, so tests can stand in for the provider.</summary>
public interface ISmsSender
{
    /// <summary>False when no provider is configured: queued texts then wait, visible as Queued.</summary>
    bool IsConfigured { get; }

    Task<SmsSendResult> SendAsync(OutgoingSms sms, CancellationToken ct);
}
