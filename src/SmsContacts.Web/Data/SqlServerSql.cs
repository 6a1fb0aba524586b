using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// Every SQL Server statement written by hand, in one place: the triggers that keep the consent history
/// append-only (created by a migration) and the bulk import's statements.
///
/// The import: the batch is bulk-copied into the
/// session's #import_stage (sorted by phone in Seq), then: one MERGE upserts the batch's contacts (inserting
/// new numbers, updating the existing ones as the field update mode says, and returning the new ids), one MERGE
/// per mapped custom field, and INSERT ... SELECT for subscriptions, consent events, journeys and rejected rows.
/// The consent rules are the SQLite writer's, word for word (same staged outcomes, same state words).
///
/// How these were checked: no SQL Server runs on the development machine, so they have not been executed.
/// SqlServerSqlTests parses every statement (the triggers, and the import's for plans covering each action, field update mode, override
/// box and custom/system field, with the SQL Server parser (Microsoft.SqlServer.TransactSql.ScriptDom,
/// TSql160Parser) and checks that every table and column they name exists in the SQL Server model
/// (SqlServerAppDbContext) or in the staging tables declared here. CI also generates the idempotent script of
/// every SQL Server migration, triggers included (.ci/run).
/// </summary>
public static partial class SqlServerSql
{
    /// <summary>
    /// ConsentEvents is append-only for everyone with access to the database, not only for the app. The
    /// InitialCreate migration creates these; a statement a released migration uses is never edited (a change
    /// is a new statement and a new migration).
    /// </summary>
    public const string ConsentEventsNoUpdateTrigger =
        "CREATE TRIGGER [ConsentEvents_NoUpdate] ON [ConsentEvents] INSTEAD OF UPDATE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END";

    /// <inheritdoc cref="ConsentEventsNoUpdateTrigger"/>
    public const string ConsentEventsNoDeleteTrigger =
        "CREATE TRIGGER [ConsentEvents_NoDelete] ON [ConsentEvents] INSTEAD OF DELETE AS BEGIN THROW 51000, 'ConsentEvents is append-only', 1; END";

    /// <summary>
    /// Fills PhoneDigitsReversed in the contacts written before the bulk import stored it (see ContactPhoneGuard); run by
    /// the migration FillAndGuardPhoneDigitsReversed before <see cref="PhoneDigitsReversedCheck"/>.
    /// </summary>
    public const string FillPhoneDigitsReversed =
        "UPDATE [Contacts] SET [PhoneDigitsReversed] = REVERSE(SUBSTRING([Phone], 2, 15)) WHERE [PhoneDigitsReversed] <> REVERSE(SUBSTRING([Phone], 2, 15))";

    /// <summary>Every writer must store the phone's digits back to front beside it (Domain/ContactPhone); the database refuses a row that does not.</summary>
    public const string PhoneDigitsReversedCheck =
        "ALTER TABLE [Contacts] ADD CONSTRAINT [CK_Contacts_PhoneDigitsReversed] CHECK ([PhoneDigitsReversed] = REVERSE(SUBSTRING([Phone], 2, 15)))";

    /// <inheritdoc cref="PhoneDigitsReversedCheck"/>
    public const string DropPhoneDigitsReversedCheck = "ALTER TABLE [Contacts] DROP CONSTRAINT [CK_Contacts_PhoneDigitsReversed]";

    /// <summary>
    /// Fills the join keywords' match key when the column is added (OptOutWordsReviewsAndStoredInboundTexts):
    /// keywords stored until then were 2 to 30 capital letters or digits, which fold to themselves (KeywordText.Key).
    /// </summary>
    public const string FillListKeywordMatchKeys = "UPDATE [ListKeywords] SET [MatchKey] = [Keyword];";

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
    /// A statement run through EXEC, so SQL Server compiles it only when it runs. The idempotent migration script
    /// puts a migration's statements in one batch; a statement naming a column that an earlier statement of the
    /// batch adds would not compile otherwise ("Invalid column name", dotnet/efcore#12911).
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

    public static readonly string FillPhoneSuffixes = $"""
        INSERT INTO SubscriptionPhoneSuffixes (SenderCodeId, Suffix, SubscriptionId, ListId)
        SELECT s.SenderCodeId, SUBSTRING(s.Phone, n.Start, 15), s.Id, s.ListId
        FROM Subscriptions AS s CROSS JOIN {SuffixStarts}
        WHERE n.Start <= LEN(s.Phone) - 2;
        """;

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
    /// nesting check. (An update from <see cref="ContactsEmailBlockTrigger"/> is this trigger's first level.)
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
            WHEN NOT MATCHED BY TARGET THEN
                INSERT (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
                VALUES (change.ListId, change.SenderCodeId, change.HasEmail, change.Block, change.Delta);
        END
        """;

    /// <summary>EmailBlock and the counts from the rows already there (run before the triggers exist).</summary>
    public const string FillCounts = """
        UPDATE s SET s.EmailBlock = LEFT(c.Email, 4) FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId;
        INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
        SELECT x.ListId, MIN(x.SenderCodeId), x.HasEmail, x.Block, COUNT(*)
        FROM (SELECT s.ListId, s.SenderCodeId, CASE WHEN s.EmailBlock IS NULL THEN 0 ELSE 1 END AS HasEmail,
                     COALESCE(s.EmailBlock, LEFT(s.Phone, 5)) AS Block
              FROM Subscriptions AS s) AS x
        GROUP BY x.ListId, x.HasEmail, x.Block;
        """;

    /// <summary>The grid migration's statements, in the order it runs them (tables, fill, then the triggers).</summary>
    public static IReadOnlyList<string> GridMigrationStatements { get; } =
        [CreatePhoneSuffixes, FillPhoneSuffixes, FillCounts, SubscriptionsPhoneSearchTrigger, ContactsEmailBlockTrigger, SubscriptionsCountTrigger];

    /// <summary>
    /// A statement as a migration runs it. CREATE TRIGGER must begin its batch, and EF's idempotent script puts
    /// every statement inside "IF NOT EXISTS (...) BEGIN ... END": run through EXEC, it is its own batch in both.
    /// </summary>
    public static string AsMigrationSql(string statement) =>
        statement.StartsWith("CREATE TRIGGER", StringComparison.Ordinal) ? Deferred(statement) + ";" : statement;

    /// <summary>The statements the SQL Server migrations run by hand (a getter: some are initialised further down).</summary>
    public static IReadOnlyList<string> MigrationStatements =>
        [ConsentEventsNoUpdateTrigger, ConsentEventsNoDeleteTrigger, FillPhoneDigitsReversed, PhoneDigitsReversedCheck, DropPhoneDigitsReversedCheck,
            FillListKeywordMatchKeys, .. GridMigrationStatements, .. ListActivityStatements, DropListActivityTrigger,
            .. GridDateCountsStatements, .. GridDateCountsDownStatements];

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

        public override string OrderAndPage(string orderBy) => $"ORDER BY {orderBy} OFFSET @offset ROWS FETCH NEXT @limit ROWS ONLY";

        public override string NoIndex(string column) => column;

        public override string Left(string expression, int length) => $"LEFT({expression}, {Number(length)})";
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

    private static string ListActivityBucket(string at, int minutes) => minutes == ListActivity.DayMinutes
        ? $"DATEADD(DAY, DATEDIFF(DAY, CAST('19000101' AS datetime2), {at}), CAST('19000101' AS datetime2))"
        : $"DATEADD(MINUTE, DATEDIFF(MINUTE, CAST('19000101' AS datetime2), {at}) / 15 * 15, CAST('19000101' AS datetime2))";

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
    /// events to their UTC day and quarter hour. Statement-level, so a bulk import's INSERT ... SELECT is merged once per
    /// bucket, not once per row. SET NOCOUNT ON keeps the trigger's row counts out of the inserting statement's.
    /// Created by the migration AddListActivity (through <see cref="Deferred"/>).
    /// </summary>
    public static readonly string ListActivityTrigger = $"""
        CREATE TRIGGER [ConsentEvents_ListActivity] ON [ConsentEvents] AFTER INSERT AS
        BEGIN
        SET NOCOUNT ON;
        {ListActivityMerge(ListActivityEvents.Replace("{events}", "inserted", StringComparison.Ordinal), ListActivity.DayMinutes)}
        {ListActivityMerge(ListActivityEvents.Replace("{events}", "inserted", StringComparison.Ordinal), ListActivity.QuarterHourMinutes)}
        END
        """;

    /// <summary>
    /// Histories written before opt-outs recorded one event per list (see ListActivitySql.SqliteStatements): the lists each
    /// sender-code opt-out or ban took the number off, as list-leaving rows the backfill adds.
    /// </summary>
    private static readonly string LegacyListOptOuts = $"""
        SELECT o.SenderCodeId, l.ListId, o.OccurredUtc, o.StateAfter,
            (SELECT TOP 1 x.StateAfter FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id ORDER BY x.Id DESC) AS LastState
        FROM ConsentEvents AS o
        JOIN (SELECT DISTINCT ContactId, ListId FROM ConsentEvents WHERE ListId IS NOT NULL) AS l ON l.ContactId = o.ContactId
        WHERE o.ListId IS NULL AND o.Change IN (N'Opted out', N'Banned')
        AND NOT EXISTS (
            SELECT 1 FROM ConsentEvents AS p
            WHERE p.ContactId = o.ContactId AND p.ListId IS NULL AND p.Change IN (N'Opted out', N'Banned') AND p.Id < o.Id
            AND p.Id > COALESCE((SELECT MAX(x.Id) FROM ConsentEvents AS x WHERE x.ContactId = o.ContactId AND x.ListId = l.ListId AND x.Id < o.Id), 0))
        """;

    /// <summary>Fills ListActivity from the history stored before the trigger existed; run by AddListActivity before the trigger.</summary>
    public static string ListActivityBackfill(int minutes) => $"""
        INSERT INTO ListActivity (SenderCodeId, ListId, BucketMinutes, BucketStartUtc, Kind, Detail, [Count], PendingDelta)
        SELECT a.SenderCodeId, a.ListId, {minutes}, a.BucketStartUtc, a.Kind, a.Detail, COUNT(*), SUM(a.PendingDelta) FROM (
            {ListActivityEvents.Replace("{events}", "ConsentEvents", StringComparison.Ordinal).Replace("{bucket}", ListActivityBucket("e.OccurredUtc", minutes), StringComparison.Ordinal)}
            UNION ALL
            SELECT legacy.SenderCodeId, legacy.ListId, {ListActivityBucket("legacy.OccurredUtc", minutes)}, 2, {ListActivityLeftReason("legacy")},
                CASE WHEN legacy.LastState = N'Pending' THEN -1 ELSE 0 END
            FROM ({LegacyListOptOuts}) AS legacy WHERE legacy.LastState IN {OnList}) AS a
        GROUP BY a.SenderCodeId, a.ListId, a.BucketStartUtc, a.Kind, a.Detail;
        """;

    /// <summary>The statements of the migration AddListActivity, in order (each run through <see cref="Deferred"/>).</summary>
    public static IReadOnlyList<string> ListActivityStatements { get; } =
        [ListActivityBackfill(ListActivity.DayMinutes), ListActivityBackfill(ListActivity.QuarterHourMinutes), ListActivityTrigger];

    public const string DropListActivityTrigger = "DROP TRIGGER IF EXISTS [ConsentEvents_ListActivity]";

    public const string StageTable = "#import_stage";
    public const string NewIdsTable = "#import_new";
    public const string RejectedTable = "#import_rejected";
    public const string WarningsTable = "#import_warnings";

    /// <summary>COLLATE DATABASE_DEFAULT: temp tables take tempdb's collation, which may differ from the database's.</summary>
    public static string CreateStage(ImportPlan plan) => $"""
        IF OBJECT_ID('tempdb..#import_stage') IS NOT NULL DROP TABLE #import_stage;
        IF OBJECT_ID('tempdb..#import_new') IS NOT NULL DROP TABLE #import_new;
        IF OBJECT_ID('tempdb..#import_rejected') IS NOT NULL DROP TABLE #import_rejected;
        IF OBJECT_ID('tempdb..#import_warnings') IS NOT NULL DROP TABLE #import_warnings;
        CREATE TABLE #import_stage (
            Seq int NOT NULL PRIMARY KEY,
            Line bigint NOT NULL,
            Phone nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            PhoneDigitsReversed nvarchar(15) COLLATE DATABASE_DEFAULT NOT NULL,
            {string.Concat(plan.Targets.Select((_, i) => $"f{i} nvarchar(500) COLLATE DATABASE_DEFAULT NULL, "))}
            ContactId bigint NULL,
            IsNew bit NOT NULL DEFAULT 0,
            OptOutReason int NULL,
            OnList bit NOT NULL DEFAULT 0,
            ListStatus int NULL,
            ListMarketing bit NULL,
            ListCart bit NULL,
            FieldsChanged bit NOT NULL DEFAULT 0,
            StateBefore nvarchar(100) COLLATE DATABASE_DEFAULT NULL,
            Outcome int NOT NULL DEFAULT 0);
        CREATE TABLE #import_new (Seq int NOT NULL PRIMARY KEY, ContactId bigint NOT NULL);
        CREATE TABLE #import_rejected (
            LineNumber bigint NOT NULL PRIMARY KEY,
            Phone nvarchar(100) COLLATE DATABASE_DEFAULT NOT NULL,
            Reason nvarchar(200) COLLATE DATABASE_DEFAULT NOT NULL,
            RawLine nvarchar(4000) COLLATE DATABASE_DEFAULT NOT NULL);
        CREATE TABLE #import_warnings (
            LineNumber bigint NOT NULL PRIMARY KEY,
            Phone nvarchar(100) COLLATE DATABASE_DEFAULT NOT NULL,
            Message nvarchar(200) COLLATE DATABASE_DEFAULT NOT NULL,
            RawLine nvarchar(4000) COLLATE DATABASE_DEFAULT NOT NULL);
        """;

    public const string DropStage = """
        IF OBJECT_ID('tempdb..#import_stage') IS NOT NULL DROP TABLE #import_stage;
        IF OBJECT_ID('tempdb..#import_new') IS NOT NULL DROP TABLE #import_new;
        IF OBJECT_ID('tempdb..#import_rejected') IS NOT NULL DROP TABLE #import_rejected;
        IF OBJECT_ID('tempdb..#import_warnings') IS NOT NULL DROP TABLE #import_warnings;
        """;

    public const string ClearStage = "TRUNCATE TABLE #import_stage; TRUNCATE TABLE #import_new; TRUNCATE TABLE #import_rejected; TRUNCATE TABLE #import_warnings;";

    /// <summary>
    /// First statement of every batch: locks the import's row, and only if it is still where this run left it.
    /// A second run of the same import waits here, then finds the checkpoint moved and stops.
    /// </summary>
    public static readonly string ClaimCheckpoint = $"""
        UPDATE Imports SET CheckpointLine = CheckpointLine
        WHERE Id = @import AND CheckpointLine = @from AND Status = {(int)ImportStatus.Running};
        """;

    /// <summary>UPDLOCK + HOLDLOCK keep the looked-up numbers (and the gaps where new ones go) locked until commit.</summary>
    public const string ResolveContacts = """
        UPDATE s SET s.ContactId = c.Id, s.OptOutReason = c.OptOutReason
        FROM #import_stage AS s
        JOIN Contacts AS c WITH (UPDLOCK, HOLDLOCK) ON c.SenderCodeId = @senderCode AND c.Phone = s.Phone;
        """;

    public const string ResolveListMembership = """
        UPDATE s SET s.OnList = 1, s.ListStatus = sub.Status, s.ListMarketing = sub.MarketingConsent, s.ListCart = sub.CartAbandonmentConsent
        FROM #import_stage AS s
        JOIN Subscriptions AS sub WITH (UPDLOCK, HOLDLOCK) ON sub.ContactId = s.ContactId AND sub.ListId = @list;
        """;

    /// <summary>Banned and opted-out numbers first, whatever the action and the override boxes say; rows on the list are Updated until <see cref="Unchanged"/>.</summary>
    public static string Classify(ImportAction action)
    {
        var byAction = action switch
        {
            ImportAction.AddOrUpdate => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.OptedIn}",
            ImportAction.UpdateExisting => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.Skipped}",
            _ => $"ELSE {(int)StagedOutcome.OptedOut}",
        };
        return $"""
            UPDATE #import_stage SET Outcome = CASE
                WHEN OptOutReason = {(int)OptOutReason.Banned} THEN {(int)StagedOutcome.IgnoredBanned}
                WHEN OptOutReason IS NOT NULL THEN {(int)StagedOutcome.IgnoredOptedOut}
                {byAction} END;
            """;
    }

    /// <summary>Opt-out contacts: the state words of ContactConsent.StateOf (an opt-out is an event of the whole sender code).</summary>
    public static readonly string StateBefore = $"""
        UPDATE s SET s.StateBefore = CASE
            WHEN s.ContactId IS NULL THEN @notSubscribed
            WHEN EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = s.ContactId AND sub.Status = {(int)SubscriptionStatus.Active}) THEN @subscribed
            WHEN EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = s.ContactId) THEN @pending
            WHEN (SELECT c.OtherReplyUtc FROM Contacts AS c WHERE c.Id = s.ContactId) IS NOT NULL THEN @other
            ELSE @notSubscribed END
        FROM #import_stage AS s
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut};
        """;

    /// <summary>
    /// Existing contacts whose profile or custom fields the file changes under the field update mode (the rule of
    /// ImportFieldRules, in T-SQL); null when no field is mapped.
    /// </summary>
    public static string? FieldsChanged(ImportPlan plan)
    {
        var differences = plan.Targets.Select((target, index) => target.IsCustom
                ? Differs(plan.Mode, target, $"(SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = s.ContactId AND v.FieldId = {target.CustomFieldId!.Value})", $"s.f{index}")
                : Differs(plan.Mode, target, $"c.{target.ContactColumn}", $"s.f{index}"))
            .ToList();
        return differences.Count == 0 ? null : $"""
            UPDATE s SET s.FieldsChanged = 1
            FROM #import_stage AS s JOIN Contacts AS c ON c.Id = s.ContactId
            WHERE s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})
            AND ({string.Join(" OR ", differences)});
            """;
    }

    /// <summary>Rows on the list of which neither a field nor a box's opt-in status or consent changes: nothing below writes them.</summary>
    public static string Unchanged(ImportPlan plan)
    {
        var listChanges = ImportFieldRules.ListChanges(plan);
        return $"""
            UPDATE #import_stage SET Outcome = {(int)StagedOutcome.Unchanged}
            WHERE Outcome = {(int)StagedOutcome.Updated} AND FieldsChanged = 0{(listChanges is null ? "" : $" AND NOT ({listChanges})")};
            """;
    }

    /// <summary>
    /// The one MERGE of a batch into Contacts: new numbers are inserted (opted out already for an opt-out import, and
    /// with the derived columns staged by <see cref="ContactPhone"/>), existing ones that subscribe or change updated as
    /// the field update mode says (an opt-out import only opts them out); the new ids come back through OUTPUT.
    /// </summary>
    public static string MergeContacts(ImportPlan plan)
    {
        var system = plan.Targets.Select((t, i) => (Target: t, Index: i)).Where(x => !x.Target.IsCustom).ToList();
        var creates = plan.Action switch
        {
            ImportAction.AddOrUpdate => (int)StagedOutcome.OptedIn,
            ImportAction.OptOut => (int)StagedOutcome.OptedOut,
            _ => -1,
        };

        var optOut = plan.Action == ImportAction.OptOut;
        var updates = optOut ? [] : system.Select(x => Assignment(plan.Mode, x.Target.ContactColumn!, Value(x.Target, $"s.f{x.Index}"))).ToList();
        if (plan.Action == ImportAction.AddOrUpdate)
        {
            updates.Add($"t.OtherReply = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE t.OtherReply END");
            updates.Add($"t.OtherReplyUtc = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE t.OtherReplyUtc END");
        }

        if (optOut)
        {
            updates.Add("t.OptedOutUtc = @now");
            updates.Add($"t.OptOutReason = {(int)OptOutReason.Import}");
        }

        updates.Add("t.Version = t.Version + 1");
        updates.Add("t.UpdatedUtc = @now");

        var insertColumns = string.Concat(system.Select(x => ", " + x.Target.ContactColumn)) + (optOut ? ", OptedOutUtc, OptOutReason" : "");
        var insertValues = string.Concat(system.Select(x => ", " + Value(x.Target, $"s.f{x.Index}"))) + (optOut ? $", @now, {(int)OptOutReason.Import}" : "");
        var sourceColumns = string.Concat(system.Select(x => $", f{x.Index}"));

        var notMatched = creates < 0 ? "" : $"""
            WHEN NOT MATCHED BY TARGET AND s.Outcome = {creates} THEN
                INSERT (SenderCodeId, Phone, PhoneDigitsReversed{insertColumns}, CreatedUtc, UpdatedUtc, Version)
                VALUES (@senderCode, s.Phone, s.PhoneDigitsReversed{insertValues}, @now, @now, 1)
            """;
        return $"""
            MERGE INTO Contacts WITH (HOLDLOCK) AS t
            USING (SELECT Seq, Phone, PhoneDigitsReversed, ContactId, Outcome{sourceColumns} FROM #import_stage
                   WHERE Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated}, {(int)StagedOutcome.OptedOut})) AS s
            ON t.SenderCodeId = @senderCode AND t.Phone = s.Phone
            WHEN MATCHED THEN
                UPDATE SET {string.Join(", ", updates)}
            {notMatched}
            OUTPUT s.Seq, inserted.Id INTO #import_new (Seq, ContactId);
            """;
    }

    /// <summary>Only inserted rows are new; the merge's OUTPUT returns updated rows too, so keep the ones that had no id.</summary>
    public const string TakeNewIds = """
        UPDATE s SET s.ContactId = n.ContactId, s.IsNew = 1
        FROM #import_stage AS s JOIN #import_new AS n ON n.Seq = s.Seq
        WHERE s.ContactId IS NULL;
        """;

    /// <summary>
    /// One MERGE per mapped custom field: the values of new contacts, and of existing ones the file changes (an opt-out
    /// import leaves existing profiles alone). Values compare byte for byte, as SQLite compares them.
    /// </summary>
    public static string MergeCustomField(ImportPlan plan, int index)
    {
        var matched = plan.Mode == FieldUpdateMode.Append
            ? "WHEN MATCHED AND t.Value = N'' THEN UPDATE SET t.Value = s.Value"
            : $"WHEN MATCHED AND {Bytes("t.Value")} <> {Bytes("s.Value")} THEN UPDATE SET t.Value = s.Value";
        var rows = plan.Action == ImportAction.OptOut
            ? "IsNew = 1"
            : $"Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated}) AND (IsNew = 1 OR FieldsChanged = 1)";
        return $"""
            MERGE INTO CustomFieldValues WITH (HOLDLOCK) AS t
            USING (SELECT ContactId, f{index} AS Value FROM #import_stage
                   WHERE {rows} AND f{index} IS NOT NULL) AS s
            ON t.ContactId = s.ContactId AND t.FieldId = @field
            {matched}
            WHEN NOT MATCHED BY TARGET THEN INSERT (ContactId, FieldId, Value) VALUES (s.ContactId, @field, s.Value);
            """;
    }

    /// <summary>Overwrite: an empty cell clears the custom field of an existing contact.</summary>
    public static string ClearCustomField(int index) => $"""
        DELETE v FROM CustomFieldValues AS v
        JOIN #import_stage AS s ON s.ContactId = v.ContactId
        WHERE v.FieldId = @field AND s.IsNew = 0 AND s.FieldsChanged = 1 AND s.f{index} IS NULL
        AND s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated});
        """;

    public static readonly string Subscribe = $"""
        INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @senderCode, ContactId, @list, Phone, @status, @now, {(int)SubscribeMethod.Import}, NULL, 1, @cart, @confirmed
        FROM #import_stage WHERE Outcome = {(int)StagedOutcome.OptedIn} ORDER BY Seq;
        """;

    /// <summary>One queued outbound text (a journey's welcome, or a "Reply Y to confirm") to each staged row matching <paramref name="where"/>.</summary>
    public static string QueueTexts(string where) => $"""
        INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status, ProviderMessageId, ErrorCode)
        SELECT @senderCode, s.ContactId, s.Phone, {(int)MessageDirection.Outbound}, @body, @now, NULL, {(int)DeliveryStatus.Queued}, NULL, NULL
        FROM #import_stage AS s WHERE {where} ORDER BY s.Seq;
        """;

    /// <summary>Consent events for the staged rows matching <paramref name="where"/>; before/after are SQL expressions; @method the subscribe method of the events that start a subscription (NULL otherwise).</summary>
    public static string InsertEvents(string where, string before, string after) => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId, Method)
        SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {before}, {after}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import, @method
        FROM #import_stage AS s WHERE {where} ORDER BY s.Seq;
        """;

    /// <summary>
    /// Opt-out contacts: one event per list each existing number leaves (its state on that list before, "Opted out (Import)"
    /// after), as ContactConsent.OptOut records; run before the subscriptions are deleted and before the sender code's events.
    /// </summary>
    public static readonly string InsertListOptOutEvents = $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
        SELECT @senderCode, sub.ContactId, sub.Phone, @now, @change, sub.ListId, l.Name,
            CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END,
            @after, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId JOIN Lists AS l ON l.Id = sub.ListId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0 ORDER BY sub.ContactId, sub.Id;
        """;

    /// <summary>Consent events for changes of a subscription's consent flags; the state is the subscription's, unchanged.</summary>
    public static string InsertFlagEvents(string where)
    {
        var state = $"CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END";
        return $"""
            INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
            SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {state}, {state}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
            FROM #import_stage AS s JOIN Subscriptions AS sub ON sub.ContactId = s.ContactId AND sub.ListId = @list
            WHERE s.Outcome = {(int)StagedOutcome.Updated} AND {where} ORDER BY s.Seq;
            """;
    }

    public static readonly string OverrideStatus = $"""
        UPDATE sub SET sub.Status = @status, sub.ConfirmedUtc = @confirmed
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND sub.Status <> @status AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public static readonly string OverrideConsent = $"""
        UPDATE sub SET sub.MarketingConsent = 1, sub.CartAbandonmentConsent = @cart
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND (sub.MarketingConsent = 0 OR sub.CartAbandonmentConsent <> @cart) AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public static readonly string GiveCartConsent = $"""
        UPDATE sub SET sub.CartAbandonmentConsent = 1
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND sub.CartAbandonmentConsent = 0 AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public static readonly string SuspendSubscriptions = $"""
        INSERT INTO SuspendedSubscriptions (ContactId, ListId, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, SuspendedUtc)
        SELECT sub.ContactId, sub.ListId, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, @now
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0 AND sub.Status = {(int)SubscriptionStatus.Active}
        AND NOT EXISTS (SELECT 1 FROM SuspendedSubscriptions AS old WHERE old.ContactId = sub.ContactId AND old.ListId = sub.ListId);
        """;

    public static readonly string DeleteOptedOutSubscriptions = $"""
        DELETE sub FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0;
        """;

    public static readonly string SkippedRows = $"SELECT Line, CASE WHEN ContactId IS NULL THEN 1 ELSE 0 END FROM #import_stage WHERE Outcome = {(int)StagedOutcome.Skipped};";

    /// <summary>The unique (ImportId, LineNumber) index would refuse a replay anyway; NOT EXISTS keeps the batch from failing on it.</summary>
    public const string InsertRejections = """
        INSERT INTO ImportRejectedRows (ImportId, LineNumber, Phone, Reason, RawLine)
        SELECT @import, r.LineNumber, r.Phone, r.Reason, r.RawLine FROM #import_rejected AS r
        WHERE NOT EXISTS (SELECT 1 FROM ImportRejectedRows AS old WHERE old.ImportId = @import AND old.LineNumber = r.LineNumber);
        """;

    /// <summary>
    /// The warnings of the rows the import took in: a row staged as skipped or ignored is not "imported with a warning".
    /// NOT EXISTS on ImportWarningRows as in <see cref="InsertRejections"/>.
    /// </summary>
    public static readonly string InsertWarnings = $"""
        INSERT INTO ImportWarningRows (ImportId, LineNumber, Phone, Message, RawLine)
        SELECT @import, w.LineNumber, w.Phone, w.Message, w.RawLine FROM #import_warnings AS w
        WHERE NOT EXISTS (SELECT 1 FROM #import_stage AS s WHERE s.Line = w.LineNumber AND s.Outcome IN ({StagedOutcomes.NotImported}))
        AND NOT EXISTS (SELECT 1 FROM ImportWarningRows AS old WHERE old.ImportId = @import AND old.LineNumber = w.LineNumber);
        """;

    public const string OutcomeCounts = "SELECT Outcome, COUNT(*), SUM(CAST(FieldsChanged AS int)) FROM #import_stage GROUP BY Outcome;";

    public static readonly string AdvanceCheckpoint = $"""
        UPDATE Imports SET CheckpointLine = @to, CheckpointBytes = @bytes, {ImportCounts.AddToImport}
        WHERE Id = @import AND CheckpointLine = @from;
        """;

    /// <summary>Every statement a run with this plan may execute, for the parser check.</summary>
    public static IEnumerable<string> All(ImportPlan plan)
    {
        yield return CreateStage(plan);
        yield return DropStage;
        yield return ClearStage;
        yield return ClaimCheckpoint;
        yield return ResolveContacts;
        yield return ResolveListMembership;
        yield return Classify(plan.Action);
        yield return StateBefore;
        if (FieldsChanged(plan) is { } fieldsChanged)
        {
            yield return fieldsChanged;
        }

        yield return Unchanged(plan);
        yield return MergeContacts(plan);
        yield return TakeNewIds;
        foreach (var index in plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).Select(x => x.i))
        {
            yield return MergeCustomField(plan, index);
            yield return ClearCustomField(index);
        }

        yield return Subscribe;
        yield return QueueTexts($"s.Outcome = {(int)StagedOutcome.OptedIn}");
        yield return InsertEvents("s.IsNew = 1", "s.StateBefore", "@after");
        yield return InsertFlagEvents("sub.MarketingConsent = 0");
        yield return OverrideStatus;
        yield return OverrideConsent;
        yield return GiveCartConsent;
        yield return InsertListOptOutEvents;
        yield return SuspendSubscriptions;
        yield return DeleteOptedOutSubscriptions;
        yield return SkippedRows;
        yield return InsertRejections;
        yield return InsertWarnings;
        yield return OutcomeCounts;
        yield return AdvanceCheckpoint;
    }

    /// <summary>Birthday is a date column; everything else the import writes is text.</summary>
    private static string Value(ImportTarget target, string staged) =>
        target.ContactColumn == nameof(Contact.Birthday) ? $"CONVERT(date, {staged}, 23)" : staged;

    /// <summary>ImportFieldRules' new value of a Contacts column, in T-SQL.</summary>
    private static string Assignment(FieldUpdateMode mode, string column, string value) => mode switch
    {
        FieldUpdateMode.Update => $"t.{column} = COALESCE({value}, t.{column})",
        FieldUpdateMode.Append => column == nameof(Contact.Birthday)
            ? $"t.{column} = COALESCE(t.{column}, {value})"
            : $"t.{column} = CASE WHEN (t.{column} IS NULL OR t.{column} = N'') AND {value} IS NOT NULL THEN {value} ELSE t.{column} END",
        _ => $"t.{column} = {value}",
    };

    /// <summary>
    /// ImportFieldRules' "differs" in T-SQL: text compares byte for byte (SQL Server's collations would call "ann" and
    /// "Ann" equal, SQLite does not), a birthday as a date; <paramref name="staged"/> is the staged text (NULL when empty).
    /// </summary>
    private static string Differs(FieldUpdateMode mode, ImportTarget target, string old, string staged)
    {
        var isDate = target.ContactColumn == nameof(Contact.Birthday);
        var (value, current) = isDate ? (Value(target, staged), old) : (Bytes(staged), Bytes(old));
        return mode switch
        {
            FieldUpdateMode.Update => $"({staged} IS NOT NULL AND {Distinct(value, current)})",
            FieldUpdateMode.Append => isDate ? $"({staged} IS NOT NULL AND {old} IS NULL)" : $"({staged} IS NOT NULL AND COALESCE({old}, N'') = N'')",
            _ => Distinct(value, current),
        };
    }

    /// <summary>"a IS DISTINCT FROM b" (NULL-safe) in a form SQL Server has read since 2005, not only 2022.</summary>
    private static string Distinct(string a, string b) => $"EXISTS (SELECT {a} EXCEPT SELECT {b})";

    private static string Bytes(string text) => $"CAST({text} AS varbinary(max))";
}
