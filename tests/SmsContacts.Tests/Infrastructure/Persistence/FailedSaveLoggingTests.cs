using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Infrastructure.Persistence;

/// <summary>
/// A save that fails (here: a second contact with the same number, as two first texts from a new number race) is the
/// caller's to report; EF itself writes nothing at Warning or above, so a race the caller retries does not read like an outage.
/// </summary>
public sealed class FailedSaveLoggingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("failed-save-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AUniqueViolation_ThrowsToTheCaller_AndEfLogsNothingAtWarningOrAbove()
    {
        var entries = new List<(LogLevel Level, string Category)>();
        using var logging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(new Capture(entries)));
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "race.db")}");
        options.UseLoggerFactory(logging);

        await using (var setup = new SqliteAppDbContext(options.Options))
        {
            await setup.Database.MigrateAsync();
            setup.SenderCodes.Add(new SenderCode { Id = 1, Code = "55123", Name = "Race", CountryCode = "US", HelpText = "Help", CreatedUtc = DateTime.UtcNow });
            setup.Contacts.Add(new Contact { SenderCodeId = 1, Phone = "+14155550134", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });
            await setup.SaveChangesAsync();
        }

        entries.Clear();
        await using var db = new SqliteAppDbContext(options.Options);
        db.Contacts.Add(new Contact { SenderCodeId = 1, Phone = "+14155550134", CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow });

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Contains(entries, e => e.Category.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal) && e.Level == LogLevel.Debug);
        Assert.DoesNotContain(entries, e => e.Level >= LogLevel.Warning);
    }

    private sealed class Capture(List<(LogLevel, string)> entries) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(entries, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(List<(LogLevel, string)> entries, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (entries)
                {
                    entries.Add((logLevel, category));
                }
            }
        }
    }
}
