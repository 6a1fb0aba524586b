using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// How many rows of the Contacts tab a list has now whose Subscribe Date falls in one UTC time bucket: the totals the
/// SMS List Dashboard's "still subscribed" links show (the Contacts tab filtered by a Subscribe Date range), counted
/// without reading the rows. Kept by triggers on Subscriptions (<see cref="GridDateCountsSql"/>; SQL Server's in
/// SqlServerSql), so every writer keeps it: EF, both bulk import writers, the demo seeder, a list's deletion (its
/// subscriptions cascade), anyone with SQL. A subscription counts in its UTC day (<see cref="ListActivity.DayMinutes"/>)
/// and its UTC quarter hour (<see cref="ListActivity.QuarterHourMinutes"/>); every time zone's midnight is a quarter hour,
/// so a range of any zone's days is whole UTC days plus quarter hours at its two ends (<see cref="DateBuckets"/>).
/// </summary>
public sealed class SubscribeDateCount
{
    public int SenderCodeId { get; set; }

    public int ListId { get; set; }

    /// <summary><see cref="ListActivity.DayMinutes"/> or <see cref="ListActivity.QuarterHourMinutes"/>.</summary>
    public int BucketMinutes { get; set; }

    /// <summary>UTC start of the bucket (midnight, or a quarter hour).</summary>
    public DateTime BucketStartUtc { get; set; }

    /// <summary>Subscriptions now whose SubscribedUtc is in the bucket.</summary>
    public int Count { get; set; }
}

/// <summary>
/// How many numbers the Opted-Out tab holds now whose Opt-out Date falls in one UTC time bucket, by reason: the totals
/// behind the SMS List Dashboard's "still opted out" links. <see cref="ListId"/> <see cref="AllLists"/> counts every
/// opted-out number of the sender code (the tab without a list filter); a list's rows count the numbers whose opt-out took
/// them off that list (an opt-out or ban event of that list at the number's Opt-out Date: the tab's list filter, see
/// ContactRepository.Window). Kept by triggers on Contacts (an opt-out, an opt-back-in, a new reason) and on
/// ConsentEvents (the list events an opt-out writes, before or after it updates the contact). Same buckets as
/// <see cref="SubscribeDateCount"/>.
/// </summary>
public sealed class OptOutDateCount
{
    /// <summary>The ListId of the rows that count every opted-out number of the sender code.</summary>
    public const int AllLists = 0;

    public int SenderCodeId { get; set; }

    /// <summary>A list, or <see cref="AllLists"/>.</summary>
    public int ListId { get; set; }

    public int BucketMinutes { get; set; }

    public DateTime BucketStartUtc { get; set; }

    /// <summary>The contact's <see cref="OptOutReason"/> (0 when none is stored).</summary>
    public int Reason { get; set; }

    /// <summary>Opted-out numbers now whose OptedOutUtc is in the bucket.</summary>
    public int Count { get; set; }
}

/// <summary>
/// A range of UTC instants [from, to) on quarter hours (the start of a day in any time zone) as kept buckets: the whole
/// UTC days inside it, and the quarter hours of the partial days at either end. Summing the counts of these buckets is
/// exactly counting the rows whose instant is in the range.
/// </summary>
public readonly record struct DateBuckets(DateTime DaysFrom, DateTime DaysTo, (DateTime From, DateTime To)[] QuarterHours)
{
    /// <summary>In: UTC instants, from ≤ to, each on a quarter hour (LocalDays' day starts are).</summary>
    public static DateBuckets Of(DateTime fromUtc, DateTime toUtc)
    {
        if (fromUtc.Ticks % TimeSpan.TicksPerMinute != 0 || fromUtc.Minute % ListActivity.QuarterHourMinutes != 0
            || toUtc.Ticks % TimeSpan.TicksPerMinute != 0 || toUtc.Minute % ListActivity.QuarterHourMinutes != 0)
        {
            throw new ArgumentException($"A range of kept buckets starts and ends on a quarter hour: {fromUtc:O} .. {toUtc:O}");
        }

        var firstWholeDay = fromUtc.TimeOfDay == TimeSpan.Zero ? fromUtc : fromUtc.Date.AddDays(1);
        var lastDayEnd = toUtc.Date;
        if (firstWholeDay > lastDayEnd)
        {
            // Inside one UTC day (or two partial ones): quarter hours only.
            return new(firstWholeDay, firstWholeDay, [(fromUtc, toUtc)]);
        }

        return new(firstWholeDay, lastDayEnd, [(fromUtc, firstWholeDay), (lastDayEnd, toUtc)]);
    }
}

/// <summary>
/// The SQLite triggers of <see cref="SubscribeDateCount"/> and <see cref="OptOutDateCount"/>. SQL Server's, statement-level, are in SqlServerSql (GridDateCounts). Each trigger adds
/// or takes away one in both buckets; the counts are a function of the rows as they are now, so a trigger that takes a row
/// out counts it exactly as the one that put it in did. GridDateCountsTests runs every write path and compares both tables
/// with a count of the rows. Once released, a change to a trigger is a new statement in a new migration.
/// </summary>
public static class GridDateCountsSql
{
    public const string SubscriptionsInsert = "Subscriptions_DateCount_Insert";
    public const string SubscriptionsUpdate = "Subscriptions_DateCount_Update";
    public const string SubscriptionsDelete = "Subscriptions_DateCount_Delete";
    public const string ContactsInsert = "Contacts_OptOutDateCount_Insert";
    public const string ContactsUpdate = "Contacts_OptOutDateCount_Update";
    public const string ContactsDelete = "Contacts_OptOutDateCount_Delete";
    public const string ConsentEventsInsert = "ConsentEvents_OptOutDateCount";

    /// <summary>SQL Server keeps each table with one statement-level trigger per table written.</summary>
    public const string SqlServerSubscriptions = "Subscriptions_DateCount";
    public const string SqlServerContacts = "Contacts_OptOutDateCount";

    /// <summary>The changes of a list event that an opt-out or ban writes (ConsentChanges.OptedOut, Banned).</summary>
    public const string OptOutChanges = "('" + ConsentChanges.OptedOut + "', '" + ConsentChanges.Banned + "')";

    public static readonly string[] OnSubscriptions = [SubscriptionsInsert, SubscriptionsUpdate, SubscriptionsDelete, SqlServerSubscriptions];
    public static readonly string[] OnContacts = [ContactsInsert, ContactsUpdate, ContactsDelete, SqlServerContacts];
    public static readonly string[] OnConsentEvents = [ConsentEventsInsert];

    /// <summary>Timestamps are stored as EF Core writes them ('yyyy-MM-dd HH:mm:ss.FFFFFFF'): the bucket is text of the same form.</summary>
    private static string Bucket(string at, int minutes) => minutes == ListActivity.DayMinutes
        ? $"substr({at}, 1, 10) || ' 00:00:00'"
        : $"substr({at}, 1, 14) || printf('%02d', CAST(substr({at}, 15, 2) AS INTEGER) / 15 * 15) || ':00'";

    private static readonly int[] Levels = [ListActivity.DayMinutes, ListActivity.QuarterHourMinutes];

    /// <summary>Adds <paramref name="delta"/> to a subscription's two buckets (row alias NEW or OLD).</summary>
    private static string AddSubscription(string row, int delta) => string.Concat(Levels.Select(minutes => $"""
            INSERT INTO SubscribeDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Count)
            VALUES ({row}.SenderCodeId, {row}.ListId, {minutes}, {Bucket($"{row}.SubscribedUtc", minutes)}, {delta})
            ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId) DO UPDATE SET Count = Count + excluded.Count;

        """));

    /// <summary>The lists an opted-out contact's opt-out took it off: its list events of an opt-out or ban at its Opt-out Date.</summary>
    private static string ListsLeft(string contact) =>
        $"SELECT DISTINCT e.ListId FROM ConsentEvents AS e WHERE e.ContactId = {contact}.Id AND e.OccurredUtc = {contact}.OptedOutUtc "
        + $"AND e.ListId IS NOT NULL AND e.Change IN {OptOutChanges}";

    /// <summary>Adds <paramref name="delta"/> for an opted-out contact (row alias NEW or OLD): the sender code's row and each list's it left.</summary>
    private static string AddOptedOut(string row, int delta) => string.Concat(Levels.Select(minutes => $"""
            INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
            SELECT {row}.SenderCodeId, {OptOutDateCount.AllLists}, {minutes}, {Bucket($"{row}.OptedOutUtc", minutes)}, COALESCE({row}.OptOutReason, 0), {delta}
            WHERE {row}.OptedOutUtc IS NOT NULL
            UNION ALL
            SELECT {row}.SenderCodeId, l.ListId, {minutes}, {Bucket($"{row}.OptedOutUtc", minutes)}, COALESCE({row}.OptOutReason, 0), {delta}
            FROM ({ListsLeft(row)}) AS l WHERE {row}.OptedOutUtc IS NOT NULL
            ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;

        """));

    /// <summary>
    /// A list event of an opt-out counts for the list when the contact is opted out at that very instant already (the
    /// event came after the contact's update) and no earlier event of that list and instant counted it; when the event
    /// comes first, the contact's update counts it (<see cref="AddOptedOut"/> finds it).
    /// </summary>
    private static string AddListEvent() => string.Concat(Levels.Select(minutes => $"""
            INSERT INTO OptOutDateCounts (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, Count)
            SELECT c.SenderCodeId, NEW.ListId, {minutes}, {Bucket("c.OptedOutUtc", minutes)}, COALESCE(c.OptOutReason, 0), 1
            FROM Contacts AS c
            WHERE c.Id = NEW.ContactId AND c.OptedOutUtc = NEW.OccurredUtc
            AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = NEW.ContactId AND e.OccurredUtc = NEW.OccurredUtc
                AND e.ListId = NEW.ListId AND e.Change IN {OptOutChanges} AND e.Id <> NEW.Id)
            ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Reason) DO UPDATE SET Count = Count + excluded.Count;

        """));

    /// <summary>The triggers that keep both tables (created by the migration InitialSchema, Data/Migrations/InitialSchemaSql).</summary>
    public static IReadOnlyList<string> SqliteTriggers { get; } =
    [
        $"""
        CREATE TRIGGER {SubscriptionsInsert} AFTER INSERT ON Subscriptions BEGIN
        {AddSubscription("NEW", 1)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsDelete} AFTER DELETE ON Subscriptions BEGIN
        {AddSubscription("OLD", -1)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsUpdate} AFTER UPDATE OF SenderCodeId, ListId, SubscribedUtc ON Subscriptions
        WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.ListId <> OLD.ListId OR NEW.SubscribedUtc IS NOT OLD.SubscribedUtc BEGIN
        {AddSubscription("OLD", -1)}{AddSubscription("NEW", 1)}END;
        """,
        $"""
        CREATE TRIGGER {ContactsInsert} AFTER INSERT ON Contacts WHEN NEW.OptedOutUtc IS NOT NULL BEGIN
        {AddOptedOut("NEW", 1)}END;
        """,
        $"""
        CREATE TRIGGER {ContactsDelete} AFTER DELETE ON Contacts WHEN OLD.OptedOutUtc IS NOT NULL BEGIN
        {AddOptedOut("OLD", -1)}END;
        """,
        $"""
        CREATE TRIGGER {ContactsUpdate} AFTER UPDATE OF SenderCodeId, OptedOutUtc, OptOutReason ON Contacts
        WHEN NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.OptedOutUtc IS NOT OLD.OptedOutUtc OR NEW.OptOutReason IS NOT OLD.OptOutReason BEGIN
        {AddOptedOut("OLD", -1)}{AddOptedOut("NEW", 1)}END;
        """,
        $"""
        CREATE TRIGGER {ConsentEventsInsert} AFTER INSERT ON ConsentEvents
        WHEN NEW.ListId IS NOT NULL AND NEW.Change IN {OptOutChanges} BEGIN
        {AddListEvent()}END;
        """,
    ];
}
