using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// The SQL Server statements written by hand, apart from the bulk import's (<see cref="SqlServerImportSql"/>, beside the
/// SQLite writer's): the triggers that keep the consent history append-only, the grid's search and counts, the list
/// dashboard's counts (all created by the migration InitialSchema, Data/Migrations/InitialSchemaSql) and the inbound
/// webhook's insert.
///
/// How these were checked: no SQL Server runs on the development machine, so they have not been executed.
/// SqlServerSqlTests parses every statement with the SQL Server parser (Microsoft.SqlServer.TransactSql.ScriptDom,
/// TSql160Parser) and checks that every table and column they name exists in the SQL Server model
/// (SqlServerAppDbContext). CI also generates the idempotent script of the SQL Server migrations, triggers included (.ci/run).
/// </summary>
public static partial class SqlServerSql
{
    /// <summary>
    /// ConsentEvents is append-only for everyone with access to the database, not only for the app. Once released, a
    /// statement a migration uses is never edited (a change is a new statement and a new migration).
    /// </summary>
    public const string ConsentEventsNoUpdateTrigger =
        "CREATE TRIGGER [ConsentEvents_NoUpdate] ON [ConsentEvents] INSTEAD OF UPDATE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END";

    /// <inheritdoc cref="ConsentEventsNoUpdateTrigger"/>
    public const string ConsentEventsNoDeleteTrigger =
        "CREATE TRIGGER [ConsentEvents_NoDelete] ON [ConsentEvents] INSTEAD OF DELETE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END";

    /// <summary>Every writer must store the phone's digits back to front beside it (Domain/ContactPhone); the database refuses a row that does not.</summary>
    public const string PhoneDigitsReversedCheck =
        "ALTER TABLE [Contacts] ADD CONSTRAINT [CK_Contacts_PhoneDigitsReversed] CHECK ([PhoneDigitsReversed] = REVERSE(SUBSTRING([Phone], 2, 15)))";

    /// <summary>
    /// Stores an inbound text unless its MessageSid is stored already (<see cref="InboundTextStore"/>): the lock
    /// hints hold the key range of that MessageSid until the insert, so two deliveries of one text cannot both
    /// pass the check; returns the new Id, or no row for a replay.
    /// </summary>
    public static readonly string InsertInboundText = $"""
        INSERT INTO [Messages] ([SenderCodeId], [Phone], [Direction], [Body], [CreatedUtc], [DeliveredUtc], [Status], [ProviderMessageId], [OptOutType], [ApplyPendingSinceUtc], [IsOptOutConfirmation])
        OUTPUT INSERTED.[Id]
        SELECT @senderCode, @phone, {(int)MessageDirection.Inbound}, @body, @received, @received, {(int)DeliveryStatus.Received}, @sid, @optOutType, @received, 0
        WHERE NOT EXISTS (SELECT 1 FROM [Messages] WITH (UPDLOCK, HOLDLOCK) WHERE [ProviderMessageId] = @sid);
        """;

    /// <summary>The statements the inbound webhook runs by hand.</summary>
    public static IReadOnlyList<string> InboundStatements { get; } = [InsertInboundText];

    /// <summary>
    /// A statement run through EXEC, so SQL Server compiles it only when it runs (<see cref="AsMigrationSql"/>).
    /// </summary>
    public static string Deferred(string sql) => $"EXEC(N'{sql.Replace("'", "''", StringComparison.Ordinal)}')";

    /// <summary>
    /// The phone search index of the Contacts tab's rows (SQLite's is an FTS5 trigram table): every suffix of at
    /// least three digits of every subscription's number, so "contains 415" is "a suffix starts with 415", one range
    /// of the clustered index per sender code (LIKE '415%' seeks); the list rides along to count one list. Binary
    /// collation: digits compare as digits whatever the database's collation. No foreign key:
    /// <see cref="SubscriptionsPhoneSearchTrigger"/> removes a subscription's rows after it is gone.
    /// </summary>
    public const string CreatePhoneSuffixes = """
        CREATE TABLE [SubscriptionPhoneSuffixes] (
            [SenderCodeId] int NOT NULL,
            [Suffix] nvarchar(15) COLLATE Latin1_General_BIN2 NOT NULL,
            [SubscriptionId] bigint NOT NULL,
            [ListId] int NOT NULL,
            CONSTRAINT [PK_SubscriptionPhoneSuffixes] PRIMARY KEY CLUSTERED ([SenderCodeId], [Suffix], [SubscriptionId]));
        """;

    /// <summary>Suffix start positions: after the "+", up to three digits before the end of 15.</summary>
    private const string SuffixStarts = "(VALUES (2), (3), (4), (5), (6), (7), (8), (9), (10), (11), (12), (13), (14)) AS n (Start)";

    /// <summary>Keeps <see cref="CreatePhoneSuffixes"/> right for every insert and delete of a subscription, and any change of its number or list.</summary>
    public static readonly string SubscriptionsPhoneSearchTrigger = $"""
        CREATE TRIGGER [{GridTriggers.SubscriptionsPhoneSearch}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(Phone) OR UPDATE(SenderCodeId) OR UPDATE(ListId)) RETURN;
            DELETE x FROM SubscriptionPhoneSuffixes AS x
            JOIN deleted AS d ON x.SenderCodeId = d.SenderCodeId AND x.SubscriptionId = d.Id
            CROSS JOIN {SuffixStarts}
            WHERE n.Start <= LEN(d.Phone) - 2 AND x.Suffix = SUBSTRING(d.Phone, n.Start, 15);
            INSERT INTO SubscriptionPhoneSuffixes (SenderCodeId, Suffix, SubscriptionId, ListId)
            SELECT i.SenderCodeId, SUBSTRING(i.Phone, n.Start, 15), i.Id, i.ListId
            FROM inserted AS i CROSS JOIN {SuffixStarts}
            WHERE n.Start <= LEN(i.Phone) - 2;
        END
        """;

    /// <summary>A contact's new email gives its subscriptions a new email block (which <see cref="SubscriptionsCountTrigger"/> counts).</summary>
    public static readonly string ContactsEmailBlockTrigger = $"""
        CREATE TRIGGER [{GridTriggers.ContactsEmailBlock}] ON [Contacts] AFTER UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            IF NOT UPDATE(Email) RETURN;
            UPDATE s SET s.EmailBlock = LEFT(i.Email, 4)
            FROM Subscriptions AS s JOIN inserted AS i ON s.ContactId = i.Id
            WHERE NOT EXISTS (SELECT s.EmailBlock INTERSECT SELECT LEFT(i.Email, 4));
        END
        """;

    /// <summary>
    /// The Contacts tab's counts per list and email block (Domain/SubscriptionCount), one statement for a whole
    /// batch: new rows first take their contact's email block, then every changed row moves its count. Its own
    /// update of EmailBlock must not count twice, whatever the database's RECURSIVE_TRIGGERS says: hence the
    /// nesting check. (An update from <see cref="ContactsEmailBlockTrigger"/> is this trigger's first level.) A block
    /// missing from the table is only ever added to: a negative change to a missing one is a list deleted with its
    /// subscriptions (its counts went first, by cascade), and inserting it would break the foreign key.
    /// </summary>
    public static readonly string SubscriptionsCountTrigger = $"""
        CREATE TRIGGER [{GridTriggers.SubscriptionsCount}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF TRIGGER_NESTLEVEL(@@PROCID) > 1 RETURN;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(ListId) OR UPDATE(EmailBlock) OR UPDATE(Phone) OR UPDATE(ContactId)) RETURN;
            UPDATE s SET s.EmailBlock = LEFT(c.Email, 4)
            FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id JOIN Contacts AS c ON c.Id = s.ContactId
            LEFT JOIN deleted AS d ON d.Id = i.Id
            WHERE (d.Id IS NULL OR d.ContactId <> i.ContactId)
            AND NOT EXISTS (SELECT s.EmailBlock INTERSECT SELECT LEFT(c.Email, 4));
            MERGE INTO SubscriptionCounts WITH (HOLDLOCK) AS t
            USING (
                SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.HasEmail, x.Block, SUM(x.Delta) AS Delta
                FROM (
                    SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                        COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block, 1 AS Delta
                    FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id
                    UNION ALL
                    SELECT d.ListId, d.SenderCodeId, CASE WHEN d.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                        COALESCE(d.EmailBlock, LEFT(d.Phone, 5)) AS Block, -1 AS Delta
                    FROM deleted AS d) AS x
                GROUP BY x.ListId, x.HasEmail, x.Block
                HAVING SUM(x.Delta) <> 0) AS change
            ON t.ListId = change.ListId AND t.HasEmail = change.HasEmail AND t.Block = change.Block
            WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
            WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
                INSERT (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
                VALUES (change.ListId, change.SenderCodeId, change.HasEmail, change.Block, change.Delta);
        END
        """;

    /// <summary>
    /// <see cref="SubscriptionsCountTrigger"/> with the counts kept per phone lead as well (Domain/SubscriptionCount.PhoneLead;
    /// migration EmailBlockCountsByPhoneLead replaces that trigger with this one, under the same name): the same batch of
    /// moves, netted per list, email block and lead.
    /// </summary>
    public static readonly string SubscriptionsCountByPhoneLeadTrigger = $"""
        CREATE TRIGGER [{GridTriggers.SubscriptionsCount}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF TRIGGER_NESTLEVEL(@@PROCID) > 1 RETURN;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(ListId) OR UPDATE(EmailBlock) OR UPDATE(Phone) OR UPDATE(ContactId)) RETURN;
            UPDATE s SET s.EmailBlock = LEFT(c.Email, 4)
            FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id JOIN Contacts AS c ON c.Id = s.ContactId
            LEFT JOIN deleted AS d ON d.Id = i.Id
            WHERE (d.Id IS NULL OR d.ContactId <> i.ContactId)
            AND NOT EXISTS (SELECT s.EmailBlock INTERSECT SELECT LEFT(c.Email, 4));
            MERGE INTO SubscriptionCounts WITH (HOLDLOCK) AS t
            USING (
                SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.HasEmail, x.Block, x.PhoneLead, SUM(x.Delta) AS Delta
                FROM (
                    SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                        COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block, {PhoneLead("s.Phone")} AS PhoneLead, 1 AS Delta
                    FROM Subscriptions AS s JOIN inserted AS i ON i.Id = s.Id
                    UNION ALL
                    SELECT d.ListId, d.SenderCodeId, CASE WHEN d.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                        COALESCE(d.EmailBlock, LEFT(d.Phone, 5)) AS Block, {PhoneLead("d.Phone")} AS PhoneLead, -1 AS Delta
                    FROM deleted AS d) AS x
                GROUP BY x.ListId, x.HasEmail, x.Block, x.PhoneLead
                HAVING SUM(x.Delta) <> 0) AS change
            ON t.ListId = change.ListId AND t.HasEmail = change.HasEmail AND t.Block = change.Block AND t.PhoneLead = change.PhoneLead
            WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
            WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
                INSERT (ListId, SenderCodeId, HasEmail, Block, PhoneLead, Subscriptions)
                VALUES (change.ListId, change.SenderCodeId, change.HasEmail, change.Block, change.PhoneLead, change.Delta);
        END
        """;

    /// <summary>The email blocks' counts made again from the subscriptions, per list, block and lead (after the table changed its key).</summary>
    public static readonly string SubscriptionCountsByPhoneLeadFill = $"""
        DELETE FROM SubscriptionCounts;
        INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, PhoneLead, Subscriptions)
        SELECT x.ListId, MIN(x.SenderCodeId), x.HasEmail, x.Block, x.PhoneLead, COUNT(*)
        FROM (SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
            COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block, {PhoneLead("s.Phone")} AS PhoneLead FROM Subscriptions AS s) AS x
        GROUP BY x.ListId, x.HasEmail, x.Block, x.PhoneLead;
        """;

    /// <summary>The email blocks' counts made again without leads (the key before migration EmailBlockCountsByPhoneLead).</summary>
    public static readonly string SubscriptionCountsFill = """
        DELETE FROM SubscriptionCounts;
        INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
        SELECT x.ListId, MIN(x.SenderCodeId), x.HasEmail, x.Block, COUNT(*)
        FROM (SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
            COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block FROM Subscriptions AS s) AS x
        GROUP BY x.ListId, x.HasEmail, x.Block;
        """;

    /// <summary>A row's phone lead in SQL Server (<see cref="SubscriptionCount.PhoneLeadOf"/>).</summary>
    private static string PhoneLead(string phone) => $"LEFT({phone}, {SubscriptionCount.PhoneLeadLength})";

    /// <summary>A row's phone block in SQL Server (<see cref="SubscriptionPhoneCount.BlockOf"/>).</summary>
    private static string PhoneBlock(string phone) => $"LEFT({phone}, {SubscriptionPhoneCount.BlockLength})";

    /// <summary>
    /// The Contacts tab's counts per list and phone block (Domain/SubscriptionPhoneCount; SQLite's, row by row, are
    /// GridTriggers.SqlitePhoneCountTriggers), one MERGE for a whole batch: the inserted rows in, the deleted rows out,
    /// netted per list and block. A block missing from the table is only ever added to: a negative change to a missing
    /// one is a list deleted with its subscriptions (its counts went by cascade), and inserting it would break the foreign
    /// key. Its own statement never updates Subscriptions, so it cannot recurse; an update of other columns (the email
    /// block the count trigger sets) returns at once.
    /// </summary>
    public static readonly string SubscriptionsPhoneCountTrigger = $"""
        CREATE TRIGGER [{GridTriggers.SubscriptionsPhoneCount}] ON [Subscriptions] AFTER INSERT, UPDATE, DELETE AS
        BEGIN
            SET NOCOUNT ON;
            IF EXISTS (SELECT 1 FROM inserted) AND EXISTS (SELECT 1 FROM deleted)
                AND NOT (UPDATE(ListId) OR UPDATE(Phone)) RETURN;
            MERGE INTO SubscriptionPhoneCounts WITH (HOLDLOCK) AS t
            USING (
                SELECT x.ListId, MIN(x.SenderCodeId) AS SenderCodeId, x.Block, SUM(x.Delta) AS Delta
                FROM (
                    SELECT i.ListId, i.SenderCodeId, {PhoneBlock("i.Phone")} AS Block, 1 AS Delta FROM inserted AS i
                    UNION ALL
                    SELECT d.ListId, d.SenderCodeId, {PhoneBlock("d.Phone")} AS Block, -1 AS Delta FROM deleted AS d) AS x
                GROUP BY x.ListId, x.Block
                HAVING SUM(x.Delta) <> 0) AS change
            ON t.ListId = change.ListId AND t.Block = change.Block
            WHEN MATCHED THEN UPDATE SET t.Subscriptions = t.Subscriptions + change.Delta
            WHEN NOT MATCHED BY TARGET AND change.Delta > 0 THEN
                INSERT (ListId, SenderCodeId, Block, Subscriptions)
                VALUES (change.ListId, change.SenderCodeId, change.Block, change.Delta);
        END
        """;

    /// <summary>
    /// A statement as a migration runs it. CREATE TRIGGER must begin its batch, and EF's idempotent script puts
    /// every statement inside "IF NOT EXISTS (...) BEGIN ... END": run through EXEC, it is its own batch in both.
    /// </summary>
    public static string AsMigrationSql(string statement) =>
        statement.StartsWith("CREATE TRIGGER", StringComparison.Ordinal) ? Deferred(statement) + ";" : statement;

    /// <summary>The grid's SQL Server dialect (see <see cref="GridDialect"/>): INDEX hints, LOOP joins, CHARINDEX, the suffix table, OFFSET/FETCH.</summary>
    public sealed class Grid : GridDialect
    {
        public static readonly Grid Instance = new();

        public override string Index(string index) => $"WITH (INDEX([{index}]))";

        public override (string Join, string Where) LoopJoin(string tableAndAlias, string on) => ($"INNER LOOP JOIN {tableAndAlias} ON {on}", "");

        public override string Contains(string column) => $"CHARINDEX(@search, {column}) > 0";

        public override string CountContaining(bool inList) =>
            "SELECT COUNT(DISTINCT x.SubscriptionId) FROM SubscriptionPhoneSuffixes AS x WHERE x.SenderCodeId = @sc AND x.Suffix LIKE @searchIds"
            + (inList ? " AND x.ListId = @list" : "");

        public override string SubscriptionIdsContaining(bool inList) =>
            "SELECT x.SubscriptionId FROM SubscriptionPhoneSuffixes AS x WHERE x.SenderCodeId = @sc AND x.Suffix LIKE @searchIds"
            + (inList ? " AND x.ListId = @list" : "");

        public override (string Name, object Value)[] SearchParameters(string digits, int senderCodeId, int? listId) => listId is { } list
            ? [("@searchIds", digits + "%"), ("@sc", senderCodeId), ("@list", list)]
            : [("@searchIds", digits + "%"), ("@sc", senderCodeId)];

        /// <summary>The suffixes that start with the digits, less the subscriptions whose number starts with them (a seek on the row by its key).</summary>
        public override string SubscriptionIdsContainingElsewhere(bool inList, int leadingRanges) =>
            SubscriptionIdsContaining(inList) + " AND NOT EXISTS (SELECT 1 FROM Subscriptions AS lead WHERE lead.Id = x.SubscriptionId AND ("
            + string.Join(" OR ", Enumerable.Range(0, leadingRanges).Select(i => $"lead.Phone LIKE @leading{i}")) + "))";

        public override (string Name, object Value)[] SearchElsewhereParameters(PhoneSearch search, int senderCodeId, int? listId) =>
            [.. SearchParameters(search.Digits, senderCodeId, listId), .. search.LeadingRanges.Select((r, i) => ($"@leading{i}", (object)(r.Low + "%")))];

        public override string OrderAndPage(string orderBy) => $"ORDER BY {orderBy} OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY";

        public override string NoIndex(string column) => column;

        public override string Left(string expression, int length) => $"LEFT({expression}, {Number(length)})";

        public override string DayOf(string instant) => $"CAST({instant} AS date)";
    }

    private const string OnList = "(N'Subscribed', N'Pending')";

    private static string ListActivityKind(string e) =>
        $"CASE WHEN {e}.StateBefore NOT IN {OnList} AND {e}.StateAfter IN {OnList} THEN 1 "
        + $"WHEN {e}.StateBefore IN {OnList} AND {e}.StateAfter NOT IN {OnList} THEN 2 ELSE 3 END";

    private static string ListActivityLeftReason(string e) =>
        $"CASE WHEN {e}.StateAfter = N'Banned' THEN 1 "
        + $"WHEN {e}.StateAfter IN (N'Opted out (Carrier deactivation)', N'Opted out (CarrierDeactivation)') THEN 2 "
        + $"WHEN {e}.StateAfter = N'Opted out (Import)' THEN 3 "
        + $"WHEN {e}.StateAfter = N'Opted out (Manual)' THEN 4 "
        + $"WHEN {e}.StateAfter IN (N'Opted out (STOP keyword)', N'Opted out (StopKeyword)') THEN 5 ELSE -1 END";

    private static string ListActivityDetail(string e) =>
        $"CASE WHEN {e}.StateBefore NOT IN {OnList} AND {e}.StateAfter IN {OnList} "
        + $"THEN (CASE WHEN {e}.Change = N'Resubscribed' THEN 100 ELSE COALESCE({e}.Method, -1) END) "
        + $"WHEN {e}.StateBefore IN {OnList} AND {e}.StateAfter NOT IN {OnList} "
        + $"THEN (CASE WHEN {e}.Change = N'Unsubscribed' THEN 100 WHEN {e}.Change = N'Confirmation refused' THEN 101 ELSE {ListActivityLeftReason(e)} END) "
        + "ELSE 0 END";

    private static string ListActivityPendingDelta(string e) =>
        $"(CASE WHEN {e}.StateAfter = N'Pending' THEN 1 ELSE 0 END) - (CASE WHEN {e}.StateBefore = N'Pending' THEN 1 ELSE 0 END)";

    private static string ListActivityCounted(string e) =>
        $"{e}.ListId IS NOT NULL AND {e}.StateBefore <> {e}.StateAfter AND ({e}.StateBefore IN {OnList} OR {e}.StateAfter IN {OnList})";

    private static string ListActivityBucket(string at, int minutes) => minutes switch
    {
        ListActivity.DayMinutes => $"DATEADD(DAY, DATEDIFF(DAY, CAST('19000101' AS datetime2), {at}), CAST('19000101' AS datetime2))",
        ListActivity.HourMinutes => $"DATEADD(HOUR, DATEDIFF(HOUR, CAST('19000101' AS datetime2), {at}), CAST('19000101' AS datetime2))",
        _ => $"DATEADD(MINUTE, DATEDIFF(MINUTE, CAST('19000101' AS datetime2), {at}) / 15 * 15, CAST('19000101' AS datetime2))",
    };

    /// <summary>One level of the trigger: the inserted events of one list grouped into buckets of <paramref name="minutes"/>, merged in.</summary>
    private static string ListActivityMerge(string source, int minutes) => $"""
        MERGE [ListActivity] WITH (HOLDLOCK) AS t
        USING (
            SELECT c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail, COUNT(*) AS [Count], SUM(c.PendingDelta) AS PendingDelta
            FROM ({source.Replace("{bucket}", ListActivityBucket("e.OccurredUtc", minutes), StringComparison.Ordinal)}) AS c
            GROUP BY c.SenderCodeId, c.ListId, c.BucketStartUtc, c.Kind, c.Detail) AS s
        ON t.SenderCodeId = s.SenderCodeId AND t.BucketMinutes = {minutes} AND t.BucketStartUtc = s.BucketStartUtc
            AND t.ListId = s.ListId AND t.Kind = s.Kind AND t.Detail = s.Detail
        WHEN MATCHED THEN UPDATE SET t.[Count] = t.[Count] + s.[Count], t.PendingDelta = t.PendingDelta + s.PendingDelta
        WHEN NOT MATCHED THEN INSERT (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
            VALUES (s.SenderCodeId, s.ListId, {minutes}, s.BucketStartUtc, s.Kind, s.Detail, s.[Count], s.PendingDelta);
        """;

    private static readonly string ListActivityEvents =
        $"SELECT e.SenderCodeId, e.ListId, {{bucket}} AS BucketStartUtc, {ListActivityKind("e")} AS Kind, {ListActivityDetail("e")} AS Detail, "
        + $"{ListActivityPendingDelta("e")} AS PendingDelta FROM {{events}} AS e WHERE {ListActivityCounted("e")}";

    /// <summary>
    /// The SMS List Dashboard's counts (Data/ListActivity): every insert into ConsentEvents, by any writer, adds its list
    /// events to their UTC day, hour and quarter hour. Statement-level, so a bulk import's INSERT ... SELECT is merged once
    /// per bucket, not once per row. SET NOCOUNT ON keeps the trigger's row counts out of the inserting statement's.
    /// </summary>
    public static readonly string ListActivityTrigger = $"""
        CREATE TRIGGER [ConsentEvents_ListActivity] ON [ConsentEvents] AFTER INSERT AS
        BEGIN
        SET NOCOUNT ON;
        {ListActivityMerge(ListActivityEvents.Replace("{events}", "inserted", StringComparison.Ordinal), ListActivity.DayMinutes)}
        {ListActivityMerge(ListActivityEvents.Replace("{events}", "inserted", StringComparison.Ordinal), ListActivity.HourMinutes)}
        {ListActivityMerge(ListActivityEvents.Replace("{events}", "inserted", StringComparison.Ordinal), ListActivity.QuarterHourMinutes)}
        END
        """;
}
