namespace SmsContacts.Web.Infrastructure;

/// <summary>
/// The app's command line: no command serves the web app; `seed-demo --contacts N` fills the
/// configured database with demo data and exits. Everything else is host configuration.
/// </summary>
public sealed record AppCommand(int? SeedDemoContacts, string[] HostArguments)
{
    public const int DefaultDemoContacts = 10_000;

    public static AppCommand Parse(string[] args)
    {
        if (args.Length == 0 || args[0] != "seed-demo")
        {
            return new AppCommand(null, args);
        }

        var contacts = DefaultDemoContacts;
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
            else
            {
                rest.Add(args[i]);
            }
        }

        return new AppCommand(contacts, rest.ToArray());
    }
}
