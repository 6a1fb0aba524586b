using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using SmsContacts.Web.Domain;

namespace SmsContacts.Bench;

/// <summary>
/// `inbound --seconds N`: seeds a small demo database (sender code 55123), starts the app with a Twilio auth
/// token, and posts signed STOP texts to the inbound webhook from numbers it has never seen (each a distinct
/// number and MessageSid, so each one creates an opted-out contact) with a fixed number of requests in flight,
/// for N seconds after a short warm-up. Each text takes the app's whole path: stored on its own, then read by
/// the matcher and applied. Then it counts the opt-outs in the database: every accepted STOP must be there.
/// </summary>
public static class InboundScenario
{
    private const string AuthToken = "bench-auth-token-0123456789abcdef";
    private const string SenderCode = "55123";
    private const int DemoContacts = 10_000;
    /// <summary>Requests in flight; BENCH_CONCURRENCY overrides it to explore.</summary>
    private static readonly int Concurrency = int.TryParse(Environment.GetEnvironmentVariable("BENCH_CONCURRENCY"), CultureInfo.InvariantCulture, out var n) && n > 0 ? n : 16;
    private const int WarmUpSeconds = 20;

    /// <summary>929 (New York) is not among the demo data's area codes, so the bench's numbers are new to the app.</summary>
    private const string AreaCode = "929";

    public static async Task<int> RunAsync(BenchOptions options)
    {
        if (options.DataDirectory is not null)
        {
            // Numbers and MessageSids of an earlier run would be replays: this scenario needs a fresh database.
            Console.Error.WriteLine("inbound always starts from a fresh data folder; drop --data.");
            return 2;
        }

        var first = Phone(0);
        if (PhoneNormalizer.Normalize(first, "US").E164 != first)
        {
            throw new InvalidOperationException($"{first} is not a valid number; pick another range.");
        }

        var data = BenchApp.NewDataDirectory();
        await BenchApp.SeedDemoAsync(data, DemoContacts);
        await using var app = await BenchApp.StartAsync(data, "--Twilio:AuthToken", AuthToken);
        var url = app.BaseUrl + "/webhooks/sms/inbound";

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = Concurrency, UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
        var load = new Load(http, url);

        await load.RunAsync(TimeSpan.FromSeconds(WarmUpSeconds), measure: false);
        Console.WriteLine($"warm-up: {load.Sent} requests, {load.Errors} errors");
        var warmUpErrors = load.Errors;

        var cpuBefore = CpuSeconds(app.ProcessId);
        var clientCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var elapsed = await load.RunAsync(TimeSpan.FromSeconds(options.Seconds), measure: true);
        var appCpu = CpuSeconds(app.ProcessId) - cpuBefore;
        var clientCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - clientCpuBefore;
        var measured = load.Latencies.ToList();
        var rate = measured.Count / elapsed.TotalSeconds;
        var p50 = measured.Count > 0 ? Stats.Percentile(measured, 50) : 0;
        var p99 = measured.Count > 0 ? Stats.Percentile(measured, 99) : 0;
        var errors = load.Errors;
        Console.WriteLine($"measured: {measured.Count} STOPs in {elapsed.TotalSeconds:F1} s with {Concurrency} in flight: {rate:F0} req/s, p50 {Stats.F(p50)} ms, p99 {Stats.F(p99)} ms, max {Stats.F(measured.DefaultIfEmpty(0).Max())} ms, {errors - warmUpErrors} errors; app peak RSS {app.PeakRssMb():F0} MB");
        // The machine's cores are shared: CPU time per request says what the app costs whatever the others do.
        Console.WriteLine($"cpu: app {appCpu * 1000 / Math.Max(1, measured.Count):F2} ms/request ({appCpu / elapsed.TotalSeconds * 100:F0}% of one core), load client {clientCpu * 1000 / Math.Max(1, measured.Count):F2} ms/request; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]} on {Environment.ProcessorCount} cores");
        foreach (var (error, count) in load.ErrorKinds.OrderByDescending(e => e.Value).Take(5))
        {
            Console.WriteLine($"  error x{count}: {error}");
        }

        var accepted = load.Sent - errors;
        var (optedOut, inbound, unapplied) = await CountPersistedAsync(app.DatabasePath);
        Console.WriteLine($"database: {optedOut} of the bench's {load.Sent} numbers opted out (reason STOP keyword), {inbound} inbound texts stored ({unapplied} stored but not applied yet); {accepted} STOPs were answered 200");

        if (!options.Keep)
        {
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
            Directory.Delete(data, recursive: true);
        }

        // An answered STOP that is not in the database is an error too.
        var lost = Math.Max(0, accepted - optedOut);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RESULT inbound req_per_s={rate:F0} p99_ms={Stats.F(p99)} errors={errors + lost} persisted={optedOut}"));
        return errors + lost == 0 ? 0 : 1;
    }

    /// <summary>User + system CPU time of a process so far, from /proc (clock ticks of 1/100 s).</summary>
    private static double CpuSeconds(int processId)
    {
        var stat = File.ReadAllText($"/proc/{processId}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The i-th bench number: +1 929 2xx xxxx.</summary>
    private static string Phone(long i) => $"+1{AreaCode}{200 + (i / 10_000):D3}{i % 10_000:D4}";

    private static async Task<(long OptedOut, long Inbound, long Unapplied)> CountPersistedAsync(string databasePath)
    {
        await using var connection = new SqliteConnection($"Data Source={databasePath};Mode=ReadOnly");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT
              (SELECT COUNT(*) FROM Contacts c JOIN SenderCodes s ON s.Id = c.SenderCodeId
                WHERE s.Code = $code AND c.Phone LIKE $prefix AND c.OptOutReason = 5 AND c.OptedOutUtc IS NOT NULL),
              (SELECT COUNT(*) FROM Messages m WHERE m.ProviderMessageId LIKE 'SMbench%' AND m.Direction = 0),
              (SELECT COUNT(*) FROM Messages m WHERE m.ApplyPendingSinceUtc IS NOT NULL)
            """;
        command.Parameters.AddWithValue("$code", SenderCode);
        command.Parameters.AddWithValue("$prefix", $"+1{AreaCode}%");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    /// <summary>A closed-loop load: <see cref="Concurrency"/> workers, each posting its next STOP as soon as the last one is answered.</summary>
    private sealed class Load(HttpClient http, string url)
    {
        private readonly byte[] _key = Encoding.UTF8.GetBytes(AuthToken);
        private long _next = -1;
        private long _sent;
        private long _errors;

        public ConcurrentBag<double> Latencies { get; private set; } = [];

        public ConcurrentDictionary<string, int> ErrorKinds { get; } = new();

        public long Sent => Interlocked.Read(ref _sent);

        public long Errors => Interlocked.Read(ref _errors);

        public async Task<TimeSpan> RunAsync(TimeSpan duration, bool measure)
        {
            Latencies = [];
            var stopwatch = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
            {
                var latencies = new List<double>();
                while (stopwatch.Elapsed < duration)
                {
                    var i = Interlocked.Increment(ref _next);
                    var started = Stopwatch.GetTimestamp();
                    var ok = await PostStopAsync(i);
                    var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    Interlocked.Increment(ref _sent);
                    if (!ok)
                    {
                        Interlocked.Increment(ref _errors);
                    }

                    if (measure)
                    {
                        latencies.Add(ms);
                    }
                }

                foreach (var ms in latencies)
                {
                    Latencies.Add(ms);
                }
            })).ToList();
            await Task.WhenAll(workers);
            return stopwatch.Elapsed;
        }

        private async Task<bool> PostStopAsync(long i)
        {
            var sid = $"SMbench{i:D27}";
            var fields = new SortedDictionary<string, string>(StringComparer.Ordinal)
            {
                ["AccountSid"] = "AC00000000000000000000000000000000",
                ["ApiVersion"] = "2010-04-01",
                ["Body"] = (i % 4) switch { 0 => "STOP", 1 => "stop", 2 => " Stop ", _ => "Unsubscribe" },
                ["From"] = Phone(i),
                ["MessageSid"] = sid,
                ["NumMedia"] = "0",
                ["NumSegments"] = "1",
                ["SmsMessageSid"] = sid,
                ["SmsSid"] = sid,
                ["SmsStatus"] = "received",
                ["To"] = SenderCode,
                ["ToCountry"] = "US",
            };

            // As Twilio signs: the URL, then each field name and value in name order, HMAC-SHA1 with the auth token.
            var signed = new StringBuilder(url);
            foreach (var (key, value) in fields)
            {
                signed.Append(key).Append(value);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(fields) };
            request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(HMACSHA1.HashData(_key, Encoding.UTF8.GetBytes(signed.ToString()))));
            try
            {
                using var response = await http.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK && body.Contains("<Message>", StringComparison.Ordinal))
                {
                    return true;
                }

                ErrorKinds.AddOrUpdate($"{(int)response.StatusCode}: {body[..Math.Min(body.Length, 120)]}", 1, (_, n) => n + 1);
                return false;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                ErrorKinds.AddOrUpdate(e.GetType().Name + ": " + e.Message, 1, (_, n) => n + 1);
                return false;
            }
        }
    }
}
