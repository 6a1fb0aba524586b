using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Tests.Features.Account;

/// <summary>
/// The sign-in page tells nobody which emails exist, which are disabled and which are held back: the same
/// answer and the same work (one run of the password hasher, counted through a wrapper around the real
/// hasher) for every email; guessing is slowed per account and per network without locking out the owner.
/// </summary>
public sealed class SignInTests : IAsyncLifetime
{
    private const string Known = "known@example.com";
    private const string KnownPassword = "known-user-passphrase";
    private const string Disabled = "disabled@example.com";
    private const string DisabledPassword = "disabled-user-passphrase";

    private readonly CountingHasherApp _app = new();

    public async Task InitializeAsync()
    {
        await _app.Data.SenderCodeAsync();
        await _app.Data.UserAsync(Known, UserRole.Marketer, KnownPassword);
        await _app.Data.UserAsync(Disabled, UserRole.Marketer, DisabledPassword);
        await _app.WithDbAsync(async db =>
        {
            var user = await db.Users.SingleAsync(u => u.Email == Disabled);
            user.IsDisabled = true;
            await db.SaveChangesAsync();
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    /// <summary>Every kind of email a guesser might try, with right and wrong passwords: none of them signs in.</summary>
    public static TheoryData<string, string> Refused => new()
    {
        { "nobody@example.com", "some-long-password" },
        { "NOBODY@example.com", KnownPassword },
        { "  nobody@example.com ", DisabledPassword },
        { "not-even-an-email", "another-password-1" },
        { Known, "wrong-password-guess" },
        { Known.ToUpperInvariant(), "Known-User-Passphrase" },
        { " " + Known, KnownPassword + " " },
        { Disabled, "wrong-password-guess" },
        { Disabled, DisabledPassword },
        { Disabled.ToUpperInvariant(), DisabledPassword },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task EveryRefusal_GetsTheSameAnswer_AfterOneRunOfTheHasher(string email, string password)
    {
        using var client = _app.CreateTestClient();
        var before = _app.Hasher.Verifications;
        var response = await SignInAsync(client, email, password, "198.51.100.7");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ReadAsync(response);
        Assert.Equal("Email or password is incorrect, or the account is disabled.", page.QuerySelector("[role=alert]")!.TextContent.Trim());
        Assert.Equal(1, _app.Hasher.Verifications - before);
        Assert.False(response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith("SmsContacts.Auth=", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task TheRightPassword_SignsIn_AfterOneRunOfTheHasher()
    {
        using var client = _app.CreateTestClient();
        var before = _app.Hasher.Verifications;
        var response = await SignInAsync(client, " " + Known.ToUpperInvariant(), KnownPassword, "198.51.100.8");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, _app.Hasher.Verifications - before);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/contacts")).StatusCode);
    }

    /// <summary>
    /// Five free failures, then a wait that doubles from 30 seconds; the same answers, in the same order, for
    /// an email with a user, one without, and a disabled one. A refused-while-waiting attempt is not checked.
    /// </summary>
    [Theory]
    [InlineData(Known)]
    [InlineData("ghost@example.com")]
    [InlineData(Disabled)]
    public async Task Guessing_IsSlowedDown_TheSameWayForEveryEmail(string email)
    {
        var answers = new List<string>();
        var failures = 0;
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            // Each attempt from a network of its own: only the account's count is at work here.
            using var client = _app.CreateTestClient();
            var before = _app.Hasher.Verifications;
            var response = await SignInAsync(client, email, $"guess-number-{attempt}", $"203.0.113.{attempt}");
            var alert = (await TestClient.ReadAsync(response)).QuerySelector("[role=alert]")!.TextContent.Trim();
            answers.Add($"{(int)response.StatusCode} {_app.Hasher.Verifications - before} {alert}");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                _app.Clock.Advance(SignInLimiter.Delay(failures, SignInLimiter.FreeAccountFailures));
            }
            else
            {
                failures++;
            }
        }

        const string refused = "200 1 Email or password is incorrect, or the account is disabled.";
        static string Waiting(string when) => $"429 0 Too many failed sign-ins for this email or from this network. Try again in {when}, or ask an admin to unlock your account.";
        Assert.Equal(
            [refused, refused, refused, refused, refused, Waiting("30 seconds"), refused, Waiting("1 minute"), refused, Waiting("2 minutes")],
            answers);
    }

    /// <summary>A burst of simultaneous guesses gets no more checks than guesses one after another would.</summary>
    [Fact]
    public async Task ABurstOfSimultaneousGuesses_GetsOnlyTheFreeAttempts()
    {
        var clients = Enumerable.Range(0, 30).Select(_ => _app.CreateTestClient()).ToList();
        var pages = await Task.WhenAll(clients.Select(c => c.GetPageAsync("/account/sign-in")));
        var before = _app.Hasher.Verifications;

        var responses = await Task.WhenAll(clients.Select((client, i) =>
        {
            var token = pages[i].QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = Known, ["Password"] = $"burst-{i}", ["__RequestVerificationToken"] = token }),
            };
            request.Headers.Add("X-Forwarded-For", $"203.0.113.{i + 1}");
            return client.Http.SendAsync(request);
        }));

        Assert.Equal(SignInLimiter.FreeAccountFailures, _app.Hasher.Verifications - before);
        Assert.Equal(SignInLimiter.FreeAccountFailures, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(30 - SignInLimiter.FreeAccountFailures, responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests));
        clients.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task TheWait_EndsByItself_AndAttemptsMadeWhileWaiting_DoNotLengthenIt()
    {
        for (var i = 0; i < SignInLimiter.FreeAccountFailures; i++)
        {
            using var guesser = _app.CreateTestClient();
            await SignInAsync(guesser, Known, $"guess-{i}", "192.0.2.1");
        }

        for (var i = 0; i < 20; i++)
        {
            using var guesser = _app.CreateTestClient();
            Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(guesser, Known, KnownPassword, "192.0.2.1")).StatusCode);
        }

        _app.Clock.Advance(TimeSpan.FromSeconds(31));
        using var owner = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, Known, KnownPassword, "192.0.2.99")).StatusCode);
    }

    /// <summary>OWASP's device cookie: the owner's browser, which signed in before, is not held back by a guesser elsewhere.</summary>
    [Fact]
    public async Task TheOwnersBrowser_SignsIn_WhileAGuesserIsHeldBack()
    {
        using var owner = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, Known, KnownPassword, "198.51.100.20")).StatusCode);
        await owner.SubmitFormAsync("/contacts", "form[action='/account/sign-out']", []);

        for (var i = 0; i < 12; i++)
        {
            using var guesser = _app.CreateTestClient();
            await SignInAsync(guesser, Known, $"guess-{i}", $"203.0.113.{100 + i}");
        }

        using var stranger = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(stranger, Known, KnownPassword, "203.0.113.200")).StatusCode);

        var before = _app.Hasher.Verifications;
        var response = await SignInAsync(owner, Known, KnownPassword, "198.51.100.20");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(1, _app.Hasher.Verifications - before);
    }

    /// <summary>A device cookie only vouches for its own account, and guesses through it are counted on the device.</summary>
    [Fact]
    public async Task ADeviceCookie_IsNoWayAroundTheLimit()
    {
        using var browser = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(browser, Known, KnownPassword, "198.51.100.30")).StatusCode);
        await browser.SubmitFormAsync("/contacts", "form[action='/account/sign-out']", []);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            statuses.Add((await SignInAsync(browser, Known, $"guess-{i}", "198.51.100.30")).StatusCode);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.OK, 5), HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);

        // Another account from the same browser: the cookie is not its, so the account's own count applies.
        for (var i = 0; i < 5; i++)
        {
            await SignInAsync(browser, "other@example.com", $"guess-{i}", $"192.0.2.{50 + i}");
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await SignInAsync(browser, "other@example.com", "guess-x", "192.0.2.60")).StatusCode);
    }

    /// <summary>One network trying many accounts (password spraying) is held back after 20 failures, whatever the emails.</summary>
    [Fact]
    public async Task OneNetwork_SprayingManyAccounts_IsHeldBack()
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInLimiter.FreeNetworkFailures + 2; i++)
        {
            using var client = _app.CreateTestClient();
            statuses.Add((await SignInAsync(client, $"user{i}@example.com", "Summer2026!!", "2001:db8:1:2::" + (i + 1).ToString("x"))).StatusCode);
        }

        Assert.Equal(SignInLimiter.FreeNetworkFailures, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses.Skip(SignInLimiter.FreeNetworkFailures));

        // Another /64 is another network.
        using var elsewhere = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(elsewhere, Known, KnownPassword, "2001:db8:1:3::1")).StatusCode);
    }

    [Fact]
    public async Task AnAdmin_UnlocksAnAccount_ThatGuessersHeldBack()
    {
        for (var i = 0; i < 8; i++)
        {
            using var guesser = _app.CreateTestClient();
            await SignInAsync(guesser, Known, $"guess-{i}", $"203.0.113.{i + 1}");
        }

        using var admin = await _app.SignInAsync();
        var users = await admin.GetPageAsync("/admin/users");
        var row = users.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Known, StringComparison.Ordinal));
        Assert.Contains("Sign-in paused until", row.TextContent);

        var id = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == Known).Select(u => u.Id).SingleAsync());
        var unlock = await admin.SubmitFormAsync(users, $"form[action='/admin/users/{id}/unlock']", []);
        var (_, after) = await admin.FollowAsync(unlock);
        Assert.Contains($"{Known} can try to sign in again now.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Contains("Active", after.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains(Known, StringComparison.Ordinal)).TextContent);

        using var owner = _app.CreateTestClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(owner, Known, KnownPassword, "198.51.100.40")).StatusCode);
    }

    [Fact]
    public void TheWait_DoublesFrom30Seconds_To15MinutesAtMost()
    {
        var waits = Enumerable.Range(0, 16).Select(f => SignInLimiter.Delay(f, 5).TotalSeconds).ToList();
        Assert.Equal([0, 0, 0, 0, 0, 30, 60, 120, 240, 480, 900, 900, 900, 900, 900, 900], waits);
        Assert.Equal(TimeSpan.FromMinutes(15), SignInLimiter.Delay(int.MaxValue, 5));
    }

    /// <summary>Signs in as the sign-in page does, from the given client address (the test server has no socket: X-Forwarded-For stands in).</summary>
    private static async Task<HttpResponseMessage> SignInAsync(TestClient client, string email, string password, string clientAddress)
    {
        client.Http.DefaultRequestHeaders.Remove("X-Forwarded-For");
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", clientAddress);
        return await client.SubmitFormAsync("/account/sign-in", "main form", new() { ["Email"] = email, ["Password"] = password });
    }
}

/// <summary>The app with its real password hasher wrapped so tests can count how often it verifies a password.</summary>
public sealed class CountingHasherApp : AppFactory
{
    public CountingHasher Hasher { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddScoped<IPasswordHasher<AppUser>>(provider =>
        {
            Hasher.Inner = new PasswordHasher<AppUser>(provider.GetRequiredService<IOptions<PasswordHasherOptions>>());
            return Hasher;
        }));
    }
}

public sealed class CountingHasher : IPasswordHasher<AppUser>
{
    private int _verifications;

    public IPasswordHasher<AppUser> Inner { get; set; } = new PasswordHasher<AppUser>();

    public int Verifications => Volatile.Read(ref _verifications);

    public string HashPassword(AppUser user, string password) => Inner.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(AppUser user, string hashedPassword, string providedPassword)
    {
        Interlocked.Increment(ref _verifications);
        return Inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
    }
}
