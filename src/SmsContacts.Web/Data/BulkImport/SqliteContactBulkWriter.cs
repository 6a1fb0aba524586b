using System.Globalization;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Domain;
using SQLitePCL;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQLite bulk writer. Each batch goes into a temp table sorted by phone (so the unique phone index
/// and the subscription indexes are written in order), then a handful of INSERT/UPDATE ... SELECT
/// statements apply the consent rules of <see cref="ContactConsent"/> to the whole batch: banned and
/// opted-out numbers are only counted, new contacts get ids assigned here in phone order, contacts already on
/// the list are compared with the file (Updated when something differs, Unchanged and left alone when nothing
/// does), and every state change writes its consent event. BEGIN IMMEDIATE makes the batch the only writer
/// while it runs, so nobody can add a contact between the lookup and the insert. That transaction is all the time
/// the import holds the database's write lock: the batch is staged before it, and a user's write waiting for the lock
/// goes first (<see cref="SqliteUserWrites"/>).
/// </summary>
public sealed class SqliteContactBulkWriter : IContactBulkWriter
{
    private readonly SqliteConnection _connection;
    private readonly ImportPlan _plan;
    private readonly TimeProvider _clock;
    private readonly Func<ValueTask> _release;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly string _importId;
    private sqlite3_stmt? _stageInsert;

    private SqliteContactBulkWriter(SqliteConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release)
    {
        _connection = connection;
        _plan = plan;
        _clock = clock;
        _release = release;
        _importId = SqliteFormats.Guid(plan.ImportId);
    }

    public static async Task<SqliteContactBulkWriter> OpenAsync(SqliteConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release, CancellationToken ct)
    {
        var writer = new SqliteContactBulkWriter(connection, plan, clock, release);
        var values = string.Concat(plan.Targets.Select((_, i) => $", f{i} TEXT"));
        await using var create = connection.CreateCommand();
        create.CommandText = $"""
            DROP TABLE IF EXISTS temp.import_stage;
            CREATE TEMP TABLE import_stage (
                Line INTEGER NOT NULL,
                Phone TEXT NOT NULL,
                PhoneDigitsReversed TEXT NOT NULL{values},
                ContactId INTEGER,
                IsNew INTEGER NOT NULL DEFAULT 0,
                OptOutReason INTEGER,
                OnList INTEGER NOT NULL DEFAULT 0,
                ListStatus INTEGER,
                ListMarketing INTEGER,
                ListCart INTEGER,
                FieldsChanged INTEGER NOT NULL DEFAULT 0,
                StateBefore TEXT,
                Outcome INTEGER NOT NULL DEFAULT 0);
            """;
        await create.ExecuteNonQueryAsync(ct);

        // This connection checkpoints the write-ahead log itself, between batches (CheckpointAsync): left to SQLite, the
        // commit of every batch would copy the log into the database and wait for the disk.
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA wal_autocheckpoint=0";
        await pragma.ExecuteNonQueryAsync(ct);
        return writer;
    }

    public async Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken ct)
    {
        // The batch goes into the connection's own temp table first, in a transaction of its own that does not take the
        // database's write lock (only the temp database is written), so the lock is held only for the statements below.
        using (var staging = _connection.BeginTransaction(deferred: true))
        {
            await Run(staging, "DELETE FROM temp.import_stage", ct);
            Stage(batch);
            await staging.CommitAsync(ct);
        }

        // Users first: a write of theirs waiting for the lock goes before this batch, and one that comes while the batch
        // is written waits for this turn to end (SqliteUserWrites).
        using var turn = await SqliteUserWrites.ImportTurnAsync(ct);
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);

        // From here the batch holds the lock: the time it takes sizes the next batch (a wait for another writer does not).
        var locked = System.Diagnostics.Stopwatch.StartNew();
        if (!await CheckpointIsAsync(transaction, batch.FromRow, ct))
        {
            await transaction.RollbackAsync(ct);
            return new ImportBatchResult(false, default);
        }

        await ClassifyAsync(transaction, ct);

        var asked = 0;
        switch (_plan.Action)
        {
            case ImportAction.AddOrUpdate:
                await FindChangesAsync(transaction, ct);
                await InsertNewContactsAsync(transaction, now, optedOut: false, ct);
                await UpdateExistingContactsAsync(transaction, now, ct);
                asked += await SubscribeAsync(transaction, now, ct);
                asked += await ApplyListOverridesAsync(transaction, now, ct);
                break;
            case ImportAction.UpdateExisting:
                await FindChangesAsync(transaction, ct);
                await UpdateExistingContactsAsync(transaction, now, ct);
                asked += await ApplyListOverridesAsync(transaction, now, ct);
                break;
            case ImportAction.OptOut:
                await InsertNewContactsAsync(transaction, now, optedOut: true, ct);
                await OptOutAsync(transaction, now, ct);
                break;
        }

        var notImported = new List<ImportRejection>(batch.Rejections);
        notImported.AddRange(await SkippedRowsAsync(transaction, batch, ct));
        await InsertRejectionsAsync(transaction, notImported, ct);
        var warned = await InsertWarningsAsync(transaction, batch, ct);

        var (outcomes, optedInWithFieldUpdates) = await OutcomeCountsAsync(transaction, ct);
        var counts = ImportCounts.Of(batch, outcomes, optedInWithFieldUpdates, asked, warned);
        var advanced = await Run(transaction, $"""
            UPDATE Imports SET CheckpointLine = @to, CheckpointBytes = @bytes, {ImportCounts.AddToImport}
            WHERE Id = @import AND CheckpointLine = @from
            """, ct,
            [.. counts.Parameters(batch.Lines), ("@to", batch.ToRow), ("@bytes", batch.BytesRead), ("@import", _importId), ("@from", batch.FromRow)]);
        if (advanced != 1)
        {
            await transaction.RollbackAsync(ct);
            return new ImportBatchResult(false, default);
        }

        await transaction.CommitAsync(ct);
        var held = locked.Elapsed;
        turn.Dispose();
        await CheckpointAsync(ct);
        return new ImportBatchResult(true, counts, held);
    }

    public async ValueTask DisposeAsync()
    {
        _stageInsert?.Dispose();
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        try
        {
            await using var drop = _connection.CreateCommand();
            drop.CommandText = $"DROP TABLE IF EXISTS temp.import_stage; PRAGMA wal_autocheckpoint={DefaultAutoCheckpointPages}";
            await drop.ExecuteNonQueryAsync();
            await CheckpointAsync(CancellationToken.None);
        }
        finally
        {
            await _release();
        }
    }

    /// <summary>SQLite's default: a commit that leaves the log longer than this many pages copies it into the database.</summary>
    private const int DefaultAutoCheckpointPages = 1000;

    /// <summary>
    /// Copies the write-ahead log into the database after each batch, outside its transaction (PASSIVE: it waits for no
    /// reader or writer, and no writer waits for it), so the log stays short and a user's write that commits meanwhile,
    /// which checkpoints by itself (SQLite's auto-checkpoint), finds nothing to copy and is not made to wait for the disk.
    /// </summary>
    private async Task CheckpointAsync(CancellationToken ct)
    {
        await using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        await checkpoint.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> CheckpointIsAsync(SqliteTransaction transaction, long fromRow, CancellationToken ct)
    {
        var command = Command(transaction, "SELECT CheckpointLine FROM Imports WHERE Id = @import AND Status = @running", ("@import", _importId), ("@running", (int)ImportStatus.Running));
        var checkpoint = await command.ExecuteScalarAsync(ct);
        return checkpoint is long line && line == fromRow;
    }

    /// <summary>
    /// Rows go in sorted by phone, so every later statement walks the indexes in order. This is the one
    /// per-row statement of the writer, so it skips ADO.NET: one statement prepared on the connection's own
    /// SQLite handle, bound by position, stepped and reset per row (inside the transaction begun above).
    /// The phone's derived column is computed here by the rule every writer uses (<see cref="ContactPhone"/>).
    /// </summary>
    private void Stage(ImportBatch batch)
    {
        batch.SortByPhone();
        var db = _connection.Handle!;
        if (_stageInsert is null)
        {
            var columns = string.Concat(_plan.Targets.Select((_, i) => $", f{i}"));
            var values = string.Concat(_plan.Targets.Select(_ => ", ?"));
            Check(raw.sqlite3_prepare_v2(db, $"INSERT INTO temp.import_stage (Line, Phone, PhoneDigitsReversed{columns}) VALUES (?, ?, ?{values})", out _stageInsert));
        }

        var statement = _stageInsert;
        Span<byte> phone = stackalloc byte[20];
        Span<byte> reversed = stackalloc byte[20];
        phone[0] = (byte)'+';
        for (var row = 0; row < batch.Count; row++)
        {
            var key = batch.PhoneKey(row);
            key.TryFormat(phone[1..], out var digits, default, CultureInfo.InvariantCulture);
            var reversedLength = ContactPhone.WriteDigitsReversed(key, reversed);
            Check(raw.sqlite3_bind_int64(statement, 1, batch.Line(row)));
            Check(raw.sqlite3_bind_text(statement, 2, phone[..(digits + 1)]));
            Check(raw.sqlite3_bind_text(statement, 3, reversed[..reversedLength]));
            for (var v = 0; v < _plan.Targets.Count; v++)
            {
                Check(batch.TryGetValue(row, v, out var value) ? raw.sqlite3_bind_text(statement, 4 + v, value) : raw.sqlite3_bind_null(statement, 4 + v));
            }

            var done = raw.sqlite3_step(statement);
            raw.sqlite3_reset(statement);
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }

        void Check(int code)
        {
            if (code is not (raw.SQLITE_OK or raw.SQLITE_DONE))
            {
                throw new SqliteException(raw.sqlite3_errmsg(db).utf8_to_string(), code);
            }
        }
    }

    /// <summary>Finds each row's contact and list membership, decides its outcome, and (opt-out) words its state before the change.</summary>
    private async Task ClassifyAsync(SqliteTransaction transaction, CancellationToken ct)
    {
        await Run(transaction, """
            UPDATE temp.import_stage SET ContactId = c.Id, OptOutReason = c.OptOutReason
            FROM Contacts AS c WHERE c.SenderCodeId = @senderCode AND c.Phone = import_stage.Phone
            """, ct, ("@senderCode", _plan.SenderCodeId));

        if (_plan.List is { } list && _plan.Action != ImportAction.OptOut)
        {
            await Run(transaction, """
                UPDATE temp.import_stage SET OnList = 1, ListStatus = s.Status, ListMarketing = s.MarketingConsent, ListCart = s.CartAbandonmentConsent
                FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId AND s.ListId = @list
                """, ct, ("@list", list.Id));
        }

        // Banned and opted-out numbers come first, whatever the action and the override boxes say. Rows on the list
        // are Updated until FindChangesAsync finds nothing of them to change.
        var byAction = _plan.Action switch
        {
            ImportAction.AddOrUpdate => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.OptedIn}",
            ImportAction.UpdateExisting => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.Skipped}",
            _ => $"ELSE {(int)StagedOutcome.OptedOut}",
        };
        await Run(transaction, $"""
            UPDATE temp.import_stage SET Outcome = CASE
                WHEN OptOutReason = {(int)OptOutReason.Banned} THEN {(int)StagedOutcome.IgnoredBanned}
                WHEN OptOutReason IS NOT NULL THEN {(int)StagedOutcome.IgnoredOptedOut}
                {byAction} END
            """, ct);

        if (_plan.Action == ImportAction.OptOut)
        {
            // An opt-out is an event of the whole sender code: the state words of ContactConsent.StateOf.
            await Run(transaction, $"""
                UPDATE temp.import_stage SET StateBefore = CASE
                    WHEN ContactId IS NULL THEN @notSubscribed
                    WHEN EXISTS (SELECT 1 FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId AND s.Status = {(int)SubscriptionStatus.Active}) THEN @subscribed
                    WHEN EXISTS (SELECT 1 FROM Subscriptions AS s WHERE s.ContactId = import_stage.ContactId) THEN @pending
                    WHEN (SELECT c.OtherReplyUtc FROM Contacts AS c WHERE c.Id = import_stage.ContactId) IS NOT NULL THEN @other
                    ELSE @notSubscribed END
                WHERE Outcome = {(int)StagedOutcome.OptedOut}
                """, ct,
                ("@notSubscribed", ConsentStates.NotSubscribed), ("@subscribed", ConsentStates.Subscribed),
                ("@pending", ConsentStates.Pending), ("@other", ConsentStates.OtherContact));
        }
    }

    /// <summary>
    /// Compares existing contacts with their rows: FieldsChanged where a profile field or custom field would change
    /// under the field update mode (<see cref="ImportFieldRules"/>), and rows on the list of which neither a field nor
    /// a box's opt-in status or consent would change become Unchanged, which nothing below writes.
    /// </summary>
    private async Task FindChangesAsync(SqliteTransaction transaction, CancellationToken ct)
    {
        var differences = SystemTargets().Select(t => ImportFieldRules.SqliteDiffers(_plan.Mode, $"c.{t.Target.ContactColumn}", $"import_stage.f{t.Index}"))
            .Concat(CustomTargets().Select(t => ImportFieldRules.SqliteDiffers(_plan.Mode,
                $"(SELECT v.Value FROM CustomFieldValues AS v WHERE v.ContactId = import_stage.ContactId AND v.FieldId = {t.Target.CustomFieldId!.Value})",
                $"import_stage.f{t.Index}")))
            .ToList();
        if (differences.Count > 0)
        {
            await Run(transaction, $"""
                UPDATE temp.import_stage SET FieldsChanged = 1
                FROM Contacts AS c
                WHERE c.Id = import_stage.ContactId AND import_stage.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})
                AND ({string.Join(" OR ", differences)})
                """, ct);
        }

        var listChanges = ImportFieldRules.ListChanges(_plan);
        await Run(transaction, $"""
            UPDATE temp.import_stage SET Outcome = {(int)StagedOutcome.Unchanged}
            WHERE Outcome = {(int)StagedOutcome.Updated} AND FieldsChanged = 0{(listChanges is null ? "" : $" AND NOT ({listChanges})")}
            """, ct);
    }

    /// <summary>New numbers become contacts with ids taken here, in phone order, so no second lookup is needed for their id.</summary>
    private async Task InsertNewContactsAsync(SqliteTransaction transaction, DateTime now, bool optedOut, CancellationToken ct)
    {
        var creates = optedOut ? StagedOutcome.OptedOut : StagedOutcome.OptedIn;
        var lastId = await Command(transaction, """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'Contacts'), 0), COALESCE((SELECT MAX(Id) FROM Contacts), 0))
            """).ExecuteScalarAsync(ct);
        // The staged row's position (its rowid, in phone order) numbers the new contact. The ids of rows that
        // are not new are skipped: a gap in the ids costs nothing, and it saves numbering the new rows apart.
        await Run(transaction, $"""
            UPDATE temp.import_stage SET ContactId = @lastId + rowid, IsNew = 1
            WHERE ContactId IS NULL AND Outcome = {(int)creates}
            """, ct, ("@lastId", Convert.ToInt64(lastId, CultureInfo.InvariantCulture)));

        var system = SystemTargets();
        var columns = string.Concat(system.Select(t => $", {t.Target.ContactColumn}"));
        var values = string.Concat(system.Select(t => $", f{t.Index}"));
        var optOutColumns = optedOut ? ", OptedOutUtc, OptOutReason" : "";
        var optOutValues = optedOut ? $", @now, {(int)OptOutReason.Import}" : "";
        await Run(transaction, $"""
            INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed{columns}, CreatedUtc, UpdatedUtc, Version{optOutColumns})
            SELECT ContactId, @senderCode, Phone, PhoneDigitsReversed{values}, @now, @now, 1{optOutValues}
            FROM temp.import_stage WHERE IsNew = 1 ORDER BY rowid
            """, ct, ("@senderCode", _plan.SenderCodeId), ("@now", now));

        foreach (var (target, index) in CustomTargets())
        {
            await Run(transaction, $"""
                INSERT INTO CustomFieldValues (ContactId, FieldId, Value)
                SELECT ContactId, @field, f{index} FROM temp.import_stage WHERE IsNew = 1 AND f{index} IS NOT NULL ORDER BY rowid
                """, ct, ("@field", target.CustomFieldId!.Value));
        }
    }

    /// <summary>
    /// Add/Update and Update existing: the profile fields of contacts that already existed, as the field update mode
    /// says. Only rows that subscribe or change are written (an Unchanged row is not); each one's version moves on.
    /// </summary>
    private async Task UpdateExistingContactsAsync(SqliteTransaction transaction, DateTime now, CancellationToken ct)
    {
        var written = $"s.IsNew = 0 AND s.Outcome IN ({(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated})";
        var assignments = SystemTargets()
            .Select(t => $"{t.Target.ContactColumn} = {ImportFieldRules.SqliteNewValue(_plan.Mode, $"Contacts.{t.Target.ContactColumn}", $"s.f{t.Index}")}")
            .ToList();
        if (_plan.Action == ImportAction.AddOrUpdate)
        {
            // ContactConsent.Subscribe: a number that subscribes is no longer one we could not subscribe.
            assignments.Add($"OtherReply = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE Contacts.OtherReply END");
            assignments.Add($"OtherReplyUtc = CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN NULL ELSE Contacts.OtherReplyUtc END");
        }

        assignments.Add("Version = Contacts.Version + 1");
        assignments.Add("UpdatedUtc = @now");
        await Run(transaction, $"""
            UPDATE Contacts SET {string.Join(", ", assignments)}
            FROM temp.import_stage AS s WHERE Contacts.Id = s.ContactId AND {written}
            """, ct, ("@now", now));

        var changed = $"{written} AND s.FieldsChanged = 1";
        foreach (var (target, index) in CustomTargets())
        {
            var field = ("@field", (object)target.CustomFieldId!.Value);
            var onConflict = _plan.Mode == FieldUpdateMode.Append
                ? "DO UPDATE SET Value = excluded.Value WHERE CustomFieldValues.Value = ''"
                : "DO UPDATE SET Value = excluded.Value WHERE CustomFieldValues.Value IS NOT excluded.Value";
            await Run(transaction, $"""
                INSERT INTO CustomFieldValues (ContactId, FieldId, Value)
                SELECT s.ContactId, @field, s.f{index} FROM temp.import_stage AS s WHERE {changed} AND s.f{index} IS NOT NULL
                ON CONFLICT (ContactId, FieldId) {onConflict}
                """, ct, field);
            if (_plan.Mode == FieldUpdateMode.Overwrite)
            {
                await Run(transaction, $"""
                    DELETE FROM CustomFieldValues WHERE FieldId = @field
                    AND ContactId IN (SELECT s.ContactId FROM temp.import_stage AS s WHERE {changed} AND s.f{index} IS NULL)
                    """, ct, field);
            }
        }
    }

    /// <summary>
    /// Add/Update: puts the rows counted as opted-in on the list and records it; then queues the list's "Reply Y to
    /// confirm" text to each pending one (double opt-in), or its journey message to each active one (journeys on).
    /// Returns how many were asked to confirm.
    /// </summary>
    private async Task<int> SubscribeAsync(SqliteTransaction transaction, DateTime now, CancellationToken ct)
    {
        var list = _plan.List!;
        var pending = _plan.StoreAsDoubleOptIn;
        var optedIn = $"Outcome = {(int)StagedOutcome.OptedIn}";
        await Run(transaction, $"""
            INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
            SELECT @senderCode, ContactId, @list, Phone, {(int)_plan.SubscriptionStatus}, @now, {(int)SubscribeMethod.Import}, NULL, 1, @cart, @confirmed
            FROM temp.import_stage WHERE {optedIn} ORDER BY rowid
            """, ct,
            ("@senderCode", _plan.SenderCodeId), ("@list", list.Id), ("@now", now), ("@cart", _plan.CartAbandonmentConsent),
            ("@confirmed", pending ? DBNull.Value : now));

        // The number was on no such list and is not opted out: its state on the list was "Not subscribed".
        await InsertEventsAsync(transaction, now, optedIn, ConsentChanges.OfNewSubscription(pending), list,
            Quote(ConsentStates.NotSubscribed), Quote(ConsentStates.Of(_plan.SubscriptionStatus)), ct, SubscribeMethod.Import);

        if (pending)
        {
            return await QueueTextsAsync(transaction, now, optedIn, list.ConfirmationRequest, ct);
        }

        if (list.JourneyMessage is { } message)
        {
            await QueueTextsAsync(transaction, now, optedIn, message, ct);
        }

        return 0;
    }

    /// <summary>
    /// For contacts already on the list: the override boxes. "Override opt-in status" gives their subscription this
    /// import's status (recorded as such, and a subscription it makes pending is asked to confirm); marketing and cart
    /// abandonment consent are given, and with the override box also taken back. Opted-out and banned numbers never
    /// reach this (they are Ignored). Returns how many were asked to confirm.
    /// </summary>
    private async Task<int> ApplyListOverridesAsync(SqliteTransaction transaction, DateTime now, CancellationToken ct)
    {
        var list = _plan.List!;
        var asked = 0;
        var onList = $"s.Outcome = {(int)StagedOutcome.Updated}";
        if (_plan.OverrideOptInStatus)
        {
            var target = _plan.SubscriptionStatus;
            var other = target == SubscriptionStatus.Active ? SubscriptionStatus.Pending : SubscriptionStatus.Active;
            var overridden = $"Outcome = {(int)StagedOutcome.Updated} AND ListStatus <> {(int)target}";
            await InsertEventsAsync(transaction, now, overridden, ConsentChanges.OptInStatusOverridden, list,
                Quote(ConsentStates.Of(other)), Quote(ConsentStates.Of(target)), ct);
            if (target == SubscriptionStatus.Pending)
            {
                asked = await QueueTextsAsync(transaction, now, overridden, list.ConfirmationRequest, ct);
            }

            await Run(transaction, $"""
                UPDATE Subscriptions SET Status = {(int)target}, ConfirmedUtc = @confirmed
                WHERE ListId = @list AND Status <> {(int)target}
                AND ContactId IN (SELECT s.ContactId FROM temp.import_stage AS s WHERE {onList})
                """, ct, ("@list", list.Id), ("@confirmed", target == SubscriptionStatus.Active ? now : DBNull.Value));
        }

        var state = $"CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN {Quote(ConsentStates.Pending)} ELSE {Quote(ConsentStates.Subscribed)} END";
        var joined = $"temp.import_stage AS s JOIN Subscriptions AS sub ON sub.ContactId = s.ContactId AND sub.ListId = {list.Id} WHERE {onList}";
        var cart = _plan.CartAbandonmentConsent;
        if (_plan.OverrideMarketingConsent)
        {
            await InsertConsentFlagEventsAsync(transaction, now, joined + " AND sub.MarketingConsent = 0", ConsentChanges.MarketingConsentGiven, state, ct);
            await InsertConsentFlagEventsAsync(transaction, now, joined + $" AND sub.CartAbandonmentConsent <> {(cart ? 1 : 0)}",
                cart ? ConsentChanges.CartAbandonmentConsentGiven : ConsentChanges.CartAbandonmentConsentWithdrawn, state, ct);
            await Run(transaction, $"""
                UPDATE Subscriptions SET MarketingConsent = 1, CartAbandonmentConsent = {(cart ? 1 : 0)}
                WHERE ListId = @list AND (MarketingConsent = 0 OR CartAbandonmentConsent <> {(cart ? 1 : 0)})
                AND ContactId IN (SELECT s.ContactId FROM temp.import_stage AS s WHERE {onList})
                """, ct, ("@list", list.Id));
        }
        else if (cart)
        {
            await InsertConsentFlagEventsAsync(transaction, now, joined + " AND sub.CartAbandonmentConsent = 0", ConsentChanges.CartAbandonmentConsentGiven, state, ct);
            await Run(transaction, $"""
                UPDATE Subscriptions SET CartAbandonmentConsent = 1
                WHERE ListId = @list AND CartAbandonmentConsent = 0
                AND ContactId IN (SELECT s.ContactId FROM temp.import_stage AS s WHERE {onList})
                """, ct, ("@list", list.Id));
        }

        return asked;
    }

    /// <summary>
    /// Opt-out contacts, like ContactConsent.OptOut: existing contacts are opted out (their profile is left as it is:
    /// an opt-out import changes consent, not profiles), the active lists they leave are remembered for START (an
    /// unconfirmed double opt-in is not), their subscriptions go, and every number opted out gets its event.
    /// </summary>
    private async Task OptOutAsync(SqliteTransaction transaction, DateTime now, CancellationToken ct)
    {
        var existing = $"SELECT s.ContactId FROM temp.import_stage AS s WHERE s.Outcome = {(int)StagedOutcome.OptedOut} AND s.IsNew = 0";
        await Run(transaction, $"""
            UPDATE Contacts SET OptedOutUtc = @now, OptOutReason = {(int)OptOutReason.Import}, Version = Version + 1, UpdatedUtc = @now
            WHERE Id IN ({existing})
            """, ct, ("@now", now));
        await Run(transaction, $"""
            INSERT INTO SuspendedSubscriptions (ContactId, ListId, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, SuspendedUtc)
            SELECT sub.ContactId, sub.ListId, sub.SubscribedUtc, sub.Method, sub.Keyword, sub.MarketingConsent, sub.CartAbandonmentConsent, @now
            FROM Subscriptions AS sub WHERE sub.ContactId IN ({existing}) AND sub.Status = {(int)SubscriptionStatus.Active}
            ON CONFLICT (ContactId, ListId) DO NOTHING
            """, ct, ("@now", now));
        // Each list a number leaves records the leaving (ContactConsent.OptOut does the same), before the sender code's event.
        await Run(transaction, $"""
            INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
            SELECT @senderCode, sub.ContactId, sub.Phone, @now, @change, sub.ListId, l.Name,
                CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN {Quote(ConsentStates.Pending)} ELSE {Quote(ConsentStates.Subscribed)} END,
                {Quote(ConsentStates.OptedOut(OptOutReason.Import))}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
            FROM Subscriptions AS sub JOIN Lists AS l ON l.Id = sub.ListId
            WHERE sub.ContactId IN ({existing}) ORDER BY sub.ContactId, sub.Id
            """, ct, EventParameters(now, ConsentChanges.OptedOut, null));
        await Run(transaction, $"DELETE FROM Subscriptions WHERE ContactId IN ({existing})", ct);
        await InsertEventsAsync(transaction, now, $"Outcome = {(int)StagedOutcome.OptedOut}", ConsentChanges.OptedOut, list: null,
            "StateBefore", Quote(ConsentStates.OptedOut(OptOutReason.Import)), ct);
    }

    /// <summary>Queues one outbound text (sent by SendQueuedMessagesJob when a provider is configured) to each staged row matching <paramref name="where"/>.</summary>
    private async Task<int> QueueTextsAsync(SqliteTransaction transaction, DateTime now, string where, string body, CancellationToken ct) =>
        await Run(transaction, $"""
            INSERT INTO Messages (SenderCodeId, ContactId, Phone, Direction, Body, CreatedUtc, DeliveredUtc, Status, ProviderMessageId, ErrorCode)
            SELECT @senderCode, ContactId, Phone, {(int)MessageDirection.Outbound}, @body, @now, NULL, {(int)DeliveryStatus.Queued}, NULL, NULL
            FROM temp.import_stage WHERE {where} ORDER BY rowid
            """, ct, ("@senderCode", _plan.SenderCodeId), ("@body", body), ("@now", now));

    private async Task InsertEventsAsync(SqliteTransaction transaction, DateTime now, string where, string change, ImportList? list, string before, string after, CancellationToken ct, SubscribeMethod? method = null) =>
        await Run(transaction, $"""
            INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId, Method)
            SELECT @senderCode, ContactId, Phone, @now, @change, @list, @listName, {before}, {after}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import, {(method is { } m ? ((int)m).ToString(CultureInfo.InvariantCulture) : "NULL")}
            FROM temp.import_stage WHERE {where} ORDER BY rowid
            """, ct, EventParameters(now, change, list));

    private async Task InsertConsentFlagEventsAsync(SqliteTransaction transaction, DateTime now, string fromWhere, string change, string state, CancellationToken ct) =>
        await Run(transaction, $"""
            INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId)
            SELECT @senderCode, s.ContactId, s.Phone, @now, @change, @list, @listName, {state}, {state}, {(int)ConsentSource.Import}, @user, @userName, NULL, @import
            FROM {fromWhere} ORDER BY s.rowid
            """, ct, EventParameters(now, change, _plan.List));

    private (string, object?)[] EventParameters(DateTime now, string change, ImportList? list) =>
    [
        ("@senderCode", _plan.SenderCodeId), ("@now", now), ("@change", change), ("@list", list?.Id), ("@listName", list?.Name),
        ("@user", _plan.UserId), ("@userName", _plan.UserName), ("@import", _importId),
    ];

    /// <summary>Update existing contacts adds no one: rows whose number is not a contact on the list are reported as skipped, with their line.</summary>
    private async Task<List<ImportRejection>> SkippedRowsAsync(SqliteTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        var skipped = new List<ImportRejection>();
        if (_plan.Action != ImportAction.UpdateExisting)
        {
            return skipped;
        }

        var command = Command(transaction, $"SELECT Line, ContactId IS NULL FROM temp.import_stage WHERE Outcome = {(int)StagedOutcome.Skipped}");
        Dictionary<long, int>? byLine = null;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            byLine ??= batch.RowsByLine();
            var row = byLine[reader.GetInt64(0)];
            var reason = reader.GetBoolean(1) ? ImportRejectionReasons.NoContact : ImportRejectionReasons.NotOnList(_plan.List!.Name);
            skipped.Add(new ImportRejection(batch.Line(row), batch.Phone(row), reason, batch.ValueString(row, _plan.Targets.Count) ?? ""));
        }

        return skipped;
    }

    private async Task InsertRejectionsAsync(SqliteTransaction transaction, List<ImportRejection> rejections, CancellationToken ct)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        // OR IGNORE with the unique (ImportId, LineNumber) index: a row is never reported twice.
        var command = Command(transaction, """
            INSERT OR IGNORE INTO ImportRejectedRows (ImportId, LineNumber, Phone, Reason, RawLine) VALUES (@import, @line, @phone, @reason, @raw)
            """, ("@import", _importId), ("@line", 0L), ("@phone", ""), ("@reason", ""), ("@raw", ""));
        foreach (var rejection in rejections)
        {
            command.Parameters["@line"].Value = rejection.Line;
            command.Parameters["@phone"].Value = ImportRejectionLimits.Phone(rejection.Phone);
            command.Parameters["@reason"].Value = ImportRejectionLimits.Reason(rejection.Reason);
            command.Parameters["@raw"].Value = ImportRejectionLimits.RawLine(rejection.RawLine);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    /// <summary>
    /// The warnings of the batch's rows that the import took in (opted in, updated, unchanged or opted out); a row that
    /// turned out skipped or ignored is reported as such, not as imported with a warning. Returns how many were saved.
    /// </summary>
    private async Task<int> InsertWarningsAsync(SqliteTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        if (batch.Warnings.Count == 0)
        {
            return 0;
        }

        var notImported = new HashSet<long>();
        await using (var reader = await Command(transaction, $"SELECT Line FROM temp.import_stage WHERE Outcome IN ({StagedOutcomes.NotImported})").ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                notImported.Add(reader.GetInt64(0));
            }
        }

        var command = Command(transaction, """
            INSERT OR IGNORE INTO ImportWarningRows (ImportId, LineNumber, Phone, Message, RawLine) VALUES (@import, @line, @phone, @message, @raw)
            """, ("@import", _importId), ("@line", 0L), ("@phone", ""), ("@message", ""), ("@raw", ""));
        var saved = 0;
        foreach (var warning in batch.Warnings.Where(w => !notImported.Contains(w.Line)))
        {
            command.Parameters["@line"].Value = warning.Line;
            command.Parameters["@phone"].Value = ImportRejectionLimits.Phone(warning.Phone);
            command.Parameters["@message"].Value = ImportRejectionLimits.Reason(warning.Reason);
            command.Parameters["@raw"].Value = ImportRejectionLimits.RawLine(warning.RawLine);
            saved += await command.ExecuteNonQueryAsync(ct);
        }

        return saved;
    }

    /// <summary>Staged rows per outcome, and how many opted-in rows also changed fields.</summary>
    private async Task<(int[] Outcomes, int OptedInWithFieldUpdates)> OutcomeCountsAsync(SqliteTransaction transaction, CancellationToken ct)
    {
        var counts = new int[Enum.GetValues<StagedOutcome>().Length];
        var optedInWithFieldUpdates = 0;
        await using var reader = await Command(transaction, "SELECT Outcome, COUNT(*), SUM(FieldsChanged) FROM temp.import_stage GROUP BY Outcome").ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
            if (reader.GetInt32(0) == (int)StagedOutcome.OptedIn)
            {
                optedInWithFieldUpdates = reader.GetInt32(2);
            }
        }

        return (counts, optedInWithFieldUpdates);
    }

    private List<(ImportTarget Target, int Index)> SystemTargets() =>
        _plan.Targets.Select((t, i) => (t, i)).Where(x => !x.t.IsCustom).ToList();

    private List<(ImportTarget Target, int Index)> CustomTargets() =>
        _plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).ToList();

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private async Task<int> Run(SqliteTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await Command(transaction, sql, parameters).ExecuteNonQueryAsync(ct);

    /// <summary>Each statement is prepared once per run and rebound for every batch.</summary>
    private SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.Parameters.Contains(name) ? command.Parameters[name] : command.Parameters.Add(new SqliteParameter { ParameterName = name });
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }
}

/// <summary>How EF Core's SQLite provider stores values that raw SQL must match.</summary>
public static class SqliteFormats
{
    /// <summary>EF stores a Guid as upper-case text.</summary>
    public static string Guid(Guid value) => value.ToString().ToUpperInvariant();
}

/// <summary>Why the bulk writer itself leaves a row out: Update existing contacts skips numbers that are not a contact on the list.</summary>
public static class ImportRejectionReasons
{
    public const string NoContact = "Skipped — no contact with this number: Update existing contacts adds no one.";

    public static string NotOnList(string list) => $"Skipped — not on the list \"{list}\": Update existing contacts adds no one.";
}

/// <summary>The column sizes of ImportRejectedRows (SQL Server enforces them; SQLite would not).</summary>
public static class ImportRejectionLimits
{
    public static string Phone(string value) => Cut(value, 100);

    public static string Reason(string value) => Cut(value, 200);

    public static string RawLine(string value) => Cut(value, 4000);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
