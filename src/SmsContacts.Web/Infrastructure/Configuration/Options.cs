using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Infrastructure.Configuration;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for everything the app writes (database, uploads, exports, logs, mail). Relative to the content root.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
}

public sealed class AppOptions
{
    public const string Section = "App";

    /// <summary>Base of every link the app sends out (export emails) and of webhook signature checks.</summary>
    [Required, Url]
    public string PublicBaseUrl { get; set; } = "http://localhost:5000";
}

public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>With Password: creates this admin at start-up when no user exists yet.</summary>
    public string? Email { get; set; }

    public string? Password { get; set; }

    public bool IsValid =>
        string.IsNullOrWhiteSpace(Email) == string.IsNullOrWhiteSpace(Password)
        && (string.IsNullOrWhiteSpace(Email) || new EmailAddressAttribute().IsValid(Email));
}

public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>Run a Hangfire server in this process. Tests turn it off and run jobs directly.</summary>
    public bool RunServer { get; set; } = true;

    [Range(1, 64)]
    public int WorkerCount { get; set; } = 2;
}
