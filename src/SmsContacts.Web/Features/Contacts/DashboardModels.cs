using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Contacts;

/// <summary>The three tabs of Contacts > SMS Contacts, as they appear in URLs.</summary>
public static class DashboardTab
{
    public const string Contacts = "contacts";
    public const string OptedOut = "opted-out";
    public const string Other = "other";

    public static string Normalize(string? tab) => tab switch
    {
        OptedOut => OptedOut,
        Other => Other,
        _ => Contacts,
    };
}

/// <summary>What the dashboard URL carries: tab, filters, search, sort and page.</summary>
public sealed class DashboardRequest
{
    public string? Tab { get; set; }

    public int? List { get; set; }

    public OptOutReason? Reason { get; set; }

    public string? Q { get; set; }

    public string? Sort { get; set; }

    public string? Dir { get; set; }

    public int Page { get; set; } = 1;

    public int Size { get; set; } = 50;

    /// <summary>The SMS List Dashboard's date filter: first and last day (yyyy-MM-dd, both included) of the tab's date.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    /// <summary>"pending": only subscriptions waiting for their double opt-in Y (Contacts tab).</summary>
    public string? Status { get; set; }

    public DateOnly? FromDay => Day(From);

    public DateOnly? ToDay => Day(To);

    public bool PendingOnly => string.Equals(Status, "pending", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The dashboard's filters as the grid applies them: the days in <paramref name="zone"/> (the user's) as UTC instants,
    /// [first day's start, the day after the last one's start), the same instants the SMS List Dashboard counts between.
    /// </summary>
    public GridWindow? Window(NodaTime.DateTimeZone zone) => FromDay is null && ToDay is null && !PendingOnly
        ? null
        : new GridWindow(
            FromDay is { } from ? Infrastructure.Time.LocalDays.StartUtc(from, zone) : null,
            ToDay is { } to ? Infrastructure.Time.LocalDays.StartUtc(to.AddDays(1), zone) : null,
            PendingOnly);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day) ? day : null;

    public GridQuery ToQuery() => new(
        Page: Page,
        PageSize: Size,
        Sort: Sort,
        Descending: !string.Equals(Dir, "asc", StringComparison.OrdinalIgnoreCase) && (Dir is not null || Sort is null),
        PhoneSearch: Q,
        ListId: List,
        Reason: Reason);
}

public sealed record GridColumn(string Key, string Header, bool CanHide = true);

public static class DashboardColumns
{
    public static readonly IReadOnlyList<GridColumn> Contacts =
    [
        new(GridSort.Phone, "Phone", CanHide: false),
        new(GridSort.Email, "Email"),
        new(GridSort.SubscribeDate, "Subscribe Date"),
        new(GridSort.ListName, "List Name"),
    ];

    public static readonly IReadOnlyList<GridColumn> OptedOut =
    [
        new(GridSort.Phone, "Phone", CanHide: false),
        new(GridSort.Email, "Email"),
        new(GridSort.OptOutDate, "Opt-out Date"),
        new(GridSort.Reason, "Reason"),
    ];

    public static readonly IReadOnlyList<GridColumn> Other =
    [
        new(GridSort.Phone, "Phone", CanHide: false),
        new(GridSort.LastMessageDate, "Last Message Date"),
        new(GridSort.Email, "Email"),
    ];

    public static IReadOnlyList<GridColumn> For(string tab) => tab switch
    {
        DashboardTab.OptedOut => OptedOut,
        DashboardTab.Other => Other,
        _ => Contacts,
    };

    /// <summary>The column each tab sorts by when the URL names none.</summary>
    public static string DefaultSort(string tab) => tab switch
    {
        DashboardTab.OptedOut => GridSort.OptOutDate,
        DashboardTab.Other => GridSort.LastMessageDate,
        _ => GridSort.SubscribeDate,
    };
}

public sealed class DashboardModel
{
    public required SenderCodeOption SenderCode { get; init; }

    public required string Tab { get; init; }

    public required DashboardRequest Request { get; init; }

    public required string Sort { get; init; }

    public required bool Descending { get; init; }

    public required IReadOnlyList<GridColumn> Columns { get; init; }

    public required IReadOnlySet<string> HiddenColumns { get; init; }

    public required IReadOnlyList<ListOption> Lists { get; init; }

    /// <summary>The search box's text as the grid applies it (see <see cref="PhoneSearch"/>).</summary>
    public required PhoneSearch Search { get; init; }

    public GridPage<SubscribedRow>? Subscribed { get; init; }

    public GridPage<OptedOutRow>? OptedOut { get; init; }

    public GridPage<OtherContactRow>? Other { get; init; }

    public int Total => Subscribed?.Total ?? OptedOut?.Total ?? Other?.Total ?? 0;

    public int Page => Subscribed?.Page ?? OptedOut?.Page ?? Other?.Page ?? 1;

    public int PageSize => Subscribed?.PageSize ?? OptedOut?.PageSize ?? Other?.PageSize ?? 50;

    public int PageCount => Subscribed?.PageCount ?? OptedOut?.PageCount ?? Other?.PageCount ?? 1;

    public bool IsVisible(string column) => !HiddenColumns.Contains(column);

    /// <summary>The SMS List Dashboard's filters in words ("Subscribe Date 2026-11-01 – 2026-11-30 (UTC)"), or null when none applies.</summary>
    public string? WindowWords { get; init; }

    /// <summary>A dashboard URL with this page's state and the given changes.</summary>
    public string Url(string? tab = null, int? page = null, string? sort = null, bool? descending = null, bool keepFilters = true)
    {
        var query = new Dictionary<string, string?>
        {
            ["tab"] = tab ?? Tab,
            ["sort"] = sort ?? Request.Sort,
            ["dir"] = descending is { } d ? (d ? "desc" : "asc") : Request.Dir,
            ["page"] = page?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["size"] = Request.Size == 50 ? null : Request.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (keepFilters && tab is null)
        {
            query["list"] = Request.List?.ToString(System.Globalization.CultureInfo.InvariantCulture);
            query["reason"] = Request.Reason?.ToString();
            query["q"] = Request.Q;
            query["from"] = Request.FromDay is { } from ? from.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
            query["to"] = Request.ToDay is { } to ? to.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : null;
            query["status"] = Request.PendingOnly ? "pending" : null;
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
            "/contacts",
            query.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(p.Key, p.Value)));
    }

    public string SortUrl(string column) =>
        Url(sort: column, descending: Sort == column && !Descending, page: 1);
}
