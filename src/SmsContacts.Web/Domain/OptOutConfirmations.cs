namespace SmsContacts.Web.Domain;

/// <summary>
/// The one text confirming an opt-out. The FCC allows a single confirmation after a revocation of consent,
/// without marketing, sent within five minutes of the request (47 CFR 64.1200(a)(12)); after that window, or
/// for a number that was already opted out, or when the provider has sent its own (Twilio Advanced Opt-Out),
/// nothing is sent.
/// </summary>
public static class OptOutConfirmations
{
    /// <summary>How long after the opt-out request a confirmation may still go out.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    /// <summary>The text when the sender code has none of its own: who is texting, what happened, how to come back.</summary>
    public static string Default(SenderCode code) =>
        $"{code.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe.";

    /// <summary>The sender code's own confirmation, or the default.</summary>
    public static string For(SenderCode code) =>
        string.IsNullOrWhiteSpace(code.OptOutConfirmation) ? Default(code) : code.OptOutConfirmation.Trim();

    /// <summary>Whether a confirmation may still be sent for a request received at <paramref name="requestUtc"/>.</summary>
    public static bool InTime(DateTime requestUtc, DateTime nowUtc) => nowUtc - requestUtc <= Window;
}
