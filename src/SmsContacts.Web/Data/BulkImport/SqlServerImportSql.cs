using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQL Server bulk writer's statements (<see cref="SqlServerContactBulkWriter"/>), member for member in the order of
/// <see cref="SqliteImportSql"/>, so what a step does on each provider is read side by side.
///
/// The batch is bulk-copied into the session's #import_stage (sorted by phone in Seq), then: one MERGE upserts the batch's
/// contacts (inserting new numbers, updating the existing ones as the field update mode says, and returning the new ids),
/// one MERGE per mapped custom field, and INSERT ... SELECT for subscriptions, consent events, journeys and rejected rows.
/// The consent rules are the SQLite writer's, word for word (same staged outcomes, same state words).
///
/// How these were checked: no SQL Server runs on the development machine, so they have not been executed.
/// SqlServerSqlTests parses every statement (for plans covering each action, field update mode, override box and
/// custom/system field) with the SQL Server parser (Microsoft.SqlServer.TransactSql.ScriptDom, TSql160Parser) and checks
/// that every table and column they name exists in the SQL Server model (SqlServerAppDbContext) or in the staging tables
/// declared here.
/// </summary>
/// <param name="plan">The import the statements are for.</param>
public sealed class SqlServerImportSql(ImportPlan plan) : ImportSql(plan)
{
    public const string StageTable = "#import_stage";
    public const string NewIdsTable = "#import_new";
    public const string RejectedTable = "#import_rejected";
    public const string WarningsTable = "#import_warnings";

    /// <summary>COLLATE DATABASE_DEFAULT: temp tables take tempdb's collation, which may differ from the database's.</summary>
    public override string CreateStage => $"""
        IF OBJECT_ID('tempdb..#import_stage') IS NOT NULL DROP TABLE #import_stage;
        IF OBJECT_ID('tempdb..#import_new') IS NOT NULL DROP TABLE #import_new;
        IF OBJECT_ID('tempdb..#import_rejected') IS NOT NULL DROP TABLE #import_rejected;
        IF OBJECT_ID('tempdb..#import_warnings') IS NOT NULL DROP TABLE #import_warnings;
        CREATE TABLE #import_stage (
            Seq int NOT NULL PRIMARY KEY,
            Line bigint NOT NULL,
            Phone nvarchar(16) COLLATE DATABASE_DEFAULT NOT NULL,
            PhoneDigitsReversed nvarchar(15) COLLATE DATABASE_DEFAULT NOT NULL,
            {string.Concat(Plan.Targets.Select((_, i) => $"f{i} nvarchar(500) COLLATE DATABASE_DEFAULT NULL, "))}
            {string.Concat(Plan.Targets.Select((t, i) => $"{Before(i)} {(t.ContactColumn == nameof(Contact.Birthday) ? "date" : "nvarchar(500) COLLATE DATABASE_DEFAULT")} NULL, "))}
            ContactId bigint NULL,
            IsNew bit NOT NULL DEFAULT 0,
            OptOutReason int NULL,
            OnList bit NOT NULL DEFAULT 0,
            ListStatus int NULL,
            ListMarketing bit NULL,
            ListCart bit NULL,
            ListConfirmed datetime2 NULL,
            OtherReplyBefore nvarchar(1600) COLLATE DATABASE_DEFAULT NULL,
            OtherReplyBeforeUtc datetime2 NULL,
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

    public override string DropStage => """
        IF OBJECT_ID('tempdb..#import_stage') IS NOT NULL DROP TABLE #import_stage;
        IF OBJECT_ID('tempdb..#import_new') IS NOT NULL DROP TABLE #import_new;
        IF OBJECT_ID('tempdb..#import_rejected') IS NOT NULL DROP TABLE #import_rejected;
        IF OBJECT_ID('tempdb..#import_warnings') IS NOT NULL DROP TABLE #import_warnings;
        """;

    public override string ClearStage => "TRUNCATE TABLE #import_stage; TRUNCATE TABLE #import_new; TRUNCATE TABLE #import_rejected; TRUNCATE TABLE #import_warnings;";

    /// <summary>
    /// First statement of every batch: locks the import's row, and only if it is still where this run left it.
    /// A second run of the same import waits here, then finds the checkpoint moved and stops.
    /// </summary>
    public override string ClaimCheckpoint => $"""
        UPDATE Imports SET CheckpointLine = CheckpointLine
        WHERE Id = @import AND CheckpointLine = @from AND Status = {(int)ImportStatus.Running};
        """;

    /// <summary>UPDLOCK + HOLDLOCK keep the looked-up numbers (and the gaps where new ones go) locked until commit.</summary>
    public override string ResolveContacts => $"""
        UPDATE s SET s.ContactId = c.Id, s.OptOutReason = c.OptOutReason{StageBeforeAssignments("c")}
        FROM #import_stage AS s
        JOIN Contacts AS c WITH (UPDLOCK, HOLDLOCK) ON c.SenderCodeId = @senderCode AND c.Phone = s.Phone;
        """;

    public override string ResolveListMembership => """
        UPDATE s SET s.OnList = 1, s.ListStatus = sub.Status, s.ListMarketing = sub.MarketingConsent, s.ListCart = sub.CartAbandonmentConsent,
            s.ListConfirmed = sub.ConfirmedUtc
        FROM #import_stage AS s
        JOIN Subscriptions AS sub WITH (UPDLOCK, HOLDLOCK) ON sub.ContactId = s.ContactId AND sub.ListId = @list;
        """;

    public override string Classify => $"UPDATE #import_stage SET Outcome = {OutcomeOfRow};";

    /// <summary>Opt-out contacts: the state words of ContactConsent.StateOf (an opt-out is an event of the whole sender code).</summary>
    public override string StateBefore => $"""
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
    public override string? FieldsChanged
    {
        get
        {
            var differences = Plan.Targets.Select((_, index) => FieldDiffers(index)).ToList();
            return differences.Count == 0 ? null : $"""
            UPDATE s SET s.FieldsChanged = 1
            FROM #import_stage AS s JOIN Contacts AS c ON c.Id = s.ContactId
            WHERE s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})
            AND ({string.Join(" OR ", differences)});
            """;
        }
    }

    /// <summary>The current value of mapped field <paramref name="index"/> of the staged row's contact (s, and c joined on it).</summary>
    private string FieldNow(int index) => Plan.Targets[index] is { IsCustom: true } target
        ? $"(SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = s.ContactId AND v.FieldId = {target.CustomFieldId!.Value})"
        : $"c.{Plan.Targets[index].ContactColumn}";

    /// <summary>True when the import changes mapped field <paramref name="index"/> of the staged row's contact (ImportFieldRules, in T-SQL).</summary>
    private string FieldDiffers(int index) => Differs(Plan.Settings.FieldUpdateMode, Plan.Targets[index], FieldNow(index), $"s.f{index}");

    public override string PreviewExamples
    {
        get
        {
            var fields = Plan.Settings.Action == ImportAction.OptOut ? [] : Enumerable.Range(0, Plan.Targets.Count).ToList();
            var columns = string.Concat(fields.Select(i => $", CASE WHEN {FieldDiffers(i)} THEN 1 ELSE 0 END, {FieldNow(i)}, s.f{i}"));

            // The rows are numbered first, on the stage alone; only the few kept are joined and compared with their contact.
            return $"""
            SELECT s.Line, s.Phone, s.Outcome, s.ListStatus, s.ListMarketing, s.ListCart, s.StateBefore{columns}
            FROM (SELECT Seq, ROW_NUMBER() OVER (PARTITION BY Outcome ORDER BY Line) AS n FROM #import_stage) AS x
            JOIN #import_stage AS s ON s.Seq = x.Seq
            LEFT JOIN Contacts AS c ON c.Id = s.ContactId
            WHERE x.n <= {ImportPreviewRow.ExamplesPerOutcome} ORDER BY s.Outcome, s.Line;
            """;
        }
    }

    /// <summary>Rows on the list of which neither a field nor a box's opt-in status or consent changes: nothing below writes them.</summary>
    public override string Unchanged
    {
        get
        {
            var listChanges = ImportFieldRules.ListChanges(Plan);
            return $"""
            UPDATE #import_stage SET Outcome = {(int)StagedOutcome.Unchanged}
            WHERE Outcome = {(int)StagedOutcome.Updated} AND FieldsChanged = 0{(listChanges is null ? "" : $" AND NOT ({listChanges})")};
            """;
        }
    }

    /// <summary>
    /// The one MERGE of a batch into Contacts: new numbers are inserted (opted out already for an opt-out import, and
    /// with the derived columns staged by <see cref="ContactPhone"/>), existing ones that subscribe or change updated as
    /// the field update mode says (an opt-out import only opts them out); the new ids come back through OUTPUT.
    /// </summary>
    public string MergeContacts
    {
        get
        {
            var plan = Plan;
            var system = plan.Targets.Select((t, i) => (Target: t, Index: i)).Where(x => !x.Target.IsCustom).ToList();
            var creates = plan.Settings.Action switch
            {
                ImportAction.AddOrUpdate => (int)StagedOutcome.OptedIn,
                ImportAction.OptOut => (int)StagedOutcome.OptedOut,
                _ => -1,
            };

            var optOut = plan.Settings.Action == ImportAction.OptOut;
            var updates = optOut ? [] : system.Select(x => Assignment(plan.Settings.FieldUpdateMode, x.Target.ContactColumn!, Value(x.Target, $"s.f{x.Index}"))).ToList();
            if (plan.Settings.Action == ImportAction.AddOrUpdate)
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
    }

    /// <summary>Only inserted rows are new; the merge's OUTPUT returns updated rows too, so keep the ones that had no id.</summary>
    public string TakeNewIds => """
        UPDATE s SET s.ContactId = n.ContactId, s.IsNew = 1
        FROM #import_stage AS s JOIN #import_new AS n ON n.Seq = s.Seq
        WHERE s.ContactId IS NULL;
        """;

    /// <summary>
    /// One MERGE per mapped custom field: the values of new contacts, and of existing ones the file changes (an opt-out
    /// import leaves existing profiles alone). Values compare byte for byte, as SQLite compares them.
    /// </summary>
    public string MergeCustomField(int index)
    {
        var matched = Plan.Settings.FieldUpdateMode == FieldUpdateMode.Append
            ? "WHEN MATCHED AND t.Value = N'' THEN UPDATE SET t.Value = s.Value"
            : $"WHEN MATCHED AND {Bytes("t.Value")} <> {Bytes("s.Value")} THEN UPDATE SET t.Value = s.Value";
        var rows = Plan.Settings.Action == ImportAction.OptOut
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
    public string ClearCustomField(int index) => $"""
        DELETE v FROM CustomFieldValues AS v
        JOIN #import_stage AS s ON s.ContactId = v.ContactId
        WHERE v.FieldId = @field AND s.IsNew = 0 AND s.FieldsChanged = 1 AND s.f{index} IS NULL
        AND s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated});
        """;

    public override string Subscribe => $"""
        INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @senderCode, ContactId, @list, Phone, @status, @now, {(int)SubscribeMethod.Import}, NULL, 1, @cart, @confirmed
        FROM #import_stage WHERE Outcome = {(int)StagedOutcome.OptedIn} ORDER BY Seq;
        """;

    public override string QueueTexts(string where) => $"""
        INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status, ProviderMessageId, ErrorCode, ImportId, IsOptOutConfirmation)
        SELECT @senderCode, s.ContactId, s.Phone, {(int)MessageDirection.Outbound}, @body, @now, NULL, {(int)DeliveryStatus.Queued}, NULL, NULL, @import, 0
        FROM #import_stage AS s WHERE {where} ORDER BY s.Seq;
        """;

    public override string InsertEvents(string where, string before) => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId, Method)
        SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {before}, @after, {(int)ConsentSource.Import}, @user, @userName, NULL, @import, @method
        FROM #import_stage AS s WHERE {where} ORDER BY s.Seq;
        """;

    public override string OverrideStatus => $"""
        UPDATE sub SET sub.Status = @status, sub.ConfirmedUtc = @confirmed
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND sub.Status <> @status AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public override string InsertFlagEvents(string where)
    {
        var state = $"CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END";
        return $"""
            INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
            SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {state}, {state}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
            FROM #import_stage AS s JOIN Subscriptions AS sub ON sub.ContactId = s.ContactId AND sub.ListId = @list
            WHERE s.Outcome = {(int)StagedOutcome.Updated} AND {where} ORDER BY s.Seq;
            """;
    }

    public override string OverrideConsent => $"""
        UPDATE sub SET sub.MarketingConsent = 1, sub.CartAbandonmentConsent = @cart
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND (sub.MarketingConsent = 0 OR sub.CartAbandonmentConsent <> @cart) AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public override string GiveCartConsent => $"""
        UPDATE sub SET sub.CartAbandonmentConsent = 1
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE sub.ListId = @list AND sub.CartAbandonmentConsent = 0 AND s.Outcome = {(int)StagedOutcome.Updated};
        """;

    public override string SuspendSubscriptions => $"""
        INSERT INTO SuspendedSubscriptions (ContactId, ListId, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, SuspendedUtc)
        SELECT sub.ContactId, sub.ListId, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, @now
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0 AND sub.Status = {(int)SubscriptionStatus.Active}
        AND NOT EXISTS (SELECT 1 FROM SuspendedSubscriptions AS old WHERE old.ContactId = sub.ContactId AND old.ListId = sub.ListId);
        """;

    /// <summary>
    /// Opt-out contacts: one event per list each existing number leaves (its state on that list before, "Opted out (Import)"
    /// after), as ContactConsent.OptOut records; run before the subscriptions are deleted and before the sender code's events.
    /// </summary>
    public override string InsertListOptOutEvents => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
        SELECT @senderCode, sub.ContactId, sub.Phone, @now, @change, sub.ListId, l.Name,
            CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END,
            @after, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId JOIN Lists AS l ON l.Id = sub.ListId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0 ORDER BY sub.ContactId, sub.Id;
        """;

    public override string DeleteOptedOutSubscriptions => $"""
        DELETE sub FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0;
        """;

    public override string StageCustomFieldBefore(int index) => $"""
        UPDATE s SET s.{Before(index)} = (SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = s.ContactId AND v.FieldId = @field)
        FROM #import_stage AS s WHERE s.FieldsChanged = 1;
        """;

    public override string JournalContacts => JournalContactsSql(StageTable, "s.Seq", Distinct, (a, b) => Distinct(Bytes(a), Bytes(b))) + ";";

    /// <summary>Values compare byte for byte, as SQLite compares them.</summary>
    public override string JournalCustomField(int index) => $"""
        INSERT INTO ImportJournalFieldValues (ImportId, ContactId, FieldId, Before, After)
        SELECT @import, s.ContactId, @field, s.{Before(index)}, v.Value
        FROM #import_stage AS s LEFT JOIN CustomFieldValues AS v ON v.ContactId = s.ContactId AND v.FieldId = @field
        WHERE s.IsNew = 0 AND s.FieldsChanged = 1 AND s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})
        AND {Distinct(Bytes($"s.{Before(index)}"), Bytes("v.Value"))} ORDER BY s.Seq;
        """;

    public override string JournalOptedOutSubscriptions => $"""
        INSERT INTO ImportJournalSubscriptions (ImportId, ContactId, ListId, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @import, sub.ContactId, sub.ListId, sub.Status, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, sub.ConfirmedUtc
        FROM Subscriptions AS sub JOIN #import_stage AS s ON s.ContactId = sub.ContactId
        WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0 ORDER BY sub.ContactId, sub.ListId;
        """;

    public override string SkippedRows => $"SELECT Line, CASE WHEN ContactId IS NULL THEN 1 ELSE 0 END FROM #import_stage WHERE Outcome = {(int)StagedOutcome.Skipped};";

    /// <summary>The unique (ImportId, LineNumber) index would refuse a replay anyway; NOT EXISTS keeps the batch from failing on it.</summary>
    public override string InsertRejections => """
        INSERT INTO ImportRejectedRows (ImportId, LineNumber, Phone, Reason, RawLine)
        SELECT @import, r.LineNumber, r.Phone, r.Reason, r.RawLine FROM #import_rejected AS r
        WHERE NOT EXISTS (SELECT 1 FROM ImportRejectedRows AS old WHERE old.ImportId = @import AND old.LineNumber = r.LineNumber);
        """;

    /// <summary>
    /// The warnings of the rows the import took in: a row staged as skipped or ignored is not "imported with a warning".
    /// NOT EXISTS on ImportWarningRows as in <see cref="InsertRejections"/>.
    /// </summary>
    public override string InsertWarnings => $"""
        INSERT INTO ImportWarningRows (ImportId, LineNumber, Phone, Message, RawLine)
        SELECT @import, w.LineNumber, w.Phone, w.Message, w.RawLine FROM #import_warnings AS w
        WHERE NOT EXISTS (SELECT 1 FROM #import_stage AS s WHERE s.Line = w.LineNumber AND s.Outcome IN ({StagedOutcomes.NotImported}))
        AND NOT EXISTS (SELECT 1 FROM ImportWarningRows AS old WHERE old.ImportId = @import AND old.LineNumber = w.LineNumber);
        """;

    public override string OutcomeCounts => "SELECT Outcome, COUNT(*), SUM(CAST(FieldsChanged AS int)) FROM #import_stage GROUP BY Outcome;";

    public override string AdvanceCheckpoint => $"""
        UPDATE Imports SET CheckpointLine = @to, CheckpointBytes = @bytes, {ImportCounts.AddToImport}
        WHERE Id = @import AND CheckpointLine = @from;
        """;

    /// <summary>Every statement a run with this plan may execute, for the parser check.</summary>
    public IEnumerable<string> All()
    {
        yield return CreateStage;
        yield return DropStage;
        yield return ClearStage;
        yield return ClaimCheckpoint;
        yield return ResolveContacts;
        yield return ResolveListMembership;
        yield return Classify;
        yield return StateBefore;
        if (FieldsChanged is { } fieldsChanged)
        {
            yield return fieldsChanged;
        }

        yield return Unchanged;
        yield return MergeContacts;
        yield return TakeNewIds;
        foreach (var index in Plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).Select(x => x.i))
        {
            yield return StageCustomFieldBefore(index);
            yield return MergeCustomField(index);
            yield return ClearCustomField(index);
            yield return JournalCustomField(index);
        }

        yield return JournalContacts;
        yield return JournalOptedOutSubscriptions;

        yield return Subscribe;
        yield return QueueTexts($"s.Outcome = {(int)StagedOutcome.OptedIn}");
        yield return InsertEvents("s.IsNew = 1", "s.StateBefore");
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
        yield return PreviewExamples;
        yield return AdvancePreview;
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
