using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Time;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>The SMS List Dashboard page: the range and list picked, the report, and the links into the grid.</summary>
public sealed class ListDashboardModel
{
    public required SenderCodeOption SenderCode { get; init; }

    public required DashboardRange Range { get; init; }

    public required ListHealthReport Report { get; init; }

    /// <summary>Other Contacts of the sender code now (the Other Contacts tab's count); not per list.</summary>
    public required int OtherContacts { get; init; }

    /// <summary>
    /// What the grid shows at each "new" and "opt-outs" link now (key 0: All Lists): the new subscriptions still on the
    /// list, the numbers still opted out; and, for the list in view, the numbers still opted out for each reason.
    /// </summary>
    public required GridCounts Grid { get; init; }

    /// <summary>Said when the list asked for is not (or no longer) one of this sender code's.</summary>
    public string? ListNote { get; init; }

    public ListReport Scope => Report.Scope;

    public string ZoneName => LocalDays.Name(Report.Zone);

    public string RangeWords => Range.First == Range.Last
        ? Long(Range.First)
        : $"{Long(Range.First)} – {Long(Range.Last)}";

    public static string Long(DateOnly day) => day.ToString("MMM d, yyyy", CultureInfo.InvariantCulture);

    /// <summary>True when the charts count days; false for a long range, whose charts count weeks (<see cref="DashboardRange.PeriodDays"/>).</summary>
    public bool Daily => Report.PeriodDays == 1;

    /// <summary>What the charts count: "day", or "week" for a long range.</summary>
    public string Period => Daily ? "day" : "week";

    /// <summary>
    /// A period as the charts and their tables name it: a day (2026-11-02), or a week by its first and last day
    /// (2026-11-02 – 2026-11-08), also when the range's last week is one day, so that no week reads like a day.
    /// </summary>
    public string Label(DayPeriod period) => Daily
        ? DashboardRange.Format(period.First)
        : $"{DashboardRange.Format(period.First)} – {DashboardRange.Format(period.Last)}";

    /// <summary>A period's label as a screen reader says it: "2026-11-02 to 2026-11-08" (an en dash is read as "dash", or not at all).</summary>
    public string SpokenLabel(DayPeriod period) => Label(period).Replace(" – ", " to ", StringComparison.Ordinal);

    /// <summary>This page with another range or list (and the rest kept).</summary>
    public string Url(string? range = null, int? list = null, bool allLists = false, string? path = null)
    {
        var key = range ?? Range.Key;
        var query = new Dictionary<string, string?>
        {
            ["range"] = key,
            ["from"] = key == DashboardRange.Custom ? DashboardRange.Format(Range.First) : null,
            ["to"] = key == DashboardRange.Custom ? DashboardRange.Format(Range.Last) : null,
            ["list"] = allLists ? null : (list ?? Report.Chosen?.ListId)?.ToString(CultureInfo.InvariantCulture),
        };
        return QueryHelpers.AddQueryString(path ?? ListDashboardController.Path, query.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(p.Key, p.Value)));
    }

    public string CsvUrl(string chart) => Url(path: $"{ListDashboardController.Path}/{chart}.csv");

    /// <summary>The Contacts tab: a list's (or every list's) rows now.</summary>
    public static string SubscribedNow(int? list) => GridUrl(("tab", "contacts"), ("list", Id(list)));

    public static string PendingNow(int? list) => GridUrl(("tab", "contacts"), ("list", Id(list)), ("status", "pending"));

    /// <summary>The Contacts tab's rows whose Subscribe Date is in the range (the new subscriptions still on the list).</summary>
    public string NewInRange(int? list) => GridUrl(("tab", "contacts"), ("list", Id(list)), ("from", DashboardRange.Format(Range.First)), ("to", DashboardRange.Format(Range.Last)));

    /// <summary>The Opted-Out tab's numbers whose Opt-out Date is in the range (the list's: those it took off that list).</summary>
    public string OptedOutInRange(int? list, OptOutReason? reason = null) =>
        GridUrl(("tab", "opted-out"), ("list", Id(list)), ("reason", reason?.ToString()), ("from", DashboardRange.Format(Range.First)), ("to", DashboardRange.Format(Range.Last)));

    public static string OtherContactsNow => GridUrl(("tab", "other"));

    private static string? Id(int? list) => list?.ToString(CultureInfo.InvariantCulture);

    private static string GridUrl(params (string Key, string? Value)[] query) =>
        QueryHelpers.AddQueryString("/contacts", query.Where(p => p.Value is not null).Select(p => new KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues>(p.Key, p.Value)));

    public static string Percent(double? rate) => rate is { } r ? r.ToString("0.0%", CultureInfo.InvariantCulture) : "—";

    public static string Number(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    public static string Signed(long n) => n > 0 ? "+" + Number(n) : Number(n);

    /// <summary>The charts' data as JSON for data- attributes (the CSP allows no inline script): labels, then one series per name.</summary>
    public string ChartJson(IReadOnlyList<ChartSeries> series) => JsonSerializer.Serialize(new
    {
        labels = Report.Periods.Select(Label),
        series = series.Select(s => new { name = s.Name, values = s.Values }),
    });

    public IReadOnlyList<ChartSeries> SubscriberSeries =>
    [
        new("Subscribers", Scope.EndOfPeriod.Select(b => b.OnList).ToArray()),
        new("Of them pending double opt-in", Scope.EndOfPeriod.Select(b => b.Pending).ToArray()),
    ];

    /// <summary>Every category with something in the range (all of them when nothing happened, so the table still says so).</summary>
    public IReadOnlyList<ChartSeries> NewSeries => Shown(Scope.Flows.Joined.Select(j => new ChartSeries(JoinCategories.Words(j.Key), j.Value)));

    public IReadOnlyList<ChartSeries> LeftSeries => Shown(Scope.Flows.Left.Select(l => new ChartSeries(LeaveCategories.Words(l.Key), l.Value)));

    private static List<ChartSeries> Shown(IEnumerable<ChartSeries> all)
    {
        var list = all.ToList();
        var some = list.Where(s => s.Values.Any(v => v != 0)).ToList();
        return some.Count > 0 ? some : list.Take(1).ToList();
    }
}

public sealed record ChartSeries(string Name, IReadOnlyList<long> Values);

public sealed record GridCounts(IReadOnlyDictionary<int, int> NewStillSubscribed, IReadOnlyDictionary<int, int> StillOptedOut, IReadOnlyDictionary<Domain.OptOutReason, int> StillOptedOutByReason);
