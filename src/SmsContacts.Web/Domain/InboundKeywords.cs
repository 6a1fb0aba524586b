namespace SmsContacts.Web.Domain;

/// <summary>
/// The words carriers and the CTIA give a fixed meaning. They are matched case- and
/// space-insensitively, and no list may take one as its join keyword.
/// </summary>
public static class InboundKeywords
{
    public static readonly IReadOnlySet<string> Stop = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "OPT OUT",
    };

    public static readonly IReadOnlySet<string> Start = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "START", "UNSTOP" };

    public static readonly IReadOnlySet<string> Help = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };

    public static readonly IReadOnlySet<string> Confirm = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Y", "YES" };

    public static bool IsReserved(string keyword) =>
        Stop.Contains(keyword) || Start.Contains(keyword) || Help.Contains(keyword) || Confirm.Contains(keyword);
}
