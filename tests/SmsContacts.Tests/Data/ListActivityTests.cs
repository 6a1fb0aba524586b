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
