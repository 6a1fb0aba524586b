using System.Globalization;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// The SMS List Dashboard counts the user's own days. Consent changes are placed a second, a minute, a quarter hour and an
/// hour either side of local midnights (and on days clocks change: 23 and 25 hours in New York, Chatham's +13:45/+12:45,
/// Lord Howe's half-hour change); a user who picked the zone then reads, for several ranges and lists:
/// - every link's number equals the grid's total at that link, and both equal the rows counted straight from the database
///   between the local days' first instants (so the grid filters the same local days, not UTC's);
/// - the new subscriptions and opt-outs, and every day of the three charts' CSVs, equal the consent history counted
///   event by event in that zone.
/// Generated histories (random changes at random instants, many on local midnights) compare the kept counts' answer with a
/// direct count over the consent events for random zones and ranges.
/// </summary>
public sealed class ListDashboardZoneTests(SharedApp shared) : IClassFixture<SharedApp>
{
    private static readonly TimeSpan[] NearMidnight =
    [
        TimeSpan.FromMinutes(-61), TimeSpan.FromMinutes(-15), TimeSpan.FromSeconds(-1), TimeSpan.Zero,
        TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(59), TimeSpan.FromMinutes(45), TimeSpan.FromMinutes(60),
    ];

    private static ConsentActor Actor => new(ConsentSource.UserAction, "user-1", "marketer@example.com");

    /// <summary>
    /// The app's clock only moves forward and the class shares it, so each test places its changes after wherever the
    /// clock is: on the next two days, and on the zone's next two clock changes (the day before, the day, the day after).
    /// </summary>
    [Theory]
    [InlineData("UTC", false)]
    [InlineData("America/New_York", true)]
    [InlineData("Asia/Kolkata", false)]
    [InlineData("Asia/Kathmandu", false)]
    [InlineData("Pacific/Chatham", true)]
    public async Task InTheUsersZone_EveryNumber_IsTheGridsAtItsLink_AndTheHistorysDayByDay(string zoneId, bool changesClocks)
    {
        var zone = TimeZones.Find(zoneId)!;
        var after = shared.App.Clock.GetUtcNow().UtcDateTime.AddDays(2);
        var days = new List<DateOnly> { LocalDays.DayOf(after, zone), LocalDays.DayOf(after, zone).AddDays(1) };
        var instant = Instant.FromDateTimeUtc(after);
        for (var change = 0; change < 2 && zone.GetZoneInterval(instant) is { HasEnd: true } interval && interval.End < instant.Plus(Duration.FromDays(400)); change++)
        {
            var day = interval.End.InZone(zone).Date.ToDateOnly();
            days.AddRange([day.AddDays(-1), day, day.AddDays(1)]);
            instant = interval.End;
        }

        days = days.Distinct().Order().ToList();
        var lengths = days.Select(d => LocalDays.StartUtc(d.AddDays(1), zone) - LocalDays.StartUtc(d, zone)).ToList();
        Assert.Equal(changesClocks, lengths.Any(l => l != TimeSpan.FromHours(24)));
        var code = await shared.NewSenderCodeAsync();
        var vip = await shared.App.Data.ListAsync(code.Id, "VIP");
        var deals = await shared.App.Data.ListAsync(code.Id, "Deals", true);

        // The changes, in time order, around each day's first instant (and the next day's: the end of a 23- or 25-hour day).
        var instants = days.SelectMany(d => new[] { d, d.AddDays(1) }).Distinct()
            .SelectMany(d => NearMidnight.Select(o => LocalDays.StartUtc(d, zone) + o)).Distinct().Order().ToList();
        var history = new History(shared.App, code.Id, vip, deals);
        for (var k = 0; k < instants.Count; k++)
        {
            shared.App.Clock.SetUtcNow(new DateTimeOffset(instants[k], TimeSpan.Zero));
            await history.StepAsync(k);
        }

        // Looked at two days later, at 18:20 UTC: already the next day in Kathmandu and Chatham, not yet in New York.
        var now = new DateTimeOffset(instants[^1].Date.AddDays(2).AddHours(18).AddMinutes(20), TimeSpan.Zero);
        shared.App.Clock.SetUtcNow(now);
        var email = shared.NewEmail("zone");
        var password = await shared.App.Data.UserAsync(email, UserRole.Marketer, senderCodeIds: [code.Id]);
        using var client = await shared.SignInAsync(code, email, password);
        var picked = await client.PostWithTokenAsync("/account/time-zone", new() { ["timeZoneId"] = zoneId }, "/account/time-zone");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, picked.StatusCode);

        var events = await shared.App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.SenderCodeId == code.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.True(events.Count > instants.Count, $"{events.Count} events for {instants.Count} changes");
        var ranges = days.Select(d => (d, d)).Append((days[0].AddDays(-1), days[^1].AddDays(1))).Append((days[0], days[1])).ToList();
        foreach (var (first, last) in ranges)
        {
            foreach (var list in new int?[] { null, vip.Id, deals.Id })
            {
                var query = $"range=custom&from={first:yyyy-MM-dd}&to={last:yyyy-MM-dd}{(list is null ? "" : $"&list={list}")}";
                var where = $"{zoneId} {query}";
                var page = await client.GetPageAsync($"{ListDashboardController.Path}?{query}");
                Assert.Contains($"Days are {LocalDays.Name(zone)} days.", page.QuerySelector("#range-words")!.TextContent);

                // Each link: the grid's total there, and the rows themselves between the local days' first instants.
                var (from, to) = (LocalDays.StartUtc(first, zone), LocalDays.StartUtc(last.AddDays(1), zone));
                var links = page.QuerySelectorAll("a[data-tile=new], a[data-tile=opt-outs], #lists-table a[data-cell=new], #lists-table a[data-cell=opt-outs], a[data-reason]").ToList();
                Assert.True(links.Count >= 4, where);
                foreach (var link in links)
                {
                    var href = link.GetAttribute("href")!;
                    var shown = Number(link.TextContent);
                    Assert.True(shown == await ListDashboardTruthTests.GridTotalAsync(client, href), $"{where}: {link.TextContent.Trim()} at {href} is not the grid's");
                    Assert.True(shown == await RowsAsync(code.Id, href, zone, from, to), $"{where}: {link.TextContent.Trim()} at {href} is not the rows of those local days");
                }

                // The flows and the charts' days: the history counted event by event in the zone.
                var ids = list is { } only ? [only] : new List<int> { vip.Id, deals.Id };
                // Past 92 days (the range across both clock changes) the charts count weeks from the first day.
                var periodDays = last.DayNumber - first.DayNumber + 1 > DashboardRange.MaxDailyDays ? 7 : 1;
                var expected = ListActivityRules.Flows(events, ids, first, last, zone, periodDays);
                Assert.Equal(expected.TotalJoined, Flow(page, "new"));
                Assert.Equal(expected.TotalOptedOut, Flow(page, "opt-outs"));
                await AssertCsvAsync(client, $"new.csv?{query}", expected.Joined.ToDictionary(j => JoinCategories.Words(j.Key), j => j.Value), first, last, periodDays, where);
                await AssertCsvAsync(client, $"left.csv?{query}", expected.Left.ToDictionary(l => LeaveCategories.Words(l.Key), l => l.Value), first, last, periodDays, where);
                var boundaries = LocalDays.Boundaries(first, last, zone);
                var endOfPeriod = Enumerable.Range(1, boundaries.Length - 1).Where(i => i % periodDays == 0 || i == boundaries.Length - 1)
                    .Select(i => ListActivityRules.At(events, ids, boundaries[i])).ToList();
                await AssertCsvAsync(client, $"subscribers.csv?{query}", new Dictionary<string, long[]>
                {
                    ["Subscribers"] = endOfPeriod.Select(b => b.OnList).ToArray(),
                    ["Of them pending double opt-in"] = endOfPeriod.Select(b => b.Pending).ToArray(),
                }, first, last, periodDays, where);
            }
        }

        // "Today" is the user's.
        var today = LocalDays.DayOf(now.UtcDateTime, zone);
        var week = await client.GetPageAsync($"{ListDashboardController.Path}?range=7");
        Assert.Contains($"{ListDashboardModel.Long(today.AddDays(-6))} – {ListDashboardModel.Long(today)}", week.QuerySelector("#range-words")!.TextContent);
    }

    /// <summary>
    /// Generated histories: random consent changes at random instants over two months (from the next February 20 the
    /// shared clock has not passed) that hold New York's, Europe's, Chatham's and Lord Howe's clock changes, a third of
    /// them on some zone's local midnight; then random zones (those
    /// above, and any the app offers) and random ranges: what the dashboard reads from the kept counts equals the consent
    /// events counted one by one, every day of every flow, the subscribers at the start, at each day's end and now.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task GeneratedHistories_InRandomZonesAndRanges_TheKeptCountsEqualTheEvents(int seed)
    {
        var random = new Random(seed);
        var code = await shared.NewSenderCodeAsync();
        var vip = await shared.App.Data.ListAsync(code.Id, "VIP");
        var deals = await shared.App.Data.ListAsync(code.Id, "Deals", true);
        string[] named = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham", "Australia/Lord_Howe", "Europe/London", "America/St_Johns"];
        var zones = named.Concat(Enumerable.Range(0, 8).Select(_ => TimeZones.Choices[random.Next(TimeZones.Choices.Count)])).Select(id => TimeZones.Find(id)!).ToList();

        var clock = shared.App.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(clock.Year + 1, 2, 20, 0, 0, 0, DateTimeKind.Utc);
        var instants = Enumerable.Range(0, 260).Select(_ =>
        {
            if (random.Next(3) == 0)
            {
                var zone = zones[random.Next(zones.Count)];
                var day = DateOnly.FromDateTime(start).AddDays(random.Next(1, 59));
                return LocalDays.StartUtc(day, zone).AddSeconds(random.Next(-2, 2) * random.Next(0, 4000));
            }

            return start.AddSeconds(random.NextInt64(0, 60L * 24 * 3600));
        }).Order().ToList();
        var history = new History(shared.App, code.Id, vip, deals);
        foreach (var (instant, k) in instants.Select((t, k) => (t, k)))
        {
            shared.App.Clock.SetUtcNow(new DateTimeOffset(instant, TimeSpan.Zero));
            await history.StepAsync(random.Next(12) + (12 * k));
        }

        var now = start.AddDays(70);
        shared.App.Clock.SetUtcNow(new DateTimeOffset(now, TimeSpan.Zero));
        var events = await shared.App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.SenderCodeId == code.Id).OrderBy(e => e.Id).ToListAsync());
        Assert.True(events.Count > instants.Count, $"{events.Count} events for {instants.Count} changes");
        for (var i = 0; i < 40; i++)
        {
            var zone = zones[random.Next(zones.Count)];
            var first = DateOnly.FromDateTime(start).AddDays(random.Next(-3, 62));
            var last = first.AddDays(random.Next(0, 3) == 0 ? 0 : random.Next(0, 40));
            int? list = random.Next(3) switch { 0 => null, 1 => vip.Id, _ => deals.Id };
            var ids = list is { } only ? [only] : new List<int> { vip.Id, deals.Id };

            // Days, or weeks (as a long range's charts count them), or runs of 2 or 3 days: any period is read as a day is.
            var periodDays = random.Next(4) switch { 0 or 1 => 1, 2 => 7, _ => random.Next(2, 4) };
            var where = $"seed {seed}, {zone.Id} {first}..{last} by {periodDays} days, list {list}";

            var report = await shared.App.WithServiceAsync<ListHealth, ListHealthReport>(h => h.ReadAsync(code.Id, list, first, last, periodDays, zone, now, CancellationToken.None));
            var expected = ListActivityRules.Flows(events, ids, first, last, zone, periodDays);
            foreach (var (category, values) in expected.Joined)
            {
                Assert.True(values.SequenceEqual(report.Scope.Flows.Joined[category]), $"{where}: joined {category}: [{string.Join(",", values)}] vs [{string.Join(",", report.Scope.Flows.Joined[category])}]");
            }

            foreach (var (category, values) in expected.Left)
            {
                Assert.True(values.SequenceEqual(report.Scope.Flows.Left[category]), $"{where}: left {category}: [{string.Join(",", values)}] vs [{string.Join(",", report.Scope.Flows.Left[category])}]");
            }

            var boundaries = LocalDays.Boundaries(first, last, zone);
            Assert.True(ListActivityRules.At(events, ids, boundaries[0]) == report.Scope.AtStart, $"{where}: at the start");
            var days = last.DayNumber - first.DayNumber + 1;
            Assert.Equal((days + periodDays - 1) / periodDays, report.Periods.Count);
            for (var period = 0; period < report.Periods.Count; period++)
            {
                var end = Math.Min((period + 1) * periodDays, days);
                Assert.Equal((first.AddDays(period * periodDays), first.AddDays(end - 1)), (report.Periods[period].First, report.Periods[period].Last));
                Assert.True(ListActivityRules.At(events, ids, boundaries[end]) == report.Scope.EndOfPeriod[period], $"{where}: end of period {period}");
            }

            Assert.True(ListActivityRules.At(events, ids, DateTime.MaxValue) == report.Scope.Now, $"{where}: now");
        }
    }

    /// <summary>Every instant on a quarter hour of a day: the signed buckets of its edge cover [midnight, it) exactly once.</summary>
    [Fact]
    public void ADaysEdge_IsEveryQuarterHourBeforeIt_ExactlyOnce()
    {
        var midnight = new DateTime(2026, 3, 8, 0, 0, 0, DateTimeKind.Utc);
        for (var q = 0; q < 96; q++)
        {
            var edge = midnight.AddMinutes(15 * q);
            var covered = new int[96];
            foreach (var bucket in DayEdge.Before(edge))
            {
                Assert.True(bucket.StartUtc >= midnight && bucket.StartUtc < midnight.AddDays(1), $"{edge:t}: {bucket}");
                var firstQuarter = (int)(bucket.StartUtc - midnight).TotalMinutes / 15;
                for (var k = 0; k < bucket.Minutes / 15; k++)
                {
                    covered[firstQuarter + k] += bucket.Sign;
                }
            }

            Assert.Equal(Enumerable.Range(0, 96).Select(k => k < q ? 1 : 0), covered);
            Assert.True(DayEdge.Before(edge).Count(b => b.Minutes != ListActivity.DayMinutes) <= 13, $"{edge:t}");
        }

        Assert.Throws<ArgumentException>(() => DayEdge.Before(midnight.AddMinutes(20)));
    }

    [Fact]
    public void ACustomRangeBeforeDaysCanBeCounted_StartsOnTheFirstCountedDay_AndSaysSo()
    {
        var range = DashboardRange.From(new ListDashboardRequest { Range = "custom", From = "1960-05-01", To = "1960-05-03" }, new DateOnly(2026, 11, 25));
        Assert.Equal((LocalDays.QuarterHourDaysFrom, LocalDays.QuarterHourDaysFrom), (range.First, range.Last));
        Assert.Contains("Days before 1980-01-01 are not counted", range.Note);
    }

    /// <summary>The rows a link of the dashboard opens, counted straight from the tables between the instants given.</summary>
    private async Task<long> RowsAsync(int senderCodeId, string href, DateTimeZone zone, DateTime from, DateTime to)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri("http://x" + href).Query);
        int? list = query.TryGetValue("list", out var l) ? int.Parse(l!, CultureInfo.InvariantCulture) : null;
        OptOutReason? reason = query.TryGetValue("reason", out var r) ? Enum.Parse<OptOutReason>(r!) : null;
        Assert.Equal((LocalDays.DayOf(from, zone), LocalDays.DayOf(to.AddTicks(-1), zone)), (Day(query["from"]), Day(query["to"])));
        return query["tab"] == "opted-out"
            ? await shared.App.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == senderCodeId && c.OptedOutUtc >= from && c.OptedOutUtc < to
                && (reason == null || c.OptOutReason == reason)
                && (list == null || db.ConsentEvents.Any(e => e.ContactId == c.Id && e.ListId == list && e.OccurredUtc == c.OptedOutUtc
                    && (e.Change == ConsentChanges.OptedOut || e.Change == ConsentChanges.Banned)))))
            : await shared.App.WithDbAsync(db => db.Subscriptions.CountAsync(s => s.SenderCodeId == senderCodeId && s.SubscribedUtc >= from && s.SubscribedUtc < to
                && (list == null || s.ListId == list)));
    }

    /// <summary>
    /// A chart's CSV: one row per local day from <paramref name="first"/> ("Date"), or per run of seven days ("From", "To",
    /// the last run ending at <paramref name="last"/>), and a column for each series with anything in it.
    /// </summary>
    private static async Task AssertCsvAsync(TestClient client, string path, Dictionary<string, long[]> expected, DateOnly first, DateOnly last, int periodDays, string where)
    {
        var csv = await (await client.GetAsync($"{ListDashboardController.Path}/{path}")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
        var header = lines[0];
        Assert.Equal(periodDays == 1 ? ["Date"] : ["From", "To"], header.Take(periodDays == 1 ? 1 : 2));
        var days = expected.Values.First().Length;
        Assert.Equal(days + 1, lines.Count);
        for (var d = 0; d < days; d++)
        {
            var from = first.AddDays(d * periodDays);
            var to = new[] { from.AddDays(periodDays - 1), last }.Min();
            Assert.Equal(periodDays == 1 ? [Iso(from)] : [Iso(from), Iso(to)], lines[d + 1].Take(periodDays == 1 ? 1 : 2));
        }

        foreach (var (name, values) in expected)
        {
            var column = Array.IndexOf(header, name.Contains(',') ? $"\"{name}\"" : name);
            var shown = column < 0 ? new long[days] : lines.Skip(1).Select(row => long.Parse(row[column], CultureInfo.InvariantCulture)).ToArray();
            Assert.True(values.SequenceEqual(shown), $"{where}: {path} {name}: expected [{string.Join(",", values)}], shown [{string.Join(",", shown)}]");
        }
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string? text) => DateOnly.ParseExact(text!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Flow(IDocument page, string flow) => Number(page.QuerySelector($"[data-flow={flow}]")!.TextContent);

    private static long Number(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    /// <summary>
    /// Consent changes through the app's own rules (ContactConsent, saved as the app saves them), one per step at least, by
    /// the number's state and the step: numbers on no list join VIP (Single Contact), Deals (pending double opt-in, API) or
    /// both (Import, Form); numbers on lists text STOP, are taken off a list, confirm Deals, join the other list, are opted
    /// out by a user or banned; opted-out numbers are opted back in by a user. 29 numbers take turns; a banned one leaves the turn.
    /// </summary>
    private sealed class History(AppFactory app, int senderCodeId, ContactList vip, ContactList deals)
    {
        private readonly HashSet<int> _banned = [];
        private int _next;

        public async Task StepAsync(int step)
        {
            int n;
            do
            {
                n = 1 + (_next++ * 17 % 29);
            }
            while (_banned.Contains(n));

            var banned = false;
            await app.Data.ConsentChangeAsync(senderCodeId, TestPhones.Us(n), (consent, contact) =>
            {
                if (contact.IsOptedOut)
                {
                    consent.OptBackIn(contact, Actor);
                    return;
                }

                var on = contact.Subscriptions;
                if (on.Count == 0)
                {
                    switch (step % 4)
                    {
                        case 0: consent.Subscribe(contact, vip, new SubscriptionRequest(SubscribeMethod.SingleContact), Actor); break;
                        case 1: consent.Subscribe(contact, deals, new SubscriptionRequest(SubscribeMethod.Keyword, Pending: true), Actor); break;
                        case 2:
                            consent.Subscribe(contact, vip, new SubscriptionRequest(SubscribeMethod.Import), Actor);
                            consent.Subscribe(contact, deals, new SubscriptionRequest(SubscribeMethod.Form), Actor);
                            break;
                        default: consent.Subscribe(contact, deals, new SubscriptionRequest(SubscribeMethod.Api), Actor); break;
                    }

                    return;
                }

                var other = on.Any(x => x.ListId == vip.Id) ? on.Any(x => x.ListId == deals.Id) ? null : deals : vip;
                switch (step % 8)
                {
                    case 1 or 6:
                        consent.Unsubscribe(contact, on[0].ListId == vip.Id ? vip : deals, Actor);
                        break;
                    case 2 when on.Any(x => x.Status == SubscriptionStatus.Pending):
                        consent.Confirm(contact, [vip, deals], Actor);
                        break;
                    case 3:
                        consent.OptOut(contact, OptOutReason.Manual, Actor);
                        break;
                    case 4 when step % 3 == 0:
                        consent.Ban(contact, Actor);
                        banned = true;
                        break;
                    case 5 when other is not null:
                        consent.Subscribe(contact, other, new SubscriptionRequest(SubscribeMethod.SingleContact), Actor);
                        break;
                    default:
                        consent.OptOut(contact, OptOutReason.StopKeyword, Actor);
                        break;
                }
            });
            if (banned)
            {
                _banned.Add(n);
            }
        }
    }
}
