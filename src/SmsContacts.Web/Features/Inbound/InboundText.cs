namespace SmsContacts.Web.Features.Inbound;

/// <summary>A text a number sent to one of our sender codes, as the provider (or the simulator) hands it over.</summary>
/// <param name="MessageSid">The provider's id of the text; a second delivery of the same id changes nothing.</param>
/// <param name="From">The texter's number, as the provider writes it (E.164).</param>
/// <param name="To">The sender code it was sent to: a short code or an E.164 long number.</param>
/// <param name="Body">The text exactly as sent, whitespace included.</param>
/// <param name="OptOutType">
/// Twilio Advanced Opt-Out's reading of the text (STOP, START or HELP), when the provider sent one. It is
/// final whatever the body says: the provider has then already blocked (or unblocked) the number and answered it.
/// </param>
public sealed record InboundText(string MessageSid, string From, string To, string Body, string? OptOutType = null);

public enum InboundOutcome
{
    /// <summary>The whole text is an opt-out word.</summary>
    OptedOut,

    /// <summary>A short text saying "stop texting me" in other words.</summary>
    OptedOutPlainLanguage,

    /// <summary>The provider's OptOutType said STOP.</summary>
    OptedOutByProvider,
    AlreadyOptedOut,
    OptedBackIn,
    AlreadyOptedIn,

    /// <summary>START from a banned number: it stays banned.</summary>
    OptBackInRefused,
    Help,
    Subscribed,
    PendingConfirmation,
    AlreadySubscribed,
    JoinRefusedOptedOut,
    JoinRefusedBanned,
    Confirmed,

    /// <summary>Anything but Y to a pending confirmation: the number becomes an Other Contact.</summary>
    MarkedOther,

    /// <summary>Might mean "stop": waits in Needs review for a person.</summary>
    NeedsReview,

    /// <summary>A text that is no keyword and answers nothing: kept in message activity.</summary>
    Received,

    /// <summary>A MessageSid we already have (and applied): nothing changed.</summary>
    Replay,

    /// <summary>Stored, but applying it kept colliding with other writes: a background job finishes it.</summary>
    Stored,
    UnknownSenderCode,
    InvalidNumber,
}

/// <param name="Reply">The text we answer with (TwiML for the provider), if any.</param>
/// <param name="WelcomeMessagesQueued">Welcome messages of subscription journeys queued for sending.</param>
public sealed record InboundResult(InboundOutcome Outcome, string? Reply = null, string? Phone = null, int WelcomeMessagesQueued = 0)
{
    public string Description => Outcome switch
    {
        InboundOutcome.OptedOut => "Opted out of the whole sender code (reason: STOP keyword).",
        InboundOutcome.OptedOutPlainLanguage => "Opted out of the whole sender code: a plain-language opt-out (reason: STOP keyword).",
        InboundOutcome.OptedOutByProvider => "Opted out of the whole sender code: the provider read the text as STOP (reason: STOP keyword). The provider sends its own confirmation.",
        InboundOutcome.AlreadyOptedOut => "Already opted out; the opt-out stays as it was and no second confirmation is sent.",
        InboundOutcome.OptedBackIn => "Opted back in and put back on the lists it left.",
        InboundOutcome.AlreadyOptedIn => "Not opted out; nothing changed.",
        InboundOutcome.OptBackInRefused => "Refused: the number is banned and stays banned.",
        InboundOutcome.Help => "Answered with the sender code's help text.",
        InboundOutcome.Subscribed => "Subscribed by keyword.",
        InboundOutcome.PendingConfirmation => "Pending: asked to reply Y to confirm (double opt-in).",
        InboundOutcome.AlreadySubscribed => "Already on the list; nothing changed.",
        InboundOutcome.JoinRefusedOptedOut => "Not subscribed: the number is opted out and must text START first.",
        InboundOutcome.JoinRefusedBanned => "Not subscribed: the number is banned.",
        InboundOutcome.Confirmed => "Confirmed: the pending subscriptions are active.",
        InboundOutcome.MarkedOther => "Invalid reply to a pending confirmation: the number is now an Other Contact.",
        InboundOutcome.NeedsReview => "Might mean stop: waiting in Needs review for a person to opt the number out or dismiss it.",
        InboundOutcome.Received => "Stored in message activity; no keyword, nothing changed.",
        InboundOutcome.Replay => "This text was already handled; nothing changed.",
        InboundOutcome.Stored => "Stored; a background job applies it.",
        InboundOutcome.UnknownSenderCode => "No sender code has this number; nothing stored.",
        InboundOutcome.InvalidNumber => "The sender's number is not a phone number; nothing stored.",
        _ => Outcome.ToString(),
    };
}

/// <summary>Twilio's OptOutType values (Advanced Opt-Out), the only ones that decide for us.</summary>
public static class ProviderOptOutTypes
{
    public const string Stop = "STOP";
    public const string Start = "START";
    public const string Help = "HELP";

    /// <summary>"stop " → "STOP"; null for an absent, empty or unknown value (then the body is read as usual).</summary>
    public static string? Normalize(string? value) => value?.Trim().ToUpperInvariant() switch
    {
        Stop => Stop,
        Start => Start,
        Help => Help,
        _ => null,
    };
}
