using System.Globalization;
using AngleSharp.Dom;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ListDashboard;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Tests.Features.ListDashboard;

/// <summary>
/// A range over 92 days charted by week (from an attack on the feature): every week of the weekly CSVs equals the days of
/// that week read from the same page's daily CSVs (ranges of at most 92 days), the subscribers line at each week's end
/// equals the daily line on its last day, and the weeks add up to the tiles, in zones with clock changes and odd offsets;
/// the range's length decides days or weeks, and the page and each week's label say which.
/// </summary>
public sealed class ListDashboardWeeksTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private TestClient _client = null!;

    private static readonly TimeSpan[] Offsets =
    [
        TimeSpan.FromSeconds(-1), TimeSpan.Zero, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(-61),
        TimeSpan.FromMinutes(-15), TimeSpan.FromMinutes(45), TimeSpan.FromHours(11),
    ];

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions", true, "PROMOJOIN");
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Pacific/Chatham")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("UTC")]
    [InlineData("America/Santiago")]
    [InlineData("America/Havana")]
    [InlineData("Asia/Beirut")]
    [InlineData("Australia/Lord_Howe")]
    [InlineData("Europe/London")]
    [InlineData("Pacific/Kiritimati")]
    [InlineData("America/St_Johns")]
    [InlineData("Asia/Kolkata")]
    public async Task EveryWeek_IsItsDays_AndTheWeeksAddUpToTheTiles(string zoneId)
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero));
        var zone = TimeZones.Find(zoneId)!;
        var days = Enumerable.Range(0, 95).Select(k => new DateOnly(2027, 2, 20).AddDays(3 * k)).ToList();
        // The zone's clock changes in the year: the day before, the day, the day after.
        var changes = new List<DateOnly>();
        foreach (var interval in zone.GetZoneIntervals(NodaTime.Instant.FromUtc(2027, 2, 1, 0, 0), NodaTime.Instant.FromUtc(2027, 12, 1, 0, 0)).Skip(1))
        {
            var day = interval.Start.InZone(zone).Date.ToDateOnly();
            days.AddRange([day.AddDays(-1), day, day.AddDays(1)]);
            changes.Add(day);
        }

        var instants = days.Distinct().Order().Select((d, i) => LocalDays.StartUtc(d, zone) + Offsets[i % Offsets.Length]).Order().ToList();
        var phone = 0;
        for (var k = 0; k < instants.Count; k++)
        {
            _app.Clock.SetUtcNow(new DateTimeOffset(instants[k], TimeSpan.Zero));
            phone++;
            await _app.TextAsync(TestPhones.Us(phone), "VIPJOIN");
            if (k % 2 == 1 && phone > 3)
            {
                await _app.TextAsync(TestPhones.Us(phone - 3), "STOP");
            }

            if (k % 4 == 0)
            {
                await _app.TextAsync(TestPhones.Us(1000 + k), "PROMOJOIN");
            }
            else if (k % 4 == 1)
            {
                await _app.TextAsync(TestPhones.Us(1000 + k - 1), "Y");
            }
        }

        _app.Clock.SetUtcNow(new DateTimeOffset(2027, 12, 1, 12, 0, 0, TimeSpan.Zero));
        _client = await _app.SignInAsync();
        var picked = await _client.PostWithTokenAsync("/account/time-zone", new() { ["timeZoneId"] = zoneId }, "/account/time-zone");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, picked.StatusCode);
        var today = LocalDays.DayOf(_app.Clock.GetUtcNow().UtcDateTime, zone);

        var ranges = new List<(DateOnly First, DateOnly Last)>
        {
            (new(2027, 2, 20), new(2027, 11, 30)),
            (new(2027, 3, 1), new(2027, 6, 1)),
            (new(2027, 3, 2), new(2027, 6, 7)),
            (today.AddDays(-98), today),
            (today.AddDays(-730), today),
        };

        // A clock change as a one-day last week, in a two-day last week, and as the first day of the first week.
        foreach (var change in changes)
        {
            ranges.AddRange([(change.AddDays(-98), change), (change.AddDays(-92), change), (change, change.AddDays(98) < today ? change.AddDays(98) : today)]);
        }

        ranges = ranges.Where(r => r.Last.DayNumber - r.First.DayNumber + 1 > 92).ToList();
        foreach (var (first, last) in ranges)
        {
            foreach (var list in new int?[] { null, _vip.Id, _promotions.Id })
            {
                var query = $"range=custom&from={Iso(first)}&to={Iso(last)}{(list is null ? "" : $"&list={list}")}";
                var where = $"{zoneId} {query}";
                var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{query}");
                Assert.Equal("Subscribers per week", page.QuerySelector("#chart-subscribers-title")!.TextContent.Trim());

                var weeklyNew = await CsvAsync($"new.csv?{query}");
                var weeklyLeft = await CsvAsync($"left.csv?{query}");
                var weeklySubs = await CsvAsync($"subscribers.csv?{query}");
                var weeks = (last.DayNumber - first.DayNumber + 7) / 7;
                Assert.Equal(weeks, weeklyNew.Rows.Count);

                // The same page's days, 91 at a time (13 whole weeks: daily), and the day before the range.
                var dailyNew = new Dictionary<DateOnly, Dictionary<string, long>>();
                var dailyLeft = new Dictionary<DateOnly, Dictionary<string, long>>();
                var dailySubs = new Dictionary<DateOnly, Dictionary<string, long>>();
                for (var from = first; from <= last; from = from.AddDays(91))
                {
                    var to = from.AddDays(90) < last ? from.AddDays(90) : last;
                    var q = $"range=custom&from={Iso(from)}&to={Iso(to)}{(list is null ? "" : $"&list={list}")}";
                    Daily(await CsvAsync($"new.csv?{q}"), dailyNew);
                    Daily(await CsvAsync($"left.csv?{q}"), dailyLeft);
                    Daily(await CsvAsync($"subscribers.csv?{q}"), dailySubs);
                }

                var before = await CsvAsync($"subscribers.csv?range=custom&from={Iso(first.AddDays(-1))}&to={Iso(first.AddDays(-1))}{(list is null ? "" : $"&list={list}")}");
                var atStart = before.Rows[0].Values["Subscribers"];

                for (var w = 0; w < weeks; w++)
                {
                    var (wFrom, wTo) = (first.AddDays(7 * w), first.AddDays(7 * w + 6) < last ? first.AddDays(7 * w + 6) : last);
                    Assert.True((wFrom, wTo) == (weeklyNew.Rows[w].From, weeklyNew.Rows[w].To), $"{where}: week {w}");
                    foreach (var (weekly, daily, name) in new[] { (weeklyNew, dailyNew, "new"), (weeklyLeft, dailyLeft, "left") })
                    {
                        var names = weekly.Rows[w].Values.Keys.Union(Enumerable.Range(0, wTo.DayNumber - wFrom.DayNumber + 1).SelectMany(d => daily[wFrom.AddDays(d)].Keys)).Distinct();
                        foreach (var series in names)
                        {
                            var sum = Enumerable.Range(0, wTo.DayNumber - wFrom.DayNumber + 1).Sum(d => daily[wFrom.AddDays(d)].GetValueOrDefault(series));
                            Assert.True(sum == weekly.Rows[w].Values.GetValueOrDefault(series), $"{where}: {name} {series} week {Iso(wFrom)}: days {sum}, week {weekly.Rows[w].Values.GetValueOrDefault(series)}");
                        }
                    }

                    foreach (var series in new[] { "Subscribers", "Of them pending double opt-in" })
                    {
                        Assert.True(dailySubs[wTo][series] == weeklySubs.Rows[w].Values[series], $"{where}: {series} at the end of week {Iso(wFrom)}: day {dailySubs[wTo][series]}, week {weeklySubs.Rows[w].Values[series]}");
                    }
                }

                // The tiles: the weeks add up to the range.
                var totalNew = weeklyNew.Rows.Sum(r => r.Values.Values.Sum());
                var totalOptOuts = weeklyLeft.Rows.Sum(r => r.Values.Where(v => v.Key != "Unsubscribed from this list" && v.Key != "Did not confirm (Other Contact)").Sum(v => v.Value));
                Assert.Equal(totalNew, Flow(page, "new"));
                Assert.Equal(totalOptOuts, Flow(page, "opt-outs"));
                var endSubs = weeklySubs.Rows[^1].Values["Subscribers"];
                Assert.Equal(Signed(endSubs - atStart), page.QuerySelector("[data-tile=net-change]")!.TextContent.Trim());
                if (last == today)
                {
                    Assert.Equal(endSubs, Number(page.QuerySelector("[data-tile=subscribed-now]")!.TextContent));
                    Assert.Equal(weeklySubs.Rows[^1].Values["Of them pending double opt-in"], Number(page.QuerySelector("[data-tile=pending]")!.TextContent));
                }

                // The chart's table says the same weeks as the CSV.
                var table = page.QuerySelectorAll("#chart-new-title ~ details tbody th").Select(th => th.TextContent.Trim()).ToList();
                Assert.Equal(weeks, table.Count);
                Assert.Equal("Week", page.QuerySelector("#chart-new-title ~ details thead th")!.TextContent.Trim());
            }
        }
    }

    /// <summary>92 days: days; 93, 98 (whole weeks), 99 (a one-day last week), swapped: weeks, and the words say how long the last is.</summary>
    [Theory]
    [InlineData("2026-09-01", "2026-12-01", 92, null)]
    [InlineData("2026-08-31", "2026-12-01", 14, "the last one 2 days")]
    [InlineData("2026-08-26", "2026-12-01", 14, "(seven days each from Aug 26, 2026):")]
    [InlineData("2026-08-25", "2026-12-01", 15, "the last one 1 day)")]
    [InlineData("2026-12-01", "2026-08-25", 15, "the last one 1 day)")]
    public async Task TheRangesLength_DecidesDaysOrWeeks_AndThePageSaysSo(string from, string to, int rows, string? said)
    {
        await SixNumbersOnVipAsync();
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?range=custom&from={from}&to={to}");
        var words = page.QuerySelector("#range-words")!.TextContent;
        Assert.Equal(rows, page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Length);
        Assert.Equal(said is null ? "Date" : "Week", page.QuerySelector("#chart-subscribers-title ~ details thead th")!.TextContent.Trim());
        if (said is null)
        {
            Assert.DoesNotContain("count weeks", words);
        }
        else
        {
            Assert.Contains(said, words);
        }
    }

    /// <summary>
    /// A long range whose last week is one day (99 days, or 365 = 52 weeks and a day): the CSV names it From and To (the same
    /// day), and so do the chart's table, under "Week", and the chart's own labels ("yyyy-MM-dd – yyyy-MM-dd", as every
    /// other week): a week's label looks like a week's, not like a day of a daily chart (the attack found a bare date).
    /// </summary>
    [Theory]
    [InlineData("2026-08-25", "2026-12-01")]
    [InlineData("2025-12-01", "2026-11-30")]
    public async Task AOneDayLastWeek_IsLabelledAsAWeek_InTheTableAndTheChart_AsInItsCsv(string from, string to)
    {
        await SixNumbersOnVipAsync();
        var query = $"range=custom&from={from}&to={to}";
        var page = await _client.GetPageAsync($"{ListDashboardController.Path}?{query}");
        Assert.Equal("Week", page.QuerySelector("#chart-subscribers-title ~ details thead th")!.TextContent.Trim());
        var csv = (await (await _client.GetAsync($"{ListDashboardController.Path}/subscribers.csv?{query}")).Content.ReadAsStringAsync()).TrimStart('\uFEFF')
            .Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        Assert.Equal([to, to], csv[^1].Take(2));

        var table = page.QuerySelectorAll("#chart-subscribers-title ~ details tbody th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal($"{to} – {to}", table[^1]);
        var labels = System.Text.Json.JsonDocument.Parse(page.QuerySelector("#chart-subscribers")!.GetAttribute("data-chart")!).RootElement.GetProperty("labels");
        Assert.Equal($"{to} – {to}", labels[labels.GetArrayLength() - 1].GetString());
    }

    /// <summary>For the label tests: six numbers imported to VIP, looked at on 2026-12-01 at 09:00 UTC.</summary>
    private async Task SixNumbersOnVipAsync()
    {
        _app.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, "Phone\n" + string.Join("\n", Enumerable.Range(1, 6).Select(TestPhones.Us)) + "\n", ["phone"]);
        _client = await _app.SignInAsync();
    }

    private sealed record CsvRow(DateOnly From, DateOnly To, Dictionary<string, long> Values);

    private sealed record Csv(string[] Header, List<CsvRow> Rows);

    private static void Daily(Csv csv, Dictionary<DateOnly, Dictionary<string, long>> into)
    {
        Assert.Equal("Date", csv.Header[0]);
        foreach (var row in csv.Rows)
        {
            into[row.From] = row.Values;
        }
    }

    private async Task<Csv> CsvAsync(string path)
    {
        var text = await (await _client.GetAsync($"{ListDashboardController.Path}/{path}")).Content.ReadAsStringAsync();
        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();
        var header = lines[0];
        var dates = header[0] == "Date" ? 1 : 2;
        if (dates == 2)
        {
            Assert.Equal(["From", "To"], header.Take(2));
        }

        var rows = lines.Skip(1).Select(line => new CsvRow(
            Day(line[0]),
            Day(line[dates - 1]),
            Enumerable.Range(dates, header.Length - dates).ToDictionary(i => header[i], i => long.Parse(line[i], CultureInfo.InvariantCulture)))).ToList();
        return new Csv(header, rows);
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static long Flow(IDocument page, string flow) => Number(page.QuerySelector($"[data-flow={flow}]")!.TextContent);

    private static long Number(string text) => long.Parse(text.Trim(), NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private static string Signed(long n) => n > 0 ? "+" + n.ToString("N0", CultureInfo.InvariantCulture) : n.ToString("N0", CultureInfo.InvariantCulture);
}
