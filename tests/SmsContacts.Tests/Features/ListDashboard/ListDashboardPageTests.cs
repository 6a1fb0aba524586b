using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// The dashboard page as a user meets it: after imports, STOPs and bans on numbers that did nothing else, every number on
/// the page equals the grid's total at the link it carries, for several ranges and lists; and what a user can type at
/// it (a range before any data, a custom range backwards or into the future, a list deleted since or of another sender
/// code) gives a page that says what it shows.
/// </summary>
public sealed class ListDashboardPageTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions", true, "PROMOJOIN");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task AfterImportsStopsAndBans_EveryNumberOnThePage_IsTheGridTotalAtItsLink()
    {
        // Day 1: an import of 1-20 to VIP, numbers 21-25 join Promotions (pending) by keyword and 21-22 confirm.
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(1, 20).Select(TestPhones.Us)) + "\n", ["phone"]);
        foreach (var n in Enumerable.Range(21, 5))
        {
            await _app.TextAsync(TestPhones.Us(n), "PROMOJOIN");
        }

        await _app.TextAsync(TestPhones.Us(21), "Y");
        await _app.TextAsync(TestPhones.Us(22), "YES");

        // Day 3: 1-4 text STOP, 5 is banned, 6-7 are opted out by an import, an unknown number texts STOP.
        _app.Clock.Advance(TimeSpan.FromDays(2));
        foreach (var n in Enumerable.Range(1, 4))
        {
            await _app.TextAsync(TestPhones.Us(n), "STOP");
        }

        await _app.TextAsync(TestPhones.Us(99), "STOP");
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, null, $"Phone\n{TestPhones.Us(6)}\n{TestPhones.Us(7)}\n", ["phone"], i => i.Settings.Action = ImportAction.OptOut);
        _client = await _app.SignInAsync();
        var id = await _app.WithDbAsync(db => db.Contacts.Where(c => c.Phone == TestPhones.Us(5)).Select(c => c.Id).SingleAsync());
        var ban = await TestClient.ReadAsync(await _client.GetHtmxAsync($"/contacts/ban?contact={id}&returnUrl=%2Fcontacts"));
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitFormAsync(ban, "form[aria-label=Ban]", [])).StatusCode);

        // Day 4: a look at it over several ranges and lists.
        _app.Clock.Advance(TimeSpan.FromDays(1));
        _client.Dispose();
        _client = await _app.SignInAsync();
        var expected = new Dictionary<string, (long Subscribed, long New, long OptOuts)>
        {
            ["range=7"] = (20 - 7 + 5, 25, 7),
            ["range=7&list=" + _vip.Id] = (13, 20, 7),
            ["range=7&list=" + _promotions.Id] = (5, 5, 0),
            ["range=custom&from=2026-12-03&to=2026-12-03"] = (18, 0, 7),
            ["range=custom&from=2026-12-01&to=2026-12-02&list=" + _vip.Id] = (13, 20, 0),
            ["range=custom&from=2026-11-01&to=2026-11-30"] = (18, 0, 0),
        };
        foreach (var (query, (subscribed, added, optOuts)) in expected)
        {
            var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{query}");
            Assert.Equal((subscribed, added, optOuts), (Tile(page, "subscribed-now"), Flow(page, "new"), Flow(page, "opt-outs")));

            // Each tile, each table cell and each reason: the grid at its link counts the same.
            var links = page.QuerySelectorAll("a[data-tile], #lists-table a[data-cell], a[data-reason]").ToList();
            Assert.True(links.Count >= 6, query);
            foreach (var link in links)
            {
                Assert.True(
                    Number(link.TextContent) == await ListDashboardTruthTests.GridTotalAsync(_client, link.GetAttribute("href")!),
                    $"{query}: {link.TextContent.Trim()} at {link.GetAttribute("href")}");
            }
        }

        // Opt-outs by reason: STOP 4, Import 2, Banned 1 (a list each); the unknown number's STOP took it off no list,
        // yet it is an opted-out number of the range, so the grid behind the STOP link shows 5.
        var all = await _client.GetPageAsync($"{ListDashboardController.Path}?range=7");
        Assert.Equal(
            ["STOP keyword: 4 (5 now)", "Import: 2 (2 now)", "Banned: 1 (1 now)"],
            all.QuerySelectorAll("a[data-reason]").Select(a => string.Join(' ', a.ParentElement!.ParentElement!.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))).ToList());
        Assert.Equal((18L, 8L), (Tile(all, "new"), Tile(all, "opt-outs")));
        Assert.Equal("35.0%", Rate(await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from=2026-12-03&to=2026-12-03&list={_vip.Id}")));
    }

    [Fact]
    public async Task AnOptOutUndone_ByAUsersOptBackIn_CountsAsABackIn_AndEveryNumberIsStillTheGridsAtItsLink()
    {
        // Day 1: 1-6 imported to VIP, 5-6 to Promotions too. Day 2: 1-2 text STOP, a user unsubscribes 3 from everything
        // (a manual opt-out) and bans 4. Day 3: the user opts 1 and 3 back in (the undo), through the confirmation form.
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(1, 6).Select(TestPhones.Us)) + "\n", ["phone"]);
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _promotions, $"Phone\n{TestPhones.Us(5)}\n{TestPhones.Us(6)}\n", ["phone"]);
        _app.Clock.Advance(TimeSpan.FromDays(1));
        await _app.TextAsync(TestPhones.Us(1), "STOP");
        await _app.TextAsync(TestPhones.Us(2), "STOP");
        _client = await _app.SignInAsync();
        var unsubscribe = await _client.GetPageAsync($"/contacts/unsubscribe?contact={await IdAsync(3)}&scope=all");
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitFormAsync(unsubscribe, "form[aria-label=Unsubscribe]", [])).StatusCode);
        var ban = await TestClient.ReadAsync(await _client.GetHtmxAsync($"/contacts/ban?contact={await IdAsync(4)}&returnUrl=%2Fcontacts"));
        Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitFormAsync(ban, "form[aria-label=Ban]", [])).StatusCode);

        _app.Clock.Advance(TimeSpan.FromDays(1));
        _client.Dispose();
        _client = await _app.SignInAsync();
        foreach (var n in new[] { 1, 3 })
        {
            var confirm = await _client.GetPageAsync($"/contacts/{await IdAsync(n)}/opt-back-in");
            Assert.Equal(HttpStatusCode.Redirect, (await _client.SubmitFormAsync(confirm, "form[aria-label='Opt back in']", new() { ["confirmed"] = "true" })).StatusCode);
        }

        // VIP: 6 imported, 4 left (STOP 2, Manual 1, Banned 1), 2 came back: 4 on it now. All Lists adds Promotions' 2.
        var day3 = $"range=custom&from=2026-12-03&to=2026-12-03&list={_vip.Id}";
        var expected = new Dictionary<string, (long Subscribed, long New, long OptOuts)>
        {
            ["range=7"] = (6, 10, 4),
            ["range=7&list=" + _vip.Id] = (4, 8, 4),
            ["range=custom&from=2026-12-02&to=2026-12-02&list=" + _vip.Id] = (4, 0, 4),
            [day3] = (4, 2, 0),
        };
        foreach (var (query, (subscribed, added, optOuts)) in expected)
        {
            var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{query}");
            Assert.Equal((subscribed, added, optOuts), (Tile(page, "subscribed-now"), Flow(page, "new"), Flow(page, "opt-outs")));
            foreach (var link in page.QuerySelectorAll("a[data-tile], #lists-table a[data-cell], a[data-reason]"))
            {
                Assert.True(
                    Number(link.TextContent) == await ListDashboardTruthTests.GridTotalAsync(_client, link.GetAttribute("href")!),
                    $"{query}: {link.TextContent.Trim()} at {link.GetAttribute("href")}");
            }
        }

        // The day of the undo: VIP went from 2 to 4, both by a user's opt-back-in, which the chart's table names.
        var undo = await _client.GetPageAsync($"{ListDashboardController.Path}?{day3}");
        Assert.Equal("+2", undo.QuerySelector("[data-tile=net-change]")!.TextContent.Trim());
        Assert.Contains("Opted back in (START or a user)", undo.QuerySelector("#chart-new-title ~ details thead")!.TextContent);

        // The opt-outs of day 2 that are still opted out now: 2 (STOP) and 4 (banned); 1 and 3 came back.
        var day2 = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from=2026-12-02&to=2026-12-02&list={_vip.Id}");
        Assert.Equal(2L, Tile(day2, "opt-outs"));
    }

    private async Task<long> IdAsync(int n) =>
        await _app.WithDbAsync(db => db.Contacts.Where(c => c.SenderCodeId == _code.Id && c.Phone == TestPhones.Us(n)).Select(c => c.Id).SingleAsync());

    [Fact]
    public async Task ARangeBeforeAnyData_IsZeros_WithNoRate()
    {
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, $"Phone\n{TestPhones.Us(1)}\n", ["phone"]);
        _client = await _app.SignInAsync();
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from=2020-01-01&to=2020-01-31");
        Assert.Equal((1L, 0L, 0L), (Tile(page, "subscribed-now"), Flow(page, "new"), Flow(page, "opt-outs")));
        Assert.Equal("0", page.QuerySelector("[data-tile=net-change]")!.TextContent.Trim());
        Assert.Equal("—", page.QuerySelector("[data-tile=opt-out-rate]")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("[role=alert]"));
    }

    [Theory]
    [InlineData("from=2026-11-30&to=2026-11-01", "2026-11-01", "2026-11-30", "wrong way round")]
    [InlineData("from=2026-11-20&to=2027-02-01", "2026-11-20", "2026-12-01", "after today")]
    [InlineData("from=2027-01-01&to=2027-02-01", "2026-12-01", "2026-12-01", "after today")]
    [InlineData("from=yesterday&to=", "2026-11-02", "2026-12-01", "year-month-day")]
    public async Task ACustomRangeAUserCanType_IsMadeSafe_AndThePageSaysHow(string dates, string first, string last, string said)
    {
        _client = await _app.SignInAsync();
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&{dates}");
        Assert.Contains(said, page.QuerySelector("[role=alert]")!.TextContent);
        var table = page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal((first, last), (table[0], table[^1]));
        var csv = await (await _client.GetAsync($"{ListDashboardController.Path}/subscribers.csv?range=custom&{dates}")).Content.ReadAsStringAsync();
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(("Date,Subscribers,Of them pending double opt-in", first, last), (lines[0], lines[1].Split(',')[0], lines[^1].Split(',')[0]));
    }

    /// <summary>
    /// Over <see cref="DashboardRange.MaxDailyDays"/> days the charts count weeks from the range's first day: the titles,
    /// the charts' tables and CSVs say so, the last week holds what is left, and the weeks add up to the range's totals.
    /// At 92 days they still count days.
    /// </summary>
    [Fact]
    public async Task ALongRange_IsChartedByWeek_AndTheWeeksAddUpToTheRange()
    {
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(1, 6).Select(TestPhones.Us)) + "\n", ["phone"]);
        _app.Clock.Advance(TimeSpan.FromDays(9));
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(7, 4).Select(TestPhones.Us)) + "\n", ["phone"]);
        await _app.TextAsync(TestPhones.Us(1), "STOP");
        _client = await _app.SignInAsync();

        // Today is 2026-12-10 (UTC): 731 days from 2024-12-10 are 104 weeks and 3 days.
        var dates = "range=custom&from=2020-01-01&to=2026-12-10";
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{dates}");
        Assert.Contains("at most 731 days", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Contains("The charts count weeks (seven days each from Dec 10, 2024, the last one 3 days)", page.QuerySelector("#range-words")!.TextContent);
        Assert.Equal(["Subscribers per week", "New subscriptions per week, by subscribe method", "Opt-outs per week, by reason"], page.QuerySelectorAll("figure h2").Select(h => h.TextContent.Trim()));
        var table = page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal((105, "2024-12-10 – 2024-12-16", "2026-12-01 – 2026-12-07", "2026-12-08 – 2026-12-10"), (table.Count, table[0], table[^2], table[^1]));
        Assert.Equal("2026-12-08 to 2026-12-10", page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th")[^1].GetAttribute("aria-label"));

        // Each download says what it downloads (four links of the same words would be one name to a screen reader).
        Assert.Equal(
            ["Download CSV: Subscribers per week", "Download CSV: New subscriptions per week, by subscribe method", "Download CSV: Opt-outs per week, by reason", "Download CSV: Lists"],
            page.QuerySelectorAll("a[download]").Select(a => a.GetAttribute("aria-label")));

        var csv = await CsvAsync($"new.csv?{dates}");
        Assert.Equal(["From", "To", "Import"], csv[0]);
        Assert.Equal(106, csv.Count);
        Assert.Equal(["2026-12-01", "2026-12-07", "6"], csv[^2]);
        Assert.Equal(["2026-12-08", "2026-12-10", "4"], csv[^1]);
        Assert.Equal(Flow(page, "new"), csv.Skip(1).Sum(row => long.Parse(row[2], CultureInfo.InvariantCulture)));
        var left = await CsvAsync($"left.csv?{dates}");
        Assert.Equal(["2026-12-08", "2026-12-10", "1"], left[^1]);
        var subscribers = await CsvAsync($"subscribers.csv?{dates}");
        Assert.Equal(["2026-12-01", "2026-12-07", "6", "0"], subscribers[^2]);
        Assert.Equal(["2026-12-08", "2026-12-10", "9", "0"], subscribers[^1]);

        var daily = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from=2026-09-10&to=2026-12-10");
        Assert.Equal("Subscribers per day", daily.QuerySelector("#chart-subscribers-title")!.TextContent.Trim());
        Assert.Equal(92, daily.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Length);
        Assert.Equal(["Date", "Import"], (await CsvAsync("new.csv?range=custom&from=2026-09-10&to=2026-12-10"))[0]);
    }

    private async Task<List<string[]>> CsvAsync(string path)
    {
        var csv = await (await _client.GetAsync($"{ListDashboardController.Path}/{path}")).Content.ReadAsStringAsync();
        return csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
    }

    [Fact]
    public async Task AListDeletedSince_OrOfAnotherSenderCode_ShowsAllLists_AndSaysSo_AndDeletedListsAreNotCounted()
    {
        var other = await _app.Data.SenderCodeAsync("78900");
        var theirs = await _app.Data.ListAsync(other.Id, "Theirs");
        var doomed = await _app.Data.ListAsync(_code.Id, "Doomed");
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, $"Phone\n{TestPhones.Us(1)}\n", ["phone"]);
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, doomed, $"Phone\n{TestPhones.Us(2)}\n{TestPhones.Us(3)}\n", ["phone"]);
        await QueuedImports.QueueAndRunAsync(_app, other.Id, theirs, $"Phone\n{TestPhones.Us(4)}\n", ["phone"]);
        await _app.WithDbAsync(db => db.Lists.Where(l => l.Id == doomed.Id).ExecuteDeleteAsync());
        _client = await _app.SignInAsync();

        foreach (var list in new[] { doomed.Id, theirs.Id, 999_999 })
        {
            var page = await _client.GetPageAsync($"{ListDashboardController.Path}?list={list}");
            Assert.Contains("not one of this sender code's lists", page.QuerySelector("[role=alert]")!.TextContent);
            Assert.Equal(1, Tile(page, "subscribed-now"));
            Assert.Equal(1, await ListDashboardTruthTests.GridTotalAsync(_client, page.QuerySelector("a[data-tile=subscribed-now]")!.GetAttribute("href")!));
            Assert.DoesNotContain("Theirs", page.Body!.TextContent);
        }
    }

    [Fact]
    public async Task EveryChartsCsv_HasADayPerRow_AndGuardsFormulasInNames()
    {
        var evil = await _app.Data.ListAsync(_code.Id, "=HYPERLINK(\"http://x\")");
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, evil, $"Phone\n{TestPhones.Us(1)}\n", ["phone"]);
        _client = await _app.SignInAsync();
        foreach (var chart in new[] { "subscribers", "new", "left" })
        {
            var response = await _client.GetAsync($"{ListDashboardController.Path}/{chart}.csv?range=7");
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(8, lines.Length);
        }

        var lists = await (await _client.GetAsync($"{ListDashboardController.Path}/lists.csv?range=7")).Content.ReadAsStringAsync();
        Assert.Contains("'=HYPERLINK", lists);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"{ListDashboardController.Path}/secrets.csv")).StatusCode);
    }

    [Fact]
    public async Task TheMenu_LeadsToTheDashboard_ForSignedInUsersOnly()
    {
        using var anonymous = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(ListDashboardController.Path)).StatusCode);
        _client = await _app.SignInAsync();
        var home = await _client.GetPageAsync("/contacts");
        Assert.Equal(ListDashboardController.Path, home.QuerySelectorAll(".dropdown-item").Single(a => a.TextContent.Trim() == "SMS List Dashboard").GetAttribute("href"));
    }

    private static long Tile(AngleSharp.Dom.IDocument page, string tile) => Number(page.QuerySelector($"[data-tile={tile}]")!.TextContent);

    private static long Flow(AngleSharp.Dom.IDocument page, string flow) => Number(page.QuerySelector($"[data-flow={flow}]")!.TextContent);

    private static string Rate(AngleSharp.Dom.IDocument page) => page.QuerySelector("[data-tile=opt-out-rate]")!.TextContent.Trim();

    private static long Number(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
