using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Domain;

namespace SmsContacts.Bench;

/// <summary>
/// `grid --rows N [--data folder]`: seeds N demo contacts into a fresh database (or reuses a seeded folder),
/// starts the app, and times dashboard pages as a user gets them (full server-rendered HTML over loopback
/// HTTP, so a figure is server time plus a fraction of a millisecond).
///
/// 1. The seven pages it has always timed (median of 15 after a warm-up), and two right after another
///    connection commits a write.
/// 2. Every shape: each tab × each sortable column × both directions × {no filter, a list or reason filter}
///    × {no search, one digit, three digits, an area code with and without +1, the last 4, the last 7, a full
///    number in two formats, three digits from the middle} × {page 1, the middle page typed as a number, the
///    last page}, plus what a user types on the way to a number ("1", "14", "+1 (4", "415-", "4155550") and
///    what is not a number ("john", "*", "%", "_", an emoji). The search digits come from a real contact of
///    the tab, so every search finds something. Each URL is timed three times; its figure is the median.
/// 3. The same sweep while a million-row import runs (imports are started one after another until the sweep
///    ends); only requests that began and ended while an import job was running count.
/// It prints the slowest ten URLs of each pass and ends with the RESULT line.
/// </summary>
public static class GridScenario
{
    private const int Runs = 15;
    private const int ShapeRuns = 3;

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
        var medians = await ClassicPagesAsync(app, options.Rows);

        var shapes = await ShapesAsync(app.DatabasePath);
        Console.WriteLine($"sweep: {shapes.Count} query shapes × {{page 1, middle, last}}, each URL timed {ShapeRuns} times (median)");
        var sweeping = Stopwatch.StartNew();
        var quiet = await SweepAsync(app, shapes, () => true);
        Console.WriteLine($"swept {quiet.Count} URLs in {sweeping.Elapsed.TotalSeconds:F0} s");
        Report("slowest ten", quiet);

        var during = await SweepDuringImportAsync(app, shapes, options.Rows, data);
        Report("slowest ten while importing", during);

        if (!options.Keep)
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }
        else
        {
            File.Delete(Path.Combine(data, "grid-import.csv"));
        }

        var times = quiet.Select(t => t.Ms).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"RESULT grid first_ms={Stats.F(medians["first"])} deep_ms={Stats.F(medians["deep"])} sorted_ms={Stats.F(medians["sorted"])} list_ms={Stats.F(medians["list"])} search_ms={Stats.F(medians["search"])} first_after_write_ms={Stats.F(medians["first_after_write"])} deep_after_write_ms={Stats.F(medians["deep_after_write"])} max_ms={Stats.F(times.Max())} p99_ms={Stats.F(Stats.Percentile(times, 99))} median_ms={Stats.F(Stats.Median(times))} during_import_max_ms={Stats.F(during.Count == 0 ? double.NaN : during.Max(t => t.Ms))} shapes={quiet.Count}"));
        return 0;
    }

    private static async Task<Dictionary<string, double>> ClassicPagesAsync(BenchApp app, int rows)
    {
        var pages = new (string Key, string Url)[]
        {
            ("first", "/contacts"),
            ("deep", $"/contacts?page={rows / 50 / 2}"),
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

        // Pages right after another connection commits a write (the totals come from trigger-kept counts).
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

        return medians;
    }

    /// <summary>A query of the grid without its page: tab, sort, direction, filter, search.</summary>
    private sealed record Shape(string Query);

    private sealed record Timed(string Url, double Ms);

    private static async Task<List<Shape>> ShapesAsync(string database)
    {
        await using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        await connection.OpenAsync();
        var code = await ScalarAsync<long>(connection, "SELECT Id FROM SenderCodes ORDER BY Id LIMIT 1");
        var list = await ScalarAsync<long>(connection, $"SELECT ListId FROM Subscriptions WHERE SenderCodeId = {code} GROUP BY ListId ORDER BY count(*) DESC LIMIT 1");
        var subscribed = await ScalarAsync<string>(connection, $"SELECT Phone FROM Subscriptions WHERE ListId = {list} AND Phone LIKE '+1%' ORDER BY Id LIMIT 1 OFFSET 1000");
        var optedOut = await ScalarAsync<string>(connection, $"SELECT Phone FROM Contacts WHERE SenderCodeId = {code} AND OptOutReason = {(int)OptOutReason.StopKeyword} AND Phone LIKE '+1%' ORDER BY Id LIMIT 1 OFFSET 100");
        var other = await ScalarAsync<string>(connection, $"SELECT Phone FROM Contacts WHERE SenderCodeId = {code} AND OtherReplyUtc IS NOT NULL AND OptedOutUtc IS NULL AND Phone LIKE '+1%' ORDER BY Id LIMIT 1 OFFSET 100");

        var shapes = new List<Shape>();
        void Add(string tab, string[] sorts, string?[] filters, string sample)
        {
            foreach (var search in Searches(sample))
            {
                foreach (var sort in sorts)
                {
                    foreach (var dir in new[] { "asc", "desc" })
                    {
                        foreach (var filter in filters)
                        {
                            shapes.Add(new Shape($"tab={tab}&sort={sort}&dir={dir}{filter}{(search.Length == 0 ? "" : "&q=" + Uri.EscapeDataString(search))}"));
                        }
                    }
                }
            }

            foreach (var typed in Typing(sample))
            {
                shapes.Add(new Shape($"tab={tab}&q={Uri.EscapeDataString(typed)}"));
            }
        }

        Add("contacts", ["phone", "email", "subscribed", "list"], [null, $"&list={list}"], subscribed);
        Add("opted-out", ["phone", "email", "optedout", "reason"], [null, "&reason=StopKeyword"], optedOut);
        Add("other", ["phone", "lastmessage", "email"], [null], other);
        return shapes;
    }

    /// <summary>The issue's searches, from a real number of the tab (+1 AAA EEE LLLL).</summary>
    private static string[] Searches(string e164)
    {
        var n = e164[2..];
        return
        [
            "", n[..1], "1" + n[..2], n[..3], "+1" + n[..3], n[^4..], $"{n[3..6]}-{n[6..]}", e164, $"({n[..3]}) {n[3..6]}-{n[6..]}", n[4..7],
        ];
    }

    /// <summary>What a user types on the way to the number, and what is not a number.</summary>
    private static string[] Typing(string e164)
    {
        var n = e164[2..];
        return ["1", "14", $"+1 ({n[0]}", $"{n[..3]}-", n[..7], "john", "*", "%", "_", "😀"];
    }

    /// <summary>Each shape's page 1, middle page and last page (from page 1's pager), each timed <see cref="ShapeRuns"/> times.</summary>
    private static async Task<List<Timed>> SweepAsync(BenchApp app, List<Shape> shapes, Func<bool> counts)
    {
        var timed = new List<Timed>();
        var seen = new HashSet<string>();
        var progress = Stopwatch.StartNew();
        foreach (var shape in shapes)
        {
            var first = $"/contacts?{shape.Query}";
            var (firstTimes, html) = await TimeAsync(app, first, counts);
            var pageCount = PageCount(html);
            var urls = new List<string>();
            if (seen.Add(first))
            {
                Add(first, firstTimes);
            }

            foreach (var page in new[] { Math.Max(1, pageCount / 2), pageCount }.Where(p => p > 1).Distinct())
            {
                var url = $"{first}&page={page}";
                if (seen.Add(url))
                {
                    Add(url, (await TimeAsync(app, url, counts)).Times);
                }
            }

            if (progress.Elapsed > TimeSpan.FromSeconds(30))
            {
                Console.WriteLine($"  ... {timed.Count} URLs");
                progress.Restart();
            }
        }

        return timed;

        void Add(string url, List<double> times)
        {
            if (times.Count > 0)
            {
                timed.Add(new Timed(url, Stats.Median(times)));
            }
        }
    }

    /// <summary>Times one URL; only the runs <paramref name="counts"/> approves of (before and after) are kept.</summary>
    private static async Task<(List<double> Times, string Html)> TimeAsync(BenchApp app, string url, Func<bool> counts)
    {
        var times = new List<double>();
        var html = "";
        for (var i = 0; i < ShapeRuns; i++)
        {
            var before = counts();
            var stopwatch = Stopwatch.StartNew();
            var response = await app.Http.GetAsync(url);
            response.EnsureSuccessStatusCode();
            html = await response.Content.ReadAsStringAsync();
            var ms = stopwatch.Elapsed.TotalMilliseconds;
            if (before && counts())
            {
                times.Add(ms);
            }
        }

        return (times, html);
    }

    private static int PageCount(string html)
    {
        var match = Regex.Match(html, @"Page [\d,]+ of ([\d,]+)");
        return match.Success ? int.Parse(match.Groups[1].Value.Replace(",", "", StringComparison.Ordinal), CultureInfo.InvariantCulture) : 1;
    }

    /// <summary>The sweep again while imports of <paramref name="rows"/> rows run, one after another, into the sender code's first list.</summary>
    private static async Task<List<Timed>> SweepDuringImportAsync(BenchApp app, List<Shape> shapes, int rows, string data)
    {
        var file = Path.Combine(data, "grid-import.csv");
        var contacts = ImportScenario.Generate(rows, out var plan);
        ImportScenario.WriteFile(file, contacts, plan, update: false);
        contacts.Clear();

        using var stop = new CancellationTokenSource();
        long running = 0;
        var watcher = Task.Run(async () =>
        {
            await using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
            await connection.OpenAsync();
            while (!stop.IsCancellationRequested)
            {
                Interlocked.Exchange(ref running, await ScalarAsync<long>(connection, $"SELECT count(*) FROM Imports WHERE Status = {(int)ImportStatus.Running}"));
                await Task.Delay(50);
            }
        });

        var imports = 0;
        var importing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var run = await ImportScenario.ImportAsync(app, file, imports == 0 ? "AddOrUpdate" : "UpdateExisting", null);
                Console.WriteLine($"  import {++imports} done in {run.JobSeconds:F0} s: {run.Counts}");
            }
        });

        // Start measuring once the first import's job is running.
        while (Interlocked.Read(ref running) == 0)
        {
            await Task.Delay(100);
        }

        var sweeping = Stopwatch.StartNew();
        var timed = await SweepAsync(app, shapes, () => Interlocked.Read(ref running) > 0);
        stop.Cancel();
        Console.WriteLine($"swept {timed.Count} URLs while importing in {sweeping.Elapsed.TotalSeconds:F0} s ({imports} imports finished meanwhile); waiting for the last import");

        // Let the import in flight finish, so a kept data folder does not resume it on the next start.
        await importing;
        await watcher;
        return timed;
    }

    private static void Report(string title, List<Timed> timed)
    {
        if (timed.Count == 0)
        {
            Console.WriteLine($"{title}: nothing measured");
            return;
        }

        var times = timed.Select(t => t.Ms).ToList();
        Console.WriteLine($"{title} (of {timed.Count} URLs: median {Stats.F(Stats.Median(times))} ms, p99 {Stats.F(Stats.Percentile(times, 99))} ms, max {Stats.F(times.Max())} ms):");
        foreach (var t in timed.OrderByDescending(t => t.Ms).Take(10))
        {
            Console.WriteLine($"  {Stats.F(t.Ms),7} ms  {t.Url}");
        }
    }

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), CultureInfo.InvariantCulture);
    }

    private static async Task TouchDatabaseAsync(BenchApp app)
    {
        await using var connection = new SqliteConnection($"Data Source={app.DatabasePath}");
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
