using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using SmsContacts.Web.Data;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// The real app over real HTTP (in-memory server) on a real database of its own: a SQLite file in its own temp
/// folder, or, with <see cref="TestProvider.SqlServer"/>, a database of its own on the SQL Server that
/// <c>SMSCONTACTS_TEST_SQLSERVER</c> names (created when the app starts, its schema made by the app's migrations,
/// dropped when the factory is disposed). Background jobs do not run by themselves here: tests run them where they
/// need them.
/// </summary>
/// <remarks>
/// Most tests should not make one of these: <see cref="SharedApp"/> is one app per test class that hands each test
/// a sender code of its own. A private app is for a test whose configuration or starting state must differ.
/// </remarks>
public class AppFactory : WebApplicationFactory<Program>
{
    public const string AdminEmail = "admin@example.com";
    public const string AdminPassword = "correct-horse-battery";

    private readonly Dictionary<string, string?> _settings;
    private readonly bool _ownsData;

    static AppFactory()
    {
        // Every app host would otherwise watch its appsettings files; dozens of hosts in one test run
        // exhaust the machine's inotify instances (128 by default) and fail unrelated tests.
        Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "1");
    }

    /// <param name="settings">Configuration on top of the test defaults (keys as in appsettings.json, ':'-separated).</param>
    /// <param name="createAdmin">Whether the configured first admin (<see cref="AdminEmail"/>) exists from the start.</param>
    /// <param name="provider">
    /// The database. With SQL Server and a <c>Storage:DataDirectory</c> in <paramref name="settings"/>, the database is
    /// named after that folder, so apps given the same folder (a restart) share it, and whoever chose the folder drops
    /// it (<see cref="DropSqlServerDatabaseAsync"/>); otherwise this factory drops it when disposed.
    /// </param>
    public AppFactory(Dictionary<string, string?>? settings = null, bool createAdmin = true, TestProvider provider = TestProvider.Sqlite)
    {
        Provider = provider;
        DataDirectory = Path.Combine(Path.GetTempPath(), "smscontacts-tests", Guid.NewGuid().ToString("N"));
        _settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            ["Jobs:RunServer"] = "false",
            ["Serilog:MinimumLevel:Default"] = "Warning",
            ["Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime"] = "Warning",
            ["App:PublicBaseUrl"] = "https://contacts.example.com",
        };
        if (createAdmin)
        {
            _settings["Admin:Email"] = AdminEmail;
            _settings["Admin:Password"] = AdminPassword;
        }

        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _ownsData = settings?.ContainsKey("Storage:DataDirectory") != true;
        if (provider == TestProvider.SqlServer)
        {
            SqlServerDatabase = SqlServerDatabaseName(_settings["Storage:DataDirectory"]!);
        }
    }

    /// <summary>The connection string of the SQL Server the tests may use, from <c>SMSCONTACTS_TEST_SQLSERVER</c>; null when unset.</summary>
    public static string? SqlServerConnectionString =>
        Environment.GetEnvironmentVariable("SMSCONTACTS_TEST_SQLSERVER") is { Length: > 0 } value ? value : null;

    /// <summary>Why a SQL Server test does not run here; null when a SQL Server is configured.</summary>
    public static string? SqlServerSkipReason =>
        SqlServerConnectionString is null ? "SQL Server: set SMSCONTACTS_TEST_SQLSERVER" : null;

    public TestProvider Provider { get; }

    /// <summary>The name of this app's database on the SQL Server; null on SQLite.</summary>
    public string? SqlServerDatabase { get; }

    public string DataDirectory { get; }

    /// <summary>The app's clock; tests move it to cross expiry times and cut-offs.</summary>
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        if (Provider == TestProvider.SqlServer)
        {
            builder.UseSetting("Database:Provider", "SqlServer");
            builder.UseSetting("ConnectionStrings:Default", SqlServerConnection(SqlServerDatabase!));
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        if (Provider == TestProvider.SqlServer)
        {
            // An empty database first: Hangfire's storage installs its own tables into it, and the app's migrations
            // (run at start-up, as in production) make the schema.
            CreateSqlServerDatabaseIfMissing(SqlServerDatabase!);
        }

        return base.CreateHost(builder);
    }

    public TestClient CreateTestClient() =>
        new(CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    public async Task<TestClient> SignInAsync(string email = AdminEmail, string password = AdminPassword)
    {
        var client = CreateTestClient();
        var response = await client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = email, ["Password"] = password });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Services.CreateAsyncScope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task<T> WithServiceAsync<TService, T>(Func<TService, Task<T>> work)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<TService>());
    }

    public TestData Data => new(this);

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (SqlServerDatabase is not null && _ownsData)
        {
            await DropSqlServerDatabaseAsync(_settings["Storage:DataDirectory"]!);
        }

        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still open by a finishing background thread; the OS temp cleaner gets it.
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Drops the SQL Server database of the apps given <paramref name="dataDirectory"/>, if it exists.</summary>
    public static async Task DropSqlServerDatabaseAsync(string dataDirectory)
    {
        if (SqlServerConnectionString is null)
        {
            return;
        }

        var name = SqlServerDatabaseName(dataDirectory);
        SqlConnection.ClearAllPools();
        await using var connection = new SqlConnection(SqlServerConnection("master"));
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            IF DB_ID(N'{name}') IS NOT NULL
            BEGIN
                ALTER DATABASE [{name}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE;
                DROP DATABASE [{name}];
            END
            """;
        await command.ExecuteNonQueryAsync();
    }

    // The folder's last part is a GUID (or a GUID with a prefix): letters, digits and '-', safe inside [ ] and N' '.
    private static string SqlServerDatabaseName(string dataDirectory) =>
        "SmsContactsTest_" + new string(Path.GetFileName(Path.TrimEndingDirectorySeparator(dataDirectory)).Where(char.IsAsciiLetterOrDigit).ToArray());

    private static string SqlServerConnection(string database) =>
        new SqlConnectionStringBuilder(SqlServerConnectionString
            ?? throw new InvalidOperationException("SQL Server tests need SMSCONTACTS_TEST_SQLSERVER (a connection string to a SQL Server)."))
        {
            InitialCatalog = database,
        }.ConnectionString;

    private static void CreateSqlServerDatabaseIfMissing(string name)
    {
        using var connection = new SqlConnection(SqlServerConnection("master"));
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"IF DB_ID(N'{name}') IS NULL CREATE DATABASE [{name}];";
        command.ExecuteNonQuery();
    }
}

/// <summary>The database an <see cref="AppFactory"/> runs on.</summary>
public enum TestProvider
{
    /// <summary>A SQLite file in the app's temp folder (the default, and the embedded production setup).</summary>
    Sqlite,

    /// <summary>A database of its own on the SQL Server of <c>SMSCONTACTS_TEST_SQLSERVER</c> (the production server setup).</summary>
    SqlServer,
}
