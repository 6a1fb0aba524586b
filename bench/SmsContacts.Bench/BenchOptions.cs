using System.Globalization;

namespace SmsContacts.Bench;

/// <param name="DataDirectory">An existing data folder to reuse (skips seeding where a scenario allows it).</param>
/// <param name="AppSettings">`--set Section:Key=value` (repeatable): settings given to the app under test, to compare them.</param>
/// <param name="Events">`--events N`: consent events the seeded demo data should hold (scenarios that seed say what they do without it).</param>
public sealed record BenchOptions(int Rows, int Seconds, bool Keep, string? DataDirectory = null, IReadOnlyList<string>? AppSettings = null, long? Events = null)
{
    public static BenchOptions Parse(string[] args)
    {
        int rows = 1_000_000, seconds = 30;
        var keep = false;
        string? data = null;
        long? events = null;
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                case "--events": events = long.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--data": data = args[++i]; keep = true; break;
                case "--set":
                    var setting = args[++i].Split('=', 2);
                    settings.AddRange(["--" + setting[0], setting[1]]);
                    break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }

        return new BenchOptions(rows, seconds, keep, data, settings, events);
    }
}
