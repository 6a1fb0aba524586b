using System.Data;
using System.Data.Common;
using Microsoft.Data.SqlClient;
using SmsContacts.Web.Domain;
using static SmsContacts.Web.Data.BulkImport.SqlServerImportSql;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQL Server steps of <see cref="ContactBulkWriter"/>, in its order; their SQL is <see cref="SqlServerImportSql"/>
/// (see there for how it was checked). SqlBulkCopy of the sorted batch into #import_stage, then set-based statements in
/// one transaction with the checkpoint: one MERGE writes the batch's contacts. It applies the same rules as
/// <see cref="SqliteContactBulkWriter"/>.
/// </summary>
public sealed class SqlServerContactBulkWriter : ContactBulkWriter
{
    private readonly SqlConnection _connection;
    private readonly DataTable _stage;
    private readonly DataTable _rejected;
    private readonly DataTable _warnings;
    private readonly SqlServerImportSql _sql;
    private SqlTransaction? _transaction;

    private SqlServerContactBulkWriter(SqlConnection connection, ImportPlan plan, SqlServerImportSql sql, TimeProvider clock, Func<ValueTask> release)
        : base(plan, sql, clock, release)
    {
        _sql = sql;
        _connection = connection;
        _stage = new DataTable();
        _stage.Columns.Add("Seq", typeof(int));
        _stage.Columns.Add("Line", typeof(long));
        _stage.Columns.Add("Phone", typeof(string));
        _stage.Columns.Add("PhoneDigitsReversed", typeof(string));
        for (var i = 0; i < plan.Targets.Count; i++)
        {
            _stage.Columns.Add($"f{i}", typeof(string));
        }

        _rejected = RowsTable("Reason");
        _warnings = RowsTable("Message");
    }

    protected override object ImportId => Plan.ImportId;

    public static async Task<SqlServerContactBulkWriter> OpenAsync(SqlConnection connection, ImportPlan plan, TimeProvider clock, Func<ValueTask> release, CancellationToken ct)
    {
        var sql = new SqlServerImportSql(plan);
        var writer = new SqlServerContactBulkWriter(connection, plan, sql, clock, release);
        await using var create = new SqlCommand(sql.CreateStage, connection);
        await create.ExecuteNonQueryAsync(ct);
        return writer;
    }

    protected override async Task CloseAsync()
    {
        try
        {
            await using var drop = new SqlCommand(_sql.DropStage, _connection);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            _stage.Dispose();
            _rejected.Dispose();
            _warnings.Dispose();
        }
    }

    /// <summary>The session's temp tables are emptied and the batch bulk-copied in before its transaction begins: nothing else sees them.</summary>
    protected override async Task StageAsync(ImportBatch batch, CancellationToken ct)
    {
        _transaction = null;
        await RunAsync(_sql.ClearStage, ct);
        _stage.Clear();
        for (var row = 0; row < batch.Count; row++)
        {
            var phone = batch.Phone(row);
            var values = new object[4 + Plan.Targets.Count];
            values[0] = row;
            values[1] = batch.Line(row);
            values[2] = phone;
            values[3] = ContactPhone.DigitsReversed(phone);
            for (var v = 0; v < Plan.Targets.Count; v++)
            {
                values[4 + v] = (object?)batch.ValueString(row, v) ?? DBNull.Value;
            }

            _stage.Rows.Add(values);
        }

        await BulkCopyAsync(StageTable, _stage, ct);
    }

    protected override async Task<DbTransaction> BeginAsync(CancellationToken ct)
    {
        _transaction = (SqlTransaction)await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        return _transaction;
    }

    /// <summary>READ COMMITTED, as the import's: the classification reads the tables and writes only the session's #import_stage.</summary>
    protected override async Task<DbTransaction> BeginReadAsync(CancellationToken ct)
    {
        _transaction = (SqlTransaction)await _connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
        return _transaction;
    }

    protected override object Key(Guid value) => value;

    protected override async Task<bool> ClaimCheckpointAsync(long fromRow, CancellationToken ct) =>
        await RunAsync(_sql.ClaimCheckpoint, ct, ("@import", Plan.ImportId), ("@from", fromRow)) == 1;

    /// <summary>One MERGE inserts the new numbers and updates (or opts out) the existing ones; then one MERGE per custom field.</summary>
    protected override async Task WriteContactsAsync(DateTime now, CancellationToken ct)
    {
        await RunAsync(_sql.MergeContacts, ct, ("@senderCode", Plan.SenderCodeId), ("@now", now));
        await RunAsync(_sql.TakeNewIds, ct);
        foreach (var index in Plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).Select(x => x.i))
        {
            var field = ("@field", (object?)Plan.Targets[index].CustomFieldId!.Value);
            await RunAsync(_sql.MergeCustomField(index), ct, field);
            if (Plan.Settings.FieldUpdateMode == FieldUpdateMode.Overwrite && Plan.Settings.Action != ImportAction.OptOut)
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

        Fill(_rejected, rejections);
        await BulkCopyAsync(RejectedTable, _rejected, ct);
        await RunAsync(_sql.InsertRejections, ct, ("@import", Plan.ImportId));
    }

    /// <summary>All the batch's warnings go to #import_warnings; the statement keeps those of the rows the import took in.</summary>
    protected override async Task<int> InsertWarningsAsync(ImportBatch batch, CancellationToken ct)
    {
        if (batch.Warnings.Count == 0)
        {
            return 0;
        }

        Fill(_warnings, batch.Warnings);
        await BulkCopyAsync(WarningsTable, _warnings, ct);
        return await RunAsync(_sql.InsertWarnings, ct, ("@import", Plan.ImportId));
    }

    protected override Task EndBatchAsync(bool committed, CancellationToken ct)
    {
        _transaction = null;
        return Task.CompletedTask;
    }

    /// <summary>The columns of ImportRejectedRows and ImportWarningRows the batch's rows are copied into (the reason's is named <paramref name="reason"/>).</summary>
    private static DataTable RowsTable(string reason)
    {
        var table = new DataTable();
        table.Columns.Add("LineNumber", typeof(long));
        table.Columns.Add("Phone", typeof(string));
        table.Columns.Add(reason, typeof(string));
        table.Columns.Add("RawLine", typeof(string));
        return table;
    }

    private static void Fill(DataTable table, List<ImportRejection> rows)
    {
        table.Clear();
        foreach (var row in rows)
        {
            table.Rows.Add(row.Line, ImportRejectionLimits.Phone(row.Phone), ImportRejectionLimits.Reason(row.Reason), ImportRejectionLimits.RawLine(row.RawLine));
        }
    }

    private async Task BulkCopyAsync(string table, DataTable rows, CancellationToken ct)
    {
        using var copy = new SqlBulkCopy(_connection, SqlBulkCopyOptions.Default, _transaction) { DestinationTableName = table, BulkCopyTimeout = 600 };
        foreach (DataColumn column in rows.Columns)
        {
            copy.ColumnMappings.Add(column.ColumnName, column.ColumnName);
        }

        await copy.WriteToServerAsync(rows, ct);
    }

    protected override async Task<int> RunAsync(string statement, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = new SqlCommand(statement, _connection, _transaction) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The command is left to the collector: it is not prepared, so once its reader is closed it holds nothing to release.</summary>
    protected override async Task<DbDataReader> ReadAsync(string query, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = new SqlCommand(query, _connection, _transaction) { CommandTimeout = 600 };
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return await command.ExecuteReaderAsync(ct);
    }
}
