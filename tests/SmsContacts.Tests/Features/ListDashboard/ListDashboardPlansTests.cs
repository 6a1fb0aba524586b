using System.Net;
using System.Text.RegularExpressions;
using SmsContacts.Tests.Data;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// The SMS List Dashboard reads ListActivity by index ranges only: every statement the page runs, for every kind of range
/// (a day, 7 and 90 days, two years) in zones whose days are and are not UTC days, on All Lists and on one list, finds its
/// rows in the covering index <see cref="ListActivitySql.SqliteCoveringIndex"/> and never looks a row up in the table. A
/// look-up per row made a year of a +13:45 zone's hour buckets cost 1.7 s at 3,000,000 consent events, and the day rows
/// behind every page 90 ms of CPU.
/// </summary>
public sealed partial class ListDashboardPlansTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        var deals = await _app.Data.ListAsync(_code.Id, "Deals", doubleOptIn: true);
        var actor = new ConsentActor(ConsentSource.UserAction, "admin", "admin@example.com");
        for (var i = 0; i < 24; i++)
        {
            // Consent changes spread over two years, at odd minutes of the day: day, hour and quarter-hour rows of both lists.
            _app.Clock.Advance(TimeSpan.FromDays(30) + TimeSpan.FromMinutes(37));
            await _app.Data.ConsentChangeAsync(_code.Id, TestPhones.Us(i), (consent, contact) =>
            {
                consent.Subscribe(contact, _vip, new SubscriptionRequest(SubscribeMethod.SingleContact), actor);
                consent.Subscribe(contact, deals, new SubscriptionRequest(SubscribeMethod.Keyword, "DEALS", Pending: true), actor);
            });
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryStatementOfThePage_ReadsListActivityFromTheCoveringIndex()
    {
        using var client = await _app.SignInAsync();
        var today = DateOnly.FromDateTime(_app.Clock.GetUtcNow().UtcDateTime);
        var ranges = new[]
        {
            "range=7", "range=90", $"range=custom&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            $"range=custom&from={today.AddYears(-2):yyyy-MM-dd}&to={today:yyyy-MM-dd}",
        };
        var statements = await SqliteStatements.CaptureAsync(_app, async () =>
        {
            foreach (var zone in new[] { "UTC", "America/New_York", "Asia/Kathmandu", "Pacific/Chatham" })
            {
                var picked = await client.PostWithTokenAsync("/account/time-zone", new() { ["timeZoneId"] = zone }, "/account/time-zone");
                Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
                foreach (var range in ranges)
                {
                    foreach (var list in new[] { "", $"&list={_vip.Id}" })
                    {
                        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{ListDashboardController.Path}?{range}{list}")).StatusCode);
                    }
                }
            }
        });

        var reading = statements.Where(s => s.Sql.Contains("\"ListActivity\"", StringComparison.Ordinal)).ToList();
        Assert.True(reading.Count >= 5, $"{reading.Count} statements read ListActivity");
        var lookups = new List<string>();
        foreach (var (sql, parameters) in reading)
        {
            var aliases = AliasOfListActivity().Matches(sql).Select(m => m.Groups[1].Value).Append("ListActivity").ToHashSet(StringComparer.Ordinal);
            foreach (var step in await SqliteStatements.PlanAsync(_app, sql, parameters))
            {
                var table = TableStep().Match(step);
                if (table.Success && aliases.Contains(table.Groups[1].Value)
                    && !step.Contains($"USING COVERING INDEX {ListActivitySql.SqliteCoveringIndex} ", StringComparison.Ordinal))
                {
                    lookups.Add($"{step}\n    in: {sql}");
                }
            }
        }

        Assert.True(lookups.Count == 0, "Statements of the dashboard that read ListActivity but not from its covering index:\n" + string.Join("\n", lookups));
    }

    [GeneratedRegex(@"""ListActivity"" AS ""(\w+)""")]
    private static partial Regex AliasOfListActivity();

    [GeneratedRegex(@"^(?:SCAN|SEARCH) (\w+)")]
    private static partial Regex TableStep();
}
