using System.Text;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>A text a number sent to one of our sender codes, as the provider (or the simulator) hands it over.</summary>
/// <param name="MessageSid">The provider's id of the text; a second delivery of the same id changes nothing.</param>
/// <param name="From">The texter's number, as the provider writes it (E.164).</param>
/// <param name="To">The sender code it was sent to: a short code or an E.164 long number.</param>
public sealed record InboundText(string MessageSid, string From, string To, string Body);

public enum InboundOutcome
{
    OptedOut,
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

    /// <summary>A text that is no keyword and answers nothing: kept in message activity.</summary>
    Received,

    /// <summary>A MessageSid we already have: nothing changed.</summary>
    Replay,
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
        InboundOutcome.AlreadyOptedOut => "Already opted out; the opt-out stays as it was.",
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
        InboundOutcome.Received => "Stored in message activity; no keyword, nothing changed.",
        InboundOutcome.Replay => "This MessageSid was already handled; nothing changed.",
        InboundOutcome.UnknownSenderCode => "No sender code has this number; nothing stored.",
        InboundOutcome.InvalidNumber => "The sender's number is not a phone number; nothing stored.",
        _ => Outcome.ToString(),
    };
}

/// <summary>How a text is read as a keyword: case, surrounding spaces and punctuation do not matter.</summary>
public static class InboundBody
{
    /// <summary>Longer texts are messages, not keywords; no need to look at them closely.</summary>
    private const int LongestKeyword = 40;

    /// <summary>" Stop! " → "STOP", "opt   out" → "OPT OUT", "👍" → null. Null when the text cannot be a keyword.</summary>
    public static string? KeywordOf(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return null;
        }

        var span = body.AsSpan();
        int start = 0, end = span.Length;
        while (start < end && !char.IsLetterOrDigit(span[start]))
        {
            start++;
        }

        while (end > start && !char.IsLetterOrDigit(span[end - 1]))
        {
            end--;
        }

        if (start == end || end - start > LongestKeyword)
        {
            return null;
        }

        var word = new StringBuilder(end - start);
        var space = false;
        foreach (var c in span[start..end])
        {
            if (char.IsWhiteSpace(c))
            {
                space = true;
                continue;
            }

            if (space)
            {
                word.Append(' ');
                space = false;
            }

            word.Append(char.ToUpperInvariant(c));
        }

        return word.ToString();
    }

    /// <summary>Whether the word can be a list's join keyword (2 to 30 letters or digits, as lists store them).</summary>
    public static bool CouldBeJoinKeyword(string word) =>
        word.Length is >= 2 and <= 30 && word.All(char.IsAsciiLetterOrDigit);
}
