using System.Globalization;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>One app shared by the tests of a class; each test works on a sender code of its own.</summary>
public class ImportAppFixture : IAsyncLifetime
{
    private int _nextCode = 40000;

    public ImportAppFixture()
        : this(TestProvider.Sqlite)
    {
    }

    protected ImportAppFixture(TestProvider provider) => App = new AppFactory(provider: provider);

    /// <param name="settings">Configuration of the app (as <see cref="AppFactory"/>'s), for tests that need a setting of their own.</param>
    protected ImportAppFixture(Dictionary<string, string?> settings) => App = new AppFactory(settings);

    public AppFactory App { get; }

    public Task<SenderCode> NewSenderCodeAsync() =>
        App.Data.SenderCodeAsync(Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>The same, on a database of its own on the SQL Server of <c>SMSCONTACTS_TEST_SQLSERVER</c>.</summary>
public sealed class SqlServerImportAppFixture() : ImportAppFixture(TestProvider.SqlServer);
