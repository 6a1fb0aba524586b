using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data;

/// <summary>
/// PhoneDigitsReversed has one rule (Domain/ContactPhone) that every writer uses, and the database holds every writer to
/// it: the C# rule, the bulk writers' allocation-free form and the database's own expression agree on every number, a
/// row that breaks the rule is refused, and the migration fills the rows written before the bulk writers stored it.
/// </summary>
public sealed class ContactPhoneGuardTests
{
    /// <summary>2,000 generated E.164 numbers of every length (8 to 15 digits).</summary>
    public static IEnumerable<long> Numbers()
    {
        var random = new Random(20261130);
        for (var i = 0; i < 2_000; i++)
        {
            var digits = random.Next(8, 16);
            var first = random.NextInt64(1, 10);
            var rest = digits == 1 ? 0 : random.NextInt64(0, (long)Math.Pow(10, digits - 1));
            yield return first * (long)Math.Pow(10, digits - 1) + rest;
        }
    }

    [Fact]
    public async Task TheRule_ItsBulkForm_AndTheDatabasesExpression_AgreeOnEveryNumber()
    {
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT {ContactPhoneGuard.SqliteDigitsReversed("@phone")}";
        var phone = select.Parameters.Add(new SqliteParameter("@phone", ""));
        var buffer = new byte[20];
        foreach (var number in Numbers())
        {
            var e164 = "+" + number.ToString(CultureInfo.InvariantCulture);
            var expected = new string(number.ToString(CultureInfo.InvariantCulture).Reverse().ToArray());

            Assert.Equal(expected, ContactPhone.DigitsReversed(e164));
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(buffer, 0, ContactPhone.WriteDigitsReversed(number, buffer)));
            Assert.Equal(expected, new Contact { Phone = e164 }.PhoneDigitsReversed);
            phone.Value = e164;
            Assert.Equal(expected, (string?)await select.ExecuteScalarAsync());
        }
    }

    [Fact]
    public async Task TheDatabase_RefusesAContactWhoseReversedDigitsAreMissingOrWrong()
    {
        await using var app = new AppFactory();
        var code = await app.Data.SenderCodeAsync();
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(app.DataDirectory, "smscontacts.db")}");
        await connection.OpenAsync();

        Task<int> InsertAsync(string phone, string reversed) => RunAsync(connection,
            "INSERT INTO Contacts (SenderCodeId, Phone, PhoneDigitsReversed, CreatedUtc, UpdatedUtc, Version) VALUES (@code, @phone, @reversed, '2026-01-01', '2026-01-01', 0)",
            ("@code", code.Id), ("@phone", phone), ("@reversed", reversed));

        Assert.Contains("PhoneDigitsReversed", (await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(TestPhones.Us(1), ""))).Message);
        Assert.Contains("PhoneDigitsReversed", (await Assert.ThrowsAsync<SqliteException>(() => InsertAsync(TestPhones.Us(1), "0000002121"))).Message);
        Assert.Equal(1, await InsertAsync(TestPhones.Us(1), ContactPhone.DigitsReversed(TestPhones.Us(1))));

        Assert.Contains("PhoneDigitsReversed", (await Assert.ThrowsAsync<SqliteException>(() =>
            RunAsync(connection, "UPDATE Contacts SET Phone = @phone", ("@phone", TestPhones.Us(2))))).Message);
        Assert.Equal(1, await RunAsync(connection, "UPDATE Contacts SET Phone = @phone, PhoneDigitsReversed = @reversed",
            ("@phone", TestPhones.Us(2)), ("@reversed", ContactPhone.DigitsReversed(TestPhones.Us(2)))));
        Assert.Equal(1, await RunAsync(connection, "UPDATE Contacts SET FirstName = 'Ann'"));
    }

    [Fact]
    public async Task TheMigration_FillsContactsStoredWithoutTheirReversedDigits()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "migrate-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var connectionString = $"Data Source={Path.Combine(folder, "old.db")}";
        try
        {
            var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
            DatabaseSetup.ConfigureSqlite(options, connectionString);
            await using (var db = new SqliteAppDbContext(options.Options))
            {
                var migrations = db.Database.GetMigrations().ToList();
                var guard = migrations.FindIndex(m => m.EndsWith("_FillAndGuardPhoneDigitsReversed", StringComparison.Ordinal));
                await db.GetService<IMigrator>().MigrateAsync(migrations[guard - 1]);
            }

            // What the bulk writers used to store: the column's default, an empty string.
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await RunAsync(connection, "INSERT INTO SenderCodes (Code, Name, CountryCode, HelpText, CreatedUtc) VALUES ('55123', 'Acme', 'US', '', '2026-01-01')");
                for (var n = 1; n <= 3; n++)
                {
                    await RunAsync(connection, "INSERT INTO Contacts (SenderCodeId, Phone, CreatedUtc, UpdatedUtc, Version) VALUES (1, @phone, '2026-01-01', '2026-01-01', 0)", ("@phone", TestPhones.Us(n)));
                }
            }

            await using (var db = new SqliteAppDbContext(options.Options))
            {
                await db.Database.MigrateAsync();
                var stored = await db.Contacts.AsNoTracking().OrderBy(c => c.Phone).Select(c => new { c.Phone, c.PhoneDigitsReversed }).ToListAsync();
                Assert.Equal(3, stored.Count);
                Assert.All(stored, c => Assert.Equal(ContactPhone.DigitsReversed(c.Phone), c.PhoneDigitsReversed));
                var triggers = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'Contacts'").ToListAsync();
                Assert.Contains(ContactPhoneGuard.SqliteInsertTrigger, triggers);
                Assert.Contains(ContactPhoneGuard.SqliteUpdateTrigger, triggers);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> RunAsync(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteNonQueryAsync();
    }
}
