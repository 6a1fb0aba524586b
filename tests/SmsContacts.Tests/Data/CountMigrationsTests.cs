using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The migrations EmailBlockCountsByPhoneLead and SubscribeDayCounts (SQLite): a database at the migration
/// before them (the schema of git 2c58fd5) holding data, migrated forward, must hold exact counts; both migrations' Down
/// must work and leave the old counts exact and kept; and Up again must be exact.
/// </summary>
public sealed class CountMigrationsTests : IDisposable
{
    private const string Before = "20261202162925_ListActivityCoveringIndex";
    private readonly string _folder = Directory.CreateTempSubdirectory("count-migrations-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    private DbContextOptions<SqliteAppDbContext> Options()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "old.db")}");
        return options.Options;
    }

    private static readonly DateTime Day = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);

    private async Task AddContactsAsync(int senderCodeId, List<int> lists, int from, int count)
    {
        await using var db = new SqliteAppDbContext(Options());
        for (var i = from; i < from + count; i++)
        {
            var phone = (i % 3) switch { 0 => $"+1212555{i:D4}", 1 => $"+447700{i:D6}", _ => $"+1415555{i:D4}" };
            var contact = new Contact { SenderCodeId = senderCodeId, Phone = phone, Email = i % 4 == 0 ? null : $"m{i}@example.com", CreatedUtc = Day, UpdatedUtc = Day, Version = 1 };
            foreach (var list in lists.Where((_, k) => (i + k) % 2 == 0 || k == 0))
            {
                contact.Subscriptions.Add(new Subscription
                {
                    SenderCodeId = senderCodeId,
                    ListId = list,
                    Phone = phone,
                    Status = SubscriptionStatus.Active,
                    SubscribedUtc = (i % 3) switch { 0 => Day.AddDays(i % 5), 1 => Day.AddDays(i % 5).AddTicks(-1), _ => Day.AddHours(i) },
                    Method = SubscribeMethod.Import,
                    MarketingConsent = true,
                });
            }

            db.Contacts.Add(contact);
        }

        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task AnOldDatabaseWithData_MigratedForwardDownAndUp_KeepsExactCounts()
    {
        int code;
        List<int> lists;
        await using (var db = new SqliteAppDbContext(Options()))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
            db.SenderCodes.Add(new SenderCode { Code = "55123", Name = "Old", CountryCode = "US", HelpText = "Help", CreatedUtc = Day });
            await db.SaveChangesAsync();
            code = await db.SenderCodes.Select(s => s.Id).SingleAsync();
            db.Lists.AddRange(new ContactList { SenderCodeId = code, Name = "VIP" }, new ContactList { SenderCodeId = code, Name = "Deals" });
            await db.SaveChangesAsync();
            lists = await db.Lists.OrderBy(l => l.Id).Select(l => l.Id).ToListAsync();
        }

        await AddContactsAsync(code, lists, 0, 90);

        // Forward: both migrations.
        await using (var db = new SqliteAppDbContext(Options()))
        {
            await db.Database.MigrateAsync();
        }

        await AssertExactAsync("migrated forward", withLeads: true, withDays: true);
        await AddContactsAsync(code, lists, 90, 30);
        await AssertExactAsync("EF inserts after the migration", withLeads: true, withDays: true);

        // Down both, back to the schema before them.
        await using (var db = new SqliteAppDbContext(Options()))
        {
            await db.GetService<IMigrator>().MigrateAsync(Before);
        }

        await AssertExactAsync("both migrations' Down", withLeads: false, withDays: false);

        // The old triggers keep the old counts.
        await using (var db = new SqliteAppDbContext(Options()))
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Contacts SET Email = 'zz' || Email WHERE Id % 3 = 0");
            await db.Database.ExecuteSqlRawAsync("DELETE FROM Subscriptions WHERE Id % 7 = 0");
        }

        await AssertExactAsync("writes after Down", withLeads: false, withDays: false);

        // Up again.
        await using (var db = new SqliteAppDbContext(Options()))
        {
            await db.Database.MigrateAsync();
        }

        await AssertExactAsync("Up again", withLeads: true, withDays: true);
    }

    private async Task AssertExactAsync(string after, bool withLeads, bool withDays)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "old.db")}");
        await connection.OpenAsync();
        var lead = withLeads ? ", PhoneLead" : "";
        var leadOfRow = withLeads ? ", substr(s.Phone, 1, 3)" : "";
        var drift = await RowsAsync(connection, $"""
            SELECT ListId, HasEmail, Block{lead}, SUM(n) FROM (
                SELECT ListId, HasEmail, Block{lead}, Subscriptions AS n FROM SubscriptionCounts
                UNION ALL
                SELECT s.ListId, c.Email IS NOT NULL, COALESCE(substr(c.Email, 1, 4), substr(s.Phone, 1, 5)){leadOfRow}, -1
                FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId)
            GROUP BY ListId, HasEmail, Block{lead} HAVING SUM(n) <> 0
            """);
        Assert.True(drift.Count == 0, $"After {after}, email block counts differ: {string.Join("; ", drift)}");

        var tables = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'SubscribeDayCounts'");
        Assert.True(withDays == (tables.Count == 1), $"After {after}, SubscribeDayCounts {(tables.Count == 1 ? "exists" : "is missing")}");
        if (withDays)
        {
            var days = await RowsAsync(connection, """
                SELECT ListId, DayUtc, PhoneLead, SUM(n) FROM (
                    SELECT ListId, DayUtc, PhoneLead, Subscriptions AS n FROM SubscribeDayCounts
                    UNION ALL
                    SELECT s.ListId, substr(s.SubscribedUtc, 1, 10) || ' 00:00:00', substr(s.Phone, 1, 4), -1 FROM Subscriptions AS s)
                GROUP BY ListId, DayUtc, PhoneLead HAVING SUM(n) <> 0
                """);
            Assert.True(days.Count == 0, $"After {after}, day counts differ: {string.Join("; ", days)}");
        }

        // Each trigger the model names on Subscriptions and Contacts exists exactly when its migration says.
        var triggers = await RowsAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
        foreach (var name in new[] { GridTriggers.SubscriptionsCountInsert, GridTriggers.SubscriptionsCountUpdate, GridTriggers.SubscriptionsCountDelete, GridTriggers.ContactsEmailBlock })
        {
            Assert.True(triggers.Contains(name), $"After {after}, trigger {name} is missing: {string.Join(",", triggers)}");
        }

        foreach (var name in new[] { GridDayCountsSql.SubscriptionsInsert, GridDayCountsSql.SubscriptionsUpdate, GridDayCountsSql.SubscriptionsDelete })
        {
            Assert.True(withDays == triggers.Contains(name), $"After {after}, trigger {name}: {string.Join(",", triggers)}");
        }
    }

    private static async Task<List<string>> RowsAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : reader.GetValue(i).ToString())));
        }

        return rows;
    }
}
