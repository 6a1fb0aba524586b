using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// The rules of Data/ListActivity read straight off the consent history in C#, independently of the triggers' SQL: which
/// events of a list count, as what. Tests compare the dashboard (trigger-kept counts) with this replay.
/// </summary>
public static class ListActivityRules
{
    private static readonly string[] OnList = [ConsentStates.Subscribed, ConsentStates.Pending];

    public sealed record Counted(int ListId, DateTime OccurredUtc, ListActivityKind Kind, int Detail, int PendingDelta);

    public static Counted? Classify(ConsentEvent e)
    {
        if (e.ListId is not { } list || e.StateBefore == e.StateAfter)
        {
            return null;
        }

        bool before = OnList.Contains(e.StateBefore), after = OnList.Contains(e.StateAfter);
        if (!before && !after)
        {
            return null;
        }

        var pending = (e.StateAfter == ConsentStates.Pending ? 1 : 0) - (e.StateBefore == ConsentStates.Pending ? 1 : 0);
        if (!before)
        {
            return new(list, e.OccurredUtc, ListActivityKind.Joined, e.Change == ConsentChanges.Resubscribed ? ListActivityDetail.OptedBackIn : (int?)e.Method ?? -1, pending);
        }

        if (!after)
        {
            var detail = e.Change switch
            {
                ConsentChanges.Unsubscribed => ListActivityDetail.Unsubscribed,
                ConsentChanges.ConfirmationRefused => ListActivityDetail.NotConfirmed,
                _ => Enum.GetValues<OptOutReason>().FirstOrDefault(r => ConsentStates.OptedOut(r) == ConsentStates.Readable(e.StateAfter)) is var r and not 0 ? (int)r : -1,
            };
            return new(list, e.OccurredUtc, ListActivityKind.Left, detail, pending);
        }

        return new(list, e.OccurredUtc, ListActivityKind.StatusChanged, 0, pending);
    }

    /// <summary>The UTC start of the bucket of <paramref name="minutes"/> (a day, an hour, a quarter hour) an instant falls in.</summary>
    public static DateTime BucketStart(DateTime utc, int minutes) => minutes switch
    {
        ListActivity.DayMinutes => utc.Date,
        _ => new DateTime(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute / minutes * minutes, 0, utc.Kind),
    };

    /// <summary>
    /// The flows of each local day (in <paramref name="zone"/>) of [first, last], or of each run of <paramref name="periodDays"/>
    /// days from the first, for the lists given, from the history.
    /// </summary>
    public static ListFlows Flows(IEnumerable<ConsentEvent> events, IReadOnlyCollection<int> lists, DateOnly first, DateOnly last, NodaTime.DateTimeZone zone, int periodDays = 1)
    {
        var days = last.DayNumber - first.DayNumber + 1;
        var flows = new ListFlows((days + periodDays - 1) / periodDays);
        foreach (var counted in events.Select(Classify).OfType<Counted>().Where(c => lists.Contains(c.ListId)))
        {
            var day = Web.Infrastructure.Time.LocalDays.DayOf(counted.OccurredUtc, zone).DayNumber - first.DayNumber;
            if (day >= 0 && day < days)
            {
                flows.Add(day / periodDays, counted.Kind, counted.Detail, 1, counted.PendingDelta);
            }
        }

        return flows;
    }

    /// <summary>Subscribers (on the list, and of them pending) of the lists given at an instant: every counted event before it.</summary>
    public static Balance At(IEnumerable<ConsentEvent> events, IReadOnlyCollection<int> lists, DateTime instant)
    {
        long on = 0, pending = 0;
        foreach (var counted in events.Where(e => e.OccurredUtc < instant).Select(Classify).OfType<Counted>().Where(c => lists.Contains(c.ListId)))
        {
            on += counted.Kind switch { ListActivityKind.Joined => 1, ListActivityKind.Left => -1, _ => 0 };
            pending += counted.PendingDelta;
        }

        return new Balance(on, pending);
    }
}
