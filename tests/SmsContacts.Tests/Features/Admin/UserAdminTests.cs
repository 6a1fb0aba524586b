using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Admin;

public sealed class UserAdminTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;

    public async Task InitializeAsync() => await _app.Data.SenderCodeAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Admin_CreatesAMarketer_WhoCanSignInButNotAdminister()
    {
        var mia = fixture.NewEmail("mia");
        using var admin = await _app.SignInAsync();
        var response = await admin.SubmitFormAsync("/admin/users/new", "main form", new()
        {
            ["DisplayName"] = "Mia Marketer",
            ["Email"] = mia,
            ["Role"] = "Marketer",
            ["Password"] = "mia-password-1",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var list = await admin.GetPageAsync("/admin/users");
        var row = list.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(mia, StringComparison.Ordinal));
        Assert.Contains("Marketer", row.TextContent);
        Assert.Contains("Active", row.TextContent);

        using var signedIn = await _app.SignInAsync(mia, "mia-password-1");
        Assert.Equal(HttpStatusCode.OK, (await signedIn.GetAsync("/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await signedIn.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task Admin_AddsAMarketer_WithTheSenderCodesTickedOnAddUser_AndOnlyThose()
    {
        var ned = fixture.NewEmail("ned");
        var other = await fixture.NewSenderCodeAsync();
        var ours = await fixture.NewSenderCodeAsync();
        using var admin = await _app.SignInAsync();
        var form = (await admin.GetPageAsync("/admin/users/new")).QuerySelector("main form")!;
        Assert.NotNull(form.QuerySelector($"input[type=checkbox][name=SenderCodeIds][value='{ours.Id}']"));
        Assert.NotNull(form.QuerySelector($"input[type=checkbox][name=SenderCodeIds][value='{other.Id}']"));

        var response = await admin.SubmitFormAsync("/admin/users/new", "main form", new()
        {
            ["DisplayName"] = "Ned New",
            ["Email"] = ned,
            ["Role"] = "Marketer",
            ["Password"] = "ned-password-1",
            ["SenderCodeIds"] = ours.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var row = (await admin.GetPageAsync("/admin/users")).QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(ned, StringComparison.Ordinal));
        Assert.Contains(ours.Code, row.TextContent);
        Assert.DoesNotContain(other.Code, row.TextContent);

        // Signed in, Ned works in the code he was given at once, without an Edit user first.
        using var signedIn = await _app.SignInAsync(ned, "ned-password-1");
        var contacts = await signedIn.GetPageAsync("/contacts");
        Assert.DoesNotContain("No sender code is assigned to you yet", contacts.Body!.TextContent);
        var options = contacts.QuerySelectorAll("#sender-code option").Select(o => o.TextContent).ToList();
        Assert.Equal([$"{ours.Code} – {ours.Name}"], options);
        var switched = await signedIn.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = other.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ["returnUrl"] = "/contacts" });
        Assert.Equal(HttpStatusCode.NotFound, switched.StatusCode);
    }

    [Fact]
    public async Task Admin_PromotesAMarketer_ToAdmin()
    {
        var email = fixture.NewEmail("leo");
        await _app.Data.UserAsync(email, SmsContacts.Web.Domain.UserRole.Marketer);
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using var admin = await _app.SignInAsync();

        var response = await admin.SubmitFormAsync($"/admin/users/{id}/edit", "main form", new() { ["Role"] = "Admin" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var leo = await _app.SignInAsync(email, "marketer-password-1");
        Assert.Equal(HttpStatusCode.OK, (await leo.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task DisabledUser_CannotSignIn_UntilEnabledAgain()
    {
        var email = fixture.NewEmail("gone");
        await _app.Data.UserAsync(email, SmsContacts.Web.Domain.UserRole.Marketer);
        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        using var admin = await _app.SignInAsync();

        var disabled = await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/disable']", []);
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);

        using var client = _app.CreateTestClient();
        var refused = await client.SubmitFormAsync("/account/sign-in", "form", new() { ["Email"] = email, ["Password"] = "marketer-password-1" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Email or password is incorrect, or the account is disabled.", await refused.Content.ReadAsStringAsync());

        await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/enable']", []);
        using var back = await _app.SignInAsync(email, "marketer-password-1");
        Assert.Equal(HttpStatusCode.OK, (await back.GetAsync("/contacts")).StatusCode);
    }

    [Fact]
    public async Task TheLastAdmin_CanNeitherBeDisabledNorDemoted()
    {
        // A private app: the shared one has other admins (a test promotes one), and this test needs the only one.
        await using var app = new AppFactory();
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == AppFactory.AdminEmail).Select(u => u.Id).SingleAsync());
        await app.Data.UserAsync("second@example.com", SmsContacts.Web.Domain.UserRole.Marketer);
        using var admin = await app.SignInAsync();

        var demote = await admin.SubmitFormAsync($"/admin/users/{id}/edit", "main form", new() { ["Role"] = "Marketer" });
        Assert.Equal(HttpStatusCode.OK, demote.StatusCode);
        Assert.Contains("last enabled admin", await demote.Content.ReadAsStringAsync());

        var disable = await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/disable']", []);
        var (_, page) = await admin.FollowAsync(disable);
        Assert.Contains("You cannot disable your own account.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task NewUser_WithAnInvalidEmail_IsRefusedNextToTheField()
    {
        using var admin = await _app.SignInAsync();
        var response = await admin.SubmitFormAsync("/admin/users/new", "main form", new() { ["DisplayName"] = "X", ["Email"] = "not-an-email", ["Password"] = "long-enough-pass" });
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());

        Assert.Equal("Enter a valid email address.", page.QuerySelector("[data-valmsg-for=Email]")!.TextContent);
    }
}
