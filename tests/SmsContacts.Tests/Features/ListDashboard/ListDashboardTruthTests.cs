using System.Globalization;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// The SMS List Dashboard tells the truth. Generated histories (keyword joins, Y and wrong replies, STOP and START,
/// Single Contact, Unsubscribe, Ban, a user's opt-back-in, imports that subscribe and imports that opt out, an admin's Undo import
/// of either (which takes off lists what the import added, and never re-subscribes), over simulated days on the app's
/// clock, through the app's own paths) are checked three ways:
/// - the subscribers of every day's end, per list and for All Lists, equal what the Contacts tab counted at that moment
///   (and the Pending ones, what its Pending filter counted);
/// - every flow of every day (new by method, left by reason) equals the history replayed in C# (<see cref="ListActivityRules"/>),
///   for several ranges, in UTC and in zones whose days are not UTC days (New York, Kolkata, Kathmandu at +5:45, Chatham);
/// - the page's tiles and links: Subscribed now, Pending and Other Contacts equal the grid's totals at their links.
/// </summary>
public sealed class ListDashboardTruthTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private List<ContactList> _lists = null!;
    private TestClient _client = null!;

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
        _client = await _app.SignInAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    private sealed record Snapshot(Dictionary<int, long> OnList, Dictionary<int, long> Pending);

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task EveryDay_EveryList_EqualsTheGridAndTheHistory(int seed)
    {
        var random = new Random(seed);
        const int days = 9;
        var snapshots = new List<Snapshot>();
        for (var day = 0; day < days; day++)
        {
            var steps = random.Next(8, 16);
            for (var step = 0; step < steps; step++)
            {
                _app.Clock.Advance(TimeSpan.FromMinutes(random.Next(5, 23 * 60 / steps)));
                await RandomOperationAsync(random);
            }

            snapshots.Add(await GridSnapshotAsync());
            _app.Clock.SetUtcNow(Start.AddDays(day + 1));
        }

        var first = DateOnly.FromDateTime(Start.UtcDateTime);
        var events = await _app.WithDbAsync(db => db.ConsentEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
        var context = $"seed {seed}, {events.Count} events";

        // Not a vacuous history: numbers came by several methods and left by several reasons.
        var counted = events.Select(ListActivityRules.Classify).OfType<ListActivityRules.Counted>().ToList();
        Assert.True(counted.Where(c => c.Kind == ListActivityKind.Joined).Select(c => c.Detail).Distinct().Count() >= 3, context);
        Assert.True(counted.Where(c => c.Kind == ListActivityKind.Left).Select(c => c.Detail).Distinct().Count() >= 3, context);
        Assert.Contains(events, e => e.Change == "Resubscribed" && e.Source == ConsentSource.UserAction);
        Assert.Contains(events, e => e.Change == ConsentChanges.ImportUndone && e.StateBefore != e.StateAfter);

        // The subscribers at each day's end are what the grid counted then, per list and for All Lists.
        foreach (var list in _lists.Select(l => (int?)l.Id).Append(null))
        {
            var report = await ReadAsync(list, first, first.AddDays(days - 1), NodaTime.DateTimeZone.Utc);
            for (var day = 0; day < days; day++)
            {
                var key = list ?? 0;
                Assert.True(
                    (snapshots[day].OnList[key], snapshots[day].Pending[key]) == (report.Scope.EndOfPeriod[day].OnList, report.Scope.EndOfPeriod[day].Pending),
                    $"{context}: list {key}, day {day}: grid {snapshots[day].OnList[key]}/{snapshots[day].Pending[key]}, dashboard {report.Scope.EndOfPeriod[day]}");
            }

            Assert.Equal((snapshots[^1].OnList[list ?? 0], snapshots[^1].Pending[list ?? 0]), (report.Scope.Now.OnList, report.Scope.Now.Pending));
        }

        // Every flow of every day equals the history read in C#, for several ranges (one before any data), lists and zones.
        var ranges = new[] { (first, first.AddDays(days - 1)), (first.AddDays(2), first.AddDays(4)), (first.AddDays(5), first.AddDays(5)), (first.AddDays(-10), first.AddDays(1)) };
        var zones = new[] { "UTC", "America/New_York", "Asia/Kathmandu", "Asia/Kolkata", "Pacific/Chatham" }.Select(id => TimeZones.Find(id)!).ToList();
        foreach (var zone in zones)
        {
            foreach (var (from, to) in ranges)
            {
                foreach (var list in _lists.Select(l => (int?)l.Id).Append(null))
                {
                    var ids = list is { } only ? [only] : _lists.Select(l => l.Id).ToList();
                    var report = await ReadAsync(list, from, to, zone);
                    var expected = ListActivityRules.Flows(events, ids, from, to, zone);
                    var where = $"{context}, {zone.Id} {from}..{to}, list {list}";
                    foreach (var (category, values) in expected.Joined)
                    {
                        Assert.True(values.SequenceEqual(report.Scope.Flows.Joined[category]), $"{where}: joined {category}: [{string.Join(",", values)}] vs [{string.Join(",", report.Scope.Flows.Joined[category])}]");
                    }

                    foreach (var (category, values) in expected.Left)
                    {
                        Assert.True(values.SequenceEqual(report.Scope.Flows.Left[category]), $"{where}: left {category}: [{string.Join(",", values)}] vs [{string.Join(",", report.Scope.Flows.Left[category])}]");
                    }

                    var boundaries = Web.Infrastructure.Time.LocalDays.Boundaries(from, to, zone);
                    Assert.Equal(ListActivityRules.At(events, ids, boundaries[0]), report.Scope.AtStart);
                    for (var day = 0; day < report.Periods.Count; day++)
                    {
                        Assert.True(ListActivityRules.At(events, ids, boundaries[day + 1]) == report.Scope.EndOfPeriod[day], $"{where}: end of day {day}");
                    }
                }
            }
        }

        // The page: its tiles equal the grid's totals at their own links.
        _client.Dispose();
        _client = await _app.SignInAsync();
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from={first:yyyy-MM-dd}&to={first.AddDays(days - 1):yyyy-MM-dd}");
        foreach (var tile in new[] { "subscribed-now", "pending", "other" })
        {
            var link = page.QuerySelector($"[data-tile={tile}]")!;
            Assert.Equal(Number(link.TextContent), await GridTotalAsync(link.GetAttribute("href")!));
        }
    }

    private async Task<ListHealthReport> ReadAsync(int? list, DateOnly from, DateOnly to, NodaTime.DateTimeZone zone) =>
        await _app.WithServiceAsync<ListHealth, ListHealthReport>(health => health.ReadAsync(_code.Id, list, from, to, 1, zone, _app.Clock.GetUtcNow().UtcDateTime, CancellationToken.None));

    private async Task<Snapshot> GridSnapshotAsync()
    {
        // A session does not outlive the simulated days: sign in afresh for each look at the grid.
        _client.Dispose();
        _client = await _app.SignInAsync();
        var on = new Dictionary<int, long>();
        var pending = new Dictionary<int, long>();
        foreach (var list in _lists)
        {
            on[list.Id] = await GridTotalAsync($"/contacts?tab=contacts&list={list.Id}");
            pending[list.Id] = await GridTotalAsync($"/contacts?tab=contacts&list={list.Id}&status=pending");
        }

        on[0] = await GridTotalAsync("/contacts?tab=contacts");
        pending[0] = await GridTotalAsync("/contacts?tab=contacts&status=pending");
        return new Snapshot(on, pending);
    }

    /// <summary>The total the grid shows at a URL: "1–50 of 1,234 subscriptions", or none.</summary>
    public static async Task<long> GridTotalAsync(TestClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        var status = page.QuerySelector("#grid nav [role=status]")?.TextContent ?? "";
        var match = Regex.Match(status, @"of ([\d,]+)");
        return match.Success ? Number(match.Groups[1].Value) : 0;
    }

    private Task<long> GridTotalAsync(string url) => GridTotalAsync(_client, url);

    private static long Number(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands, CultureInfo.InvariantCulture);

    private async Task RandomOperationAsync(Random random)
    {
        var phone = TestPhones.Us(random.Next(1, 30));
        var list = _lists[random.Next(_lists.Count)];
        switch (random.Next(23))
        {
            case < 5:
                await _app.TextAsync(phone, list.Name switch { "VIP" => "VIPJOIN", "Promotions" => "PROMOJOIN", _ => "DEALSJOIN" });
                break;
            case < 7:
                await _app.TextAsync(phone, "Y");
                break;
            case 7:
                await _app.TextAsync(phone, "maybe later");
                break;
            case < 10:
                await _app.TextAsync(phone, "STOP");
                break;
            case 10:
                await _app.TextAsync(phone, "START");
                break;
            case < 13:
                await WithConsentAsync(phone, (consent, contact) => consent.Subscribe(contact, list, new SubscriptionRequest(SubscribeMethod.SingleContact), Actor));
                break;
            case < 15:
                await WithConsentAsync(phone, (consent, contact) => consent.Unsubscribe(contact, list, Actor));
                break;
            case 15:
                await WithConsentAsync(phone, (consent, contact) => consent.Ban(contact, Actor));
                break;
            case < 19:
                var numbers = Enumerable.Range(0, random.Next(1, 5)).Select(_ => TestPhones.Us(random.Next(1, 30))).Distinct();
                await QueuedImports.QueueAndRunAsync(_app, _code.Id, list, "Phone\n" + string.Join("\n", numbers) + "\n", ["phone"], i => i.Settings.StoreAsDoubleOptIn = random.Next(3) == 0);
                break;
            case 19:
                // The undo of an opt-out: a user's explicit opt-back-in of a number an opt-out took off lists.
                await using (var scope = _app.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var optedOut = await db.Contacts.WithConsentState().Where(c => c.SenderCodeId == _code.Id && c.OptedOutUtc != null && c.OptOutReason != OptOutReason.Banned
                        && db.SuspendedSubscriptions.Any(s => s.ContactId == c.Id)).OrderBy(c => c.Id).ToListAsync();
                    if (optedOut.Count > 0 && optedOut[random.Next(optedOut.Count)] is var contact)
                    {
                        scope.ServiceProvider.GetRequiredService<ContactConsent>().OptBackIn(contact, Actor);
                        await db.SaveChangesAsync();
                    }
                }

                break;
            case 20:
                await QueuedImports.QueueAndRunAsync(_app, _code.Id, null, $"Phone\n{phone}\n", ["phone"], i => i.Settings.Action = ImportAction.OptOut);
                break;
            default:
                // Undo import of one of the imports so far (an opt-out's with the admin's confirmation that each number agreed again);
                // one already undone, or with nothing left to undo, is refused and changes nothing.
                var imports = await _app.WithDbAsync(db => db.Imports.AsNoTracking().Where(i => i.SenderCodeId == _code.Id && i.Status == ImportStatus.Completed)
                    .OrderBy(i => i.CreatedUtc).Select(i => i.Id).ToListAsync());
                if (imports.Count > 0 && imports[random.Next(imports.Count)] is var import
                    && await ImportUndoRuns.RequestAsync(_app, import, confirmedAgreedAgain: true) is null)
                {
                    await ImportUndoRuns.RunAsync(_app, import);
                }

                break;
        }
    }

    private static ConsentActor Actor => new(ConsentSource.UserAction, "user-1", "marketer@example.com");

    private Task WithConsentAsync(string phone, Action<ContactConsent, Contact> change) => _app.Data.ConsentChangeAsync(_code.Id, phone, change);
}
