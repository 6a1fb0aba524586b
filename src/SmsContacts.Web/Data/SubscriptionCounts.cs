using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Web.Data;

/// <summary>
/// The number of rows of the Contacts tab (a sender code's or a list's subscriptions). Counting a
/// million index entries costs SQLite about 60 ms, on every page view; the total only changes when
/// somebody writes, so it is remembered until the database changes.
/// </summary>
public interface ISubscriptionCounts
{
    Task<int> GetAsync(int senderCodeId, int? listId, Func<Task<int>> count, CancellationToken ct);
}

/// <summary>
/// SQLite: a dedicated connection asks <c>PRAGMA data_version</c>, which changes whenever any
/// other connection — of this process or of another instance on the same file — has committed.
/// Any commit since the last look forgets every remembered total. A total computed while a commit
/// lands is at worst remembered until the next look, which sees the commit and forgets it.
/// </summary>
public sealed class SqliteSubscriptionCounts(DatabaseTarget database) : ISubscriptionCounts, IDisposable
{
    private readonly ConcurrentDictionary<(int, int?), int> _totals = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _probe;
    private long _dataVersion = -1;

    public async Task<int> GetAsync(int senderCodeId, int? listId, Func<Task<int>> count, CancellationToken ct)
    {
        await ForgetIfChangedAsync(ct);
        if (_totals.TryGetValue((senderCodeId, listId), out var total))
        {
            return total;
        }

        total = await count();
        _totals[(senderCodeId, listId)] = total;
        return total;
    }

    private async Task ForgetIfChangedAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            if (_probe is null)
            {
                _probe = new SqliteConnection(database.ConnectionString);
                await _probe.OpenAsync(ct);
            }

            await using var command = _probe.CreateCommand();
            command.CommandText = "PRAGMA data_version;";
            var version = (long)(await command.ExecuteScalarAsync(ct))!;
            if (version != _dataVersion)
            {
                _totals.Clear();
                _dataVersion = version;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        _probe?.Dispose();
        _gate.Dispose();
    }
}

/// <summary>SQL Server has no cheap "has anything changed" signal; it counts every time (on its own index).</summary>
public sealed class UncachedSubscriptionCounts : ISubscriptionCounts
{
    public Task<int> GetAsync(int senderCodeId, int? listId, Func<Task<int>> count, CancellationToken ct) => count();
}

public static class SubscriptionCountsSetup
{
    public static IServiceCollection AddSubscriptionCounts(this IServiceCollection services, DatabaseTarget database) =>
        database.Provider == DatabaseProvider.Sqlite
            ? services.AddSingleton<ISubscriptionCounts, SqliteSubscriptionCounts>()
            : services.AddSingleton<ISubscriptionCounts, UncachedSubscriptionCounts>();
}
