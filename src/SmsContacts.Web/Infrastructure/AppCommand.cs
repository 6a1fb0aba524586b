namespace SmsContacts.Web.Infrastructure;

/// <summary>
/// The app's command line: no command serves the web app; `seed-demo --contacts N [--events M]` fills the
/// configured database with demo data (M consent events on its main sender code when asked) and exits;
/// `check-data` checks the configured database's dates
/// (Features/Demo/DataChecker) and exits 0 when they hold, 1 when not. Everything else is host configuration.
/// </summary>
public sealed record AppCommand(int? SeedDemoContacts, string[] HostArguments, bool CheckData = false, long? SeedDemoEvents = null)
{
    public const int DefaultDemoContacts = 10_000;

    public static AppCommand Parse(string[] args)
    {
        if (args.Length > 0 && args[0] == "check-data")
        {
            return new AppCommand(null, args[1..], CheckData: true);
        }

        if (args.Length == 0 || args[0] != "seed-demo")
        {
            return new AppCommand(null, args);
        }

        var contacts = DefaultDemoContacts;
        long? events = null;
        var rest = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i] == "--contacts" && i + 1 < args.Length)
            {
                if (!int.TryParse(args[++i], out contacts) || contacts < 0)
                {
                    throw new ArgumentException($"seed-demo --contacts needs a whole number, got \"{args[i]}\".");
                }
            }
            else if (args[i] == "--events" && i + 1 < args.Length)
            {
                if (!long.TryParse(args[++i], out var wanted) || wanted < 0)
                {
                    throw new ArgumentException($"seed-demo --events needs a whole number, got \"{args[i]}\".");
                }

                events = wanted;
            }
            else
            {
                rest.Add(args[i]);
            }
        }

        return new AppCommand(contacts, rest.ToArray(), SeedDemoEvents: events);
    }
}
