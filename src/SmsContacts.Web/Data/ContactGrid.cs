using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>What a grid asks for: one page, one sort, the tab's filters.</summary>
public sealed record GridQuery(
    int Page = 1,
    int PageSize = 50,
    string? Sort = null,
    bool Descending = false,
    string? PhoneSearch = null,
    int? ListId = null,
    OptOutReason? Reason = null,
    GridWindow? Window = null);

/// <summary>
/// Filters the SMS List Dashboard links with (see ContactRepository.Window.cs): a span of the tab's date (Subscribe Date on
/// the Contacts tab, Opt-out Date on the Opted-Out tab) as UTC instants [FromUtc, ToUtc), and on the Contacts tab only
/// Pending subscriptions. On the Opted-Out tab a list means the numbers whose opt-out took them off that list.
/// </summary>
public sealed record GridWindow(DateTime? FromUtc = null, DateTime? ToUtc = null, bool PendingOnly = false);

public sealed record GridPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (int)Math.Ceiling(Total / (double)PageSize));
}

public sealed record SubscribedRow(
    long SubscriptionId,
    long ContactId,
    string Phone,
    string? Email,
    DateTime SubscribedUtc,
    string ListName,
    SubscriptionStatus Status);

public sealed record OptedOutRow(long ContactId, string Phone, string? Email, DateTime OptedOutUtc, OptOutReason Reason);

public sealed record OtherContactRow(long ContactId, string Phone, DateTime? LastMessageUtc, string? Email, string? Reply);

/// <summary>Sort keys of the three tabs, as they appear in URLs.</summary>
public static class GridSort
{
    public const string Phone = "phone";
    public const string Email = "email";
    public const string SubscribeDate = "subscribed";
    public const string ListName = "list";
    public const string OptOutDate = "optedout";
    public const string Reason = "reason";
    public const string LastMessageDate = "lastmessage";
}
