using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// Lets a user's write go before the import's next batch. SQLite has one writer at a time and no queue: a connection that
/// finds the database locked sleeps and tries again, and an import that commits a batch and begins the next one at once
/// takes the lock back before the sleeper wakes, batch after batch (a ban waited 6 s behind a large import). So the two
/// take turns in the process:
/// <list type="bullet">
/// <item>every write the app makes through EF Core (a transaction, or a lone INSERT, UPDATE or DELETE) registers as pending
/// (<see cref="Interceptor"/>) and, if an import is writing a batch, waits for that batch to end, on a signal rather than
/// in SQLite's sleep-and-retry, so it goes the moment the batch commits;</item>
/// <item>the import's bulk writer takes its turn for each batch (<see cref="ImportTurnAsync"/>) only when no user write is
/// pending (registered and not yet holding the lock), and otherwise waits until they have it; it then waits for the lock
/// in SQLite's busy timeout, as any writer does.</item>
/// </list>
/// A user's write then waits for at most the one batch being written (the import sizes its batches to a short time).
///
/// In-process only: writes from another process on the same SQLite file take turns by SQLite's busy timeout alone. A
/// registration whose end is never seen (a transaction disposed without commit or rollback) stops counting after
/// <see cref="LeaseMax"/>, and neither side ever waits longer than that for the other.
/// </summary>
public static class SqliteUserWrites
{
    /// <summary>The longest one side waits for the other, and the longest a registration counts.</summary>
    public static readonly TimeSpan LeaseMax = TimeSpan.FromSeconds(2);

    private static readonly ConcurrentDictionary<Guid, long> Pending = new();
    private static readonly ConcurrentDictionary<Guid, TaskCompletionSource> Writing = new();

    /// <summary>Intercepts every EF Core SQLite connection of the app: add it to the context's interceptors.</summary>
    public static readonly IInterceptor Interceptor = new WriteInterceptor();

    /// <summary>Writes registered now and not older than <see cref="LeaseMax"/>.</summary>
    public static int PendingCount
    {
        get
        {
            var oldest = Stopwatch.GetTimestamp() - (long)(LeaseMax.TotalSeconds * Stopwatch.Frequency);
            var count = 0;
            foreach (var (id, started) in Pending)
            {
                if (started >= oldest)
                {
                    count++;
                }
                else
                {
                    Pending.TryRemove(id, out _);
                }
            }

            return count;
        }
    }

    /// <summary>
    /// The import's turn to write one batch: returned when no user write is pending (or after <see cref="LeaseMax"/>, so
    /// users writing without pause slow an import down but do not stop it). Dispose it when the batch's transaction has
    /// ended; users that came meanwhile wait for that.
    /// </summary>
    public static async Task<IDisposable> ImportTurnAsync(CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            // Announced before looking, so a user either is seen here or sees this turn and waits for it.
            var turn = new ImportTurn();
            if (PendingCount == 0 || Stopwatch.GetElapsedTime(started) >= LeaseMax)
            {
                return turn;
            }

            turn.Dispose();
            await Task.Delay(1, ct);
        }
    }

    /// <summary>Waits (at most <see cref="LeaseMax"/>) for the batches imports are writing now.</summary>
    private static async ValueTask WaitForImportsAsync(CancellationToken ct)
    {
        if (Writing.IsEmpty)
        {
            return;
        }

        try
        {
            await Task.WhenAll(Writing.Values.Select(t => t.Task)).WaitAsync(LeaseMax, ct);
        }
        catch (TimeoutException)
        {
            // Left to SQLite's busy timeout.
        }
    }

    private static void WaitForImports()
    {
        if (!Writing.IsEmpty)
        {
            Task.WhenAll(Writing.Values.Select(t => t.Task)).Wait(LeaseMax);
        }
    }

    private static void Begin(Guid id) => Pending[id] = Stopwatch.GetTimestamp();

    private static void End(Guid id) => Pending.TryRemove(id, out _);

    private sealed class ImportTurn : IDisposable
    {
        private readonly Guid _id = Guid.NewGuid();
        private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ImportTurn() => Writing[_id] = _done;

        public void Dispose()
        {
            Writing.TryRemove(_id, out _);
            _done.TrySetResult();
        }
    }

    /// <summary>
    /// A write outside a transaction (EF Core sends a single INSERT, UPDATE or DELETE without one): the statement itself
    /// takes the write lock. Reads never wait for the import (WAL), so they are not registered.
    /// </summary>
    private static bool IsLoneWrite(DbCommand command)
    {
        if (command.Transaction is not null)
        {
            return false;
        }

        var sql = command.CommandText.AsSpan().TrimStart();
        return sql.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || sql.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || sql.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase);
    }

    private sealed class WriteInterceptor : IDbTransactionInterceptor, IDbCommandInterceptor
    {
        public InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            Begin(eventData.TransactionId);
            WaitForImports();
            return result;
        }

        public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Begin(eventData.TransactionId);
            await WaitForImportsAsync(cancellationToken);
            return result;
        }

        /// <summary>BEGIN IMMEDIATE succeeded: the write holds the lock, and the import's next batch waits for it in SQLite.</summary>
        public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
        {
            End(eventData.TransactionId);
            return result;
        }

        public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
        {
            End(eventData.TransactionId);
            return ValueTask.FromResult(result);
        }

        public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.TransactionId);

        public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            End(eventData.TransactionId);
            return Task.CompletedTask;
        }

        public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => End(eventData.TransactionId);

        public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            End(eventData.TransactionId);
            return Task.CompletedTask;
        }

        public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => End(eventData.TransactionId);

        public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            End(eventData.TransactionId);
            return Task.CompletedTask;
        }

        public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            if (BeginLoneWrite(command, eventData))
            {
                WaitForImports();
            }

            return result;
        }

        public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (BeginLoneWrite(command, eventData))
            {
                await WaitForImportsAsync(cancellationToken);
            }

            return result;
        }

        public int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            End(eventData.CommandId);
            return result;
        }

        public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            End(eventData.CommandId);
            return ValueTask.FromResult(result);
        }

        public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            if (BeginLoneWrite(command, eventData))
            {
                WaitForImports();
            }

            return result;
        }

        public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (BeginLoneWrite(command, eventData))
            {
                await WaitForImportsAsync(cancellationToken);
            }

            return result;
        }

        public DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            End(eventData.CommandId);
            return result;
        }

        public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            End(eventData.CommandId);
            return ValueTask.FromResult(result);
        }

        public void CommandFailed(DbCommand command, CommandErrorEventData eventData) => End(eventData.CommandId);

        public Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            End(eventData.CommandId);
            return Task.CompletedTask;
        }

        public void CommandCanceled(DbCommand command, CommandEndEventData eventData) => End(eventData.CommandId);

        public Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            End(eventData.CommandId);
            return Task.CompletedTask;
        }

        private static bool BeginLoneWrite(DbCommand command, CommandEventData eventData)
        {
            if (!IsLoneWrite(command))
            {
                return false;
            }

            Begin(eventData.CommandId);
            return true;
        }
    }
}
