using System.Net;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Account;

public sealed class AccessTests(AccessTests.Fixture fixture) : IClassFixture<AccessTests.Fixture>
{
    private readonly AppFactory _app = fixture.App;

    /// <summary>
    /// One app for the class, with a sender code and a Marketer. Its tests fail no more than six sign-ins in all
    /// (below the client network's limit of 20); the one that needs an email's limit reached uses a user of its own.
    /// </summary>
    public sealed class Fixture : SharedApp
    {
        public override async Task InitializeAsync()
        {
            await App.Data.SenderCodeAsync();
            await App.Data.UserAsync("marketer@example.com", UserRole.Marketer);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/contacts")]
    [InlineData("/contacts?tab=opted-out")]
    [InlineData("/admin/users")]
    [InlineData("/admin/sender-codes")]
    [InlineData("/jobs")]
    public async Task SignedOut_EveryPageLeadsToSignIn(string url)
    {
        using var client = _app.CreateTestClient();
        var response = await client.GetAsync(url);
        var (final, page) = await client.FollowAsync(response);

        Assert.Equal(HttpStatusCode.OK, final.StatusCode);
        Assert.Equal("/account/sign-in", final.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.NotNull(page.QuerySelector("input[name=Email]"));
        Assert.DoesNotContain("SMS Contacts", page.QuerySelector("main")!.TextContent);
    }

    [Fact]
    public async Task SignInPage_HasTheFieldsAndButtonByName()
    {
        using var client = _app.CreateTestClient();
        var page = await client.GetPageAsync("/account/sign-in");

        Assert.Equal("Email", page.QuerySelector("label[for=Email]")!.TextContent);
        Assert.Equal("Password", page.QuerySelector("label[for=Password]")!.TextContent);
        Assert.Equal("Sign in", page.QuerySelector("form button[type=submit]")!.TextContent);
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/users/new")]
    [InlineData("/admin/sender-codes")]
    [InlineData("/admin/sender-codes/new")]
    [InlineData("/jobs")]
    public async Task Marketer_GetsForbidden_OnAdminPages(string url)
    {
        using var client = await _app.SignInAsync("marketer@example.com", "marketer-password-1");
        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Not allowed", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Marketer_PostingToAnAdminAction_IsForbidden_AndChangesNothing()
    {
        using var client = await _app.SignInAsync("marketer@example.com", "marketer-password-1");
        var response = await client.PostWithTokenAsync("/admin/users/new", new()
        {
            ["DisplayName"] = "Sneaky",
            ["Email"] = "sneaky@example.com",
            ["Role"] = "Admin",
            ["Password"] = "sneaky-password-1",
        });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(await _app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "sneaky@example.com"))));
    }

    [Theory]
    [InlineData("/admin/users")]
    [InlineData("/admin/sender-codes")]
    [InlineData("/jobs")]
    public async Task Admin_ReachesAdminPages(string url)
    {
        using var client = await _app.SignInAsync();
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WrongPassword_IsRefused_WithAClearMessage()
    {
        using var client = _app.CreateTestClient();
        var response = await client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = "marketer@example.com", ["Password"] = "nope" });
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Email or password is incorrect, or the account is disabled.", page.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task RepeatedFailedSignIns_MakeTheNextAttemptWait()
    {
        var target = fixture.NewEmail("target");
        await _app.Data.UserAsync(target, UserRole.Marketer, "target-password-1");
        using var client = _app.CreateTestClient();
        for (var i = 0; i < 5; i++)
        {
            await client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = target, ["Password"] = $"guess-{i}" });
        }

        var response = await client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = target, ["Password"] = "target-password-1" });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Try again in 30 seconds", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SignOut_EndsTheSession()
    {
        using var client = await _app.SignInAsync();
        var response = await client.SubmitFormAsync("/contacts", "form[action='/account/sign-out']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await client.GetAsync("/contacts");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/sign-in", after.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Health_AnswersWithoutSignIn_AndChecksTheDatabase()
    {
        using var client = _app.CreateTestClient();
        var response = await client.GetAsync("/health");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task SetupPage_IsGone_OnceAUserExists()
    {
        using var client = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/account/setup")).StatusCode);
    }

    [Fact]
    public async Task Responses_CarrySecurityHeaders()
    {
        using var client = _app.CreateTestClient();
        var response = await client.GetAsync("/account/sign-in");
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }
}
