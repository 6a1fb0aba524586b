using System.Text.RegularExpressions;

namespace SmsContacts.Web.Domain;

/// <summary>
/// Which outbound texts carry compliance messaging: the CTIA Messaging Principles and Best Practices ask recurring
/// messages to say how to opt out ("Reply STOP to cancel"), and the help article's Compliance Last Sent Date is the
/// last time a contact received such a message. A text carries it when it names the STOP keyword as a word, in any
/// case ("Reply STOP to cancel", "Text stop to opt out"). The opt-out confirmation ("You are unsubscribed...") does not.
/// </summary>
public static partial class ComplianceMessage
{
    /// <summary>True when the body of an outbound text tells the contact how to opt out (names STOP as a word).</summary>
    public static bool Holds(string? body) => body is not null && StopWord().IsMatch(body);

    [GeneratedRegex(@"(?<![\p{L}\p{N}])STOP(?![\p{L}\p{N}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StopWord();
}
