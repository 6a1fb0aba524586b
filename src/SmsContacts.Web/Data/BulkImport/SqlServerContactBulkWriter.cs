using System.Data;
using Microsoft.Data.SqlClient;
using SmsContacts.Web.Domain;
using static SmsContacts.Web.Data.SqlServerSql;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQL Server bulk writer: SqlBulkCopy of the sorted batch into #import_stage, then the set-based
/// statements of <see cref="SqlServerSql"/> in one transaction with the checkpoint. It applies the
/// same rules as <see cref="SqliteContactBulkWriter"/>; see SqlServerSql for how its SQL was checked.
/// </summary>
public sealed class SqlServerContactBulkWriter : IContactBulkWriter
{
    private readonly SqlConnection _connection;
    private readonly ImportPlan _plan;
    private readonly TimeProvider _clock;
    private readonly Func<ValueTask> _release;
    private readonly DataTable _stage;
    private readonly DataTable _rejected;
    private readonly DataTable _warnings;

    private SqlServerContactBulkWriter(SqlConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release)
    {
        _connection = connection;
        _plan = plan;
        _clock = clock;
        _release = release;
        _stage = new DataTable();
        _stage.Columns.Add("Seq", typeof(int));
        _stage.Columns.Add("Line", typeof(long));
        _stage.Columns.Add("Phone", typeof(string));
        _stage.Columns.Add("PhoneDigitsReversed", typeof(string));
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            _stage.Columns.Add($"f{i}", typeof(string));
        }

        _rejected = new DataTable();
        _rejected.Columns.Add("LineNumber", typeof(long));
        _rejected.Columns.Add("Phone", typeof(string));
        _rejected.Columns.Add("Reason", typeof(string));
        _rejected.Columns.Add("RawLine", typeof(string));

        _warnings = new DataTable();
        _warnings.Columns.Add("LineNumber", typeof(long));
        _warnings.Columns.Add("Phone", typeof(string));
        _warnings.Columns.Add("Message", typeof(string));
        _warnings.Columns.Add("RawLine", typeof(string));
    }

    public static async Task<SqlServerContactBulkWriter> OpenAsync(SqlConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release, CancellationToken ct)
    {
        var writer = new SqlServerContactBulkWriter(connection, plan, clock, release);
        await using var create = new SqlCommand(CreateStage(plan), connection);
        await create.ExecuteNonQueryAsync(ct);
        return writer;
    }

    public async Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken ct)
    {
        var locked = System.Diagnostics.Stopwatch.StartNew();
        var now = _clock.GetUtcNow().UtcDateTime;
        await using var transaction = (SqlTransaction)await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        if (await Run(transaction, ClaimCheckpoint, ct, ("@import", _plan.ImportId), ("@from", batch.FromRow)) != 1)
        {
            await transaction.RollbackAsync(ct);
            return new ImportBatchResult(false, default);
        }

        await Run(transaction, ClearStage, ct);
        await StageAsync(transaction, batch, ct);
        await Run(transaction, ResolveContacts, ct, ("@senderCode", _plan.SenderCodeId));
        if (_plan.List is { } list && _plan.Action != ImportAction.OptOut)
        {
            await Run(transaction, ResolveListMembership, ct, ("@list", list.Id));
        }

        await Run(transaction, Classify(_plan.Action), ct);
        if (_plan.Action == ImportAction.OptOut)
        {
            await Run(transaction, StateBefore, ct,
                ("@notSubscribed", ConsentStates.NotSubscribed), ("@subscribed", ConsentStates.Subscribed),
                ("@pending", ConsentStates.Pending), ("@other", ConsentStates.OtherContact));
        }
        else
        {
            if (FieldsChanged(_plan) is { } fieldsChanged)
            {
                await Run(transaction, fieldsChanged, ct);
            }

            await Run(transaction, Unchanged(_plan), ct);
        }

        await Run(transaction, MergeContacts(_plan), ct, ("@senderCode", _plan.SenderCodeId), ("@now", now));
        await Run(transaction, TakeNewIds, ct);
        foreach (var index in _plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).Select(x => x.i))
        {
            var field = ("@field", (object?)_plan.Targets[index].CustomFieldId!.Value);
            await Run(transaction, MergeCustomField(_plan, index), ct, field);
            if (_plan.Mode == FieldUpdateMode.Overwrite && _plan.Action != ImportAction.OptOut)
            {
                await Run(transaction, ClearCustomField(index), ct, field);
            }
        }

        var asked = 0;
        switch (_plan.Action)
        {
            case ImportAction.AddOrUpdate:
                asked += await SubscribeAsync(transaction, now, ct);
                asked += await ApplyListOverridesAsync(transaction, now, ct);
                break;
            case ImportAction.UpdateExisting:
                asked += await ApplyListOverridesAsync(transaction, now, ct);
                break;
            case ImportAction.OptOut:
                await Run(transaction, InsertListOptOutEvents, ct,
                    [.. EventParameters(now, ConsentChanges.OptedOut, null), ("@after", ConsentStates.OptedOut(OptOutReason.Import)),
                     ("@pending", ConsentStates.Pending), ("@subscribed", ConsentStates.Subscribed)]);
                await Events(transaction, now, $"s.Outcome = {(int)StagedOutcome.OptedOut}", ConsentChanges.OptedOut, null, "s.StateBefore", ConsentStates.OptedOut(OptOutReason.Import), ct);
                await Run(transaction, SuspendSubscriptions, ct, ("@now", now));
                await Run(transaction, DeleteOptedOutSubscriptions, ct);
                break;
        }

        var notImported = new List<ImportRejection>(batch.Rejections);
        notImported.AddRange(await SkippedRowsAsync(transaction, batch, ct));
        await InsertRejectionsAsync(transaction, notImported, ct);
        var warned = await InsertWarningsAsync(transaction, batch, ct);

        var (outcomes, optedInWithFieldUpdates) = await OutcomeCountsAsync(transaction, ct);
        var counts = ImportCounts.Of(batch, outcomes, optedInWithFieldUpdates, asked, warned);
        await Run(transaction, AdvanceCheckpoint, ct,
            [.. counts.Parameters(batch.Lines), ("@to", batch.ToRow), ("@bytes", batch.BytesRead), ("@import", _plan.ImportId), ("@from", batch.FromRow)]);
        await transaction.CommitAsync(ct);
        return new ImportBatchResult(true, counts, locked.Elapsed);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using var drop = new SqlCommand(DropStage, _connection);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            _stage.Dispose();
            _rejected.Dispose();
            _warnings.Dispose();
            await _release();
        }
    }

    private async Task StageAsync(SqlTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        batch.SortByPhone();
        _stage.Clear();
        for (var row = 0; row < batch.Count; row++)
        {
            var phone = batch.Phone(row);
            var values = new object[4 + _plan.Targets.Count];
            values[0] = row;
            values[1] = batch.Line(row);
            values[2] = phone;
            values[3] = ContactPhone.DigitsReversed(phone);
            for (var v = 0; v < _plan.Targets.Count; v++)
            {
                values[4 + v] = (object?)batch.ValueString(row, v) ?? DBNull.Value;
            }

            _stage.Rows.Add(values);
        }

        await BulkCopyAsync(transaction, StageTable, _stage, ct);
    }

    /// <summary>Like the SQLite writer's: subscribes, records, then queues the confirmation request (pending) or the journey message; returns how many were asked to confirm.</summary>
    private async Task<int> SubscribeAsync(SqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        var list = _plan.List!;
        var pending = _plan.StoreAsDoubleOptIn;
        var optedIn = $"s.Outcome = {(int)StagedOutcome.OptedIn}";
        await Run(transaction, Subscribe, ct,
            ("@senderCode", _plan.SenderCodeId), ("@list", list.Id), ("@status", (int)_plan.SubscriptionStatus), ("@now", now),
            ("@cart", _plan.CartAbandonmentConsent), ("@confirmed", pending ? null : now));
        await Events(transaction, now, optedIn, ConsentChanges.OfNewSubscription(pending), list,
            "@before", ConsentStates.Of(_plan.SubscriptionStatus), ct, ("@before", ConsentStates.NotSubscribed), ("@method", (int)SubscribeMethod.Import));
        if (pending)
        {
            return await QueueAsync(transaction, now, optedIn, list.ConfirmationRequest, ct);
        }

        if (list.JourneyMessage is { } message)
        {
            await QueueAsync(transaction, now, optedIn, message, ct);
        }

        return 0;
    }

    private async Task<int> ApplyListOverridesAsync(SqlTransaction transaction, DateTime now, CancellationToken ct)
    {
        var list = _plan.List!;
        var asked = 0;
        if (_plan.OverrideOptInStatus)
        {
            var target = _plan.SubscriptionStatus;
            var other = target == SubscriptionStatus.Active ? SubscriptionStatus.Pending : SubscriptionStatus.Active;
            var overridden = $"s.Outcome = {(int)StagedOutcome.Updated} AND s.ListStatus <> {(int)target}";
            await Events(transaction, now, overridden, ConsentChanges.OptInStatusOverridden, list, "@before", ConsentStates.Of(target), ct, ("@before", ConsentStates.Of(other)));
            if (target == SubscriptionStatus.Pending)
            {
                asked = await QueueAsync(transaction, now, overridden, list.ConfirmationRequest, ct);
            }

            await Run(transaction, OverrideStatus, ct, ("@list", list.Id), ("@status", (int)target), ("@confirmed", target == SubscriptionStatus.Active ? now : null));
        }

        var cart = _plan.CartAbandonmentConsent;
        if (_plan.OverrideMarketingConsent)
        {
            await FlagEvents(transaction, now, "sub.MarketingConsent = 0", ConsentChanges.MarketingConsentGiven, ct);
            await FlagEvents(transaction, now, $"sub.CartAbandonmentConsent <> {(cart ? 1 : 0)}",
                cart ? ConsentChanges.CartAbandonmentConsentGiven : ConsentChanges.CartAbandonmentConsentWithdrawn, ct);
            await Run(transaction, OverrideConsent, ct, ("@list", list.Id), ("@cart", cart));
        }
        else if (cart)
        {
            await FlagEvents(transaction, now, "sub.CartAbandonmentConsent = 0", ConsentChanges.CartAbandonmentConsentGiven, ct);
            await Run(transaction, GiveCartConsent, ct, ("@list", list.Id));
        }

        return asked;
    }

    private Task<int> QueueAsync(SqlTransaction transaction, DateTime now, string where, string body, CancellationToken ct) =>
        Run(transaction, QueueTexts(where), ct, ("@senderCode", _plan.SenderCodeId), ("@body", body), ("@now", now));

    private Task<int> Events(SqlTransaction transaction, DateTime now, string where, string change, ImportList? list, string before, string after, CancellationToken ct, params (string Name, object? Value)[] extra) =>
        Run(transaction, InsertEvents(where, before, "@after"), ct,
            [.. EventParameters(now, change, list), ("@after", after), .. extra, .. extra.Any(p => p.Name == "@method") ? [] : new[] { ("@method", (object?)null) }]);

    private Task<int> FlagEvents(SqlTransaction transaction, DateTime now, string where, string change, CancellationToken ct) =>
        Run(transaction, InsertFlagEvents(where), ct, [.. EventParameters(now, change, _plan.List), ("@pending", ConsentStates.Pending), ("@subscribed", ConsentStates.Subscribed)]);

    private (string, object?)[] EventParameters(DateTime now, string change, ImportList? list) =>
    [
        ("@senderCode", _plan.SenderCodeId), ("@now", now), ("@change", change), ("@list", list?.Id), ("@listName", list?.Name),
        ("@user", _plan.UserId), ("@userName", _plan.UserName), ("@import", _plan.ImportId),
    ];

    private async Task<List<ImportRejection>> SkippedRowsAsync(SqlTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        var rejections = new List<ImportRejection>();
        if (_plan.Action != ImportAction.UpdateExisting)
        {
            return rejections;
        }

        await using var command = new SqlCommand(SkippedRows, _connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
        Dictionary<long, int>? byLine = null;
        while (await reader.ReadAsync(ct))
        {
            byLine ??= batch.RowsByLine();
            var row = byLine[reader.GetInt64(0)];
            var reason = reader.GetInt32(1) == 1 ? ImportRejectionReasons.NoContact : ImportRejectionReasons.NotOnList(_plan.List!.Name);
            rejections.Add(new ImportRejection(batch.Line(row), batch.Phone(row), reason, batch.ValueString(row, _plan.Targets.Count) ?? ""));
        }

        return rejections;
    }

    private async Task InsertRejectionsAsync(SqlTransaction transaction, List<ImportRejection> rejections, CancellationToken ct)
    {
        if (rejections.Count == 0)
        {
            return;
        }

        _rejected.Clear();
        foreach (var rejection in rejections)
        {
            _rejected.Rows.Add(rejection.Line, ImportRejectionLimits.Phone(rejection.Phone), ImportRejectionLimits.Reason(rejection.Reason), ImportRejectionLimits.RawLine(rejection.RawLine));
        }

        await BulkCopyAsync(transaction, RejectedTable, _rejected, ct);
        await Run(transaction, InsertRejections, ct, ("@import", _plan.ImportId));
    }

    /// <summary>Like the SQLite writer's: the warnings of the rows the import took in; returns how many were saved.</summary>
    private async Task<int> InsertWarningsAsync(SqlTransaction transaction, ImportBatch batch, CancellationToken ct)
    {
        if (batch.Warnings.Count == 0)
        {
            return 0;
        }

        _warnings.Clear();
        foreach (var warning in batch.Warnings)
        {
            _warnings.Rows.Add(warning.Line, ImportRejectionLimits.Phone(warning.Phone), ImportRejectionLimits.Reason(warning.Reason), ImportRejectionLimits.RawLine(warning.RawLine));
        }

        await BulkCopyAsync(transaction, WarningsTable, _warnings, ct);
        return await Run(transaction, InsertWarnings, ct, ("@import", _plan.ImportId));
    }

    private async Task<(int[] Outcomes, int OptedInWithFieldUpdates)> OutcomeCountsAsync(SqlTransaction transaction, CancellationToken ct)
    {
        var counts = new int[Enum.GetValues<StagedOutcome>().Length];
        var optedInWithFieldUpdates = 0;
        await using var command = new SqlCommand(OutcomeCounts, _connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(ct);
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

    private async Task BulkCopyAsync(SqlTransaction transaction, string table, DataTable rows, CancellationToken ct)
    {
        using var copy = new SqlBulkCopy(_connection, SqlBulkCopyOptions.Default, transaction) { DestinationTableName = table, BulkCopyTimeout = 600 };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, ct);
    }

    private async Task<int> Run(SqlTransaction transaction, string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = new SqlCommand(sql, _connection, transaction) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }
}
