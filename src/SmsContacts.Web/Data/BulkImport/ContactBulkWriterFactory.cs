using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>Picks the bulk writer of the configured provider and lends it the scope's database connection.</summary>
public sealed class ContactBulkWriterFactory(AppDbContext db, TimeProvider clock) : IContactBulkWriterFactory
{
    public async Task<IContactBulkWriter> OpenAsync(ImportPlan plan, CancellationToken ct)
    {
        // Opening through EF applies the connection's settings (the SQLite pragmas) like every other connection.
        await db.Database.OpenConnectionAsync(ct);
        var connection = db.Database.GetDbConnection();
        ValueTask Release() => new(db.Database.CloseConnectionAsync());
        try
        {
            return connection switch
            {
                SqliteConnection sqlite => await SqliteContactBulkWriter.OpenAsync(sqlite, plan, clock, Release, ct),
                Microsoft.Data.SqlClient.SqlConnection sqlServer => await SqlServerContactBulkWriter.OpenAsync(sqlServer, plan, clock, Release, ct),
                _ => throw new NotSupportedException($"No bulk import writer for {connection.GetType().Name}."),
            };
        }
        catch
        {
            await db.Database.CloseConnectionAsync();
            throw;
        }
    }
}
