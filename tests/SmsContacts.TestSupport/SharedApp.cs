using System.Globalization;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>
/// One app for all the tests of a class (<c>IClassFixture&lt;SharedApp&gt;</c>): starting the app and migrating its
/// database costs more than most tests, so a class pays it once. Tests do not see each other's data because each
/// works in a sender code of its own (<see cref="NewSenderCodeAsync"/>) and names its users with
/// <see cref="NewEmail"/>; a test must not count or change what is not under its own sender code or users
/// (the admin account and the site's settings are shared: a test that changes them takes a private
/// <see cref="AppFactory"/> and says why).
/// </summary>
public class SharedApp : IAsyncLifetime
{
    private int _nextCode = 20000;
    private int _nextUser;

    public SharedApp()
        : this(TestProvider.Sqlite)
    {
    }

    /// <param name="provider">The database (a subclass per provider; see <see cref="RunsOnSqlServerAttribute"/>).</param>
    /// <param name="settings">Configuration every test of the class shares (as <see cref="AppFactory"/>'s).</param>
    protected SharedApp(TestProvider provider, Dictionary<string, string?>? settings = null)
        : this(new AppFactory(settings, provider: provider))
    {
    }

    /// <param name="app">The app the tests share, when it is an <see cref="AppFactory"/> of a kind of its own (the fixture disposes it).</param>
    protected SharedApp(AppFactory app) => App = app;

    public AppFactory App { get; }

    /// <summary>A new sender code (five digits, unique in this app) of <paramref name="country"/> (ISO 3166 alpha-2).</summary>
    public Task<SenderCode> NewSenderCodeAsync(string country = "US") =>
        App.Data.SenderCodeAsync(Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture), country);

    /// <summary>An email address no other test of this app uses: <c>{name}.{n}@example.com</c>.</summary>
    public string NewEmail(string name = "user") =>
        $"{name}.{Interlocked.Increment(ref _nextUser).ToString(CultureInfo.InvariantCulture)}@example.com";

    /// <summary>
    /// Signs in (the configured admin unless told) and picks <paramref name="code"/> in the navigation, as the user
    /// would: the pages that show "the sender code picked" then show the test's own.
    /// </summary>
    public async Task<TestClient> SignInAsync(SenderCode code, string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        var client = await App.SignInAsync(email, password);
        var response = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = code.Id.ToString(CultureInfo.InvariantCulture), ["returnUrl"] = "/contacts" });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync() => await App.DisposeAsync();
}
