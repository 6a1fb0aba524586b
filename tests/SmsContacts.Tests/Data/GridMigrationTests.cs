using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data;

/// <summary>A database made before the grid's migrations, with contacts in it, comes out of them with its search index and counts filled.</summary>
public sealed class GridMigrationTests : IDisposable
{
    private const string Before = "20261126120326_ImportDateOrder";
    private readonly string _folder = Directory.CreateTempSubdirectory("grid-migration-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Migrating_AnExistingDatabase_FillsTheSearchIndexTheEmailBlocksAndTheCounts()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "old.db")}");
        await using var db = new SqliteAppDbContext(options.Options);
        await db.GetService<IMigrator>().MigrateAsync(Before);

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO SenderCodes (Id, Code, Name, CountryCode, HelpText, CreatedUtc) VALUES (1, '55123', 'Old', 'US', 'Help', '2026-01-01 00:00:00');
            INSERT INTO Lists (Id, SenderCodeId, Name, DoubleOptIn, CreatedUtc) VALUES (1, 1, 'VIP', 0, '2026-01-01 00:00:00'), (2, 1, 'Deals', 0, '2026-01-01 00:00:00');
            INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed, Email, CreatedUtc, UpdatedUtc, Version) VALUES
                (1, 1, '+14155550134', '', 'mary@example.com', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1),
                (2, 1, '+12125550199', '', NULL, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1),
                (3, 1, '+447911123456', '', 'Mark@example.org', '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1);
            INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, MarketingConsent, CartAbandonmentConsent) VALUES
                (1, 1, 1, '+14155550134', 0, '2026-01-02 00:00:00', 0, 1, 0),
                (1, 1, 2, '+14155550134', 0, '2026-01-02 00:00:00', 0, 1, 0),
                (1, 2, 1, '+12125550199', 0, '2026-01-03 00:00:00', 0, 1, 0),
                (1, 3, 2, '+447911123456', 0, '2026-01-04 00:00:00', 0, 1, 0);
            """);

        await db.Database.MigrateAsync();

        var counts = await db.SubscriptionCounts.AsNoTracking().OrderBy(c => c.ListId).ThenBy(c => c.HasEmail).ThenBy(c => c.Block)
            .Select(c => $"{c.ListId} {c.HasEmail} {c.Block} {c.Subscriptions}").ToListAsync();
        Assert.Equal(["1 False +1212 1", "1 True mary 1", "2 True Mark 1", "2 True mary 1"], counts);
        Assert.Equal(["mary", "mary", null, "Mark"], await db.Subscriptions.OrderBy(s => s.Id).Select(s => s.EmailBlock).ToListAsync());

        var found = await db.Database.SqlQueryRaw<long>($"SELECT rowid AS Value FROM {GridTriggers.SqlitePhoneSearchTable} WHERE {GridTriggers.SqlitePhoneSearchTable} MATCH '\"555\"'").ToListAsync();
        Assert.Equal([GridTriggers.RowidOf(1, 1), GridTriggers.RowidOf(1, 2), GridTriggers.RowidOf(1, 3)], found.Order());
        var inDeals = await db.Database.SqlQueryRaw<long>($"SELECT rowid AS Value FROM {GridTriggers.SqlitePhoneSearchTable} WHERE {GridTriggers.SqlitePhoneSearchTable} MATCH {{0}}", GridTriggers.SqliteMatch("555", 2)).ToListAsync();
        Assert.Equal([GridTriggers.RowidOf(1, 2)], inDeals);

        // And from now on the triggers keep them: a new subscription is counted at once.
        await db.Database.ExecuteSqlRawAsync("INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, MarketingConsent, CartAbandonmentConsent) VALUES (1, 3, 1, '+447911123456', 0, '2026-01-05 00:00:00', 0, 1, 0)");
        Assert.Equal(1, await db.SubscriptionCounts.Where(c => c.ListId == 1 && c.Block == "Mark").Select(c => c.Subscriptions).SingleAsync());
    }

    [Fact]
    public async Task Migrating_AnExistingDatabase_CountsItsSubscriptionsPerPhoneBlock_AndTheTriggersKeepThemFromThen()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "before-phone-blocks.db")}");
        await using var db = new SqliteAppDbContext(options.Options);
        await db.GetService<IMigrator>().MigrateAsync("20261201054227_AddSavedImportLayouts");

        string[] phones = ["+14155550134", "+14155550199", "+12125550199", "+447911123456"];
        // The numbers are the test's own constants (the guard on PhoneDigitsReversed wants them spelled backwards too).
        var rows = $"""
            INSERT INTO SenderCodes (Id, Code, Name, CountryCode, HelpText, CreatedUtc) VALUES (1, '55123', 'Old', 'US', 'Help', '2026-01-01 00:00:00');
            INSERT INTO Lists (Id, SenderCodeId, Name, DoubleOptIn, CreatedUtc) VALUES (1, 1, 'VIP', 0, '2026-01-01 00:00:00'), (2, 1, 'Deals', 0, '2026-01-01 00:00:00');
            INSERT INTO Contacts (Id, SenderCodeId, Phone, PhoneDigitsReversed, Email, CreatedUtc, UpdatedUtc, Version) VALUES
                {string.Join(",\n", phones.Select((p, i) => $"({i + 1}, 1, '{p}', '{ContactPhone.DigitsReversed(p)}', NULL, '2026-01-01 00:00:00', '2026-01-01 00:00:00', 1)"))};
            INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, MarketingConsent, CartAbandonmentConsent) VALUES
                (1, 1, 1, '+14155550134', 0, '2026-01-02 00:00:00', 0, 1, 0),
                (1, 1, 2, '+14155550134', 0, '2026-01-02 00:00:00', 0, 1, 0),
                (1, 2, 1, '+14155550199', 0, '2026-01-02 00:00:00', 0, 1, 0),
                (1, 3, 1, '+12125550199', 0, '2026-01-03 00:00:00', 0, 1, 0),
                (1, 4, 2, '+447911123456', 0, '2026-01-04 00:00:00', 0, 1, 0);
            """;
        await db.Database.ExecuteSqlRawAsync(rows);

        await db.Database.MigrateAsync();

        async Task<List<string>> CountsAsync() => await db.SubscriptionPhoneCounts.AsNoTracking().Where(c => c.Subscriptions != 0)
            .OrderBy(c => c.ListId).ThenBy(c => c.Block).Select(c => $"{c.ListId} {c.SenderCodeId} {c.Block} {c.Subscriptions}").ToListAsync();
        Assert.Equal(["1 1 +1212 1", "1 1 +1415 2", "2 1 +1415 1", "2 1 +4479 1"], await CountsAsync());

        // From now on the triggers keep them: a new subscription, one moved to the other list, one deleted.
        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, MarketingConsent, CartAbandonmentConsent) VALUES (1, 4, 1, '+447911123456', 0, '2026-01-05 00:00:00', 0, 1, 0);
            UPDATE Subscriptions SET ListId = 2 WHERE ContactId = 3;
            DELETE FROM Subscriptions WHERE ContactId = 2;
            """);
        Assert.Equal(["1 1 +1415 1", "1 1 +4479 1", "2 1 +1212 1", "2 1 +1415 1", "2 1 +4479 1"], await CountsAsync());
    }
}
