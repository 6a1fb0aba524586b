using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Account;

/// <summary>
/// Sessions end when they should, for every copy of the cookie: the next request after a sign-out, a
/// disable, a role change or a password change is refused, GET or POST, with cookies copied the way an
/// attacker would copy them.
/// </summary>
public sealed class SessionTests : IAsyncLifetime
{
    private const string Marketer = "marketer@example.com";
    private const string MarketerPassword = "marketer-password-1";

    private readonly AppFactory _app = new();
    private Contact _contact = null!;

    public async Task InitializeAsync()
    {
        var code = await _app.Data.SenderCodeAsync();
        var list = await _app.Data.ListAsync(code.Id, "VIP");
        _contact = await _app.Data.SubscribedAsync(code.Id, TestPhones.Us(1), DateTime.UtcNow, "ada@example.com", SubscriptionStatus.Active, list);
        await _app.Data.UserAsync(Marketer, UserRole.Marketer, MarketerPassword);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SignOut_EndsEveryCopyOfTheCookie_ForGetAndPost()
    {
        using var session = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        var token = await session.TokenFromAsync("/contacts");
        using var stolen = session.Copy(_app);
        Assert.Equal(HttpStatusCode.OK, (await stolen.GetAsync("/contacts")).StatusCode);

        var signOut = await session.PostWithTokenAsync("/account/sign-out", token, []);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        AssertSentToSignIn(await stolen.GetAsync("/contacts"));
        AssertSentToSignIn(await stolen.GetAsync("/contacts/" + _contact.Id));
        var post = await stolen.PostWithTokenAsync("/contacts/unsubscribe", token, new() { ["Contact"] = _contact.Id.ToString(), ["Scope"] = "all" });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        await AssertContactUntouchedAsync();
    }

    [Fact]
    public async Task SignOut_InOneBrowser_SignsOutTheOthersToo()
    {
        using var laptop = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        using var phone = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);

        await laptop.PostFormAsync("/account/sign-out", "/contacts", []);

        AssertSentToSignIn(await phone.GetAsync("/contacts"));
    }

    /// <summary>Issue 11 item 8: a disabled user's next request is refused, whatever it is, with a copied cookie too.</summary>
    [Fact]
    public async Task DisabledUser_NextRequest_IsRefused_GetAndPost()
    {
        using var session = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        var token = await session.TokenFromAsync("/contacts");
        using var copy = session.Copy(_app);

        await DisableAsync(Marketer);

        var post = await session.PostWithTokenAsync("/contacts/unsubscribe", token, new() { ["Contact"] = _contact.Id.ToString(), ["Scope"] = "all" });
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.False(post.StatusCode == HttpStatusCode.Redirect && post.Headers.Location!.OriginalString.StartsWith("/contacts", StringComparison.Ordinal), $"The POST went through: {post.Headers.Location}");
        AssertSentToSignIn(await copy.GetAsync("/contacts"));
        AssertSentToSignIn(await copy.GetAsync("/exports"));
        await AssertContactUntouchedAsync();
    }

    /// <summary>The control for the two tests above: the same POST from a session that is still valid does unsubscribe.</summary>
    [Fact]
    public async Task TheSamePost_FromAValidSession_Unsubscribes()
    {
        using var session = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        var token = await session.TokenFromAsync("/contacts");
        using var copy = session.Copy(_app);

        var post = await copy.PostWithTokenAsync("/contacts/unsubscribe", token, new() { ["Contact"] = _contact.Id.ToString(), ["Scope"] = "all" });

        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        Assert.Equal(OptOutReason.Manual, await _app.WithDbAsync(db => db.Contacts.Where(c => c.Id == _contact.Id).Select(c => c.OptOutReason).SingleAsync()));
    }

    [Fact]
    public async Task EnablingAgain_DoesNotRevive_TheOldCookie()
    {
        using var session = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        using var copy = session.Copy(_app);
        await DisableAsync(Marketer);

        using var admin = await _app.SignInAsync();
        var id = await UserIdAsync(Marketer);
        await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/enable']", []);

        AssertSentToSignIn(await copy.GetAsync("/contacts"));
        using var again = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/contacts")).StatusCode);
    }

    [Fact]
    public async Task ADemotedAdmin_LosesAdminPages_AtTheNextRequest()
    {
        await _app.Data.UserAsync("second-admin@example.com", UserRole.Admin, "second-admin-passphrase");
        using var demoted = await CookieSession.SignInAsync(_app, "second-admin@example.com", "second-admin-passphrase");
        Assert.Equal(HttpStatusCode.OK, (await demoted.GetAsync("/admin/users")).StatusCode);

        using var admin = await _app.SignInAsync();
        var id = await UserIdAsync("second-admin@example.com");
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SubmitFormAsync($"/admin/users/{id}/edit", "main form", new() { ["Role"] = "Marketer" })).StatusCode);

        AssertSentToSignIn(await demoted.GetAsync("/admin/users"));
        using var again = await CookieSession.SignInAsync(_app, "second-admin@example.com", "second-admin-passphrase");
        Assert.Equal(HttpStatusCode.Forbidden, (await again.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task ChangingThePassword_KeepsThisBrowser_AndSignsOutTheOthers()
    {
        using var here = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);
        using var there = await CookieSession.SignInAsync(_app, Marketer, MarketerPassword);

        var change = await here.PostFormAsync("/account/password", "/account/password", new()
        {
            ["CurrentPassword"] = MarketerPassword,
            ["NewPassword"] = "a-brand-new-passphrase",
            ["ConfirmPassword"] = "a-brand-new-passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, change.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/contacts")).StatusCode);
        AssertSentToSignIn(await there.GetAsync("/contacts"));

        using var oldPassword = CookieSession.Start(_app);
        Assert.Equal(HttpStatusCode.OK, (await oldPassword.PostFormAsync("/account/sign-in", "/account/sign-in", new() { ["Email"] = Marketer, ["Password"] = MarketerPassword })).StatusCode);
        using var newPassword = await CookieSession.SignInAsync(_app, Marketer, "a-brand-new-passphrase");
    }

    [Theory]
    [InlineData("not-my-password", "a-brand-new-passphrase", "a-brand-new-passphrase", "CurrentPassword", "The current password is not correct.")]
    [InlineData(MarketerPassword, "short", "short", "NewPassword", "Use at least 10 characters.")]
    [InlineData(MarketerPassword, "a-brand-new-passphrase", "a-different-passphrase", "ConfirmPassword", "The passwords do not match.")]
    [InlineData(MarketerPassword, "password12", "password12", "NewPassword", "This password is one of the most common passwords. Choose one that is harder to guess.")]
    [InlineData(MarketerPassword, "Marketer@Example.com", "Marketer@Example.com", "NewPassword", "The password must not be your email address or its name part.")]
    [InlineData(MarketerPassword, "marketer2026!", "marketer2026!", "NewPassword", "The password must not be your email address or its name part.")]
    public async Task ChangingThePassword_IsRefused_WithTheReasonNextToTheField(string current, string next, string confirm, string field, string message)
    {
        using var client = await _app.SignInAsync(Marketer, MarketerPassword);
        var response = await client.SubmitFormAsync("/account/password", "main form", new() { ["CurrentPassword"] = current, ["NewPassword"] = next, ["ConfirmPassword"] = confirm });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ReadAsync(response);
        Assert.Equal(message, page.QuerySelector($"[data-valmsg-for={field}]")!.TextContent.Trim());
        using var stillOld = await _app.SignInAsync(Marketer, MarketerPassword);
    }

    [Fact]
    public async Task ThePasswordPage_IsReachedFromEveryPage_ByItsName()
    {
        using var client = await _app.SignInAsync(Marketer, MarketerPassword);
        var page = await client.GetPageAsync("/contacts");
        Assert.Equal("/account/password", page.QuerySelectorAll("nav a").Single(a => a.TextContent.Trim() == "Change password").GetAttribute("href"));

        var form = await client.GetPageAsync("/account/password");
        Assert.Equal(["Current password", "New password", "Confirm new password"], form.QuerySelectorAll("main label").Select(l => l.TextContent.Trim()));
    }

    private static void AssertSentToSignIn(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private async Task AssertContactUntouchedAsync()
    {
        var contact = await _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).SingleAsync(c => c.Id == _contact.Id));
        Assert.Null(contact.OptOutReason);
        Assert.All(contact.Subscriptions, s => Assert.Equal(SubscriptionStatus.Active, s.Status));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync()));
    }

    private async Task DisableAsync(string email)
    {
        using var admin = await _app.SignInAsync();
        var id = await UserIdAsync(email);
        var response = await admin.SubmitFormAsync("/admin/users", $"form[action='/admin/users/{id}/disable']", []);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private Task<string> UserIdAsync(string email) =>
        _app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
}
