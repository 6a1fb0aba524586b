using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Features.ListDashboard;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Data;

/// <summary>
/// ListActivity, the dashboard's counts, is the consent history counted: the trigger agrees with the rules read in C#
/// for every opt-out reason, the demo seeder's data (also with an event target) and the migrations' fills (of a history
/// written before opt-outs recorded one event per list, and of hours from quarter hours), bucket by bucket at each level.
/// </summary>
public sealed class ListActivityTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _deals = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _deals = await _app.Data.ListAsync(_code.Id, "Deals", true);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryOptOutReason_IsCountedAsThatReason_OnEachListItTakesTheNumberOff()
    {
        var n = 0;
        foreach (var reason in Enum.GetValues<OptOutReason>())
        {
            var phone = TestPhones.Us(++n);
            await InScopeAsync(async (db, consent) =>
            {
                var contact = db.Contacts.Add(new Contact { SenderCodeId = _code.Id, Phone = phone, CreatedUtc = Now, UpdatedUtc = Now }).Entity;
                consent.Subscribe(contact, _vip, new SubscriptionRequest(SubscribeMethod.Form), Actor);
                consent.Subscribe(contact, _deals, new SubscriptionRequest(SubscribeMethod.Api, Pending: true), Actor);
                await db.SaveChangesAsync();
                await db.LoadConsentStateAsync(contact, CancellationToken.None);
                consent.OptOut(contact, reason, Actor);
                await db.SaveChangesAsync();
            });
        }

        var left = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.Kind == ListActivityKind.Left).ToListAsync());
        foreach (var reason in Enum.GetValues<OptOutReason>())
        {
            Assert.Equal(2, left.Where(a => a.Detail == (int)reason).Sum(a => a.Count));
        }

        Assert.DoesNotContain(left, a => a.Detail == ListActivityDetail.NotRecorded);
        var joined = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.Kind == ListActivityKind.Joined).ToListAsync());
        Assert.Equal((5, 5), (joined.Where(a => a.Detail == (int)SubscribeMethod.Form).Sum(a => a.Count), joined.Where(a => a.Detail == (int)SubscribeMethod.Api).Sum(a => a.Count)));
        await AssertMatchesHistoryAndSubscriptionsAsync();
    }

    [Fact]
    public async Task TheDemoSeeder_WritesAHistoryThatReplaysToItsSubscriptions()
    {
        await using var seeded = new AppFactory();
        await seeded.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(2_000, CancellationToken.None);
            return true;
        });

        await AssertMatchesHistoryAndSubscriptionsAsync(seeded);

        // No event before its contact existed, none in the future; opt-outs and joins of many kinds.
        var now = seeded.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(0, await seeded.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.OccurredUtc < e.Contact!.CreatedUtc || e.OccurredUtc > now)));
        var kinds = await seeded.WithDbAsync(db => db.ListActivity.Select(a => new { a.Kind, a.Detail }).Distinct().CountAsync());
        Assert.True(kinds >= 10, $"{kinds} kinds of list activity");
    }

    /// <summary>
    /// `seed-demo --events N` (the bench's way to 3,000,000 consent events at 1,000,000 contacts): the main sender code ends
    /// with about N events, its stories still replay to its subscriptions, and the data checker finds nothing wrong.
    /// </summary>
    [Fact]
    public async Task TheDemoSeeder_WithAnEventTarget_WritesThatMany_AndTheyStillReplayToItsSubscriptions()
    {
        await using var seeded = new AppFactory();
        await seeded.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(1_000, 3_000, CancellationToken.None);
            return true;
        });

        var events = await seeded.WithDbAsync(db => db.ConsentEvents.CountAsync(e => db.SenderCodes.Any(s => s.Id == e.SenderCodeId && s.Code == DemoSeeder.DemoSenderCode)));
        Assert.InRange(events, 2_990, 3_040);
        await AssertMatchesHistoryAndSubscriptionsAsync(seeded);
        var findings = await seeded.WithServiceAsync<DataChecker, IReadOnlyList<DataFinding>>(checker => checker.CheckAsync(CancellationToken.None));
        Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.Rule}: {f.Count}")));
    }

    /// <summary>
    /// A history as it was stored before this version: an opt-out wrote only the sender code's event. The migration's fill
    /// finds the lists each opt-out took the number off (and not again for a ban that follows an opt-out).
    /// </summary>
    [Fact]
    public async Task TheMigrationsFill_OfALegacyHistory_SplitsEachOptOutIntoTheListsItLeft()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "smscontacts.db")}");
        await connection.OpenAsync();
        await Run(connection, $"DROP TRIGGER {ListActivitySql.SqliteTrigger};");
        var day = new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc);
        var contacts = new List<long>();
        foreach (var n in Enumerable.Range(1, 4))
        {
            var contact = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(n), OptOutReason.StopKeyword, day);
            contacts.Add(contact.Id);
        }

        // 1: VIP and Deals (pending), then STOP. 2: VIP, STOP, START (back on VIP), STOP again. 3: VIP, STOP, then banned.
        // 4: never on a list, STOP.
        var events = new List<(long Contact, int Minute, string Change, ContactList? List, string Before, string After)>
        {
            (contacts[0], 0, "Subscribed", _vip, "Not subscribed", "Subscribed"),
            (contacts[0], 1, "Pending confirmation", _deals, "Not subscribed", "Pending"),
            (contacts[0], 2, "Opted out", null, "Subscribed", "Opted out (STOP keyword)"),
            (contacts[1], 0, "Subscribed", _vip, "Not subscribed", "Subscribed"),
            (contacts[1], 1, "Opted out", null, "Subscribed", "Opted out (StopKeyword)"),
            (contacts[1], 2, "Resubscribed", _vip, "Opted out", "Subscribed"),
            (contacts[1], 2, "Opted back in", null, "Opted out (STOP keyword)", "Subscribed"),
            (contacts[1], 3, "Opted out", null, "Subscribed", "Opted out (Carrier deactivation)"),
            (contacts[2], 0, "Subscribed", _vip, "Not subscribed", "Subscribed"),
            (contacts[2], 1, "Opted out", null, "Subscribed", "Opted out (STOP keyword)"),
            (contacts[2], 2, "Banned", null, "Opted out (STOP keyword)", "Banned"),
            (contacts[3], 0, "Opted out", null, "Not subscribed", "Opted out (STOP keyword)"),
        };
        foreach (var e in events)
        {
            await Run(connection, """
                INSERT INTO ConsentEvents (SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source)
                VALUES (@code, @contact, '+1', @at, @change, @list, @name, @before, @after, 2)
                """, ("@code", _code.Id), ("@contact", e.Contact), ("@at", day.AddMinutes(e.Minute)), ("@change", e.Change), ("@list", e.List?.Id), ("@name", e.List?.Name), ("@before", e.Before), ("@after", e.After));
        }

        await Run(connection, "DELETE FROM ListActivity;");
        foreach (var statement in ListActivitySql.SqliteStatements.Concat(ListActivitySql.SqliteHourlyStatements))
        {
            await Run(connection, statement);
        }

        var left = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.DayMinutes && a.Kind == ListActivityKind.Left)
            .Select(a => new { a.ListId, a.Detail, a.Count, a.PendingDelta }).OrderBy(a => a.ListId).ThenBy(a => a.Detail).ToListAsync());
        Assert.Equal(
            [
                new { ListId = _vip.Id, Detail = (int)OptOutReason.CarrierDeactivation, Count = 1, PendingDelta = 0 },
                new { ListId = _vip.Id, Detail = (int)OptOutReason.StopKeyword, Count = 3, PendingDelta = 0 },
                new { ListId = _deals.Id, Detail = (int)OptOutReason.StopKeyword, Count = 1, PendingDelta = -1 },
            ],
            left);
        var quarterHours = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.QuarterHourMinutes).SumAsync(a => a.Count));
        var hours = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.HourMinutes).SumAsync(a => a.Count));
        var days = await _app.WithDbAsync(db => db.ListActivity.Where(a => a.BucketMinutes == ListActivity.DayMinutes).SumAsync(a => a.Count));
        Assert.Equal((days, days), (hours, quarterHours));

        // And the trigger is back for what comes next.
        Assert.Equal(1L, await Scalar(connection, $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND name = '{ListActivitySql.SqliteTrigger}'"));
    }

    /// <summary>
    /// The migration AddHourlyListActivity on a database whose counts were kept by the trigger of days and quarter hours:
    /// its hours, filled from the quarter hours, are what the new trigger would have kept, and the new trigger keeps all
    /// three levels from then on (and its Down gives the old trigger back).
    /// </summary>
    [Fact]
    public async Task TheHourlyMigration_FillsEveryHour_AsTheTriggerKeepsThem()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "smscontacts.db")}");
        await connection.OpenAsync();
        foreach (var statement in ListActivitySql.SqliteHourlyDownStatements)
        {
            await Run(connection, statement);
        }

        // Events at several hours and quarter hours of two days, kept by the old trigger (no hour rows).
        var phones = new List<string>();
        for (var n = 1; n <= 12; n++)
        {
            _app.Clock.Advance(TimeSpan.FromMinutes(97));
            phones.Add(TestPhones.Us(n));
            await _app.Data.ConsentChangeAsync(_code.Id, TestPhones.Us(n), (consent, contact) => consent.Subscribe(contact, n % 2 == 0 ? _vip : _deals, new SubscriptionRequest(SubscribeMethod.Form, Pending: n % 3 == 0), Actor));
            if (n % 4 == 0)
            {
                _app.Clock.Advance(TimeSpan.FromMinutes(7));
                await _app.Data.ConsentChangeAsync(_code.Id, TestPhones.Us(n - 1), (consent, contact) => consent.OptOut(contact, OptOutReason.Manual, Actor));
            }
        }

        Assert.Equal(0L, await Scalar(connection, $"SELECT COUNT(*) FROM ListActivity WHERE BucketMinutes = {ListActivity.HourMinutes}"));
        foreach (var statement in ListActivitySql.SqliteHourlyStatements)
        {
            await Run(connection, statement);
        }

        await AssertMatchesHistoryAndSubscriptionsAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(50));
        await _app.Data.ConsentChangeAsync(_code.Id, phones[0], (consent, contact) => consent.Unsubscribe(contact, _deals, Actor));
        await _app.Data.ConsentChangeAsync(_code.Id, phones[1], (consent, contact) => consent.OptOut(contact, OptOutReason.StopKeyword, Actor));
        await AssertMatchesHistoryAndSubscriptionsAsync();
    }

    /// <summary>
    /// Per list, kind and bucket of each level (UTC day, hour, quarter hour): the trigger's counts equal the history read in
    /// C#; and what they say is on the list is what the Subscriptions table holds.
    /// </summary>
    private Task AssertMatchesHistoryAndSubscriptionsAsync() => AssertMatchesHistoryAndSubscriptionsAsync(_app);

    private static async Task AssertMatchesHistoryAndSubscriptionsAsync(AppFactory app)
    {
        var events = await app.WithDbAsync(db => db.ConsentEvents.AsNoTracking().ToListAsync());
        var activity = await app.WithDbAsync(db => db.ListActivity.AsNoTracking().ToListAsync());
        var counted = events.Select(ListActivityRules.Classify).OfType<ListActivityRules.Counted>().ToList();
        foreach (var minutes in new[] { ListActivity.DayMinutes, ListActivity.HourMinutes, ListActivity.QuarterHourMinutes })
        {
            var expected = counted.GroupBy(c => (c.ListId, Start: ListActivityRules.BucketStart(c.OccurredUtc, minutes), c.Kind, c.Detail))
                .Select(g => (g.Key, Count: g.Count(), Pending: g.Sum(c => c.PendingDelta))).OrderBy(e => e.Key).ToList();
            var actual = activity.Where(a => a.BucketMinutes == minutes)
                .Select(a => ((a.ListId, Start: a.BucketStartUtc, a.Kind, a.Detail), a.Count, Pending: a.PendingDelta)).OrderBy(e => e.Item1).ToList();
            Assert.True(expected.SequenceEqual(actual), $"{minutes}-minute buckets: expected {expected.Count} rows, kept {actual.Count}; first differences: "
                + string.Join("; ", expected.Except(actual).Take(3)) + " / " + string.Join("; ", actual.Except(expected).Take(3)));
        }

        var subscriptions = await app.WithDbAsync(db => db.Subscriptions.GroupBy(s => s.ListId)
            .Select(g => new { ListId = g.Key, On = g.Count(), Pending = g.Count(s => s.Status == SubscriptionStatus.Pending) }).ToListAsync());
        var lists = await app.WithDbAsync(db => db.Lists.Select(l => l.Id).ToListAsync());
        foreach (var list in lists)
        {
            var balance = ListActivityRules.At(events, [list], DateTime.MaxValue);
            var stored = subscriptions.SingleOrDefault(s => s.ListId == list);
            Assert.True((stored?.On ?? 0, stored?.Pending ?? 0) == (balance.OnList, balance.Pending), $"list {list}: stored {stored}, history {balance}");
        }
    }

    private DateTime Now => _app.Clock.GetUtcNow().UtcDateTime;

    private static ConsentActor Actor => new(ConsentSource.UserAction, "u", "admin@example.com");

    private async Task InScopeAsync(Func<AppDbContext, ContactConsent, Task> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<ContactConsent>());
    }

    private static async Task Run(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> Scalar(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
