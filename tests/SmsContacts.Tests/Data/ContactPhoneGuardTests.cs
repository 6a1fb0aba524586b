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
