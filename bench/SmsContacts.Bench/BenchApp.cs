using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using AngleSharp;

namespace SmsContacts.Bench;

/// <summary>
/// The real app, started from its build output as a child process on a loopback port, with its
/// own data folder. Scenarios drive it over HTTP like a user would and read its memory from /proc.
/// </summary>
public sealed class BenchApp : IAsyncDisposable
{
    public const string AdminEmail = "bench@example.com";
    public const string AdminPassword = "bench-password-1";

    private readonly Process _process;
    private bool _disposed;

    private BenchApp(Process process, string baseUrl, string dataDirectory)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataDirectory = dataDirectory;
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        Http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromMinutes(10) };
    }

    public string BaseUrl { get; }

    public string DataDirectory { get; }

    public HttpClient Http { get; }

    public int ProcessId => _process.Id;

    public string DatabasePath => Path.Combine(DataDirectory, "smscontacts.db");

    /// <summary>A fresh data folder under the system temp folder.</summary>
    public static string NewDataDirectory()
    {
        var folder = Path.Combine(Path.GetTempPath(), "smscontacts-bench", DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..6]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    /// <summary>Runs the app's own `seed-demo` command against the data folder and waits for it (with `--events` when given).</summary>
    public static async Task SeedDemoAsync(string dataDirectory, int contacts, long? events = null)
    {
        string[] arguments = events is { } wanted
            ? ["seed-demo", "--contacts", contacts.ToString(CultureInfo.InvariantCulture), "--events", wanted.ToString(CultureInfo.InvariantCulture)]
            : ["seed-demo", "--contacts", contacts.ToString(CultureInfo.InvariantCulture)];
        using var process = Process.Start(StartInfo(dataDirectory, arguments))!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"seed-demo failed with exit code {process.ExitCode}");
        }
    }

    public static async Task<BenchApp> StartAsync(string dataDirectory, params string[] settings)
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var arguments = new List<string> { "--urls", baseUrl, "--App:PublicBaseUrl", baseUrl };
        arguments.AddRange(settings);
        var process = Process.Start(StartInfo(dataDirectory, [.. arguments]))!;
        var app = new BenchApp(process, baseUrl, dataDirectory);
        await app.WaitUntilHealthyAsync();
        await app.SignInAsync();
        return app;
    }

    /// <summary>Picks the signed-in user's time zone (an IANA id) on the Time zone page, as a user would.</summary>
    public async Task SetTimeZoneAsync(string zoneId)
    {
        var html = await Http.GetStringAsync("/account/time-zone");
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var token = page.QuerySelector("form[action='/account/time-zone'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await Http.PostAsync("/account/time-zone", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["timeZoneId"] = zoneId,
        }));
        var shown = await Http.GetStringAsync("/account/time-zone");
        var after = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(shown));
        var picked = after.QuerySelector("#time-zone option[selected]")?.GetAttribute("value");
        if (response.StatusCode != HttpStatusCode.Redirect || picked != zoneId)
        {
            throw new InvalidOperationException($"Picking the time zone {zoneId} failed: {(int)response.StatusCode}, the page shows {picked}");
        }
    }

    /// <summary>Peak resident memory of the app process so far (VmHWM), in MB.</summary>
    public double PeakRssMb() => ReadStatusKb("VmHWM") / 1024.0;

    /// <summary>
    /// Resets the app process's peak resident memory (VmHWM) to what it uses now, so that <see cref="PeakRssMb"/> then reads
    /// the peak of what comes next (Linux: "5" to /proc/PID/clear_refs). False where the kernel does not allow it.
    /// </summary>
    public bool ResetPeakRss()
    {
        try
        {
            File.WriteAllText($"/proc/{_process.Id}/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>CPU time (user + system) the app process has used so far, in seconds.</summary>
    public double CpuSeconds()
    {
        // /proc/PID/stat: fields 14 and 15 (utime, stime) in clock ticks, after the ")" that ends the command name.
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return ticks / 100.0;
    }

    /// <summary>Resident memory of the app process now (VmRSS), in MB.</summary>
    public double RssMb() => ReadStatusKb("VmRSS") / 1024.0;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo StartInfo(string dataDirectory, params string[] arguments)
    {
        var dll = AppDll();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false };

        // The project folder is the content root, as with `dotnet run`: wwwroot is served from there.
        info.WorkingDirectory = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(dll)!, "..", "..", ".."));
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["Storage__DataDirectory"] = dataDirectory;
        info.Environment["Admin__Email"] = AdminEmail;
        info.Environment["Admin__Password"] = AdminPassword;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Serilog__MinimumLevel__Default"] = "Warning";
        info.Environment["Serilog__MinimumLevel__Override__Microsoft.Hosting.Lifetime"] = "Warning";
        return info;
    }

    /// <summary>The app's build output of the same configuration as the bench (Release when run as documented).</summary>
    private static string AppDll()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "SmsContacts.sln")))
        {
            directory = directory.Parent;
        }

        var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Run the bench from the repository."), "src", "SmsContacts.Web", "bin", configuration, "net10.0", "SmsContacts.Web.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException("Build the app first", dll);
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was healthy.");
            }

            try
            {
                if ((await Http.GetAsync("/health")).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The app did not become healthy within 2 minutes.");
    }

    private async Task SignInAsync()
    {
        var html = await Http.GetStringAsync("/account/sign-in");
        var page = await BrowsingContext.New(Configuration.Default).OpenAsync(r => r.Content(html));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await Http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Email"] = AdminEmail,
            ["Password"] = AdminPassword,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode}");
        }
    }

    private long ReadStatusKb(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
