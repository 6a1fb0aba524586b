using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Data;

/// <summary>
/// What the grid reads besides the tables (the phone search index, Subscriptions.EmailBlock, SubscriptionCounts,
/// SubscriptionPhoneCounts) is kept by database triggers, so no writer can leave it behind. Every writer runs here in
/// turn, on one database, and after each the four are checked against the tables themselves: EF (single contacts,
/// consent changes, profile edits, deletes), the bulk import (add, update with new emails, overwrite with blanks,
/// opt-out), the demo seeder, inbound texts (keyword join, STOP, START), and rows changed by hand in SQL.
/// </summary>
public sealed class GridIndexWritersTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _texters = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _texters = await _app.Data.ListAsync(_code.Id, "Texters", false, "JOIN");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryWriter_KeepsTheSearchIndexTheEmailBlocksAndTheCountsRight()
    {
        var at = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);

        // EF: contacts in every state, with and without email.
        for (var i = 0; i < 20; i++)
        {
            await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(i), at, i % 3 == 0 ? null : $"mary{i}@example.com", SubscriptionStatus.Active, i % 2 == 0 ? [_vip, _texters] : [_vip]);
        }

        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(100), OptOutReason.StopKeyword, at, "out@example.com");
        await _app.Data.OtherAsync(_code.Id, TestPhones.Us(101), "maybe", at);
        await AssertConsistentAsync("EF inserts");

        // EF: a new email (another block), a removed one, an unsubscribe, an opt-out, a ban, an opt back in.
        await WithConsentAsync(async (db, consent) =>
        {
            var contacts = await db.Contacts.WithConsentState().Where(c => c.SenderCodeId == _code.Id).OrderBy(c => c.Id).ToListAsync();
            var lists = await db.Lists.ToDictionaryAsync(l => l.Id);
            var actor = new ConsentActor(ConsentSource.UserAction, UserName: "test");
            contacts[1].Email = "zed@example.com";
            contacts[2].Email = null;
            contacts[3].Email = "ZED.3@example.com";
            consent.Unsubscribe(contacts[4], lists[_texters.Id], actor);
            consent.OptOut(contacts[5], OptOutReason.Manual, actor);
            consent.Ban(contacts[6], actor);
            await db.SaveChangesAsync();
            consent.OptBackIn(contacts[5], actor);
            await db.SaveChangesAsync();
        });
        await AssertConsistentAsync("EF edits and consent changes");

        // The bulk import: new numbers and existing ones with new emails, then an overwrite that blanks some, then an opt-out.
        var driver = await ImportDriver.StartAsync(_app, _code);
        var rows = Enumerable.Range(0, 12).Select(i => $"{TestPhones.Us(i)},{(i % 4 == 0 ? "" : $"alice{i}@example.com")}")
            .Concat(Enumerable.Range(200, 30).Select(i => $"{TestPhones.Us(i)},{(i % 5 == 0 ? "" : $"jo{i}@example.org")}"));
        await driver.ImportAsync("Phone,Email\n" + string.Join("\n", rows), ImportDriver.Settings(_vip.Id));
        await AssertConsistentAsync("import, add or update");

        var blanks = Enumerable.Range(200, 10).Select(i => $"{TestPhones.Us(i)},{(i % 2 == 0 ? "" : "Bob@example.com")}");
        await driver.ImportAsync("Phone,Email\n" + string.Join("\n", blanks), ImportDriver.Settings(_vip.Id, ImportAction.UpdateExisting, FieldUpdateMode.Overwrite));
        await AssertConsistentAsync("import, update existing, overwrite");

        var optOuts = Enumerable.Range(205, 10).Select(TestPhones.Us).Append(TestPhones.Us(300));
        await driver.ImportAsync("Phone\n" + string.Join("\n", optOuts), ImportDriver.Settings(_vip.Id, ImportAction.OptOut));
        await AssertConsistentAsync("import, opt out");

        // The demo seeder's prepared INSERTs.
        await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(300, CancellationToken.None);
            return true;
        });
        await AssertConsistentAsync("demo seeder");

        // Inbound texts: a keyword join from a new number, STOP and START from known ones.
        await _app.TextAsync(TestPhones.Us(400), "JOIN");
        await _app.TextAsync(TestPhones.Us(7), "STOP");
        await _app.TextAsync(TestPhones.Us(9), "STOP");
        await _app.TextAsync(TestPhones.Us(9), "START");
        await AssertConsistentAsync("inbound texts");

        // Changes the app does not make, which the triggers must survive all the same: a subscription moved to another
        // number (another area code) and to another list by hand, a contact deleted, then a list.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE Subscriptions SET Phone = '+19175550100' WHERE Id = (SELECT MIN(Id) FROM Subscriptions WHERE SenderCodeId = {0} AND Phone NOT LIKE '+1917%')", _code.Id));
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""
            UPDATE Subscriptions SET ListId = {1} WHERE Id = (
                SELECT MIN(s.Id) FROM Subscriptions AS s WHERE s.ListId = {0}
                AND NOT EXISTS (SELECT 1 FROM Subscriptions AS t WHERE t.ContactId = s.ContactId AND t.ListId = {1}))
            """, _vip.Id, _texters.Id));
        await AssertConsistentAsync("a subscription's number and list changed by hand");

        // Deletes the app does not do today: a contact, then a list.
        await _app.WithDbAsync(async db =>
        {
            var contact = await db.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.SenderCodeId == _code.Id && c.Phone == TestPhones.Us(10));
            db.Contacts.Remove(contact);
            await db.SaveChangesAsync();
        });
        await AssertConsistentAsync("a contact deleted");
        await _app.WithDbAsync(db => db.Lists.Where(l => l.Id == _texters.Id).ExecuteDeleteAsync());
        await AssertConsistentAsync("a list deleted");
    }

    private async Task WithConsentAsync(Func<AppDbContext, ContactConsent, Task> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<ContactConsent>());
    }

    private async Task AssertConsistentAsync(string after)
    {
        await KeptPhoneCounts.AssertEqualTheRowsAsync(_app, after);
        await KeptDayCounts.AssertEqualTheRowsAsync(_app, after);
        await AssertSearchIndexAndEmailCountsAsync(after);
    }

    private Task AssertSearchIndexAndEmailCountsAsync(string after) => _app.WithDbAsync(async db =>
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        // Counts: the table minus a fresh count from the subscriptions and their contacts' current emails.
        var drift = await RowsAsync(connection, """
            SELECT ListId, HasEmail, Block, PhoneLead, SUM(n) FROM (
                SELECT ListId, HasEmail, Block, PhoneLead, Subscriptions AS n FROM SubscriptionCounts
                UNION ALL
                SELECT s.ListId, c.Email IS NOT NULL, COALESCE(substr(c.Email, 1, 4), substr(s.Phone, 1, 5)), substr(s.Phone, 1, 3), -1
                FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId)
            GROUP BY ListId, HasEmail, Block, PhoneLead HAVING SUM(n) <> 0
            """);
        Assert.True(drift.Count == 0, $"After {after}, counts differ: {string.Join("; ", drift)}");

        var blocks = await RowsAsync(connection, """
            SELECT s.Id, s.EmailBlock, c.Email FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId
            WHERE s.EmailBlock IS NOT substr(c.Email, 1, 4)
            """);
        Assert.True(blocks.Count == 0, $"After {after}, email blocks differ: {string.Join("; ", blocks)}");

        // The search index: every subscription found by its number's digits and by pieces of them, and nothing
        // else; in its sender code's scope and its list's.
        var subscriptions = await db.Subscriptions.AsNoTracking().Select(s => new { s.Id, s.Phone, s.ListId, s.SenderCodeId }).ToListAsync();
        var random = new Random(subscriptions.Count);
        var pieces = subscriptions.Select(s => s.Phone[1..]).Concat(subscriptions.Take(60).Select(s =>
        {
            var start = random.Next(1, s.Phone.Length - 3);
            return s.Phone.Substring(start, random.Next(3, s.Phone.Length - start + 1));
        })).Concat(["000", "212", "555"]).Distinct().ToList();
        foreach (var digits in pieces)
        {
            var table = GridTriggers.SqlitePhoneSearchTable;
            foreach (var (match, expected) in new[]
            {
                ($"Phone : \"{digits}\"", subscriptions.Where(s => s.Phone.Contains(digits, StringComparison.Ordinal))),
                (GridTriggers.SqliteMatch(digits, _vip.Id), subscriptions.Where(s => s.ListId == _vip.Id && s.Phone.Contains(digits, StringComparison.Ordinal))),
            })
            {
                // The rowid carries the sender code above the subscription id.
                var found = (await RowsAsync(connection, $"SELECT rowid FROM {table} WHERE {table} MATCH '{match.Replace("'", "''", StringComparison.Ordinal)}'"))
                    .Select(r => long.Parse(r, System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
                var want = expected.Select(s => GridTriggers.RowidOf(s.SenderCodeId, s.Id)).Order().ToList();
                Assert.True(want.SequenceEqual(found), $"After {after}, the search index finds [{string.Join(",", found)}] for {match}, expected [{string.Join(",", want)}]");
            }
        }

        return true;
    });

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
