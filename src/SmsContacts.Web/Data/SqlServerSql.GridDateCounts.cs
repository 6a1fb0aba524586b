namespace SmsContacts.Web.Data;

/// <summary>
/// SQL Server's half of <see cref="SubscribeDateCount"/> and <see cref="OptOutDateCount"/> (SQLite's: <see cref="GridDateCountsSql"/>):
/// statement-level triggers, so a bulk import's INSERT ... SELECT or MERGE moves each bucket once per statement. Same rules
/// as SQLite's, set-based.
/// </summary>
public static partial class SqlServerSql
{
    private const string OptOutChangesN = "(N'" + Domain.ConsentChanges.OptedOut + "', N'" + Domain.ConsentChanges.Banned + "')";

    private static readonly int[] DateCountLevels = [ListActivity.DayMinutes, ListActivity.QuarterHourMinutes];

    private static string SubscribeDateMerge(string source, int minutes) => $"""
        MERGE [SubscribeDateCounts] WITH (HOLDLOCK) AS t
        USING (
            SELECT x.SenderCodeId, x.ListId, x.BucketStartUtc, SUM(x.Delta) AS Delta
            FROM ({source}) AS x
            GROUP BY x.SenderCodeId, x.ListId, x.BucketStartUtc
            HAVING SUM(x.Delta) <> 0) AS s
        ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = {minutes} AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId
        WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
        WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, [Count])
            VALUES (s.SenderCodeId, s.ListId, {minutes}, s.BucketStartUtc, s.Delta);
        """;

    private static string SubscriptionRows(string table, string alias, int delta, int minutes) =>
        $"SELECT {alias}.SenderCodeId, {alias}.ListId, {ListActivityBucket($"{alias}.SubscribedUtc", minutes)} AS BucketStartUtc, {delta} AS Delta FROM {table} AS {alias}";

    /// <summary>The sender code's row and each list's an opted-out contact counts in (rows of <paramref name="table"/>, alias c).</summary>
    private static string OptedOutRows(string table, string alias, int delta) => $"""
        SELECT {alias}.SenderCodeId, {OptOutDateCount.AllLists} AS ListId, {alias}.OptedOutUtc, COALESCE({alias}.OptOutReason, 0) AS Reason, {delta} AS Delta
        FROM {table} AS {alias} WHERE {alias}.OptedOutUtc IS NOT NULL
        UNION ALL
        SELECT {alias}.SenderCodeId, l.ListId, {alias}.OptedOutUtc, COALESCE({alias}.OptOutReason, 0), {delta}
        FROM {table} AS {alias}
        JOIN (SELECT DISTINCT e.ContactId, e.OccurredUtc, e.ListId FROM ConsentEvents AS e
            WHERE e.ListId IS NOT NULL AND e.Change IN {OptOutChangesN}) AS l ON l.ContactId = {alias}.Id AND l.OccurredUtc = {alias}.OptedOutUtc
        WHERE {alias}.OptedOutUtc IS NOT NULL
        """;

    private static string OptOutDateMerge(string rows, int minutes) => $"""
        MERGE [OptOutDateCounts] WITH (HOLDLOCK) AS t
        USING (
            SELECT x.SenderCodeId, x.ListId, {ListActivityBucket("x.OptedOutUtc", minutes)} AS BucketStartUtc, x.Reason, SUM(x.Delta) AS Delta
            FROM ({rows}) AS x
            GROUP BY x.SenderCodeId, x.ListId, {ListActivityBucket("x.OptedOutUtc", minutes)}, x.Reason
            HAVING SUM(x.Delta) <> 0) AS s
        ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = {minutes} AND t.BucketStartUtc = s.BucketStartUtc AND t.ListId = s.ListId AND t.Reason = s.Reason
        WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.Delta
        WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Reason, [Count])
            VALUES (s.SenderCodeId, s.ListId, {minutes}, s.BucketStartUtc, s.Reason, s.Delta);
        """;

    /// <summary>Every insert, delete and move of a subscription (its list, sender code or Subscribe Date) moves its count.</summary>
    public static readonly string SubscriptionsDateCountTrigger = $"""
        CREATE TRIGGER [{GridDateCountsSql.SqlServerSubscriptions}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(SenderCodeId) OR UPDATE(ListId) OR UPDATE(SubscribedUtc)) RETURN;
        {string.Concat(DateCountLevels.Select(m => SubscribeDateMerge(SubscriptionRows("inserted", "i", 1, m) + " UNION ALL " + SubscriptionRows("deleted", "d", -1, m), m)))}
        END
        """;

    /// <summary>An opt-out, an opt-back-in, a new reason (a ban), or a contact written opted out moves its counts.</summary>
    public static readonly string ContactsOptOutDateCountTrigger = $"""
        CREATE TRIGGER [{GridDateCountsSql.SqlServerContacts}] ON [Contacts] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(SenderCodeId) OR UPDATE(OptedOutUtc) OR UPDATE(OptOutReason)) RETURN;
        {string.Concat(DateCountLevels.Select(m => OptOutDateMerge(OptedOutRows("inserted", "i", 1) + "\nUNION ALL\n" + OptedOutRows("deleted", "d", -1), m)))}
        END
        """;

    /// <summary>
    /// The list events of an opt-out written after the contact's update count for their list (see GridDateCountsSql): those
    /// whose contact is opted out at their very instant, unless an event of that list and instant stored before counted it.
    /// </summary>
    private static readonly string NewListOptOutRows = $"""
        SELECT c.SenderCodeId, ev.ListId, c.OptedOutUtc, COALESCE(c.OptOutReason, 0) AS Reason, 1 AS Delta
        FROM (SELECT DISTINCT i.ContactId, i.OccurredUtc, i.ListId FROM inserted AS i
            WHERE i.ListId IS NOT NULL AND i.Change IN {OptOutChangesN}
            AND NOT EXISTS (SELECT 1 FROM ConsentEvents AS e WHERE e.ContactId = i.ContactId AND e.OccurredUtc = i.OccurredUtc AND e.ListId = i.ListId
                AND e.Change IN {OptOutChangesN} AND NOT EXISTS (SELECT 1 FROM inserted AS n WHERE n.Id = e.Id))) AS ev
        JOIN Contacts AS c ON c.Id = ev.ContactId AND c.OptedOutUtc = ev.OccurredUtc
        """;

    public static readonly string ConsentEventsOptOutDateCountTrigger = $"""
        CREATE TRIGGER [{GridDateCountsSql.ConsentEventsInsert}] ON [ConsentEvents] AFTER INSERT AS
        BEGIN
            SET NOCOUNT ON;
        {string.Concat(DateCountLevels.Select(m => OptOutDateMerge(NewListOptOutRows, m)))}
        END
        """;

    /// <summary>The triggers that keep both tables (created by the migration InitialSchema, Data/Migrations/InitialSchemaSql).</summary>
    public static IReadOnlyList<string> GridDateCountsTriggers { get; } =
        [SubscriptionsDateCountTrigger, ContactsOptOutDateCountTrigger, ConsentEventsOptOutDateCountTrigger];

    /// <summary>
    /// The Contacts tab's counts per list, UTC day of Subscribe Date and phone lead (<see cref="SubscribeDayCount"/>; SQLite's,
    /// row by row, are <see cref="GridDayCountsSql.SqliteTriggers"/>), one MERGE for a whole batch: the inserted rows in, the
    /// deleted rows out, netted per list, day and lead. A count missing from the table is only ever added to: a negative
    /// change to a missing one is a list deleted with its subscriptions (its counts went by cascade).
    /// </summary>
    public static readonly string SubscriptionsDayCountTrigger = $"""
        CREATE TRIGGER [{GridDayCountsSql.SqlServerSubscriptions}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(ListId) OR UPDATE(SubscribedUtc) OR UPDATE(Phone)) RETURN;
            MERGE INTO SubscribeDayCounts WITH (HOLDLOCK) AS t
            USING (
                SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.DayUtc, x.PhoneLead, SUM(x.Delta) AS Delta
                FROM (
                    SELECT i.ListId, i.SenderCodeId, {ListActivityBucket("i.SubscribedUtc", ListActivity.DayMinutes)} AS DayUtc,
                        LEFT(i.Phone, {SubscribeDayCount.PhoneLeadLength}) AS PhoneLead, 1 AS Delta FROM inserted AS i
                    UNION ALL
                    SELECT d.ListId, d.SenderCodeId, {ListActivityBucket("d.SubscribedUtc", ListActivity.DayMinutes)} AS DayUtc,
                        LEFT(d.Phone, {SubscribeDayCount.PhoneLeadLength}) AS PhoneLead, -1 AS Delta FROM deleted AS d) AS x
                GROUP BY x.ListId, x.DayUtc, x.PhoneLead
                HAVING SUM(x.Delta) <> 0) AS change
            ON t.ListId = change.ListId AND t.DayUtc = change.DayUtc AND t.PhoneLead = change.PhoneLead
            WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
            WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
                INSERT (ListId, DayUtc, PhoneLead, SenderCodeId, Subscriptions)
                VALUES (change.ListId, change.DayUtc, change.PhoneLead, change.SenderCodeId, change.Delta);
        END
        """;

    /// <summary>The day counts of the subscriptions stored before the table existed.</summary>
    public static readonly string SubscribeDayCountsFill = $"""
        INSERT INTO SubscribeDayCounts (ListId, DayUtc, PhoneLead, SenderCodeId, Subscriptions)
        SELECT x.ListId, x.DayUtc, x.PhoneLead, MIN(x.SenderCodeId), COUNT(*)
        FROM (SELECT s.ListId, s.SenderCodeId, {ListActivityBucket("s.SubscribedUtc", ListActivity.DayMinutes)} AS DayUtc,
            LEFT(s.Phone, {SubscribeDayCount.PhoneLeadLength}) AS PhoneLead FROM Subscriptions AS s) AS x
        GROUP BY x.ListId, x.DayUtc, x.PhoneLead;
        """;
}
