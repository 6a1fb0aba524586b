using SmsContacts.Web.Data;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>One kept bucket of <see cref="ListActivity"/> (its level in minutes and UTC start) and whether it is added or taken away.</summary>
public readonly record struct SignedBucket(int Minutes, DateTime StartUtc, int Sign);

/// <summary>
/// The part of a UTC day before an instant, as kept buckets: how a local day's edge is read from
/// <see cref="ListActivity"/> without its events. In: a UTC instant on a quarter hour (a local day's start, see
/// Infrastructure/Time/LocalDays). Out: the signed buckets whose sum is everything of [the instant's UTC midnight, the
/// instant): either the hours and quarter hours before it (18:15 → 18 hours, 1 quarter hour), or the whole UTC day less
/// the quarter hours and hours after it (18:30 → the day, less 2 quarter hours and 5 hours), whichever reads fewer kept
/// rows (the dashboard reads the day rows of its range anyway). At most 13 of them, usually 1 to 8; none at
/// midnight. DayEdgeTests checks that every quarter hour of a day is
/// covered exactly once.
/// </summary>
public static class DayEdge
{
    public static IReadOnlyList<SignedBucket> Before(DateTime instantUtc)
    {
        if (instantUtc.Ticks % TimeSpan.TicksPerMinute != 0 || instantUtc.Minute % ListActivity.QuarterHourMinutes != 0)
        {
            throw new ArgumentException($"A day's edge lies on a quarter hour: {instantUtc:O}", nameof(instantUtc));
        }

        var midnight = instantUtc.Date;
        if (instantUtc == midnight)
        {
            return [];
        }

        var nextMidnight = midnight.AddDays(1);
        var before = Cover(midnight, instantUtc, sign: 1);
        var after = Cover(instantUtc, nextMidnight, sign: -1);
        return Rows(before) <= Rows(after) ? before : [new SignedBucket(ListActivity.DayMinutes, midnight, 1), .. after];
    }

    /// <summary>
    /// About how many kept rows the buckets hold: an hour about one and a half times a quarter hour's (the kinds of change
    /// of a list that happen in an hour rather than in fifteen minutes, measured on the demo data at 3 events a contact).
    /// </summary>
    private static int Rows(List<SignedBucket> buckets) => buckets.Sum(b => b.Minutes == ListActivity.HourMinutes ? 3 : 2);

    /// <summary>[from, to) inside one UTC day, both on quarter hours: quarter hours up to the first whole hour, hours, quarter hours after the last.</summary>
    private static List<SignedBucket> Cover(DateTime from, DateTime to, int sign)
    {
        var buckets = new List<SignedBucket>();
        var firstHour = from.Minute == 0 ? from : from.AddMinutes(60 - from.Minute);
        var lastHour = to.AddMinutes(-to.Minute);
        if (firstHour > lastHour)
        {
            // Inside one hour: quarter hours only.
            firstHour = lastHour = to;
        }

        for (var q = from; q < firstHour; q = q.AddMinutes(ListActivity.QuarterHourMinutes))
        {
            buckets.Add(new SignedBucket(ListActivity.QuarterHourMinutes, q, sign));
        }

        for (var h = firstHour; h < lastHour; h = h.AddHours(1))
        {
            buckets.Add(new SignedBucket(ListActivity.HourMinutes, h, sign));
        }

        for (var q = lastHour; q < to; q = q.AddMinutes(ListActivity.QuarterHourMinutes))
        {
            buckets.Add(new SignedBucket(ListActivity.QuarterHourMinutes, q, sign));
        }

        return buckets;
    }
}
