using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data;

/// <summary>
/// Upgrading a database from before sender codes were assigned: each Marketer keeps the one sender code they last
/// worked in (so nobody is locked out), and gets no other; admins need no rows (they use every code).
/// </summary>
public sealed class UserSenderCodesMigrationTests : IDisposable
{
    private const string Before = "20261201020850_AddExportHeartbeatAndRetry";
    private readonly string _folder = Directory.CreateTempSubdirectory("user-sender-codes-migration-").FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Migrating_GivesEachMarketerTheirLastSenderCode_AndNothingElse()
    {
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Path.Combine(_folder, "old.db")}");
        await using var db = new SqliteAppDbContext(options.Options);
        await db.GetService<IMigrator>().MigrateAsync(Before);

        await db.Database.ExecuteSqlRawAsync("""
            INSERT INTO SenderCodes (Id, Code, Name, CountryCode, HelpText, CreatedUtc) VALUES (1, '55123', 'A', 'US', 'Help', '2026-01-01 00:00:00'), (2, '78900', 'B', 'US', 'Help', '2026-01-01 00:00:00');
            INSERT INTO AspNetRoles (Id, Name, NormalizedName) VALUES ('r-admin', 'Admin', 'ADMIN'), ('r-marketer', 'Marketer', 'MARKETER');
            INSERT INTO AspNetUsers (Id, DisplayName, IsDisabled, SelectedSenderCodeId, CreatedUtc, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) VALUES
                ('admin', 'Admin', 0, 1, '2026-01-01 00:00:00', 1, 0, 0, 1, 0),
                ('in-b', 'Worked in B', 0, 2, '2026-01-01 00:00:00', 1, 0, 0, 1, 0),
                ('never-picked', 'Never picked', 0, NULL, '2026-01-01 00:00:00', 1, 0, 0, 1, 0);
            INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ('admin', 'r-admin'), ('in-b', 'r-marketer'), ('never-picked', 'r-marketer');
            """);

        await db.Database.MigrateAsync();

        var rows = await db.UserSenderCodes.AsNoTracking().OrderBy(u => u.UserId).Select(u => $"{u.UserId} {u.SenderCodeId}").ToListAsync();
        Assert.Equal(["in-b 2"], rows);
    }
}
