using System.Globalization;

namespace SmsContacts.Bench;

public sealed record BenchOptions(int Rows, int Seconds, bool Keep)
{
    public static BenchOptions Parse(string[] args)
    {
        int rows = 1_000_000, seconds = 30;
        var keep = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rows": rows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--keep": keep = true; break;
                default: throw new ArgumentException($"Unknown option {args[i]}");
            }
        }

        return new BenchOptions(rows, seconds, keep);
    }
}
