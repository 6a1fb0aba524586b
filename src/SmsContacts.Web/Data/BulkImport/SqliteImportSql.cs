using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQLite bulk writer's statements (<see cref="SqliteContactBulkWriter"/>), member for member in the order of
/// <see cref="SqlServerImportSql"/>, so what a step does on each provider is read side by side. Where the providers
/// differ in kind (SQLite takes new contacts' ids itself and inserts them, SQL Server MERGEs), the members say so.
///
/// The batch is staged in the connection's temp.import_stage, in phone order (its rowid), then a handful of
/// INSERT/UPDATE ... SELECT statements apply the consent rules of <see cref="ContactConsent"/> to the whole batch.
/// Staged outcomes are written into the text, the rest is bound: each statement is prepared once per run and rebound
/// for every batch.
/// </summary>
/// <param name="plan">The import the statements are for.</param>
public sealed class SqliteImportSql(ImportPlan plan) : ImportSql(plan)
{
    // Declared first: the statements below are built from these when the class is initialised.

    /// <summary>Existing contacts that subscribe or change: what the profile and custom field statements write.</summary>
    private static readonly string ExistingWritten = $"s.IsNew = 0 AND s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})";

    /// <summary>The existing contacts an opt-out import opts out.</summary>
    private static readonly string ExistingOptedOut = $"SELECT s.ContactId FROM temp.import_stage AS s WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0";

    /// <summary>The contacts already on the list (what the override boxes change).</summary>
    private static readonly string OnList = $"SELECT s.ContactId FROM temp.import_stage AS s WHERE s.Outcome = {(int)StagedOutcome.Updated}";

    /// <summary>A subscription's state words (ContactConsent.StateOf), from @pending and @subscribed.</summary>
    private static readonly string SubscriptionState = $"CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END";

    /// <summary>The staging table: each valid row's line, number, mapped values (f0, f1, ...), and what the batch finds out about it.</summary>
    public override string CreateStage => $"""
        DROP TABLE IF EXISTS temp.import_stage;
        CREATE TEMP TABLE import_stage (
            Line INTEGER NOT NULL,
            Phone TEXT NOT NULL,
            PhoneDigitsReversed TEXT NOT NULL{string.Concat(Plan.Targets.Select((_, i) => $", f{i} TEXT"))}{string.Concat(Plan.Targets.Select((_, i) => $", {Before(i)}"))},
            ContactId INTEGER,
            IsNew INTEGER NOT NULL DEFAULT 0,
            OptOutReason INTEGER,
            OnList INTEGER NOT NULL DEFAULT 0,
            ListStatus INTEGER,
            ListMarketing INTEGER,
            ListCart INTEGER,
            ListConfirmed TEXT,
            OtherReplyBefore TEXT,
            OtherReplyBeforeUtc TEXT,
            FieldsChanged INTEGER NOT NULL DEFAULT 0,
            StateBefore TEXT,
            Outcome INTEGER NOT NULL DEFAULT 0);
        """;

    /// <summary>
    /// Ends the run: the staging table goes, and SQLite checkpoints the write-ahead log by itself again (the writer turned
    /// that off for the run, see <see cref="DisableAutoCheckpoint"/>).
    /// </summary>
    public override string DropStage => $"DROP TABLE IF EXISTS temp.import_stage; PRAGMA wal_autocheckpoint={DefaultAutoCheckpointPages}";

    public override string ClearStage => "DELETE FROM temp.import_stage";

    /// <summary>One staged row, bound by position: line, phone, its digits reversed, then one value per mapped field.</summary>
    public string InsertStageRow =>
        $"INSERT INTO temp.import_stage (Line, Phone, PhoneDigitsReversed{string.Concat(Plan.Targets.Select((_, i) => $", f{i}"))}) VALUES (?, ?, ?{string.Concat(Plan.Targets.Select(_ => ", ?"))})";

    /// <summary>SQLite's default: a commit that leaves the log longer than this many pages copies it into the database.</summary>
    public const int DefaultAutoCheckpointPages = 1000;

    /// <summary>
    /// The writer's connection checkpoints the write-ahead log itself, between batches (<see cref="CheckpointLog"/>): left to
    /// SQLite, the commit of every batch would copy the log into the database and wait for the disk.
    /// </summary>
    public const string DisableAutoCheckpoint = "PRAGMA wal_autocheckpoint=0";

    /// <summary>
    /// Copies the write-ahead log into the database after each batch, outside its transaction (PASSIVE: it waits for no
    /// reader or writer, and no writer waits for it), so the log stays short and a user's write that commits meanwhile,
    /// which checkpoints by itself (SQLite's auto-checkpoint), finds nothing to copy and is not made to wait for the disk.
    /// </summary>
    public const string CheckpointLog = "PRAGMA wal_checkpoint(PASSIVE)";

    /// <summary>
    /// First statement of every batch, under the write lock (BEGIN IMMEDIATE): a row when the import is still running and its
    /// checkpoint is where the batch starts. A second run of the same import finds it moved and stops.
    /// </summary>
    public override string ClaimCheckpoint => $"SELECT 1 FROM Imports WHERE Id = @import AND CheckpointLine = @from AND Status = {(int)ImportStatus.Running}";

    /// <summary>Also stages the journal's before-values of the mapped system fields (<see cref="ImportSql.StageBeforeAssignments"/>).</summary>
    public override string ResolveContacts => $"""
        UPDATE temp.import_stage SET ContactId = c.Id, OptOutReason = c.OptOutReason{StageBeforeAssignments("c")}
        FROM Contacts AS c WHERE c.SenderCodeId = @senderCode AND c.Phone = import_stage.Phone
        """;

    public override string ResolveListMembership => """
        UPDATE temp.import_stage SET OnList = 1, ListStatus = s.Status, ListMarketing = s.MarketingConsent, ListCart = s.CartAbandonmentConsent,
            ListConfirmed = s.ConfirmedUtc
        FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId AND s.ListId = @list
        """;

    public override string Classify => $"UPDATE temp.import_stage SET Outcome = {OutcomeOfRow}";

    public override string StateBefore => $"""
        UPDATE temp.import_stage SET StateBefore = CASE
            WHEN ContactId IS NULL THEN @notSubscribed
            WHEN EXISTS (SELECT 1 FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId AND s.Status = {(int)SubscriptionStatus.Active}) THEN @subscribed
            WHEN EXISTS (SELECT 1 FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId) THEN @pending
            WHEN (SELECT c.OtherReplyUtc FROM Contacts AS c WHERE c.Id = import_stage.ContactId) IS NOT NULL THEN @other
            ELSE @notSubscribed END
        WHERE Outcome = {(int)StagedOutcome.OptedOut}
        """;

    public override string? FieldsChanged
    {
        get
        {
            var differences = Plan.Targets.Select((_, index) => FieldDiffers(index)).ToList();
            return differences.Count == 0 ? null : $"""
            UPDATE temp.import_stage SET FieldsChanged = 1
            FROM Contacts AS c
            WHERE c.Id = import_stage.ContactId AND import_stage.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})
            AND ({string.Join(" OR ", differences)})
            """;
        }
    }

    /// <summary>The current value of mapped field <paramref name="index"/> of the staged row's contact ("c" joined on import_stage).</summary>
    private string FieldNow(int index) => Plan.Targets[index] is { IsCustom: true } target
        ? $"(SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = import_stage.ContactId AND v.FieldId = {target.CustomFieldId!.Value})"
        : $"c.{Plan.Targets[index].ContactColumn}";

    /// <summary>True when the import changes mapped field <paramref name="index"/> of the staged row's contact (<see cref="ImportFieldRules"/>).</summary>
    private string FieldDiffers(int index) => ImportFieldRules.SqliteDiffers(Plan.Settings.FieldUpdateMode, FieldNow(index), $"import_stage.f{index}");

    public override string PreviewExamples
    {
        get
        {
            var fields = Plan.Settings.Action == ImportAction.OptOut ? [] : Enumerable.Range(0, Plan.Targets.Count).ToList();
            var columns = string.Concat(fields.Select(i => $", CASE WHEN {FieldDiffers(i)} THEN 1 ELSE 0 END, {FieldNow(i)}, import_stage.f{i}"));

            // The rows are numbered first, on the stage alone; only the few kept are joined and compared with their contact.
            return $"""
            SELECT import_stage.Line, import_stage.Phone, import_stage.Outcome, import_stage.ListStatus, import_stage.ListMarketing,
                import_stage.ListCart, import_stage.StateBefore{columns}
            FROM (SELECT rowid AS id, ROW_NUMBER() OVER (PARTITION BY Outcome ORDER BY Line) AS n FROM temp.import_stage) AS x
            JOIN temp.import_stage ON import_stage.rowid = x.id
            LEFT JOIN Contacts AS c ON c.Id = import_stage.ContactId
            WHERE x.n <= {ImportPreviewRow.ExamplesPerOutcome} ORDER BY import_stage.Outcome, import_stage.Line
            """;
        }
    }

    public override string Unchanged
    {
        get
        {
            var listChanges = ImportFieldRules.ListChanges(Plan);
            return $"""
            UPDATE temp.import_stage SET Outcome = {(int)StagedOutcome.Unchanged}
            WHERE Outcome = {(int)StagedOutcome.Updated} AND FieldsChanged = 0{(listChanges is null ? "" : $" AND NOT ({listChanges})")}
            """;
        }
    }

    /// <summary>The highest contact id ever given: new contacts are numbered after it (SQL Server's MERGE takes ids from the table's identity instead).</summary>
    public string LastContactId => """
        SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Contacts'), 0), COALESCE((SELECT MAX(Id) FROM Contacts), 0))
        """;

    /// <summary>
    /// New numbers take their ids here, before they are inserted, so no second lookup is needed for their id: the staged
    /// row's position (its rowid, in phone order) numbers the new contact. The ids of rows that are not new are skipped: a
    /// gap in the ids costs nothing, and it saves numbering the new rows apart.
    /// </summary>
    public string TakeNewIds => $"""
        UPDATE temp.import_stage SET ContactId = @lastId + rowid, IsNew = 1
        WHERE ContactId IS NULL AND Outcome = {(int)(Plan.Settings.Action == ImportAction.OptOut ? StagedOutcome.OptedOut : StagedOutcome.OptedIn)}
        """;

    /// <summary>The new contacts, with the ids <see cref="TakeNewIds"/> gave them (opted out already for an opt-out import).</summary>
    public string InsertNewContacts
    {
        get
        {
            var system = Plan.Targets.Select((t, i) => (Target: t, Index: i)).Where(x => !x.Target.IsCustom).ToList();
            var columns = string.Concat(system.Select(t => $", {t.Target.ContactColumn}"));
            var values = string.Concat(system.Select(t => $", f{t.Index}"));
            var optedOut = Plan.Settings.Action == ImportAction.OptOut;
            var optOutColumns = optedOut ? ", OptedOutUtc, OptOutReason" : "";
            var optOutValues = optedOut ? $", @now, {(int)OptOutReason.Import}" : "";
            return $"""
            INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed{columns}, CreatedUtc, UpdatedUtc, Version{optOutColumns})
            SELECT ContactId, @senderCode, Phone, PhoneDigitsReversed{values}, @now, @now, 1{optOutValues}
            FROM temp.import_stage WHERE IsNew = 1 ORDER BY rowid
            """;
        }
    }

    /// <summary>
    /// Add/Update and Update existing: the profile fields of contacts that already existed, as the field update mode
    /// says. Only rows that subscribe or change are written (an Unchanged row is not); each one's version moves on.
    /// </summary>
    public string UpdateExistingContacts
    {
        get
        {
            var assignments = Plan.Targets.Select((t, i) => (Target: t, Index: i)).Where(x => !x.Target.IsCustom)
                .Select(t => $"{t.Target.ContactColumn} = {ImportFieldRules.SqliteNewValue(Plan.Settings.FieldUpdateMode, $"Contacts.{t.Target.ContactColumn}", $"s.f{t.Index}")}")
                .ToList();
            if (Plan.Settings.Action == ImportAction.AddOrUpdate)
            {
                // ContactConsent.Subscribe: a number that subscribes is no longer one we could not subscribe.
                assignments.Add($"OtherReply = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE Contacts.OtherReply END");
                assignments.Add($"OtherReplyUtc = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE Contacts.OtherReplyUtc END");
            }

            assignments.Add("Version = Contacts.Version + 1");
            assignments.Add("UpdatedUtc = @now");
            return $"""
            UPDATE Contacts SET {string.Join(", ", assignments)}
            FROM temp.import_stage AS s WHERE Contacts.Id = s.ContactId AND {ExistingWritten}
            """;
        }
    }

    /// <summary>
    /// Opt-out contacts: existing contacts are opted out (their profile is left as it is: an opt-out import changes
    /// consent, not profiles).
    /// </summary>
    public string OptOutExistingContacts => $"""
        UPDATE Contacts SET OptedOutUtc = @now, OptOutReason = {(int)OptOutReason.Import}, Version = Version + 1, UpdatedUtc = @now
        WHERE Id IN ({ExistingOptedOut})
        """;

    /// <summary>The values of a mapped custom field for new contacts.</summary>
    public string InsertNewCustomField(int index) => $"""
        INSERT INTO CustomFieldValues (ContactId, FieldId, Value)
        SELECT ContactId, @field, f{index} FROM temp.import_stage WHERE IsNew = 1 AND f{index} IS NOT NULL ORDER BY rowid
        """;

    /// <summary>The values of a mapped custom field for existing contacts the file changes, as the field update mode says.</summary>
    public string MergeCustomField(int index)
    {
        var onConflict = Plan.Settings.FieldUpdateMode == FieldUpdateMode.Append
            ? "DO UPDATE SET Value = excluded.Value WHERE CustomFieldValues.Value = ''"
            : "DO UPDATE SET Value = excluded.Value WHERE CustomFieldValues.Value IS NOT excluded.Value";
        return $"""
            INSERT INTO CustomFieldValues (ContactId, FieldId, Value)
            SELECT s.ContactId, @field, s.f{index} FROM temp.import_stage AS s WHERE {ExistingWritten} AND s.FieldsChanged = 1 AND s.f{index} IS NOT NULL
            ON CONFLICT (ContactId, FieldId) {onConflict}
            """;
    }

    /// <summary>Overwrite: an empty cell clears the custom field of an existing contact.</summary>
    public string ClearCustomField(int index) => $"""
        DELETE FROM CustomFieldValues WHERE FieldId = @field
        AND ContactId IN (SELECT s.ContactId FROM temp.import_stage AS s WHERE {ExistingWritten} AND s.FieldsChanged = 1 AND s.f{index} IS NULL)
        """;

    public override string Subscribe => $"""
        INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @senderCode, ContactId, @list, Phone, @status, @now, {(int)SubscribeMethod.Import}, NULL, 1, @cart, @confirmed
        FROM temp.import_stage WHERE Outcome = {(int)StagedOutcome.OptedIn} ORDER BY rowid
        """;

    public override string QueueTexts(string where) => $"""
        INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status, ProviderMessageId, ErrorCode, ImportId, IsOptOutConfirmation)
        SELECT @senderCode, s.ContactId, s.Phone, {(int)MessageDirection.Outbound}, @body, @now, NULL, {(int)DeliveryStatus.Queued}, NULL, NULL, @import, 0
        FROM temp.import_stage AS s WHERE {where} ORDER BY s.rowid
        """;

    public override string InsertEvents(string where, string before) => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId, Method)
        SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {before}, @after, {(int)ConsentSource.Import}, @user, @userName, NULL, @import, @method
        FROM temp.import_stage AS s WHERE {where} ORDER BY s.rowid
        """;

    public override string OverrideStatus => $"""
        UPDATE Subscriptions SET Status = @status, ConfirmedUtc = @confirmed
        WHERE ListId = @list AND Status <> @status
        AND ContactId IN ({OnList})
        """;

    public override string InsertFlagEvents(string where) => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
        SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {SubscriptionState}, {SubscriptionState}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
        FROM temp.import_stage AS s JOIN Subscriptions AS sub ON sub.ContactId = s.ContactId AND sub.ListId = @list WHERE s.Outcome = {(int)StagedOutcome.Updated} AND {where} ORDER BY s.rowid
        """;

    public override string OverrideConsent => $"""
        UPDATE Subscriptions SET MarketingConsent = 1, CartAbandonmentConsent = @cart
        WHERE ListId = @list AND (MarketingConsent = 0 OR CartAbandonmentConsent <> @cart)
        AND ContactId IN ({OnList})
        """;

    public override string GiveCartConsent => $"""
        UPDATE Subscriptions SET CartAbandonmentConsent = 1
        WHERE ListId = @list AND CartAbandonmentConsent = 0
        AND ContactId IN ({OnList})
        """;

    public override string SuspendSubscriptions => $"""
        INSERT INTO SuspendedSubscriptions (ContactId, ListId, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, SuspendedUtc)
        SELECT sub.ContactId, sub.ListId, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, @now
        FROM Subscriptions AS sub WHERE sub.ContactId IN ({ExistingOptedOut}) AND sub.Status = {(int)SubscriptionStatus.Active}
        ON CONFLICT (ContactId, ListId) DO NOTHING
        """;

    public override string InsertListOptOutEvents => $"""
        INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
        SELECT @senderCode, sub.ContactId, sub.Phone, @now, @change, sub.ListId, l.Name,
            {SubscriptionState},
            @after, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
        FROM Subscriptions AS sub JOIN Lists AS l ON l.Id = sub.ListId
        WHERE sub.ContactId IN ({ExistingOptedOut}) ORDER BY sub.ContactId, sub.Id
        """;

    public override string DeleteOptedOutSubscriptions => $"DELETE FROM Subscriptions WHERE ContactId IN ({ExistingOptedOut})";

    public override string StageCustomFieldBefore(int index) => $"""
        UPDATE temp.import_stage SET {Before(index)} = (SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = import_stage.ContactId AND v.FieldId = @field)
        WHERE FieldsChanged = 1
        """;

    public override string JournalContacts => JournalContactsSql("temp.import_stage", "s.rowid", IsNot, IsNot);

    private static string IsNot(string a, string b) => $"{a} IS NOT {b}";

    public override string JournalCustomField(int index) => $"""
        INSERT INTO ImportJournalFieldValues (ImportId, ContactId, FieldId, Before, After)
        SELECT @import, s.ContactId, @field, s.{Before(index)}, v.Value
        FROM temp.import_stage AS s LEFT JOIN CustomFieldValues AS v ON v.ContactId = s.ContactId AND v.FieldId = @field
        WHERE {ExistingWritten} AND s.FieldsChanged = 1 AND s.{Before(index)} IS NOT v.Value ORDER BY s.rowid
        """;

    public override string JournalOptedOutSubscriptions => $"""
        INSERT INTO ImportJournalSubscriptions (ImportId, ContactId, ListId, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @import, sub.ContactId, sub.ListId, sub.Status, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, sub.ConfirmedUtc
        FROM Subscriptions AS sub WHERE sub.ContactId IN ({ExistingOptedOut}) ORDER BY sub.ContactId, sub.ListId
        """;

    public override string SkippedRows => $"SELECT Line, CASE WHEN ContactId IS NULL THEN 1 ELSE 0 END FROM temp.import_stage WHERE Outcome = {(int)StagedOutcome.Skipped}";

    /// <summary>OR IGNORE with the unique (ImportId, LineNumber) index: a row is never reported twice.</summary>
    public override string InsertRejections => """
        INSERT OR IGNORE INTO ImportRejectedRows (ImportId, LineNumber, Phone, Reason, RawLine) VALUES (@import, @line, @phone, @reason, @raw)
        """;

    /// <summary>Lines of the staged rows the import did not take in: their warnings are not "imported with a warning".</summary>
    public string NotImportedLines => $"SELECT Line FROM temp.import_stage WHERE Outcome IN ({StagedOutcomes.NotImported})";

    /// <summary>OR IGNORE as in <see cref="InsertRejections"/>.</summary>
    public override string InsertWarnings => """
        INSERT OR IGNORE INTO ImportWarningRows (ImportId, LineNumber, Phone, Message, RawLine) VALUES (@import, @line, @phone, @message, @raw)
        """;

    public override string OutcomeCounts => "SELECT Outcome, COUNT(*), SUM(FieldsChanged) FROM temp.import_stage GROUP BY Outcome";

    public override string AdvanceCheckpoint => $"""
        UPDATE Imports SET CheckpointLine = @to, CheckpointBytes = @bytes, {ImportCounts.AddToImport}
        WHERE Id = @import AND CheckpointLine = @from
        """;
}
