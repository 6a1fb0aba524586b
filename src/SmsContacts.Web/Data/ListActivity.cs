using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// How many consent events of one kind changed a list's membership in one time bucket: the daily aggregates of the SMS
/// List Dashboard. A pure function of the consent history, kept by a database trigger on ConsentEvents (append-only, so
/// every insert is final), which every writer fires without knowing: ContactConsent through EF, both bulk import writers,
/// the demo seeder, anything a person runs by hand. See <see cref="ListActivitySql"/> for the SQLite trigger and
/// SqlServerSql for SQL Server's.
///
/// Only events of one list whose state there changes count (the state words of <see cref="ConsentStates"/>): a number is
/// "on the list" while its state there is Subscribed or Pending, which is what a row of the Contacts tab is.
/// - <see cref="ListActivityKind.Joined"/>: not on the list → on it; Detail = the subscribe method, or
///   <see cref="ListActivityDetail.OptedBackIn"/> (START, or a user's opt-back-in), or <see cref="ListActivityDetail.NotRecorded"/>.
/// - <see cref="ListActivityKind.Left"/>: on the list → not; Detail = the <see cref="OptOutReason"/> of an opt-out or ban, or
///   <see cref="ListActivityDetail.Unsubscribed"/> (taken off this one list) or <see cref="ListActivityDetail.NotConfirmed"/>
///   (an invalid reply to a double opt-in request), or <see cref="ListActivityDetail.NotRecorded"/>.
/// - <see cref="ListActivityKind.StatusChanged"/>: Pending ↔ Subscribed (confirmed, or an import's override); Detail 0.
/// <see cref="PendingDelta"/> adds +1 for each event that makes the number Pending on the list and -1 for each that ends it.
///
/// Each event is counted three times: in its UTC day (<see cref="DayMinutes"/>), its UTC hour (<see cref="HourMinutes"/>)
/// and its UTC quarter hour (<see cref="QuarterHourMinutes"/>). Every time zone's midnight falls on a quarter hour
/// (Infrastructure/Time/LocalDays), so any zone's day is whole buckets: the UTC days it spans, less the hours and quarter
/// hours at its two edges that lie outside it (or plus those inside, whichever are fewer). A local day costs one day row
/// and at most about a dozen hour and quarter-hour rows per kind, never its events (Features/ListDashboard/ListHealth).
/// </summary>
public sealed class ListActivity
{
    public const int DayMinutes = 1440;
    public const int HourMinutes = 60;
    public const int QuarterHourMinutes = 15;

    public int SenderCodeId { get; set; }

    public int ListId { get; set; }

    /// <summary><see cref="DayMinutes"/>, <see cref="HourMinutes"/> or <see cref="QuarterHourMinutes"/>.</summary>
    public int BucketMinutes { get; set; }

    /// <summary>UTC start of the bucket (midnight, a whole hour, or a quarter hour).</summary>
    public DateTime BucketStartUtc { get; set; }

    public ListActivityKind Kind { get; set; }

    /// <summary>See <see cref="ListActivity"/>: a <see cref="SubscribeMethod"/>, an <see cref="OptOutReason"/> or a <see cref="ListActivityDetail"/>.</summary>
    public int Detail { get; set; }

    /// <summary>Events of this kind and detail in the bucket.</summary>
    public int Count { get; set; }

    public int PendingDelta { get; set; }
}

public enum ListActivityKind
{
    Joined = 1,
    Left = 2,
    StatusChanged = 3,
}

/// <summary>Details that are not a subscribe method or an opt-out reason.</summary>
public static class ListActivityDetail
{
    /// <summary>Joined: an event written before events recorded the method. Left: a state the trigger has no word for.</summary>
    public const int NotRecorded = -1;

    /// <summary>Joined by START or a user's opt-back-in (a Resubscribed event): the list it left by opting out.</summary>
    public const int OptedBackIn = 100;

    /// <summary>Left: taken off this one list (Unsubscribe), still on others or not.</summary>
    public const int Unsubscribed = 100;

    /// <summary>Left: a pending double opt-in answered with anything but Y (the number became an Other Contact).</summary>
    public const int NotConfirmed = 101;
}

/// <summary>
/// The SQLite half of <see cref="ListActivity"/>: an AFTER INSERT trigger on ConsentEvents. SQL Server's is in SqlServerSql
/// (same rules, set-based). The classification is written once per provider here as SQL text; ListActivityTests runs every write path
/// and compares the table with the history read in C# (<c>ListActivityRules</c> in the tests), and with the grid.
/// Once released, a change to the trigger is a new statement in a new migration (the released one stays as it ran).
/// </summary>
public static class ListActivitySql
{
    public const string SqliteTrigger = "ConsentEvents_ListActivity";

    /// <summary>
    /// SQLite keeps a table's rows in rowid order, apart from its key's index: every sum of the dashboard over a range of
    /// buckets looked up each row in the table (a year of hour buckets in a zone of +13:45: 1.7 s; the day rows of two
    /// years: 90 ms of CPU, on every page). This index holds the counts too, so the sums read one range of it (0.35 s, 40
    /// ms). Not in the EF model: SQL Server's clustered key is the table itself, in key order already. Created by the
    /// migration ListActivityCoveringIndex.
    /// </summary>
    public const string SqliteCoveringIndex = "IX_ListActivity_Counts";

    public const string SqliteCoveringIndexStatement =
        $"CREATE INDEX {SqliteCoveringIndex} ON ListActivity (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail, Count, PendingDelta);";

    private const string OnList = "('Subscribed', 'Pending')";

    /// <summary>Words of each opt-out reason as events store them (ConsentStates.OptedOut), the older enum-name form too.</summary>
    private const string LeftReason =
        "CASE WHEN {0}.StateAfter = 'Banned' THEN 1 "
        + "WHEN {0}.StateAfter IN ('Opted out (Carrier deactivation)', 'Opted out (CarrierDeactivation)') THEN 2 "
        + "WHEN {0}.StateAfter = 'Opted out (Import)' THEN 3 "
        + "WHEN {0}.StateAfter = 'Opted out (Manual)' THEN 4 "
        + "WHEN {0}.StateAfter IN ('Opted out (STOP keyword)', 'Opted out (StopKeyword)') THEN 5 ELSE -1 END";

    private static string Kind(string e) =>
        $"CASE WHEN {e}.StateBefore NOT IN {OnList} AND {e}.StateAfter IN {OnList} THEN 1 "
        + $"WHEN {e}.StateBefore IN {OnList} AND {e}.StateAfter NOT IN {OnList} THEN 2 ELSE 3 END";

    private static string Detail(string e) =>
        $"CASE WHEN {e}.StateBefore NOT IN {OnList} AND {e}.StateAfter IN {OnList} "
        + $"THEN (CASE WHEN {e}.Change = 'Resubscribed' THEN 100 ELSE COALESCE({e}.Method, -1) END) "
        + $"WHEN {e}.StateBefore IN {OnList} AND {e}.StateAfter NOT IN {OnList} "
        + $"THEN (CASE WHEN {e}.Change = 'Unsubscribed' THEN 100 WHEN {e}.Change = 'Confirmation refused' THEN 101 ELSE {string.Format(System.Globalization.CultureInfo.InvariantCulture, LeftReason, e)} END) "
        + "ELSE 0 END";

    private static string PendingDelta(string e) => $"(({e}.StateAfter = 'Pending') - ({e}.StateBefore = 'Pending'))";

    private static string Counted(string e) =>
        $"{e}.ListId IS NOT NULL AND {e}.StateBefore <> {e}.StateAfter AND ({e}.StateBefore IN {OnList} OR {e}.StateAfter IN {OnList})";

    /// <summary>Timestamps are stored as EF Core writes them ('yyyy-MM-dd HH:mm:ss.FFFFFFF'): the bucket is text in the same form.</summary>
    private static string Bucket(string at, int minutes) => minutes switch
    {
        ListActivity.DayMinutes => $"substr({at}, 1, 10) || ' 00:00:00'",
        ListActivity.HourMinutes => $"substr({at}, 1, 13) || ':00:00'",
        _ => $"substr({at}, 1, 14) || printf('%02d', CAST(substr({at}, 15, 2) AS INTEGER) / 15 * 15) || ':00'",
    };

    private static string Upsert(int minutes) => $"""
        INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, Count, PendingDelta)
            VALUES (NEW.SenderCodeId, NEW.ListId, {minutes}, {Bucket("NEW.OccurredUtc", minutes)}, {Kind("NEW")}, {Detail("NEW")}, 1, {PendingDelta("NEW")})
            ON CONFLICT (SenderCodeId, BucketMinutes, BucketStartUtc, ListId, Kind, Detail)
            DO UPDATE SET Count = Count + 1, PendingDelta = PendingDelta + excluded.PendingDelta;
        """;

    /// <summary>
    /// The trigger: every event that changes a list's membership is added to its UTC day, hour and quarter hour
    /// (created by the migration InitialSchema, Data/Migrations/InitialSchemaSql).
    /// </summary>
    public static readonly string SqliteTriggerStatement = $"""
        CREATE TRIGGER {SqliteTrigger} AFTER INSERT ON ConsentEvents
        WHEN {Counted("NEW")}
        BEGIN
        {Upsert(ListActivity.DayMinutes)}
        {Upsert(ListActivity.HourMinutes)}
        {Upsert(ListActivity.QuarterHourMinutes)}
        END;
        """;
}
