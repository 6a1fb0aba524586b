using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Domain;
using SQLitePCL;
using static SmsContacts.Web.Data.BulkImport.SqliteImportSql;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQLite steps of <see cref="ContactBulkWriter"/>, in its order; their SQL is <see cref="SqliteImportSql"/>. Each batch
/// goes into a temp table sorted by phone (so the unique phone index and the subscription indexes are written in order), then
/// a handful of INSERT/UPDATE ... SELECT statements apply the consent rules of <see cref="ContactConsent"/> to the whole
/// batch: banned and opted-out numbers are only counted, new contacts get ids assigned here in phone order, contacts already
/// on the list are compared with the file (Updated when something differs, Unchanged and left alone when nothing does), and
/// every state change writes its consent event. BEGIN IMMEDIATE makes the batch the only writer while it runs, so nobody can
/// add a contact between the lookup and the insert. That transaction is all the time the import holds the database's write
/// lock: the batch is staged before it, and a user's write waiting for the lock goes first (<see cref="SqliteUserWrites"/>).
/// </summary>
public sealed class SqliteContactBulkWriter : ContactBulkWriter
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = [];
    private readonly string _importId;
    private readonly SqliteImportSql _sql;
    private sqlite3_stmt? _stageInsert;
    private SqliteTransaction? _transaction;
    private IDisposable? _turn;

    private SqliteContactBulkWriter(SqliteConnection connection, ImportPlan plan, SqliteImportSql sql, TimeProvider clock, Func<ValueTask> release)
        : base(plan, sql, clock, release)
    {
        _sql = sql;
        _connection = connection;
        _importId = SqliteFormats.Guid(plan.ImportId);
    }

    protected override object ImportId => _importId;

    public static async Task<SqliteContactBulkWriter> OpenAsync(SqliteConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release, CancellationToken ct)
    {
        var sql = new SqliteImportSql(plan);
        var writer = new SqliteContactBulkWriter(connection, plan, sql, clock, release);
        await using var create = connection.CreateCommand();
        create.CommandText = sql.CreateStage;
        await create.ExecuteNonQueryAsync(ct);
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = DisableAutoCheckpoint;
        await pragma.ExecuteNonQueryAsync(ct);
        return writer;
    }

    protected override async Task CloseAsync()
    {
        _stageInsert?.Dispose();
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        await using var drop = _connection.CreateCommand();
        drop.CommandText = _sql.DropStage;
        await drop.ExecuteNonQueryAsync();
        await CheckpointLogAsync(CancellationToken.None);
    }

    /// <summary>
    /// The batch goes into the connection's own temp table in a transaction of its own that does not take the database's
    /// write lock (only the temp database is written), so the lock is held only for the steps after <see cref="BeginAsync"/>.
    /// Rows go in sorted by phone, so every later statement walks the indexes in order. This is the one per-row statement of
    /// the writer, so it skips ADO.NET: one statement prepared on the connection's own SQLite handle, bound by position,
    /// stepped and reset per row. The phone's derived column is computed here by the rule every writer uses
    /// (<see cref="ContactPhone"/>).
    /// </summary>
    protected override async Task StageAsync(ImportBatch batch, CancellationToken ct)
    {
        using var staging = _connection.BeginTransaction(deferred: true);
        _transaction = staging;
        await RunAsync(_sql.ClearStage, ct);
        InsertStageRows(batch);
        await staging.CommitAsync(ct);
    }

    private void InsertStageRows(ImportBatch batch)
    {
        var db = _connection.Handle!;
        if (_stageInsert is null)
        {
            Check(raw.sqlite3_prepare_v2(db, _sql.InsertStageRow, out _stageInsert));
        }

        var statement = _stageInsert;
        var targets = Plan.Targets.Count;
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
            for (var v = 0; v < targets; v++)
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

    /// <summary>
    /// Users first: a write of theirs waiting for the lock goes before this batch, and one that comes while the batch is
    /// written waits for this turn to end (<see cref="SqliteUserWrites"/>). Then BEGIN IMMEDIATE takes the write lock.
    /// </summary>
    protected override async Task<DbTransaction> BeginAsync(CancellationToken ct)
    {
        _turn = await SqliteUserWrites.ImportTurnAsync(ct);
        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(ct);
        return _transaction;
    }

    /// <summary>DEFERRED: the classification reads the database and writes only the temp staging table, so it takes no write lock and waits for no turn.</summary>
    protected override Task<DbTransaction> BeginReadAsync(CancellationToken ct)
    {
        _transaction = _connection.BeginTransaction(deferred: true);
        return Task.FromResult<DbTransaction>(_transaction);
    }

    protected override object Key(Guid value) => SqliteFormats.Guid(value);

    protected override async Task<bool> ClaimCheckpointAsync(long fromRow, CancellationToken ct) =>
        await Command(_sql.ClaimCheckpoint, ("@import", _importId), ("@from", fromRow)).ExecuteScalarAsync(ct) is not null;

    /// <summary>New numbers are numbered and inserted (with their custom fields), then existing contacts are updated or opted out.</summary>
    protected override async Task WriteContactsAsync(DateTime now, CancellationToken ct)
    {
        if (Plan.Settings.Action != ImportAction.UpdateExisting)
        {
            var lastId = await Command(_sql.LastContactId).ExecuteScalarAsync(ct);
            await RunAsync(_sql.TakeNewIds, ct, ("@lastId", Convert.ToInt64(lastId, CultureInfo.InvariantCulture)));
            await RunAsync(_sql.InsertNewContacts, ct, ("@senderCode", Plan.SenderCodeId), ("@now", now));
            foreach (var (target, index) in CustomTargets())
            {
                await RunAsync(_sql.InsertNewCustomField(index), ct, ("@field", target.CustomFieldId!.Value));
            }
        }

        if (Plan.Settings.Action == ImportAction.OptOut)
        {
            await RunAsync(_sql.OptOutExistingContacts, ct, ("@now", now));
            return;
        }

        await RunAsync(_sql.UpdateExistingContacts, ct, ("@now", now));
        foreach (var (target, index) in CustomTargets())
        {
            var field = ("@field", (object?)target.CustomFieldId!.Value);
            await RunAsync(_sql.MergeCustomField(index), ct, field);
            if (Plan.Settings.FieldUpdateMode == FieldUpdateMode.Overwrite)
            {
                await RunAsync(_sql.ClearCustomField(index), ct, field);
            }
        }
    }

    protected override async Task InsertRejectionsAsync(List<ImportRejection> rejections, CancellationToken ct)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        var command = Command(_sql.InsertRejections, ("@import", _importId), ("@line", 0L), ("@phone", ""), ("@reason", ""), ("@raw", ""));
        foreach (var rejection in rejections)
        {
            command.Parameters["@line"].Value = rejection.Line;
            command.Parameters["@phone"].Value = ImportRejectionLimits.Phone(rejection.Phone);
            command.Parameters["@reason"].Value = ImportRejectionLimits.Reason(rejection.Reason);
            command.Parameters["@raw"].Value = ImportRejectionLimits.RawLine(rejection.RawLine);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    protected override async Task<int> InsertWarningsAsync(ImportBatch batch, CancellationToken ct)
    {
        if (batch.Warnings.Count == 0)
        {
            return 0;
        }

        var notImported = new HashSet<long>();
        await using (var reader = await Command(_sql.NotImportedLines).ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                notImported.Add(reader.GetInt64(0));
            }
        }

        var command = Command(_sql.InsertWarnings, ("@import", _importId), ("@line", 0L), ("@phone", ""), ("@message", ""), ("@raw", ""));
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

    /// <summary>The turn ends with the transaction; a committed batch's log is then copied into the database (<see cref="SqliteImportSql.CheckpointLog"/>).</summary>
    protected override async Task EndBatchAsync(bool committed, CancellationToken ct)
    {
        _transaction = null;
        _turn?.Dispose();
        _turn = null;
        if (committed)
        {
            await CheckpointLogAsync(ct);
        }
    }

    private async Task CheckpointLogAsync(CancellationToken ct)
    {
        await using var checkpoint = _connection.CreateCommand();
        checkpoint.CommandText = CheckpointLog;
        await checkpoint.ExecuteNonQueryAsync(ct);
    }

    private IEnumerable<(ImportTarget Target, int Index)> CustomTargets() =>
        Plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom);

    protected override async Task<int> RunAsync(string statement, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await Command(statement, parameters).ExecuteNonQueryAsync(ct);

    protected override async Task<DbDataReader> ReadAsync(string query, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        await Command(query, parameters).ExecuteReaderAsync(ct);

    /// <summary>Each statement is prepared once per run and rebound for every batch, in the batch's current transaction.</summary>
    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.Parameters.Contains(name) ? command.Parameters[name] : command.Parameters.Add(new SqliteParameter { ParameterName = name });
            parameter.Value = value ?? DBNull.Value;
        }

        return command;
    }
}
