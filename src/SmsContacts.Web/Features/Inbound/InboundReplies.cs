using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// What we text back. Short, no marketing: these answer a keyword, and carriers expect each to say who
/// is texting and how to stop.
/// </summary>
public static class InboundReplies
{
    public static string OptedBackIn(SenderCode code) =>
        $"{code.Name}: You are resubscribed and will receive messages again. Reply HELP for help, STOP to cancel.";

    public static string AlreadyOptedIn(SenderCode code) =>
        $"{code.Name}: You are not opted out. Reply HELP for help, STOP to cancel.";

    public static string Help(SenderCode code) =>
        string.IsNullOrWhiteSpace(code.HelpText) ? $"{code.Name}: Reply STOP to cancel." : code.HelpText;

    public static string Joined(SenderCode code, ContactList list) =>
        $"{code.Name}: You joined {list.Name}. Msg & data rates may apply. Reply HELP for help, STOP to cancel.";

    public static string ConfirmRequest(SenderCode code, ContactList list) => ConsentTexts.ConfirmationRequest(code.Name, list.Name);

    public static string AlreadyJoined(SenderCode code, ContactList list) =>
        $"{code.Name}: You are already subscribed to {list.Name}. Reply HELP for help, STOP to cancel.";

    public static string Confirmed(SenderCode code, IEnumerable<ContactList> lists) =>
        $"{code.Name}: Thanks, you are subscribed to {string.Join(", ", lists.Select(l => l.Name))}. Reply HELP for help, STOP to cancel.";

    public static string JoinWhileOptedOut(SenderCode code) =>
        $"{code.Name}: You opted out earlier. Reply START to receive messages again.";
}
