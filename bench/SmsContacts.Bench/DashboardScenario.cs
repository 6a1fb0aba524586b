using System.Diagnostics;
using System.Globalization;
using SmsContacts.Web.Features.ListDashboard;

namespace SmsContacts.Bench;

/// <summary>
/// `dashboard --rows N [--events M] [--data folder]`: seeds N demo contacts with M consent events on the main sender code
/// (default 3 per contact: the issue's target is 3,000,000 at 1,000,000 contacts; the demo's stories alone write about
/// 2.2), starts the app and times the SMS List Dashboard for every range a user can pick (last 7, 30, 90 days; custom
/// ranges of one day, of 92 days (the longest charted by day) and 93 (the shortest charted by week), a year and the
/// longest allowed span; a custom range before any data; the zone's last day of 23 or
/// 25 hours, where it has one) on All Lists and on each list of the sender code, with the user's time zone set in turn to
/// UTC, America/New_York, Asia/Kolkata (+5:30), Asia/Kathmandu (+5:45) and Pacific/Chatham (+12:45/+13:45): full
/// server-rendered HTML over loopback HTTP, the median of repeated runs after a warm-up. The RESULT is the worst of those
/// medians (and its zone), and the most CPU time the app spent per page of one shape (the app process's user + system
/// time over the runs).
/// </summary>
public static class DashboardScenario
{
    private const int Runs = 9;

    public static readonly string[] Zones = ["UTC", "America/New_York", "Asia/Kolkata", "Asia/Kathmandu", "Pacific/Chatham"];

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var data = options.DataDirectory ?? BenchApp.NewDataDirectory();
        if (options.DataDirectory is null)
        {
            var wanted = options.Events ?? 3L * options.Rows;
            var seeding = Stopwatch.StartNew();
            await BenchApp.SeedDemoAsync(data, options.Rows, wanted);
            Console.WriteLine($"seeded {options.Rows:N0} demo contacts ({wanted:N0} consent events asked) in {seeding.Elapsed.TotalSeconds:F1} s ({data})");
        }

        long events;
        var lists = new List<string?> { null };
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(data, "smscontacts.db")}"))
        {
            await connection.OpenAsync();
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM ConsentEvents";
            events = (long)(await count.ExecuteScalarAsync())!;

            // Every list of the sender code the page opens on (the one with the most subscriptions: the demo's 55123).
            await using var ids = connection.CreateCommand();
            ids.CommandText = "SELECT Id FROM Lists WHERE SenderCodeId = (SELECT SenderCodeId FROM Subscriptions GROUP BY SenderCodeId ORDER BY COUNT(*) DESC LIMIT 1) ORDER BY Id";
            await using var reader = await ids.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                lists.Add(reader.GetInt64(0).ToString(CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine($"consent events: {events:N0}");
        await using var app = await BenchApp.StartAsync(data);

        var worst = (Ms: 0.0, Url: "", Zone: "");
        var shapes = 0;
        var worstCpu = 0.0;
        foreach (var zoneId in Zones)
        {
            await app.SetTimeZoneAsync(zoneId);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
            var worstInZone = 0.0;
            foreach (var range in Ranges(zone))
            {
                foreach (var list in lists)
                {
                    var url = $"/contacts/list-dashboard?{range}{(list is null ? "" : $"&list={list}")}";
                    await GetAsync(app, url);
                    var times = new List<double>();
                    var cpu = app.CpuSeconds();
                    for (var i = 0; i < Runs; i++)
                    {
                        times.Add(await Stats.TimeMsAsync(() => GetAsync(app, url)));
                    }

                    var median = Stats.Median(times);
                    shapes++;

                    // The app's CPU time per page: what the page costs, much less moved than the clock by other work on the machine.
                    var cpuMs = (app.CpuSeconds() - cpu) * 1000 / Runs;
                    worstCpu = Math.Max(worstCpu, cpuMs);
                    worstInZone = Math.Max(worstInZone, median);
                    Console.WriteLine($"median {Stats.F(median),7} ms  p90 {Stats.F(Stats.Percentile(times, 90)),7} ms  cpu {Stats.F(cpuMs),7} ms  {zoneId,-16} {url}");
                    if (median > worst.Ms)
                    {
                        worst = (median, url, zoneId);
                    }
                }
            }

            Console.WriteLine($"worst in {zoneId}: {Stats.F(worstInZone)} ms");
        }

        Console.WriteLine($"slowest: {worst.Url} in {worst.Zone}");
        if (!options.Keep)
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine($"RESULT dashboard ms={Stats.F(worst.Ms)} at rows={options.Rows} events={events} shapes={shapes} zones={Zones.Length} worst_zone={worst.Zone} app_cpu_ms_per_page_max={Stats.F(worstCpu)}");
        return 0;
    }

    /// <summary>The ranges a user can pick, in the zone's own days (today is the zone's today).</summary>
    private static IEnumerable<string> Ranges(TimeZoneInfo zone)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        string Custom(DateOnly from, DateOnly to) => $"range=custom&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
        yield return "range=7";
        yield return "range=30";
        yield return "range=90";
        yield return Custom(today, today);
        yield return Custom(today.AddDays(-(DashboardRange.MaxDailyDays - 1)), today);
        yield return Custom(today.AddDays(-DashboardRange.MaxDailyDays), today);
        yield return Custom(today.AddDays(-364), today);
        yield return Custom(today.AddDays(-730), today);
        yield return Custom(today.AddYears(-5), today.AddYears(-4));

        // The zone's last day of 23 or 25 hours in the past year (none in zones without daylight saving time).
        for (var day = today.AddDays(-1); day > today.AddDays(-366); day = day.AddDays(-1))
        {
            var start = zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue));
            var end = zone.GetUtcOffset(day.AddDays(1).ToDateTime(TimeOnly.MinValue));
            if (start != end)
            {
                yield return Custom(day, day);
                break;
            }
        }
    }

    private static async Task GetAsync(BenchApp app, string url)
    {
        var response = await app.Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync();
    }
}
