using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsContacts.Tests.Features.Account;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Tests.Features.Admin;

/// <summary>Users > Reset password: a one-time link by email (a real SMTP server in the test process), which signs the user out everywhere.</summary>
public sealed partial class PasswordResetTests : IAsyncLifetime
{
    private const string Marketer = "marketer@example.com";
    private const string MarketerPassword = "marketer-password-1";

    private readonly InProcessSmtpServer _smtp = new();
    private AppFactory _app = null!;

    public async Task InitializeAsync()
    {
        _app = new AppFactory(_smtp.AppSettings());
        await _app.Data.SenderCodeAsync();
        await _app.Data.UserAsync(Marketer, UserRole.Marketer, MarketerPassword);
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task TheLink_SetsANewPassword_Once()
    {
        using var before = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        var link = await SendLinkAsync(Marketer);

        var message = _smtp.LastTo(Marketer);
        Assert.Equal("Set your SmsContacts password", message.Subject);
        Assert.StartsWith("https://contacts.example.com/account/reset-password?user=", link, StringComparison.Ordinal);
        Assert.Contains("It works once", message.TextBody);

        // A reset ends the user's sessions at once: the password may be known to someone else.
        Assert.Equal(HttpStatusCode.Redirect, (await before.GetAsync("/contacts")).StatusCode);

        using var user = _app.CreateTestClient();
        var path = new Uri(link).PathAndQuery;
        var set = await user.SubmitFormAsync(path, "main form", new() { ["NewPassword"] = "my-new-passphrase", ["ConfirmPassword"] = "my-new-passphrase" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var (_, signInPage) = await user.FollowAsync(set);
        Assert.Contains("Your new password is set. Sign in with it.", signInPage.QuerySelector("[role=status]")!.TextContent);

        using var signedIn = await _app.SignInAsync(Marketer, "my-new-passphrase");
        using var oldPassword = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.OK, (await oldPassword.SubmitFormAsync("/account/sign-in", "main form", new() { ["Email"] = Marketer, ["Password"] = MarketerPassword })).StatusCode);

        // Used once: the same link now says so, for GET and for POST.
        using var again = _app.CreateTestClient();
        var reused = await again.GetPageAsync(path);
        Assert.Equal("This link is not valid any more", reused.QuerySelector("h1")!.TextContent);
        var (userId, token) = Parse(link);
        var post = await again.PostWithTokenAsync("/account/reset-password", new() { ["User"] = userId, ["Token"] = token, ["NewPassword"] = "attacker-passphrase", ["ConfirmPassword"] = "attacker-passphrase" }, "/account/sign-in");
        Assert.Contains("This link is not valid any more", await post.Content.ReadAsStringAsync());
        using var stillMine = await _app.SignInAsync(Marketer, "my-new-passphrase");
    }

    [Fact]
    public async Task ANewerLink_VoidsTheOlderOne()
    {
        var first = await SendLinkAsync(Marketer);
        var second = await SendLinkAsync(Marketer);

        using var client = _app.CreateTestClient();
        Assert.Equal("This link is not valid any more", (await client.GetPageAsync(new Uri(first).PathAndQuery)).QuerySelector("h1")!.TextContent);
        Assert.Equal("Set a new password", (await client.GetPageAsync(new Uri(second).PathAndQuery)).QuerySelector("h1")!.TextContent);
    }

    /// <summary>Links an attacker might make from a real one: another user, a changed or cut token, garbage.</summary>
    [Fact]
    public async Task ATamperedLink_IsNotValid_AndChangesNothing()
    {
        await _app.Data.UserAsync("other@example.com", UserRole.Admin, "other-admin-passphrase");
        var otherId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == "other@example.com").Select(u => u.Id).SingleAsync());
        var (userId, token) = Parse(await SendLinkAsync(Marketer));
        var forged = new[]
        {
            (otherId, token),
            (userId, token[..^2]),
            (userId, token[1..]),
            (userId, token.ToUpperInvariant()),
            (userId, "%%%not-base64%%%"),
            (userId, ""),
            ("", token),
            ("no-such-user", token),
            (userId, new string('A', 5000)),
        };

        using var client = _app.CreateTestClient();
        foreach (var (user, value) in forged)
        {
            var page = await client.GetPageAsync($"/account/reset-password?user={Uri.EscapeDataString(user)}&token={Uri.EscapeDataString(value)}");
            Assert.Equal("This link is not valid any more", page.QuerySelector("h1")!.TextContent);
            var post = await client.PostWithTokenAsync("/account/reset-password", new() { ["User"] = user, ["Token"] = value, ["NewPassword"] = "attacker-passphrase", ["ConfirmPassword"] = "attacker-passphrase" }, "/account/sign-in");
            Assert.Contains("This link is not valid any more", await post.Content.ReadAsStringAsync());
        }

        using var marketer = await _app.SignInAsync(Marketer, MarketerPassword);
        using var other = await _app.SignInAsync("other@example.com", "other-admin-passphrase");
    }

    [Fact]
    public async Task TheRulesApply_AndARefusedPassword_LeavesTheLinkUsable()
    {
        var path = new Uri(await SendLinkAsync(Marketer)).PathAndQuery;
        using var client = _app.CreateTestClient();

        var common = await client.SubmitFormAsync(path, "main form", new() { ["NewPassword"] = "password12", ["ConfirmPassword"] = "password12" });
        Assert.Equal(HttpStatusCode.OK, common.StatusCode);
        Assert.Contains("one of the most common passwords", (await TestClient.ReadAsync(common)).QuerySelector("[data-valmsg-for=NewPassword]")!.TextContent);

        var set = await client.SubmitFormAsync(path, "main form", new() { ["NewPassword"] = "finally-a-good-one", ["ConfirmPassword"] = "finally-a-good-one" });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        using var signedIn = await _app.SignInAsync(Marketer, "finally-a-good-one");
    }

    [Fact]
    public async Task AResetLink_LetsAHeldBackOwnerIn_AtOnce()
    {
        for (var i = 0; i < 8; i++)
        {
            using var guesser = _app.CreateTestClient();
            await guesser.SubmitFormAsync("/account/sign-in", "main form", new() { ["Email"] = Marketer, ["Password"] = $"guess-{i}" });
        }

        var path = new Uri(await SendLinkAsync(Marketer)).PathAndQuery;
        using var owner = _app.CreateTestClient();
        await owner.SubmitFormAsync(path, "main form", new() { ["NewPassword"] = "owner-is-back-now", ["ConfirmPassword"] = "owner-is-back-now" });

        using var signedIn = await _app.SignInAsync(Marketer, "owner-is-back-now");
    }

    [Fact]
    public async Task ADisabledUser_GetsNoLink()
    {
        var id = await UserIdAsync(Marketer);
        using var admin = await _app.SignInAsync();
        await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/disable']", []);

        var response = await admin.PostWithTokenAsync($"/admin/users/{id}/reset-password", [], "/admin/users");
        var (_, page) = await admin.FollowAsync(response);
        Assert.Contains("Enable it before sending a password reset link.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task AMarketer_CannotSendResetLinks()
    {
        var adminId = await UserIdAsync(AppFactory.AdminEmail);
        using var marketer = await _app.SignInAsync(Marketer, MarketerPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await marketer.PostWithTokenAsync($"/admin/users/{adminId}/reset-password", [])).StatusCode);
        Assert.Empty(_smtp.Messages);
    }

    [Fact]
    public async Task WithoutSmtp_TheEmailIsWrittenToTheMailFolder()
    {
        await using var app = new AppFactory();
        await app.Data.SenderCodeAsync();
        await app.Data.UserAsync(Marketer, UserRole.Marketer, MarketerPassword);
        var id = await app.WithDbAsync(db => db.Users.Where(u => u.Email == Marketer).Select(u => u.Id).SingleAsync());
        using var admin = await app.SignInAsync();

        var response = await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/reset-password']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var eml = Assert.Single(Directory.GetFiles(Path.Combine(app.DataDirectory, "mail"), "*.eml"));
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal(Marketer, message.To.Mailboxes.Single().Address);
        Assert.Matches(LinkPattern(), message.TextBody ?? "");
    }

    [Fact]
    public void TheLink_WorksForADay() => Assert.Equal(TimeSpan.FromHours(24), IdentitySetup.PasswordResetLinkLifetime);

    private async Task<string> SendLinkAsync(string email)
    {
        var id = await UserIdAsync(email);
        var count = _smtp.Messages.Count;
        using var admin = await _app.SignInAsync();
        var response = await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/reset-password']", []);
        var (_, page) = await admin.FollowAsync(response);
        Assert.Contains($"A password reset link was sent to {email}.", page.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(count + 1, _smtp.Messages.Count);
        return LinkPattern().Match(_smtp.LastTo(email).TextBody ?? "").Value;
    }

    private static (string User, string Token) Parse(string link)
    {
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link).Query);
        return (query["user"].ToString(), query["token"].ToString());
    }

    private Task<string> UserIdAsync(string email) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    [GeneratedRegex(@"https://contacts\.example\.com/account/reset-password\?user=[^&\s]+&token=[A-Za-z0-9_-]+")]
    private static partial Regex LinkPattern();
}
