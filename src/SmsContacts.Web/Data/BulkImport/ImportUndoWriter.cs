using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>What one batch of an undo did; <see cref="Done"/> when the journal had nothing left after the checkpoint.</summary>
/// <param name="Committed">False when another run of the same undo had moved the checkpoint: this one stops.</param>
/// <param name="To">The checkpoint after the batch: the highest contact id it undid.</param>
public readonly record struct ImportUndoBatch(bool Done, bool Committed, long To);

public interface IImportUndoWriterFactory
{
    /// <summary>Opens a writer for one run of one undo (the scope's connection and its stage).</summary>
    Task<ImportUndoWriter> OpenAsync(ImportUndoPlan plan, CancellationToken ct);
}

/// <summary>Opens the undo writer on the scope's database connection, as <see cref="ContactBulkWriterFactory"/> opens the import's.</summary>
public sealed class ImportUndoWriterFactory(AppDbContext db, TimeProvider clock) : IImportUndoWriterFactory
{
    public async Task<ImportUndoWriter> OpenAsync(ImportUndoPlan plan, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        ValueTask Release() => new(db.Database.CloseConnectionAsync());
        try
        {
            ImportUndoSql sql = connection switch
            {
                SqliteConnection => new SqliteImportUndoSql(plan),
                Microsoft.Data.SqlClient.SqlConnection => new SqlServerImportUndoSql(plan),
                _ => throw new NotSupportedException($"No import undo for {connection.GetType().Name}."),
            };
            var writer = new ImportUndoWriter(connection, plan, sql, clock, Release);
            await writer.CreateStageAsync(ct);
            return writer;
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }
}

/// <summary>
/// Undoes an import's journal a batch of contacts at a time (<see cref="ImportUndoSql"/>, in its order), each batch with the
/// undo's counts and checkpoint in one transaction, as the import itself was written: a run that is killed resumes after its
/// last committed batch, and a batch is committed only by the run that finds the checkpoint where it expects it, so running
/// an undo twice, even at once, does it once. On SQLite a batch takes the import's turn (<see cref="SqliteUserWrites"/>):
/// a user's write waits for at most one batch. The statements run on the connection itself, not through EF, so that the
/// turn's own writes are not taken for a user's.
/// </summary>
public sealed class ImportUndoWriter(DbConnection connection, ImportUndoPlan plan, ImportUndoSql sql, TimeProvider clock, Func<ValueTask> release) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _commands = [];
    private readonly bool _sqlite = connection is SqliteConnection;
    private DbTransaction? _transaction;

    internal async Task CreateStageAsync(CancellationToken ct)
    {
        await using var create = connection.CreateCommand();
        create.CommandText = sql.CreateStage;
        await create.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Undoes the next batch of the journal after <paramref name="from"/> (a contact id: the checkpoint).</summary>
    public async Task<ImportUndoBatch> UndoBatchAsync(long from, CancellationToken ct)
    {
        var parameters = Parameters(from);
        var end = await Command(sql.BatchEnd, parameters).ExecuteScalarAsync(ct);
        if (end is null or DBNull)
        {
            return new ImportUndoBatch(true, true, from);
        }

        var to = Convert.ToInt64(end, System.Globalization.CultureInfo.InvariantCulture);
        parameters["@to"] = to;
        using var turn = _sqlite ? await SqliteUserWrites.ImportTurnAsync(ct) : null;
        await using var transaction = await connection.BeginTransactionAsync(ct);
        _transaction = transaction;
        try
        {
            if (await RunAsync(sql.ClaimCheckpoint, parameters, ct) != 1)
            {
                await transaction.RollbackAsync(ct);
                return new ImportUndoBatch(false, false, from);
            }

            await RunAsync(sql.ClearStage, parameters, ct);
            await RunAsync(sql.StageBatch, parameters, ct);
            await RunAsync(sql.Decide, parameters, ct);
            await RunAsync(sql.DecideWrites, parameters, ct);

            // Each consent event before the change it records (its "before" is what the tables hold then).
            await RunAsync(sql.InsertRemovedSubscriptionEvents, parameters, ct);
            await RunAsync(sql.InsertForgottenListEvents, parameters, ct);
            await RunAsync(sql.InsertStatusEvents, parameters, ct);
            await RunAsync(sql.DeleteSubscriptions, parameters, ct);
            await RunAsync(sql.DeleteSuspendedSubscriptions, parameters, ct);
            await RunAsync(sql.SetBackStatuses, parameters, ct);
            await RunAsync(sql.InsertConsentEvents, parameters, ct);
            await RunAsync(sql.SetBackConsent, parameters, ct);

            var customFields = await RunAsync(sql.DeleteAddedCustomValues, parameters, ct)
                + await RunAsync(sql.SetBackCustomValues, parameters, ct)
                + await RunAsync(sql.RestoreClearedCustomValues, parameters, ct);
            await RunAsync(sql.DeleteRemovedCustomValues, parameters, ct);

            if (plan.Action == ImportAction.OptOut)
            {
                await RunAsync(sql.InsertRestoredListEvents, parameters, ct);
                await RunAsync(sql.InsertNotRestoredListEvents, parameters, ct);
                await RunAsync(sql.RestoreSubscriptions, parameters, ct);
                await RunAsync(sql.DeleteRestoredSuspensions, parameters, ct);
                await RunAsync(sql.InsertLiftedOptOutEvents, parameters, ct);
            }

            await RunAsync(sql.WriteContacts, parameters, ct);
            var texts = await RunAsync(sql.CancelQueuedTexts, parameters, ct);
            await RunAsync(sql.HandOnVersion, parameters, ct);
            await RunAsync(sql.MarkChangedSince, parameters, ct);

            await using (var reader = await Command(sql.Counts, parameters).ExecuteReaderAsync(ct))
            {
                await reader.ReadAsync(ct);
                int At(int i) => reader.IsDBNull(i) ? 0 : Convert.ToInt32(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                parameters["@done"] = At(0);
                parameters["@removed"] = At(1);
                parameters["@subscriptions"] = At(2);
                parameters["@fields"] = At(3) + customFields;
                parameters["@statuses"] = At(4);
                parameters["@consent"] = At(5);
                parameters["@optOuts"] = At(6);
                parameters["@changed"] = At(7);
                parameters["@texts"] = texts;
            }

            if (await RunAsync(sql.AdvanceCheckpoint, parameters, ct) != 1)
            {
                await transaction.RollbackAsync(ct);
                return new ImportUndoBatch(false, false, from);
            }

            await transaction.CommitAsync(ct);
            return new ImportUndoBatch(false, true, to);
        }
        finally
        {
            _transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            foreach (var command in _commands.Values)
            {
                await command.DisposeAsync();
            }

            await using var drop = connection.CreateCommand();
            drop.CommandText = sql.DropStage;
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            await release();
        }
    }

    /// <summary>
    /// Every parameter any statement takes, bound to each (a statement uses the ones it names): the import and the batch, the
    /// list, the admin, the state words of <see cref="ConsentStates"/> and the words of what was undone, in the history.
    /// </summary>
    private Dictionary<string, object?> Parameters(long from)
    {
        var agreed = $"{plan.UserName} confirmed, undoing the opt-out import \"{plan.FileName}\", that the number agreed again to receive texts.";
        return new Dictionary<string, object?>
        {
            ["@import"] = _sqlite ? SqliteFormats.Guid(plan.ImportId) : plan.ImportId,
            ["@from"] = from,
            ["@to"] = from,
            ["@n"] = plan.BatchSize,
            ["@list"] = plan.ListId,
            ["@listName"] = plan.ListName,
            ["@status"] = (int)plan.Status,
            ["@confirmed"] = plan.ConfirmedAgreedAgain ? 1 : 0,
            ["@senderCode"] = plan.SenderCodeId,
            ["@now"] = clock.GetUtcNow().UtcDateTime,
            ["@change"] = ConsentChanges.ImportUndone,
            ["@user"] = plan.UserId,
            ["@userName"] = plan.UserName,
            ["@importState"] = ConsentStates.Of(plan.Status),
            ["@notSubscribed"] = ConsentStates.NotSubscribed,
            ["@subscribed"] = ConsentStates.Subscribed,
            ["@pending"] = ConsentStates.Pending,
            ["@other"] = ConsentStates.OtherContact,
            ["@optedOut"] = ConsentStates.OptedOutAnyReason,
            ["@optedOutByImport"] = ConsentStates.OptedOut(OptOutReason.Import),
            ["@removedDetail"] = $"Undo of the import \"{plan.FileName}\": the subscription it added was removed.",
            ["@undoneImportDetail"] = $"Undo of the import \"{plan.FileName}\": the subscription whose opt-in status it overrode was removed, not set back, because the import that had put the number on this list was undone.",
            ["@forgottenDetail"] = $"Undo of the import \"{plan.FileName}\": the number stays opted out, and texting START no longer puts it back on this list, which only the import had put it on.",
            ["@statusDetail"] = $"Undo of the import \"{plan.FileName}\": the opt-in status it overrode was set back.",
            ["@consentDetail"] = $"Undo of the import \"{plan.FileName}\": the marketing and cart abandonment consent it changed were set back.",
            ["@agreedDetail"] = agreed,
            ["@notRestoredDetail"] = $"Undo of the import \"{plan.FileName}\": the number was not put back on this list, because the import that had put it there was undone.",
        };
    }

    private async Task<int> RunAsync(string statement, Dictionary<string, object?> parameters, CancellationToken ct) =>
        await Command(statement, parameters).ExecuteNonQueryAsync(ct);

    /// <summary>Each statement is made once per run and rebound for every batch, in the batch's transaction.</summary>
    private DbCommand Command(string text, Dictionary<string, object?> parameters)
    {
        if (!_commands.TryGetValue(text, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = text;
            command.CommandTimeout = 600;
            _commands[text] = command;
        }

        command.Transaction = _transaction;
        foreach (var (name, value) in parameters)
        {
            if (!command.Parameters.Contains(name))
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                command.Parameters.Add(parameter);
            }

            command.Parameters[name].Value = value ?? DBNull.Value;
        }

        return command;
    }
}
