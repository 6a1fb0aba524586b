using Microsoft.EntityFrameworkCore;
using NodaTime;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>
/// The numbers of the SMS List Dashboard, computed from the consent history (its per-list counts in Data/ListActivity).
///
/// The unit is a subscription, one number on one list, as a row of the Contacts tab: "subscribers" of a list at an instant
/// are the numbers whose state on it is Subscribed or Pending then; for All Lists the lists' subscribers are added up (a
/// number on two lists counts twice, as the Contacts tab lists it twice). Days are the calendar days of the zone passed in
/// (the user's), each [its first instant, the next day's) in UTC (Infrastructure/Time/LocalDays).
///
/// In a range of days: new subscriptions are the numbers that came onto the list, by subscribe method (or back by opting
/// in again); opt-outs the numbers an opt-out or a ban took off it, by reason; removals the other ways off (taken off
/// this one list, a double opt-in answered with anything but Y). Net change = new − opt-outs − removals = subscribers at
/// the end − subscribers at the start. Opt-out rate = opt-outs ÷ subscribers at the start (none when there were none).
/// Lists deleted since are not counted (the Contacts tab no longer shows their rows).
///
/// How a local day is read without its events: everything before a day's start b is the whole UTC days before b's UTC
/// day, plus the part of b's UTC day before b (<see cref="DayEdge"/>: a few hour and quarter-hour rows); a day is what lies
/// before its end less what lies before its start. So a range of N days reads the day rows of its UTC days, and at each of
/// its N + 1 edges at most 13 hour and quarter-hour buckets (none in UTC), whatever the zone's offset (:30, :45) and on
/// days of 23 or 25 hours. The sums before the range and after it are whole UTC days, summed by the database. The table's
/// rows need each list's totals only, which the edges inside the range do not change: those are read for the scope's
/// lists alone (for one list, a quarter of All Lists' rows on the demo data).
///
/// The charts of a long range count weeks, not days (<see cref="DashboardRange.PeriodDays"/>): a week is read exactly as a
/// day is (its first and last instants are local midnights), and only its two edges cost hour and quarter-hour rows. Those
/// edge rows are what a long range costs in a zone whose midnight is not UTC's: two years of days in Pacific/Chatham
/// (+13:45) read 7,300 hour buckets, some 180,000 rows of ListActivity (0.55 s of a 0.65 s page on the 1M demo data);
/// as weeks, a seventh of that.
/// ListDashboardZoneTests compares all of it with the consent events counted one by one, in zones of every kind.
/// </summary>
public sealed class ListHealth(AppDbContext db)
{
    /// <summary>
    /// In: the sender code, the list (null: All Lists), the first and last day of the range (inclusive; first ≤ last, not
    /// before <see cref="LocalDays.QuarterHourDaysFrom"/>), how many days each period of the charts holds (1: day by day;
    /// 7: weeks from the first day, the last one shorter when the range is not whole weeks) and the zone the days are
    /// days of; <paramref name="nowUtc"/> is when "now" is (the last day may still be running). Out: the scope (the list,
    /// or All Lists) period by period, and each list's totals for the range as one period.
    /// </summary>
    public async Task<ListHealthReport> ReadAsync(int senderCodeId, int? listId, DateOnly first, DateOnly last, int periodDays, DateTimeZone zone, DateTime nowUtc, CancellationToken ct)
    {
        var lists = await db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).OrderBy(l => l.Name)
            .Select(l => new ListName(l.Id, l.Name)).ToListAsync(ct);
        var ids = lists.Select(l => l.Id).ToList();
        // A list that is not one of this sender code's (deleted since, another code's, a stale link) reads as All Lists.
        listId = listId is { } asked && ids.Contains(asked) ? asked : null;
        var chosen = listId is { } only ? [only] : ids;

        var periods = DayPeriod.Split(first, last, periodDays);
        var boundaries = periods.Select(p => LocalDays.StartUtc(p.First, zone)).Append(LocalDays.StartUtc(last.AddDays(1), zone)).ToArray();
        var periodCount = periods.Count;

        // Slots of the scope: 0 before the range, 1..periodCount its periods (days, or weeks), periodCount + 1 after it.
        // Boundary i ends slot i and starts slot i + 1, so the part of its UTC day before it counts in slot i and not in
        // slot i + 1. Each list's own row needs only its totals: slots 0, 1 (the whole range) and 2; the boundaries inside
        // the range move counts between two of its periods and leave the range's total as it is, so they are read for the
        // scope alone.
        var scope = new Tally([ScopeKey], periodCount, slot => slot);
        var perList = new Tally(ids, 1, slot => slot == 0 ? 0 : slot <= periodCount ? 1 : 2);
        void Put(int slot, Row row)
        {
            perList.Put(slot, row.ListId, row.Kind, row.Detail, row.Count, row.PendingDelta);
            if (chosen.Contains(row.ListId))
            {
                scope.Put(slot, ScopeKey, row.Kind, row.Detail, row.Count, row.PendingDelta);
            }
        }

        var utcDays = boundaries.Select(b => b.Date).ToArray();
        var (firstUtcDay, lastUtcDay) = (utcDays[0], utcDays[^1]);
        var activity = db.ListActivity.AsNoTracking().Where(a => a.SenderCodeId == senderCodeId);
        foreach (var row in await Totals(activity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.BucketStartUtc < firstUtcDay), ct))
        {
            Put(0, row);
        }

        foreach (var row in await Totals(activity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.BucketStartUtc > lastUtcDay), ct))
        {
            Put(periodCount + 1, row);
        }

        // What each boundary's edge reads (DayEdge): its UTC day's row for some, hours and quarter hours. The first and the
        // last boundary count for every list; the others for the scope only.
        var dayUses = new Dictionary<DateTime, List<(int Boundary, int Sign)>>();
        var outer = new Dictionary<(int Minutes, DateTime Start), List<(int Boundary, int Sign)>>();
        var inner = new Dictionary<(int Minutes, DateTime Start), List<(int Boundary, int Sign)>>();
        for (var i = 0; i < boundaries.Length; i++)
        {
            foreach (var bucket in DayEdge.Before(boundaries[i]))
            {
                var uses = bucket.Minutes == ListActivity.DayMinutes
                    ? Uses(dayUses, bucket.StartUtc)
                    : Uses(i == 0 || i == periodCount ? outer : inner, (bucket.Minutes, bucket.StartUtc));
                uses.Add((i, bucket.Sign));
            }
        }

        // An inner boundary's bucket moves the scope's counts from one of its days to the next.
        void PutScopeEdge(List<(int Boundary, int Sign)> uses, Row row)
        {
            foreach (var (boundary, sign) in uses)
            {
                var (count, pending) = (sign * row.Count, sign * row.PendingDelta);
                scope.Put(boundary, ScopeKey, row.Kind, row.Detail, count, pending);
                scope.Put(boundary + 1, ScopeKey, row.Kind, row.Detail, -count, -pending);
            }
        }

        void PutEdge(List<(int Boundary, int Sign)> uses, Row row)
        {
            foreach (var (boundary, sign) in uses)
            {
                var (count, pending) = (sign * row.Count, sign * row.PendingDelta);
                if (boundary == 0 || boundary == periodCount)
                {
                    Put(boundary, row with { Count = count, PendingDelta = pending });
                    Put(boundary + 1, row with { Count = -count, PendingDelta = -pending });
                }
                else if (chosen.Contains(row.ListId))
                {
                    scope.Put(boundary, ScopeKey, row.Kind, row.Detail, count, pending);
                    scope.Put(boundary + 1, ScopeKey, row.Kind, row.Detail, -count, -pending);
                }
            }
        }

        int SlotOf(DateTime utcDay)
        {
            var slot = Array.BinarySearch(utcDays, utcDay);
            if (slot < 0)
            {
                return ~slot - 1;
            }

            // Several boundaries in one UTC day (a 23-hour day starting just after midnight): the last one's slot.
            while (slot + 1 < utcDays.Length && utcDays[slot + 1] == utcDay)
            {
                slot++;
            }

            return slot;
        }

        // The UTC days the range touches, each in the slot of the last boundary on or before it. The first and the last of
        // them hold the outer boundaries, whose edges count for every list: their rows are read list by list.
        var dayRows = activity.Where(a => a.BucketMinutes == ListActivity.DayMinutes);
        foreach (var row in await Rows(dayRows.Where(a => a.BucketStartUtc == firstUtcDay || a.BucketStartUtc == lastUtcDay), ct))
        {
            Put(SlotOf(row.BucketStartUtc) + 1, row);
            if (dayUses.TryGetValue(row.BucketStartUtc, out var uses))
            {
                PutEdge(uses, row);
            }
        }

        // The days between: each list's table row needs only their sum (the range), summed by the database; the scope's
        // chart needs them day by day, its lists summed by the database, and the inner edges that read a whole UTC day.
        var between = dayRows.Where(a => a.BucketStartUtc > firstUtcDay && a.BucketStartUtc < lastUtcDay);
        foreach (var row in await Totals(between, ct))
        {
            perList.Put(1, row.ListId, row.Kind, row.Detail, row.Count, row.PendingDelta);
        }

        foreach (var row in await ScopeRows(between, listId, chosen, ct))
        {
            scope.Put(SlotOf(row.BucketStartUtc) + 1, ScopeKey, row.Kind, row.Detail, row.Count, row.PendingDelta);
            if (dayUses.TryGetValue(row.BucketStartUtc, out var uses))
            {
                PutScopeEdge(uses, row);
            }
        }

        foreach (var (edges, forScope) in new[] { (outer, false), (inner, true) })
        {
            foreach (var minutes in new[] { ListActivity.HourMinutes, ListActivity.QuarterHourMinutes })
            {
                var starts = edges.Keys.Where(k => k.Minutes == minutes).Select(k => k.Start).ToList();
                if (starts.Count == 0 || (forScope && chosen.Count == 0))
                {
                    continue;
                }

                // One query for every edge's buckets of this level: the starts as one JSON parameter (json_each, OPENJSON),
                // each an index seek, however many days the range has; inside the range the scope's lists, summed by the
                // database (a year's edges in a zone of :30 are some 2,500 buckets of every list).
                var rows = activity.Where(a => a.BucketMinutes == minutes && EF.Parameter(starts).Contains(a.BucketStartUtc));
                if (!forScope)
                {
                    foreach (var row in await Rows(rows, ct))
                    {
                        PutEdge(edges[(minutes, row.BucketStartUtc)], row);
                    }

                    continue;
                }

                foreach (var row in await ScopeRows(rows, listId, chosen, ct))
                {
                    PutScopeEdge(edges[(minutes, row.BucketStartUtc)], row);
                }
            }
        }

        var listReports = lists.Select(l => new ListReport(l.Id, l.Name, Balance(perList.Before, l.Id), Balance(perList.Now, l.Id), perList.Flows[l.Id])).ToList();
        var chosenReport = listId is null ? null : listReports.Single(r => r.ListId == listId);
        var scopeReport = new ListReport(
            listId ?? ScopeKey,
            chosenReport?.Name ?? "All Lists",
            Balance(scope.Before, ScopeKey),
            Balance(scope.Now, ScopeKey),
            scope.Flows[ScopeKey]);
        return new ListHealthReport(first, last, zone, periods, chosenReport, listReports, scopeReport, boundaries, nowUtc, periodDays);
    }

    /// <summary>The key the scope's counts are kept under (no list has id 0).</summary>
    private const int ScopeKey = 0;

    private static List<(int Boundary, int Sign)> Uses<TKey>(Dictionary<TKey, List<(int Boundary, int Sign)>> uses, TKey key)
        where TKey : notnull
    {
        if (!uses.TryGetValue(key, out var list))
        {
            uses[key] = list = [];
        }

        return list;
    }

    private sealed record Row(int ListId, DateTime BucketStartUtc, ListActivityKind Kind, int Detail, long Count, long PendingDelta);

    private static async Task<List<Row>> Rows(IQueryable<ListActivity> rows, CancellationToken ct) =>
        await rows.Select(a => new Row(a.ListId, a.BucketStartUtc, a.Kind, a.Detail, a.Count, a.PendingDelta)).ToListAsync(ct);

    /// <summary>
    /// The rows of the scope's lists (one list, or every list of <paramref name="chosen"/>) summed per bucket, kind and
    /// detail by the database: the scope's counts need no list, and a list's rows are one in N of All Lists'.
    /// </summary>
    private static async Task<List<Row>> ScopeRows(IQueryable<ListActivity> rows, int? listId, List<int> chosen, CancellationToken ct)
    {
        rows = listId is { } one ? rows.Where(a => a.ListId == one) : rows.Where(a => chosen.Contains(a.ListId));
        return (await rows.GroupBy(a => new { a.BucketStartUtc, a.Kind, a.Detail })
                .Select(g => new { g.Key.BucketStartUtc, g.Key.Kind, g.Key.Detail, Count = g.Sum(a => (long)a.Count), Pending = g.Sum(a => (long)a.PendingDelta) })
                .ToListAsync(ct))
            .Select(x => new Row(ScopeKey, x.BucketStartUtc, x.Kind, x.Detail, x.Count, x.Pending)).ToList();
    }

    private static async Task<List<Row>> Totals(IQueryable<ListActivity> rows, CancellationToken ct) =>
        (await rows.GroupBy(a => new { a.ListId, a.Kind, a.Detail })
            .Select(g => new { g.Key.ListId, g.Key.Kind, g.Key.Detail, Count = g.Sum(a => (long)a.Count), Pending = g.Sum(a => (long)a.PendingDelta) })
            .ToListAsync(ct))
        .Select(x => new Row(x.ListId, default, x.Kind, x.Detail, x.Count, x.Pending)).ToList();

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

    /// <summary>
    /// Counts added into slots: slot 0 before the range, 1..periods its periods (per key), periods + 1 after it; and all of
    /// them (now). <paramref name="slotOf"/> maps the scope's slots (0..days + 1) onto this tally's.
    /// </summary>
    private sealed class Tally(IReadOnlyList<int> keys, int periods, Func<int, int> slotOf)
    {
        public Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> Before { get; } = [];

        public Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> Now { get; } = [];

        public Dictionary<int, ListFlows> Flows { get; } = keys.ToDictionary(id => id, _ => new ListFlows(periods));

        public void Put(int scopeSlot, int key, ListActivityKind kind, int detail, long count, long pending)
        {
            var slot = slotOf(scopeSlot);
            Add(Now, (key, kind, detail), count, pending);
            if (slot == 0)
            {
                Add(Before, (key, kind, detail), count, pending);
            }
            else if (slot <= periods && Flows.TryGetValue(key, out var flows))
            {
                flows.Add(slot - 1, kind, detail, count, pending);
            }
        }

        private static void Add(Dictionary<(int ListId, ListActivityKind Kind, int Detail), (long Count, long Pending)> into, (int ListId, ListActivityKind Kind, int Detail) key, long count, long pending)
        {
            var (c, p) = into.GetValueOrDefault(key);
            into[key] = (c + count, p + pending);
        }
    }

    private sealed record ListName(int Id, string Name);
}

/// <summary>Subscribers of a list at an instant: on the list (a Contacts tab row), and of those, Pending (double opt-in not yet confirmed).</summary>
public readonly record struct Balance(long OnList, long Pending)
{
    public static Balance operator +(Balance a, Balance b) => new(a.OnList + b.OnList, a.Pending + b.Pending);
}

/// <summary>
/// What came onto a list and went off it, period by period: the range's periods (<see cref="DayPeriod"/>) for the scope the
/// page charts (index 0 = the period of the range's first day), the whole range as one period for each list's row of the
/// table.
/// </summary>
public sealed class ListFlows(int periods)
{
    /// <summary>New subscriptions per period by <see cref="JoinCategory"/>.</summary>
    public Dictionary<JoinCategory, long[]> Joined { get; } = Enum.GetValues<JoinCategory>().ToDictionary(c => c, _ => new long[periods]);

    /// <summary>Numbers taken off the list per period by <see cref="LeaveCategory"/>.</summary>
    public Dictionary<LeaveCategory, long[]> Left { get; } = Enum.GetValues<LeaveCategory>().ToDictionary(c => c, _ => new long[periods]);

    /// <summary>Change of the Pending count per period.</summary>
    public long[] PendingDelta { get; } = new long[periods];

    public int Periods => periods;

    public void Add(int period, ListActivityKind kind, int detail, long count, long pendingDelta)
    {
        PendingDelta[period] += pendingDelta;
        if (kind == ListActivityKind.Joined)
        {
            Joined[JoinCategories.Of(detail)][period] += count;
        }
        else if (kind == ListActivityKind.Left)
        {
            Left[LeaveCategories.Of(detail)][period] += count;
        }
    }

    /// <summary>On-list change of each period: came on − went off.</summary>
    public long NetOn(int period) => Joined.Values.Sum(v => v[period]) - Left.Values.Sum(v => v[period]);

    public long TotalJoined => Joined.Values.Sum(v => v.Sum());

    public long TotalOptedOut => Left.Where(l => LeaveCategories.IsOptOut(l.Key)).Sum(l => l.Value.Sum());

    public long TotalRemoved => Left.Where(l => !LeaveCategories.IsOptOut(l.Key)).Sum(l => l.Value.Sum());
}

/// <summary>One list's (or All Lists') numbers for the range: its subscribers at the start and now, and its flows (see <see cref="ListFlows"/>).</summary>
public sealed record ListReport(int ListId, string Name, Balance AtStart, Balance Now, ListFlows Flows)
{
    /// <summary>Subscribers at the end of each period of <see cref="Flows"/> (the scope's: each day or week of the range).</summary>
    public IReadOnlyList<Balance> EndOfPeriod
    {
        get
        {
            var running = AtStart;
            var result = new Balance[Flows.Periods];
            for (var d = 0; d < Flows.Periods; d++)
            {
                running += new Balance(Flows.NetOn(d), Flows.PendingDelta[d]);
                result[d] = running;
            }

            return result;
        }
    }

    public Balance AtEnd => EndOfPeriod.Count == 0 ? AtStart : EndOfPeriod[^1];

    public long NetChange => AtEnd.OnList - AtStart.OnList;

    /// <summary>Opt-outs ÷ subscribers at the start; null when there were none at the start.</summary>
    public double? OptOutRate => AtStart.OnList > 0 ? Flows.TotalOptedOut / (double)AtStart.OnList : null;
}

/// <summary>
/// Everything the page shows: the range, its periods (days or weeks), the chosen list (or null) and every list with its
/// totals, and the scope (the chosen list, or All Lists: the lists added up) period by period. Boundaries are the UTC
/// first instants of the periods and of the day after the range; PeriodDays the days of each period but perhaps the last
/// (1, or 7: weeks).
/// </summary>
public sealed record ListHealthReport(
    DateOnly First,
    DateOnly Last,
    DateTimeZone Zone,
    IReadOnlyList<DayPeriod> Periods,
    ListReport? Chosen,
    IReadOnlyList<ListReport> Lists,
    ListReport Scope,
    IReadOnlyList<DateTime> Boundaries,
    DateTime NowUtc,
    int PeriodDays);

/// <summary>
/// Days of a range as the charts group them: <paramref name="First"/> to <paramref name="Last"/>, both included (local
/// calendar days of the zone the report is read in).
/// </summary>
public readonly record struct DayPeriod(DateOnly First, DateOnly Last)
{
    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>
    /// The range <paramref name="first"/>..<paramref name="last"/> (inclusive, first ≤ last) cut into runs of
    /// <paramref name="periodDays"/> days (≥ 1) from its first day; the last run holds what is left (1 to periodDays days).
    /// </summary>
    public static IReadOnlyList<DayPeriod> Split(DateOnly first, DateOnly last, int periodDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(periodDays, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(last, first);
        var periods = new List<DayPeriod>();
        for (var start = first; start <= last; start = start.AddDays(periodDays))
        {
            var end = start.AddDays(periodDays - 1);
            periods.Add(new DayPeriod(start, end < last ? end : last));
        }

        return periods;
    }
}

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
