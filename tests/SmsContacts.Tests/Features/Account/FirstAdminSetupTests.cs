using System.Net;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Account;

public sealed class FirstAdminSetupTests : IAsyncLifetime
{
    private readonly AppFactory _app = new(createAdmin: false);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task FreshInstall_LeadsToSetup_WhichCreatesAnAdminOnce()
    {
        using var client = _app.CreateTestClient();
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/setup", home.Headers.Location!.OriginalString);

        // A form with mismatched passwords is refused next to the field.
        var refused = await client.SubmitFormAsync("/account/setup", "form", new()
        {
            ["DisplayName"] = "Ada",
            ["Email"] = "ada@example.com",
            ["Password"] = "first-admin-pass",
            ["ConfirmPassword"] = "something-else",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("The passwords do not match.", await refused.Content.ReadAsStringAsync());

        var created = await client.SubmitFormAsync("/account/setup", "form", new()
        {
            ["DisplayName"] = "Ada",
            ["Email"] = "ada@example.com",
            ["Password"] = "first-admin-pass",
            ["ConfirmPassword"] = "first-admin-pass",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        // Signed in as that admin straight away.
        var (_, page) = await client.FollowAsync(await client.GetAsync("/admin/users"));
        Assert.Contains("ada@example.com", page.QuerySelector("table")!.TextContent);

        // The setup page is gone for everybody, and a second POST cannot add another admin.
        using var stranger = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/account/setup")).StatusCode);
        var signInPage = await stranger.GetPageAsync("/account/sign-in");
        var token = signInPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var second = await stranger.Http.PostAsync("/account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["DisplayName"] = "Mallory",
            ["Email"] = "mallory@example.com",
            ["Password"] = "mallory-password",
            ["ConfirmPassword"] = "mallory-password",
        }));
        Assert.Equal(HttpStatusCode.NotFound, second.StatusCode);
        Assert.Equal(1, await _app.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }

    [Fact]
    public async Task AdminSettings_CreateTheFirstAdminAtStartUp()
    {
        await using var configured = new AppFactory(new() { ["Admin:Email"] = "ops@example.com", ["Admin:Password"] = "ops-password-123" }, createAdmin: false);
        using var client = await configured.SignInAsync("ops@example.com", "ops-password-123");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/users")).StatusCode);
    }
}
