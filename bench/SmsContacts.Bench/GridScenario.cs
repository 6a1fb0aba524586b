using System.Diagnostics;

namespace SmsContacts.Bench;

/// <summary>
/// `grid --rows N [--data folder]`: seeds N demo contacts into a fresh database, starts the app, and times the
/// dashboard pages a user opens (full server-rendered HTML over loopback HTTP, so the figure is
/// server time plus a fraction of a millisecond). Medians of repeated runs after a warm-up.
/// </summary>
public static class GridScenario
{
    private const int Runs = 15;

    public static async Task<int> RunAsync(BenchOptions options)
    {
        var data = options.DataDirectory ?? BenchApp.NewDataDirectory();
        if (options.DataDirectory is null)
        {
            var seeding = Stopwatch.StartNew();
            await BenchApp.SeedDemoAsync(data, options.Rows);
            Console.WriteLine($"seeded {options.Rows:N0} demo contacts in {seeding.Elapsed.TotalSeconds:F1} s ({data})");
        }

        await using var app = await BenchApp.StartAsync(data);
        var pages = new (string Key, string Url)[]
        {
            ("first", "/contacts"),
            ("deep", $"/contacts?page={options.Rows / 50 / 2}"),
            ("sorted", "/contacts?sort=email&dir=asc&page=3"),
            ("list", "/contacts?list=2&sort=phone&dir=desc&page=5"),
            ("search", "/contacts?q=415555"),
            ("optedout", "/contacts?tab=opted-out&reason=StopKeyword&sort=phone&page=2"),
            ("other", "/contacts?tab=other"),
        };

        var medians = new Dictionary<string, double>();
        foreach (var (key, url) in pages)
        {
            await GetAsync(app, url);
            var times = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                times.Add(await Stats.TimeMsAsync(() => GetAsync(app, url)));
            }

            medians[key] = Stats.Median(times);
            Console.WriteLine($"{key,-9} median {Stats.F(medians[key]),7} ms  p90 {Stats.F(Stats.Percentile(times, 90)),7} ms  {url}");
        }

        // The Contacts tab's total is remembered until the database changes: time the pages that pay
        // for counting again, right after another connection commits a write.
        foreach (var (key, url) in pages.Where(p => p.Key is "first" or "deep"))
        {
            var times = new List<double>();
            for (var i = 0; i < Runs; i++)
            {
                await TouchDatabaseAsync(app);
                times.Add(await Stats.TimeMsAsync(() => GetAsync(app, url)));
            }

            medians[key + "_after_write"] = Stats.Median(times);
            Console.WriteLine($"{key + " after a write",-9} median {Stats.F(medians[key + "_after_write"]),7} ms  p90 {Stats.F(Stats.Percentile(times, 90)),7} ms  {url}");
        }

        if (!options.Keep)
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine($"RESULT grid first_ms={Stats.F(medians["first"])} deep_ms={Stats.F(medians["deep"])} sorted_ms={Stats.F(medians["sorted"])} list_ms={Stats.F(medians["list"])} search_ms={Stats.F(medians["search"])} first_after_write_ms={Stats.F(medians["first_after_write"])} deep_after_write_ms={Stats.F(medians["deep_after_write"])}");
        return 0;
    }

    private static async Task TouchDatabaseAsync(BenchApp app)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        // A real change (SQLite commits nothing for a write that leaves the row as it was): toggle a trailing space.
        command.CommandText = "UPDATE SenderCodes SET HelpText = CASE WHEN HelpText LIKE '% ' THEN rtrim(HelpText) ELSE HelpText || ' ' END WHERE Id = (SELECT MIN(Id) FROM SenderCodes)";
        await command.ExecuteNonQueryAsync();
    }

    private static async Task GetAsync(BenchApp app, string url)
    {
        var response = await app.Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsStringAsync();
    }
}
