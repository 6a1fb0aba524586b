using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Tests.Data;

/// <summary>
/// One truth for the kept counts behind the SMS List Dashboard's links (Data/GridDateCounts): after every write path
/// (Single Contact through EF, keyword joins, Y, wrong replies, STOP and START through the inbound webhook, bulk imports that
/// subscribe, override or opt out, the demo seeder, Unsubscribe, Ban, a user's opt-back-in, a list deleted with its
/// subscriptions, a contact written opted out, a row changed by hand in SQL) SubscribeDateCounts and OptOutDateCounts equal
/// the rows counted afresh, bucket by bucket; and the windows the dashboard reads (generated ranges of days in UTC and in
/// zones whose days are not UTC days) equal counting the rows whose instant is in the window.
/// </summary>
public sealed class GridDateCountsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Zones = ["UTC", "America/New_York", "Asia/Kathmandu", "Australia/Lord_Howe", "Pacific/Chatham", "America/St_Johns"];
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private List<ContactList> _lists = null!;

    public async Task InitializeAsync()
    {
        _app.Clock.SetUtcNow(Start);
        _code = await _app.Data.SenderCodeAsync("55123");
        _lists =
        [
            await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN"),
            await _app.Data.ListAsync(_code.Id, "Promotions", false, "PROMOJOIN"),
            await _app.Data.ListAsync(_code.Id, "Deals", true, "DEALSJOIN"),
        ];
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryWritePath_KeepsTheCountsEqualToTheRows_AndEveryWindowEqualsItsRows(int seed)
    {
        var random = new Random(seed);
        var operations = new HashSet<string>();
        for (var step = 0; step < 160; step++)
        {
            // Minutes and seconds off the quarter hour, so events fall inside buckets and on their edges.
            _app.Clock.Advance(TimeSpan.FromSeconds(random.Next(1, 4 * 3600)));
            operations.Add(await RandomOperationAsync(random));
            if (step % 40 == 39)
            {
                await AssertCountsEqualRowsAsync(_app, $"seed {seed}, step {step}");
            }
        }

        Assert.True(operations.Count >= 12, string.Join(", ", operations));

        // By hand, as anyone with SQL may: a Subscribe Date moved, a list deleted with its subscriptions, a contact that
        // never had a list written opted out and removed again.
        await _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(
            "UPDATE Subscriptions SET SubscribedUtc = '2026-10-03 07:52:00' WHERE Id IN (SELECT Id FROM Subscriptions ORDER BY Id LIMIT 3)"));
        await _app.WithDbAsync(db => db.Lists.Where(l => l.Id == _lists[1].Id).ExecuteDeleteAsync());
        var loner = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(900), OptOutReason.CarrierDeactivation, new DateTime(2026, 11, 21, 23, 59, 59, DateTimeKind.Utc));
        await AssertCountsEqualRowsAsync(_app, $"seed {seed}, by hand");
        await _app.WithDbAsync(db => db.Contacts.Where(c => c.Id == loner.Id).ExecuteDeleteAsync());
        await AssertCountsEqualRowsAsync(_app, $"seed {seed}, contact deleted");

        await AssertWindowsEqualRowsAsync(_app, _code.Id, random, DateOnly.FromDateTime(Start.UtcDateTime).AddDays(-2), DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime).AddDays(1), 150);
    }

    [Fact]
    public async Task TheDemoSeeder_KeepsTheCountsEqualToTheRows()
    {
        await using var seeded = new AppFactory();
        await seeded.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(1_500, CancellationToken.None);
            return true;
        });

        await AssertCountsEqualRowsAsync(seeded, "demo data");
        var now = DateOnly.FromDateTime(seeded.Clock.GetUtcNow().UtcDateTime);
        foreach (var code in await seeded.WithDbAsync(db => db.SenderCodes.Select(s => s.Id).ToListAsync()))
        {
            await AssertWindowsEqualRowsAsync(seeded, code, new Random(code), now.AddDays(-800), now, 60);
        }
    }

    [Fact]
    public void Buckets_OfAWindow_CoverItExactlyOnce()
    {
        var random = new Random(11);
        var day0 = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < 2_000; i++)
        {
            var from = day0.AddMinutes(15 * random.Next(0, 96 * 40));
            var to = from.AddMinutes(15 * random.Next(0, 96 * 20));
            var buckets = DateBuckets.Of(from, to);

            // Every quarter hour of the window is in exactly one bucket, and none outside it.
            var covered = new List<DateTime>();
            for (var d = buckets.DaysFrom; d < buckets.DaysTo; d = d.AddDays(1))
            {
                Assert.Equal(TimeSpan.Zero, d.TimeOfDay);
                covered.AddRange(Enumerable.Range(0, 96).Select(q => d.AddMinutes(15 * q)));
            }

            foreach (var (a, b) in buckets.QuarterHours)
            {
                for (var q = a; q < b; q = q.AddMinutes(15))
                {
                    covered.Add(q);
                }
            }

            var expected = Enumerable.Range(0, (int)((to - from).TotalMinutes / 15)).Select(q => from.AddMinutes(15 * q)).ToList();
            Assert.Equal(expected, covered.Order().ToList());
        }

        Assert.Throws<ArgumentException>(() => DateBuckets.Of(day0.AddMinutes(7), day0.AddDays(1)));
    }

    private sealed record Snapshot(List<(int, int, int, DateTime, int)> Subscribed, List<(int, int, int, DateTime, int, int)> OptedOut)
    {
        public bool Equals(Snapshot? other) => other is not null && Subscribed.SequenceEqual(other.Subscribed) && OptedOut.SequenceEqual(other.OptedOut);

        public override int GetHashCode() => Subscribed.Count ^ OptedOut.Count;
    }

    private static async Task<Snapshot> SnapshotAsync(AppFactory app)
    {
        var subscribed = await app.WithDbAsync(db => db.SubscribeDateCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync());
        var optedOut = await app.WithDbAsync(db => db.OptOutDateCounts.AsNoTracking().Where(c => c.Count != 0).ToListAsync());
        return new(
            subscribed.Select(c => (c.SenderCodeId, c.ListId, c.BucketMinutes, c.BucketStartUtc, c.Count)).Order().ToList(),
            optedOut.Select(c => (c.SenderCodeId, c.ListId, c.BucketMinutes, c.BucketStartUtc, c.Reason, c.Count)).Order().ToList());
    }

    /// <summary>The counts, recomputed from Subscriptions, Contacts and ConsentEvents in C#, equal the kept ones (zero rows aside).</summary>
    private static async Task AssertCountsEqualRowsAsync(AppFactory app, string context)
    {
        // The grid's phone blocks and Subscribe Date days are kept by the same write paths (Data/GridTriggers, GridDayCounts); their truth is checked on the way.
        await KeptPhoneCounts.AssertEqualTheRowsAsync(app, context);
        await KeptDayCounts.AssertEqualTheRowsAsync(app, context);
        var kept = await SnapshotAsync(app);
        var (subscribed, optedOut) = await RowsAsync(app);
        var expectedSubscribed = new[] { ListActivity.DayMinutes, ListActivity.QuarterHourMinutes }
            .SelectMany(m => subscribed.GroupBy(s => (s.SenderCodeId, s.ListId, m, Bucket(s.At, m))).Select(g => (g.Key.SenderCodeId, g.Key.ListId, m, g.Key.Item4, g.Count())))
            .Order().ToList();
        Assert.True(expectedSubscribed.SequenceEqual(kept.Subscribed), $"{context}: subscriptions\n{Diff(expectedSubscribed, kept.Subscribed)}");
        var expectedOptedOut = new[] { ListActivity.DayMinutes, ListActivity.QuarterHourMinutes }
            .SelectMany(m => optedOut.GroupBy(o => (o.SenderCodeId, o.ListId, m, Bucket(o.At, m), o.Reason)).Select(g => (g.Key.SenderCodeId, g.Key.ListId, m, g.Key.Item4, g.Key.Reason, g.Count())))
            .Order().ToList();
        Assert.True(expectedOptedOut.SequenceEqual(kept.OptedOut), $"{context}: opted out\n{Diff(expectedOptedOut, kept.OptedOut)}");
    }

    private static string Diff<T>(IEnumerable<T> expected, IEnumerable<T> actual) =>
        $"missing: {string.Join("; ", expected.Except(actual).Take(5))}\nextra: {string.Join("; ", actual.Except(expected).Take(5))}";

    private sealed record Row(int SenderCodeId, int ListId, DateTime At, int Reason);

    /// <summary>
    /// The rows the grid counts, read plainly: every subscription (list, Subscribe Date), and every opted-out number (whole
    /// sender code, and each list its opt-out took it off: an opt-out or ban event of that list at its Opt-out Date).
    /// </summary>
    private static async Task<(List<Row> Subscribed, List<Row> OptedOut)> RowsAsync(AppFactory app)
    {
        var subscriptions = await app.WithDbAsync(db => db.Subscriptions.AsNoTracking().Select(s => new Row(s.SenderCodeId, s.ListId, s.SubscribedUtc, 0)).ToListAsync());
        var contacts = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.OptedOutUtc != null)
            .Select(c => new { c.Id, c.SenderCodeId, At = c.OptedOutUtc!.Value, Reason = (int?)c.OptOutReason ?? 0 }).ToListAsync());
        var events = await app.WithDbAsync(db => db.ConsentEvents.AsNoTracking()
            .Where(e => e.ListId != null && (e.Change == ConsentChanges.OptedOut || e.Change == ConsentChanges.Banned))
            .Select(e => new { e.ContactId, e.OccurredUtc, ListId = e.ListId!.Value }).ToListAsync());
        var left = events.ToLookup(e => (e.ContactId, e.OccurredUtc), e => e.ListId);
        var optedOut = contacts.Select(c => new Row(c.SenderCodeId, OptOutDateCount.AllLists, c.At, c.Reason))
            .Concat(contacts.SelectMany(c => left[(c.Id, c.At)].Distinct().Select(list => new Row(c.SenderCodeId, list, c.At, c.Reason))))
            .ToList();
        return (subscriptions, optedOut);
    }

    private static DateTime Bucket(DateTime at, int minutes) => minutes == ListActivity.DayMinutes
        ? at.Date
        : new DateTime(at.Year, at.Month, at.Day, at.Hour, at.Minute / 15 * 15, 0, DateTimeKind.Unspecified);

    /// <summary>
    /// Generated ranges of days in several zones (whose midnights are whole UTC days, whole hours, or quarter and half hours
    /// off them): what the dashboard reads from the kept counts equals the rows counted in the window, per list and reason.
    /// </summary>
    private static async Task AssertWindowsEqualRowsAsync(AppFactory app, int senderCodeId, Random random, DateOnly earliest, DateOnly latest, int windows)
    {
        var (subscribed, optedOut) = await RowsAsync(app);
        subscribed = subscribed.Where(r => r.SenderCodeId == senderCodeId).ToList();
        optedOut = optedOut.Where(r => r.SenderCodeId == senderCodeId).ToList();
        Assert.NotEmpty(subscribed);
        var span = latest.DayNumber - earliest.DayNumber;
        for (var i = 0; i < windows; i++)
        {
            var zone = TimeZones.Find(Zones[random.Next(Zones.Length)])!;
            var first = earliest.AddDays(random.Next(0, span + 1));
            var last = first.AddDays(random.Next(0, Math.Min(60, latest.DayNumber - first.DayNumber) + 1));
            var boundaries = LocalDays.Boundaries(first, last, zone);
            var (from, to) = (boundaries[0], boundaries[^1]);
            var context = $"{zone.Id} {first}..{last}";

            var counted = await app.WithServiceAsync<ContactRepository, Dictionary<int, int>>(r => r.CountSubscribedWithinAsync(senderCodeId, from, to, CancellationToken.None));
            var expected = subscribed.Where(r => r.At >= from && r.At < to).GroupBy(r => r.ListId).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(expected.OrderBy(e => e.Key).SequenceEqual(counted.Where(c => c.Value != 0).OrderBy(c => c.Key)), $"{context}: subscribed");

            var outCounted = await app.WithServiceAsync<ContactRepository, Dictionary<(int ListId, OptOutReason Reason), int>>(r => r.CountOptedOutWithinAsync(senderCodeId, from, to, CancellationToken.None));
            var outExpected = optedOut.Where(r => r.At >= from && r.At < to).GroupBy(r => (r.ListId, (OptOutReason)r.Reason)).ToDictionary(g => g.Key, g => g.Count());
            Assert.True(outExpected.OrderBy(e => e.Key).SequenceEqual(outCounted.Where(c => c.Value != 0).OrderBy(c => c.Key)), $"{context}: opted out");
        }
    }

    private async Task<string> RandomOperationAsync(Random random)
    {
        var phone = TestPhones.Us(random.Next(1, 40));
        var list = _lists[random.Next(_lists.Count)];
        switch (random.Next(24))
        {
            case < 5:
                await _app.TextAsync(phone, list.Name switch { "VIP" => "VIPJOIN", "Promotions" => "PROMOJOIN", _ => "DEALSJOIN" });
                return "keyword";
            case < 7:
                await _app.TextAsync(phone, "Y");
                return "confirm";
            case 7:
                await _app.TextAsync(phone, "maybe later");
                return "wrong reply";
            case < 10:
                await _app.TextAsync(phone, "STOP");
                return "STOP";
            case 10:
                await _app.TextAsync(phone, "START");
                return "START";
            case < 13:
                await WithConsentAsync(phone, (consent, contact) => consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.SingleContact), Actor));
                return "single contact";
            case < 15:
                await WithConsentAsync(phone, (consent, contact) => consent.Unsubscribe(contact, list, Actor));
                return "unsubscribe";
            case 15:
                await WithConsentAsync(phone, (consent, contact) => consent.Ban(contact, Actor));
                return "ban";
            case 16:
                await WithConsentAsync(phone, (consent, contact) => consent.OptOut(contact, OptOutReason.Manual, Actor));
                return "manual opt-out";
            case < 19:
                {
                    var numbers = Enumerable.Range(0, random.Next(1, 6)).Select(_ => TestPhones.Us(random.Next(1, 40))).Distinct();
                    var doubleOptIn = random.Next(3) == 0;
                    var overrideStatus = random.Next(3) == 0;
                    await QueuedImports.QueueAndRunAsync(_app, _code.Id, list, "Phone\n" + string.Join("\n", numbers) + "\n", ["phone"], i =>
                    {
                        i.Settings.StoreAsDoubleOptIn = doubleOptIn;
                        i.Settings.OverrideOptInStatus = overrideStatus;
                    });
                    return "import";
                }

            case 19:
                await using (var scope = _app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var optedOut = await db.Contacts.WithConsentState().Where(c => c.SenderCodeId == _code.Id && c.OptedOutUtc != null && c.OptOutReason != OptOutReason.Banned)
                        .OrderBy(c => c.Id).ToListAsync();
                    if (optedOut.Count > 0 && optedOut[random.Next(optedOut.Count)] is var contact)
                    {
                        scope.ServiceProvider.GetRequiredService<ContactConsent>().OptBackIn(contact, Actor);
                        await db.SaveChangesAsync();
                    }
                }

                return "opt back in";
            case 20:
                await _app.TextAsync(TestPhones.Us(random.Next(200, 260)), "STOP");
                return "STOP from an unknown number";
            default:
                await QueuedImports.QueueAndRunAsync(_app, _code.Id, null, $"Phone\n{phone}\n{TestPhones.Us(random.Next(1, 40))}\n", ["phone"], i => i.Settings.Action = ImportAction.OptOut);
                return "opt-out import";
        }
    }

    private static ConsentActor Actor => new(ConsentSource.UserAction, "user-1", "marketer@example.com");

    private Task WithConsentAsync(string phone, Action<ContactConsent, Contact> change) => _app.Data.ConsentChangeAsync(_code.Id, phone, change);
}
