using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>
/// The numbers of the SMS List Dashboard, computed from the consent history (its per-list counts in Data/ListActivity).
///
/// The unit is a subscription, one number on one list, as a row of the Contacts tab: "subscribers" of a list at an instant
/// are the numbers whose state on it is Subscribed or Pending then; for All Lists the lists' subscribers are added up (a
/// number on two lists counts twice, as the Contacts tab lists it twice). Days are the calendar days of the zone passed in,
/// each [its first instant, the next day's) in UTC (Infrastructure/Time/LocalDays).
///
/// In a range of days: new subscriptions are the numbers that came onto the list, by subscribe method (or back by opting
/// in again); opt-outs the numbers an opt-out or a ban took off it, by reason; removals the other ways off (taken off
/// this one list, a double opt-in answered with anything but Y). Net change = new − opt-outs − removals = subscribers at
/// the end − subscribers at the start. Opt-out rate = opt-outs ÷ subscribers at the start (none when there were none).
/// Lists deleted since are not counted (the Contacts tab no longer shows their rows).
/// </summary>
public sealed class ListHealth(AppDbContext db)
{
    /// <summary>
    /// In: the sender code, the list (null: All Lists), the first and last day of the range (inclusive; first ≤ last) and
    /// the zone they are days of; <paramref name="nowUtc"/> is when "now" is (the last day may still be running).
    /// </summary>
    public async Task<ListHealthReport> ReadAsync(int senderCodeId, int? listId, DateOnly first, DateOnly last, TimeZoneInfo zone, DateTime nowUtc, CancellationToken ct)
    {
        var lists = await db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).OrderBy(l => l.Name)
            .Select(l => new ListName(l.Id, l.Name)).ToListAsync(ct);
        var ids = lists.Select(l => l.Id).ToList();
        // A list that is not one of this sender code's (deleted since, another code's, a stale link) reads as All Lists.
        listId = listId is { } asked && ids.Contains(asked) ? asked : null;
        var chosen = listId is { } only ? [only] : ids;

        var boundaries = LocalDays.Boundaries(first, last, zone);
        var start = boundaries[0];
        var end = boundaries[^1];
        var aligned = boundaries.All(b => b.TimeOfDay == TimeSpan.Zero);
        var startDay = start.Date;

        var activity = db.ListActivity.AsNoTracking().Where(a => a.SenderCodeId == senderCodeId);

        // Before the range: whole UTC days, then the quarter hours of the range's first UTC day that come before its start.
        var before = await Totals(activity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.BucketStartUtc < startDay), ct);
        if (start > startDay)
        {
            Add(before, await Totals(activity.Where(a => a.BucketMinutes == ListActivity.QuarterHourMinutes && a.BucketStartUtc >= startDay && a.BucketStartUtc < start), ct));
        }

        // In the range: UTC days when the zone's days are UTC days, else quarter hours (each inside exactly one local day).
        var bucket = aligned ? ListActivity.DayMinutes : ListActivity.QuarterHourMinutes;
        var rows = await activity.Where(a => a.BucketMinutes == bucket && a.BucketStartUtc >= start && a.BucketStartUtc < end)
            .Select(a => new { a.ListId, a.BucketStartUtc, a.Kind, a.Detail, a.Count, a.PendingDelta })
            .ToListAsync(ct);

        // Now: before the range, in it, and after it (the quarter hours of the end's UTC day after the end, then whole
        // days), so each kept row is read once rather than all of them twice.
        var afterDay = end.TimeOfDay == TimeSpan.Zero ? end : end.Date.AddDays(1);
        var now = Add(Add(new(), before), await Totals(activity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.BucketStartUtc >= afterDay), ct));
        if (afterDay > end)
        {
            Add(now, await Totals(activity.Where(a => a.BucketMinutes == ListActivity.QuarterHourMinutes && a.BucketStartUtc >= end && a.BucketStartUtc < afterDay), ct));
        }

        foreach (var row in rows)
        {
            var key = (row.ListId, row.Kind, row.Detail);
            var (count, pending) = now.GetValueOrDefault(key);
            now[key] = (count + row.Count, pending + row.PendingDelta);
        }

        var days = boundaries.Length - 1;
        var perList = ids.ToDictionary(id => id, _ => new ListFlows(days));
        foreach (var row in rows)
        {
            if (!perList.TryGetValue(row.ListId, out var flows))
            {
                continue;
            }

            var day = Array.BinarySearch(boundaries, row.BucketStartUtc);
            day = day >= 0 ? day : ~day - 1;
            flows.Add(day, row.Kind, row.Detail, row.Count, row.PendingDelta);
        }

        var listReports = lists.Select(l => new ListReport(
            l.Id,
            l.Name,
            Balance(before, l.Id),
            Balance(now, l.Id),
            perList[l.Id])).ToList();
        var inScope = listReports.Where(r => chosen.Contains(r.ListId)).ToList();

        var dates = Enumerable.Range(0, days).Select(first.AddDays).ToList();
        return new ListHealthReport(first, last, zone, dates, listId is null ? null : inScope.SingleOrDefault(), listReports, ListReport.Sum(inScope, days), boundaries, nowUtc);
    }

    private static Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> Add(
        Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> into,
        Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> more)
    {
        foreach (var (key, (count, pending)) in more)
        {
            var (c, p) = into.GetValueOrDefault(key);
            into[key] = (c + count, p + pending);
        }

        return into;
    }

    private static async Task<Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)>> Totals(IQueryable<ListActivity> rows, CancellationToken ct) =>
        (await rows.GroupBy(a => new { a.ListId, a.Kind, a.Detail })
            .Select(g => new { g.Key.ListId, g.Key.Kind, g.Key.Detail, Count = g.Sum(a => (long)a.Count), Pending = g.Sum(a => (long)a.PendingDelta) })
            .ToListAsync(ct))
        .ToDictionary(x => (x.ListId, x.Kind, x.Detail), x => (x.Count, x.Pending));

    private static Balance Balance(Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> totals, int listId)
    {
        long joined = 0, left = 0, pending = 0;
        foreach (var ((list, kind, _), (count, delta)) in totals)
        {
            if (list != listId)
            {
                continue;
            }

            joined += kind == ListActivityKind.Joined ? count : 0;
            left += kind == ListActivityKind.Left ? count : 0;
            pending += delta;
        }

        return new Balance(joined - left, pending);
    }

    private sealed record ListName(int Id, string Name);
}

/// <summary>Subscribers of a list at an instant: on the list (a Contacts tab row), and of those, Pending (double opt-in not yet confirmed).</summary>
public readonly record struct Balance(long OnList, long Pending)
{
    public static Balance operator +(Balance a, Balance b) => new(a.OnList + b.OnList, a.Pending + b.Pending);
}

/// <summary>What came onto a list and went off it, day by day (index 0 = the range's first day).</summary>
public sealed class ListFlows(int days)
{
    /// <summary>New subscriptions per day by <see cref="JoinCategory"/>.</summary>
    public Dictionary<JoinCategory, long[]> Joined { get; } = Enum.GetValues<JoinCategory>().ToDictionary(c => c, _ => new long[days]);

    /// <summary>Numbers taken off the list per day by <see cref="LeaveCategory"/>.</summary>
    public Dictionary<LeaveCategory, long[]> Left { get; } = Enum.GetValues<LeaveCategory>().ToDictionary(c => c, _ => new long[days]);

    /// <summary>Change of the Pending count per day.</summary>
    public long[] PendingDelta { get; } = new long[days];

    public int Days => days;

    public void Add(int day, ListActivityKind kind, int detail, long count, long pendingDelta)
    {
        PendingDelta[day] += pendingDelta;
        if (kind == ListActivityKind.Joined)
        {
            Joined[JoinCategories.Of(detail)][day] += count;
        }
        else if (kind == ListActivityKind.Left)
        {
            Left[LeaveCategories.Of(detail)][day] += count;
        }
    }

    /// <summary>On-list change of each day: came on − went off.</summary>
    public long NetOn(int day) => Joined.Values.Sum(v => v[day]) - Left.Values.Sum(v => v[day]);

    public long TotalJoined => Joined.Values.Sum(v => v.Sum());

    public long TotalOptedOut => Left.Where(l => LeaveCategories.IsOptOut(l.Key)).Sum(l => l.Value.Sum());

    public long TotalRemoved => Left.Where(l => !LeaveCategories.IsOptOut(l.Key)).Sum(l => l.Value.Sum());

    public void AddTo(ListFlows sum)
    {
        foreach (var (category, values) in Joined)
        {
            for (var d = 0; d < days; d++)
            {
                sum.Joined[category][d] += values[d];
            }
        }

        foreach (var (category, values) in Left)
        {
            for (var d = 0; d < days; d++)
            {
                sum.Left[category][d] += values[d];
            }
        }

        for (var d = 0; d < days; d++)
        {
            sum.PendingDelta[d] += PendingDelta[d];
        }
    }
}

/// <summary>One list's (or All Lists') numbers for the range.</summary>
public sealed record ListReport(int ListId, string Name, Balance AtStart, Balance Now, ListFlows Flows)
{
    /// <summary>Subscribers at the end of each day of the range (from the start, day by day).</summary>
    public IReadOnlyList<Balance> EndOfDay
    {
        get
        {
            var running = AtStart;
            var result = new Balance[Flows.Days];
            for (var d = 0; d < Flows.Days; d++)
            {
                running += new Balance(Flows.NetOn(d), Flows.PendingDelta[d]);
                result[d] = running;
            }

            return result;
        }
    }

    public Balance AtEnd => EndOfDay.Count == 0 ? AtStart : EndOfDay[^1];

    public long NetChange => AtEnd.OnList - AtStart.OnList;

    /// <summary>Opt-outs ÷ subscribers at the start; null when there were none at the start.</summary>
    public double? OptOutRate => AtStart.OnList > 0 ? Flows.TotalOptedOut / (double)AtStart.OnList : null;

    public static ListReport Sum(IReadOnlyList<ListReport> lists, int days)
    {
        var flows = new ListFlows(days);
        foreach (var list in lists)
        {
            list.Flows.AddTo(flows);
        }

        return new ListReport(0, "All Lists", new Balance(lists.Sum(l => l.AtStart.OnList), lists.Sum(l => l.AtStart.Pending)),
            new Balance(lists.Sum(l => l.Now.OnList), lists.Sum(l => l.Now.Pending)), flows);
    }
}

/// <summary>Everything the page shows: the range, its days, the chosen list (or null) and every list, and their sum.</summary>
public sealed record ListHealthReport(
    DateOnly First,
    DateOnly Last,
    TimeZoneInfo Zone,
    IReadOnlyList<DateOnly> Days,
    ListReport? Chosen,
    IReadOnlyList<ListReport> Lists,
    ListReport Scope,
    IReadOnlyList<DateTime> Boundaries,
    DateTime NowUtc);

/// <summary>How a number came onto a list, as the new-subscriptions chart stacks it.</summary>
public enum JoinCategory
{
    Import,
    SingleContact,
    Keyword,
    Form,
    Api,
    OptedBackIn,
    NotRecorded,
}

public static class JoinCategories
{
    public static JoinCategory Of(int detail) => detail switch
    {
        (int)SubscribeMethod.Import => JoinCategory.Import,
        (int)SubscribeMethod.SingleContact => JoinCategory.SingleContact,
        (int)SubscribeMethod.Keyword => JoinCategory.Keyword,
        (int)SubscribeMethod.Form => JoinCategory.Form,
        (int)SubscribeMethod.Api => JoinCategory.Api,
        ListActivityDetail.OptedBackIn => JoinCategory.OptedBackIn,
        _ => JoinCategory.NotRecorded,
    };

    /// <summary>The subscribe methods' words (as the grid and exports say them), and the two that are not methods.</summary>
    public static string Words(JoinCategory category) => category switch
    {
        JoinCategory.Import => "Import",
        JoinCategory.SingleContact => "Single Contact",
        JoinCategory.Keyword => "Keyword",
        JoinCategory.Form => "Form",
        JoinCategory.Api => "API",
        JoinCategory.OptedBackIn => "Opted back in (START or a user)",
        _ => "Method not recorded",
    };
}

/// <summary>How a number went off a list: an opt-out or ban by its reason, or a removal that is not an opt-out.</summary>
public enum LeaveCategory
{
    StopKeyword,
    CarrierDeactivation,
    Import,
    Manual,
    Banned,
    OtherReason,
    Unsubscribed,
    NotConfirmed,
}

public static class LeaveCategories
{
    public static LeaveCategory Of(int detail) => detail switch
    {
        (int)OptOutReason.StopKeyword => LeaveCategory.StopKeyword,
        (int)OptOutReason.CarrierDeactivation => LeaveCategory.CarrierDeactivation,
        (int)OptOutReason.Import => LeaveCategory.Import,
        (int)OptOutReason.Manual => LeaveCategory.Manual,
        (int)OptOutReason.Banned => LeaveCategory.Banned,
        ListActivityDetail.Unsubscribed => LeaveCategory.Unsubscribed,
        ListActivityDetail.NotConfirmed => LeaveCategory.NotConfirmed,
        _ => LeaveCategory.OtherReason,
    };

    public static bool IsOptOut(LeaveCategory category) => category is not (LeaveCategory.Unsubscribed or LeaveCategory.NotConfirmed);

    /// <summary>The opt-out reason of a category, for a link to the Opted-Out tab; null for removals and unknown reasons.</summary>
    public static OptOutReason? Reason(LeaveCategory category) => category switch
    {
        LeaveCategory.StopKeyword => OptOutReason.StopKeyword,
        LeaveCategory.CarrierDeactivation => OptOutReason.CarrierDeactivation,
        LeaveCategory.Import => OptOutReason.Import,
        LeaveCategory.Manual => OptOutReason.Manual,
        LeaveCategory.Banned => OptOutReason.Banned,
        _ => null,
    };

    public static string Words(LeaveCategory category) => Reason(category) is { } reason
        ? OptOutReasons.Words(reason)
        : category switch
        {
            LeaveCategory.Unsubscribed => "Unsubscribed from this list",
            LeaveCategory.NotConfirmed => "Did not confirm (Other Contact)",
            _ => "Opted out, reason not recorded",
        };
}
