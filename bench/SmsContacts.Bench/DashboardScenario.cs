using System.Diagnostics;

namespace SmsContacts.Bench;

/// <summary>
/// `dashboard --rows N [--data folder]`: seeds N demo contacts (with their consent history, about three events each),
/// starts the app and times the SMS List Dashboard for every range a user can pick (last 7, 30, 90 days; custom ranges of
/// one day, a year and the longest allowed span; a custom range before any data) on All Lists and on each list of the
/// sender code: full server-rendered HTML
/// over loopback HTTP, the median of repeated runs after a warm-up. The RESULT is the worst of those medians, and the
/// most CPU time the app spent per page of one shape (the app process's user + system time over the runs).
/// </summary>
public static class DashboardScenario
{
    private const int Runs = 9;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var data = options.DataDirectory ?? BenchApp.NewDataDirectory();
        if (options.DataDirectory is null)
        {
            var seeding = Stopwatch.StartNew();
            await BenchApp.SeedDemoAsync(data, options.Rows);
            Console.WriteLine($"seeded {options.Rows:N0} demo contacts in {seeding.Elapsed.TotalSeconds:F1} s ({data})");
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
                lists.Add(reader.GetInt64(0).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        Console.WriteLine($"consent events: {events:N0}");
        await using var app = await BenchApp.StartAsync(data);
        var today = DateTime.UtcNow.Date;
        var ranges = new[]
        {
            "range=7",
            "range=30",
            "range=90",
            $"range=custom&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            $"range=custom&from={today.AddDays(-364):yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            $"range=custom&from={today.AddDays(-730):yyyy-MM-dd}&to={today:yyyy-MM-dd}",
            $"range=custom&from={today.AddYears(-5):yyyy-MM-dd}&to={today.AddYears(-4):yyyy-MM-dd}",
        };

        var worst = (Ms: 0.0, Url: "");
        var shapes = 0;
        var worstCpu = 0.0;
        foreach (var range in ranges)
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
                Console.WriteLine($"median {Stats.F(median),7} ms  p90 {Stats.F(Stats.Percentile(times, 90)),7} ms  cpu {Stats.F(cpuMs),7} ms  {url}");
                if (median > worst.Ms)
                {
                    worst = (median, url);
                }
            }
        }

        Console.WriteLine($"slowest: {worst.Url}");
        if (!options.Keep)
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine($"RESULT dashboard ms={Stats.F(worst.Ms)} at rows={options.Rows} events={events} shapes={shapes} app_cpu_ms_per_page_max={Stats.F(worstCpu)}");
        return 0;
    }

    private static async Task GetAsync(BenchApp app, string url)
    {
        var response = await app.Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync();
    }
}
