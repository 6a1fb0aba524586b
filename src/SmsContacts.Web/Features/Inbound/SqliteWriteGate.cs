using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Features.Inbound;

/// <summary>
/// One writer at a time into SQLite from the webhooks. SQLite serialises writers anyway, but a writer that
/// finds the database locked is retried by Microsoft.Data.Sqlite only after a 150 ms sleep: under a burst
/// of texts most requests would sleep. Queuing them here instead hands the lock over in microseconds.
/// SQL Server locks rows, so it passes straight through.
/// </summary>
public sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<T> RunAsync<T>(AppDbContext db, Func<Task<T>> write, CancellationToken ct)
    {
        if (!db.Database.IsSqlite())
        {
            return await write();
        }

        await _gate.WaitAsync(ct);
        try
        {
            return await write();
        }
        finally
        {
            _gate.Release();
        }
    }
}
