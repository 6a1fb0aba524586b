namespace SmsContacts.Web.Infrastructure.Configuration;

/// <summary>
/// The one folder the app writes to (setting Storage:DataDirectory). Created on start, with a
/// sub-folder per kind of file so an operator knows what is safe to back up or clean.
/// </summary>
public sealed class DataDirectory
{
    public DataDirectory(string contentRoot, StorageOptions options)
    {
        Root = Path.GetFullPath(Path.Combine(contentRoot, options.DataDirectory));
        Directory.CreateDirectory(Root);
        foreach (var folder in new[] { Imports, Exports, Logs, Mail })
        {
            Directory.CreateDirectory(folder);
        }
    }

    public string Root { get; }

    public string Imports => Path.Combine(Root, "imports");

    public string Exports => Path.Combine(Root, "exports");

    public string Logs => Path.Combine(Root, "logs");

    /// <summary>Emails land here as .eml files when no SMTP host is configured.</summary>
    public string Mail => Path.Combine(Root, "mail");

    public string DefaultSqliteDatabase => Path.Combine(Root, "smscontacts.db");

    public string HangfireSqliteDatabase => Path.Combine(Root, "hangfire.db");

    public static DataDirectory FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        var options = configuration.GetSection(StorageOptions.Section).Get<StorageOptions>() ?? new StorageOptions();
        return new DataDirectory(contentRoot, options);
    }
}
