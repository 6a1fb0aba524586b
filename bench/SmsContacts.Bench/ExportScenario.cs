using System.Diagnostics;
using System.Globalization;
using AngleSharp;
using Microsoft.Data.Sqlite;

namespace SmsContacts.Bench;

/// <summary>
/// `export --rows N`: seeds N demo contacts, starts the app (with its own Hangfire server), asks for an
/// export of the whole Contacts tab through the Configure Export form like a user, and waits for the
/// job. rows_per_s is the job's own writing time (StartedUtc to CompletedUtc of the export record:
/// query, CSV, file; not the queue's polling delay nor the email). rss_growth_mb is the app's peak
/// resident memory during the export minus its resident memory just before, sampled from /proc.
/// It also prints the app's CPU time for the export, a figure that other load on the machine does
/// not bend. A small export runs first so that start-up costs (JIT, first queries) are not counted as growth.
/// </summary>
public static class ExportScenario
{
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var data = BenchApp.NewDataDirectory();
        var seeding = Stopwatch.StartNew();
        await BenchApp.SeedDemoAsync(data, options.Rows);
        Console.WriteLine($"seeded {options.Rows:N0} demo contacts in {seeding.Elapsed.TotalSeconds:F1} s ({data})");

        // SMTP unset: the email is written as an .eml file, so no mail server is needed.
        await using var app = await BenchApp.StartAsync(data);

        var warmUp = await ExportAsync(app, "/exports/new?tab=contacts&q=2125", TimeSpan.FromMinutes(2));
        Console.WriteLine($"warm-up  {warmUp.Rows,10:N0} rows in {warmUp.Seconds:F2} s (phone search \"2125\")");

        var before = app.RssMb();
        using var sampling = new CancellationTokenSource();
        var peak = before;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, app.RssMb());
                await Task.Delay(20);
            }
        });

        var cpuBefore = app.CpuSeconds();
        var full = await ExportAsync(app, "/exports/new?tab=contacts", TimeSpan.FromMinutes(10));
        var cpu = app.CpuSeconds() - cpuBefore;
        await sampling.CancelAsync();
        await sampler;
        var growth = peak - before;
        var rowsPerSecond = full.Rows / full.Seconds;
        var file = new FileInfo(Path.Combine(data, "exports", full.StoredFileName));
        var lines = CountLines(file.FullName);
        Console.WriteLine($"export   {full.Rows,10:N0} rows in {full.Seconds:F2} s = {rowsPerSecond:N0} rows/s; file {file.Length / 1024.0 / 1024.0:F0} MB, {lines:N0} lines (header + rows)");
        Console.WriteLine($"cpu      {cpu:F2} s of app CPU for the export = {full.Rows / cpu:N0} rows per CPU second (other processes share this machine's cores)");
        Console.WriteLine($"memory   RSS before {before:F0} MB, peak during export {peak:F0} MB, growth {growth:F1} MB");
        if (lines != full.Rows + 1)
        {
            throw new InvalidOperationException($"The file has {lines} lines for {full.Rows} rows.");
        }

        if (!options.Keep)
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        Console.WriteLine($"RESULT export rows_per_s={rowsPerSecond.ToString("0", CultureInfo.InvariantCulture)} rss_growth_mb={Stats.F(growth)}");
        return 0;
    }

    private sealed record ExportRun(int Rows, double Seconds, string StoredFileName);

    /// <summary>Submits Configure Export as a browser would (its form, its anti-forgery token) and waits for the job.</summary>
    private static async Task<ExportRun> ExportAsync(BenchApp app, string configureUrl, TimeSpan timeout)
    {
        var html = await app.Http.GetStringAsync(configureUrl);
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var form = page.QuerySelector("form#configure-export") ?? throw new InvalidOperationException("No Configure Export form");
        var fields = form.QuerySelectorAll("input[name]").Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.GetAttribute("value") ?? "")).ToList();
        var recipient = form.QuerySelector("select[name=RecipientUserId] option[selected]") ?? form.QuerySelector("select[name=RecipientUserId] option")!;
        fields.Add(new("RecipientUserId", recipient.GetAttribute("value")!));
        var response = await app.Http.PostAsync("/exports", new FormUrlEncodedContent(fields));
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Export was not queued: {(int)response.StatusCode}");
        }

        var deadline = DateTime.UtcNow + timeout;
        await using var db = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly");
        await db.OpenAsync();
        while (DateTime.UtcNow < deadline)
        {
            await using var command = db.CreateCommand();
            command.CommandText = "SELECT Status, RowCount, StartedUtc, CompletedUtc, StoredFileName, Error FROM Exports ORDER BY CreatedUtc DESC LIMIT 1";
            await using var reader = await command.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                var status = reader.GetInt32(0);
                if (status == 3)
                {
                    throw new InvalidOperationException($"The export failed: {reader.GetValue(5)}");
                }

                if (status == 2)
                {
                    var started = Utc(reader.GetString(2));
                    var completed = Utc(reader.GetString(3));
                    return new ExportRun(reader.GetInt32(1), (completed - started).TotalSeconds, reader.GetString(4));
                }
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The export did not finish in time.");
    }

    private static DateTime Utc(string stored) =>
        DateTime.Parse(stored, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private static long CountLines(string path)
    {
        using var stream = File.OpenRead(path);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }
}
