using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Infrastructure.Persistence;

/// <summary>Which database the app talks to, resolved once from configuration.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString)
{
    public static DatabaseTarget FromConfiguration(IConfiguration configuration, DataDirectory data)
    {
        var provider = configuration.GetValue($"{DatabaseOptions.Section}:Provider", DatabaseProvider.Sqlite);
        var connectionString = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.SqlServer)
            {
                throw new InvalidOperationException(
                    "Database:Provider is SqlServer but ConnectionStrings:Default is empty. Set ConnectionStrings__Default.");
            }

            connectionString = $"Data Source={data.DefaultSqliteDatabase}";
        }

        return new DatabaseTarget(provider, connectionString);
    }
}

public static class DatabaseSetup
{
    public static IServiceCollection AddAppDatabase(this IServiceCollection services, DatabaseTarget target)
    {
        services.AddSingleton(target);

        // Pooled: a context's internal services are set up once, not for every request. Measured on the
        // inbound webhook under a burst of STOPs (bench `inbound`): about 1.5x the requests per second.
        if (target.Provider == DatabaseProvider.SqlServer)
        {
            services.AddDbContextPool<AppDbContext, SqlServerAppDbContext>(options => ConfigureSqlServer(options, target.ConnectionString));
        }
        else
        {
            services.AddDbContextPool<AppDbContext, SqliteAppDbContext>(options => ConfigureSqlite(options, target.ConnectionString));
        }

        return services;
    }

    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(120))
            .AddInterceptors(SqlitePragmas.Instance, SqliteUserWrites.Interceptor)
            .ConfigureWarnings(IgnoreDeliberateWarnings);

    public static void ConfigureSqlServer(DbContextOptionsBuilder options, string connectionString) =>
        options.UseSqlServer(connectionString, sql => sql.CommandTimeout(120))
            .ConfigureWarnings(IgnoreDeliberateWarnings);

    // A phone search takes "the first 2,001 matching contacts" to learn whether it is narrow; which ones
    // does not matter, and ordering a broad match would cost a sort of a million ids (Data/PhoneSearch).
    // A failed save or command is the caller's to report: a collision the caller expects (two first texts from a new
    // number at once) is retried and logged at Debug, anything else is logged once, with what was being done, by the
    // caller, the job runner or the exception handler. EF's own Error entries would only repeat those, stack and all,
    // and make a handled race read like an outage in the log.
    private static void IgnoreDeliberateWarnings(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(CoreEventId.RowLimitingOperationWithoutOrderByWarning)
            .Log((CoreEventId.SaveChangesFailed, LogLevel.Debug), (RelationalEventId.CommandError, LogLevel.Debug));

    /// <summary>
    /// Applies pending migrations. Deliberately at start-up: a new version of the app brings its schema with it.
    /// EF takes a migration lock, so several instances starting together do not race. A database made by the migrations
    /// folded into InitialSchema is adopted first (<see cref="FoldedChainAdoption"/>).
    /// </summary>
    public static async Task MigrateAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            // WAL lets the grid read while an import writes; the setting is stored in the file.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await FoldedChainAdoption.AdoptAsync(db, cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any();
        await db.Database.MigrateAsync(cancellationToken);
        if (pending && db.Database.IsSqlite())
        {
            // A migration that fills an index over a million rows leaves a WAL of hundreds of MB, and until the next
            // write every read looks its pages up in that WAL's index (measured: twice the CPU per grid page).
            // Copy it into the database and empty it; busy (another instance reading) just leaves it for later.
            await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken);
        }
    }
}

/// <summary>
/// Per-connection SQLite settings. synchronous=NORMAL is safe under WAL (a power cut may lose the
/// last commits, never corrupt the file) and is what makes bulk imports fast. An 8 MB page cache per
/// connection is as fast for the import as a bigger one. Temp tables (the import's staging table) and
/// big sorts stay in SQLite's default temp files, which the OS caches: held in the process's own
/// memory instead they cost ~50 MB more at the peak of a large import and were no faster.
/// busy_timeout: a writer that finds the database locked waits in SQLite's own busy handler, which
/// looks again after 1, 2, 5 ... up to 100 ms, and so takes the lock soon after it is free; without it
/// Microsoft.Data.Sqlite retries only every 150 ms (its own loop still applies after these 5 s).
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    /// <summary>Also applied by the bench's import floor, which must write with the app's settings.</summary>
    public const string Statements = "PRAGMA synchronous=NORMAL; PRAGMA cache_size=-8000; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Statements;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Statements;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
