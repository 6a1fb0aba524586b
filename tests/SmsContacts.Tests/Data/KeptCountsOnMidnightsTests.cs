using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The kept counts (SubscribeDayCounts, SubscriptionCounts by lead): writers on midnights and one tick before,
/// UK and Irish numbers, an import's opt-out and its undo, STOP and START, a Subscribe Date moved across midnight, a
/// number moved to another lead, a subscription moved to another list and a list deleted; after each, both tables equal
/// the rows counted afresh.
/// </summary>
public sealed class KeptCountsOnMidnightsTests : IAsyncLifetime
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

    private static string Phone(int i) => (i % 3) switch
    {
        0 => $"+1212555{i:D4}",
        1 => $"+447700{i:D6}",
        _ => $"+35385{i:D7}",
    };

    [Fact]
    public async Task EveryWriter_OnMidnights_KeepsTheDayAndLeadCountsExact()
    {
        var midnight = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 24; i++)
        {
            var at = i % 2 == 0 ? midnight.AddDays(i % 4) : midnight.AddDays(i % 4).AddTicks(-1);
            await _app.Data.SubscribedAsync(_code.Id, Phone(i), at, i % 3 == 0 ? null : $"k{i}@example.com", SubscriptionStatus.Active, i % 2 == 0 ? [_vip, _texters] : [_vip]);
        }

        await AssertExactAsync("EF inserts");

        // An opt-out import at a midnight, then its undo.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero));
        var driver = await ImportDriver.StartAsync(_app, _code);
        var optOut = await driver.ImportAsync("Phone\n" + string.Join("\n", Enumerable.Range(0, 12).Select(Phone)), ImportDriver.Settings(_vip.Id, ImportAction.OptOut));
        await AssertExactAsync("an opt-out import");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ImportUndoRuns.UndoAsync(_app, optOut.Id, confirmedAgreedAgain: true);
        await AssertExactAsync("the opt-out import undone");

        // An add import one tick before midnight, then its undo.
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero).AddTicks(-1));
        driver = await ImportDriver.StartAsync(_app, _code);
        var added = await driver.ImportAsync("Phone,Email\n" + string.Join("\n", Enumerable.Range(100, 15).Select(i => $"{Phone(i)},n{i}@example.org")), ImportDriver.Settings(_texters.Id));
        await AssertExactAsync("an add import");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await ImportUndoRuns.UndoAsync(_app, added.Id);
        await AssertExactAsync("the add import undone");

        // Inbound texts.
        await _app.TextAsync(Phone(200), "JOIN");
        await _app.TextAsync(Phone(3), "STOP");
        await _app.TextAsync(Phone(3), "START");
        await AssertExactAsync("inbound texts");

        // EF: a Subscribe Date moved across midnight, a number moved to another lead, a subscription to another list.
        await _app.WithDbAsync(async db =>
        {
            var subscriptions = await db.Subscriptions.Where(s => s.SenderCodeId == _code.Id).OrderBy(s => s.Id).ToListAsync();
            subscriptions[0].SubscribedUtc = subscriptions[0].SubscribedUtc.AddTicks(-1);
            subscriptions[1].SubscribedUtc = subscriptions[1].SubscribedUtc.AddTicks(1);
            subscriptions[2].Phone = "+353851234567";
            var moving = subscriptions.First(s => s.ListId == _vip.Id && !subscriptions.Any(t => t.ContactId == s.ContactId && t.ListId == _texters.Id));
            moving.ListId = _texters.Id;
            await db.SaveChangesAsync();
            return true;
        });
        await AssertExactAsync("EF moves");

        // SQL: a contact's email changed, a list deleted.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE Contacts SET Email = 'zz' || COALESCE(Email, 'none@example.com') WHERE SenderCodeId = {0}", _code.Id));
        await AssertExactAsync("emails changed by SQL");
        await _app.WithDbAsync(db => db.Lists.Where(l => l.Id == _texters.Id).ExecuteDeleteAsync());
        await AssertExactAsync("a list deleted");
    }

    private async Task AssertExactAsync(string after)
    {
        await KeptDayCounts.AssertEqualTheRowsAsync(_app, after);
        await KeptPhoneCounts.AssertEqualTheRowsAsync(_app, after);
        var drift = await _app.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = """
                SELECT ListId, HasEmail, Block, PhoneLead, SUM(n) FROM (
                    SELECT ListId, HasEmail, Block, PhoneLead, Subscriptions AS n FROM SubscriptionCounts
                    UNION ALL
                    SELECT s.ListId, c.Email IS NOT NULL, COALESCE(substr(c.Email, 1, 4), substr(s.Phone, 1, 5)), substr(s.Phone, 1, 3), -1
                    FROM Subscriptions AS s JOIN Contacts AS c ON c.Id = s.ContactId)
                GROUP BY ListId, HasEmail, Block, PhoneLead HAVING SUM(n) <> 0
                """;
            await using var reader = await command.ExecuteReaderAsync();
            var rows = new List<string>();
            while (await reader.ReadAsync())
            {
                rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i).ToString())));
            }

            return rows;
        });
        Assert.True(drift.Count == 0, $"After {after}, email block counts differ: {string.Join("; ", drift)}");
    }
}
