using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Users;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Tests.Features.Errors;

/// <summary>
/// The status of an answer comes from what happened, never from the request: forged <c>code</c> values in
/// the route, form or query change nothing, and a request the server cannot read is the client's 400 or
/// 413 with the app's error page, never a 500 or an invalid status line.
/// </summary>
public sealed class ErrorStatusTests(ErrorStatusTests.Fixture fixture) : IClassFixture<ErrorStatusTests.Fixture>
{
    private const string Marketer = "marketer@example.com";

    private readonly AppFactory _app = fixture.App;

    /// <summary>One app for the class: its tests only read, or send requests the app refuses.</summary>
    public sealed class Fixture() : SharedApp(TestProvider.Sqlite, new() { ["Twilio:AuthToken"] = "test-auth-token-0123456789abcdef" })
    {
        public override async Task InitializeAsync()
        {
            await App.Data.SenderCodeAsync();
            await App.Data.UserAsync(Marketer, UserRole.Marketer);
        }
    }

    public static TheoryData<string> ForgedCodes => ["0", "1", "99", "100", "200", "204", "299", "302", "399", "418", "500", "503", "600", "999", "-1", "2147483647", "abc", ""];

    [Theory]
    [MemberData(nameof(ForgedCodes))]
    public async Task AForgedCode_NeverChoosesTheStatus(string code)
    {
        using var anonymous = _app.CreateTestClient();
        var escaped = Uri.EscapeDataString(code);

        // Anonymous sign-in POST without an anti-forgery token: refused as 400 whatever code says, in the form or the query.
        await AssertErrorPageAsync(HttpStatusCode.BadRequest, await anonymous.Http.PostAsync("/account/sign-in", Form(("Email", "a@example.com"), ("Password", "x"), ("code", code))));
        await AssertErrorPageAsync(HttpStatusCode.BadRequest, await anonymous.Http.PostAsync($"/account/sign-in?code={escaped}", Form(("code", code))));

        // The error page's own address is just an address that does not exist (signed out, any unknown
        // address leads to the sign-in page, which tells nobody which addresses exist).
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await anonymous.GetAsync($"/error?code={escaped}"));
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await anonymous.Http.PostAsync("/error", Form(("code", code))));
        if (code.Length > 0)
        {
            var unknown = await anonymous.GetAsync($"/error/{escaped}");
            Assert.Equal((HttpStatusCode.Redirect, "/account/sign-in"), (unknown.StatusCode, unknown.Headers.Location!.AbsolutePath));
        }

        using var marketer = await _app.SignInAsync(Marketer, "marketer-password-1");
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await marketer.GetAsync($"/error/{escaped}"));
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await marketer.GetAsync($"/error?code={escaped}"));
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await marketer.GetAsync($"/no-such-page?code={escaped}"));
        await AssertErrorPageAsync(HttpStatusCode.NotFound, await marketer.PostWithTokenAsync("/error", new() { ["code"] = code }));

        // A marketer's forbidden ban, with a valid token: 403, not whatever code asks for.
        await AssertErrorPageAsync(HttpStatusCode.Forbidden, await marketer.PostWithTokenAsync($"/contacts/ban?code={escaped}", new() { ["Contact"] = "1", ["code"] = code }));
    }

    /// <summary>Bodies the server cannot read, of every kind named in issue 17, with the status each deserves.</summary>
    public static TheoryData<string, int> UnreadableBodies => new()
    {
        { "value over 4 MiB", 413 },
        { "key over 2 KB", 413 },
        { "1,100 fields", 400 },
        { "multipart: 1,100 parts", 400 },
        { "multipart: part header line over 16 KB", 413 },
        { "multipart: 20 headers in a part", 400 },
        { "multipart: cut mid-part", 400 },
        { "multipart: no boundary", 400 },
    };

    public static TheoryData<string, int, string> UnreadableRequests()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var row in UnreadableBodies)
        {
            var (kind, status) = ((string)row[0], (int)row[1]);
            foreach (var endpoint in new[] { "anonymous sign-in", "webhook", "admin form", "admin ban", "import upload" })
            {
                // The import upload streams its own multipart body; url-encoded bodies are refused there as not an upload.
                if (endpoint == "import upload" && !kind.StartsWith("multipart", StringComparison.Ordinal))
                {
                    continue;
                }

                data.Add(kind, status, endpoint);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableRequests))]
    public async Task AnUnreadableRequest_Is400Or413_WithTheErrorPage(string kind, int status, string endpoint)
    {
        using var client = endpoint switch
        {
            "admin form" or "admin ban" or "import upload" => await _app.SignInAsync(),
            _ => _app.CreateTestClient(),
        };
        var url = endpoint switch
        {
            "anonymous sign-in" => "/account/sign-in",
            "webhook" => "/webhooks/sms/inbound",
            "admin form" => "/admin/users/new",
            "admin ban" => "/contacts/ban",
            _ => "/imports/upload",
        };
        var page = endpoint switch
        {
            "webhook" => null,
            "anonymous sign-in" => await client.GetPageAsync("/account/sign-in"),
            _ => await client.GetPageAsync("/contacts"),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = Body(kind) };
        if (page?.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value") is { } token)
        {
            request.Headers.Add("RequestVerificationToken", token);
        }

        if (endpoint == "webhook")
        {
            // Without a signature the webhook refuses (403) before reading anything; with one it must read the form to check it.
            request.Headers.Add("X-Twilio-Signature", "bm90LWEtcmVhbC1zaWduYXR1cmU=");
        }

        var response = await client.Http.SendAsync(request);

        if (endpoint == "import upload")
        {
            // The upload streams its body itself and answers what it can tell on its own page (Upload File,
            // saying what went wrong); what it cannot read gets the error page. Either way a client error.
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{kind}: {(int)response.StatusCode}");
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            return;
        }

        if (endpoint == "webhook")
        {
            // The webhook reads its own body (TwilioWebhookSignature: 64 KiB, 1,024 fields) and answers Twilio in plain
            // text, never a page: a body over 64 KiB is 413 whatever else is wrong with it.
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{kind}: {(int)response.StatusCode}");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("The webhook", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            return;
        }

        await AssertErrorPageAsync((HttpStatusCode)status, response);
    }

    /// <summary>The import upload reads its own multipart body: cut inside the file, with a valid token, it is still the client's 400.</summary>
    [Fact]
    public async Task AnUploadCutInsideTheFile_Is400()
    {
        using var admin = await _app.SignInAsync();
        var page = await admin.GetPageAsync("/contacts");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        const string boundary = "----cut-upload";
        var body = $"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
            + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"contacts.csv\"\r\nContent-Type: text/csv\r\n\r\nPhone\r\n+14155550134\r\n+1415";
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");

        var response = await admin.Http.PostAsync("/imports/upload", content);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AnUnreadableForm_ChangesNothing()
    {
        using var admin = await _app.SignInAsync();
        var page = await admin.GetPageAsync("/admin/users/new");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = Enumerable.Range(0, 1100).Select(i => ($"f{i}", "x"))
            .Concat([("DisplayName", "Sneaky"), ("Email", "sneaky@example.com"), ("Role", "Admin"), ("Password", "sneaky-passphrase-1"), ("__RequestVerificationToken", token)]);
        var response = await admin.Http.PostAsync("/admin/users/new", Form([.. fields]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(await _app.WithDbAsync(db => Task.FromResult(db.Users.Any(u => u.Email == "sneaky@example.com"))));
    }

    /// <summary>Hangfire's dashboard reads a form on these addresses; a GET without one is the client's error, not a 500.</summary>
    [Theory]
    [InlineData("/jobs/stats")]
    [InlineData("/jobs/jobs/enqueued/delete")]
    [InlineData("/jobs/jobs/enqueued/requeue")]
    [InlineData("/jobs/jobs/scheduled/enqueue")]
    [InlineData("/jobs/jobs/failed/requeue")]
    [InlineData("/jobs/recurring/trigger")]
    [InlineData("/jobs/recurring/remove")]
    public async Task JobsDashboard_AddressesThatReadAForm_AreNot500_WithoutOne(string url)
    {
        using var admin = await _app.SignInAsync();
        var get = await admin.GetAsync(url);
        Assert.True((int)get.StatusCode is >= 200 and < 500, $"GET {url} answered {(int)get.StatusCode}");

        var emptyPost = await admin.Http.PostAsync(url, new StringContent("", Encoding.UTF8, "text/plain"));
        Assert.True((int)emptyPost.StatusCode is >= 200 and < 500, $"POST {url} answered {(int)emptyPost.StatusCode}");
    }

    [Fact]
    public async Task JobsDashboard_StillWorks()
    {
        using var admin = await _app.SignInAsync();
        var page = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Hangfire", await page.Content.ReadAsStringAsync());

        var stats = await admin.PostWithTokenAsync("/jobs/stats", new() { ["metrics[]"] = "succeeded:count" }, "/contacts");
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.Contains("succeeded:count", await stats.Content.ReadAsStringAsync());
    }

    /// <summary>A real server error: 500, the app's page, no exception text or stack trace, in any environment.</summary>
    [Theory]
    [InlineData("Testing", false)]
    [InlineData("Production", false)]
    [InlineData("Development", false)]
    [InlineData("Production", true)]
    public async Task AServerError_ShowsNoStackTrace(string environment, bool showDetails)
    {
        await using var app = new FailingApp(environment, showDetails, errorPageFails: false);
        using var admin = await app.SignInAsync();
        var response = await admin.GetAsync("/admin/users");

        await AssertErrorPageAsync(HttpStatusCode.InternalServerError, response);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(FailingApp.Secret, body);
        Assert.DoesNotContain("InvalidOperationException", body);
        Assert.DoesNotContain(" at SmsContacts", body);
    }

    /// <summary>Even when the error page itself fails, what reaches the browser is a plain 500, not the framework's developer page.</summary>
    [Theory]
    [InlineData("Development")]
    [InlineData("Production")]
    public async Task WhenTheErrorPageFails_TheAnswerIsAPlain500(string environment)
    {
        await using var app = new FailingApp(environment, showDetails: false, errorPageFails: true);
        using var admin = await app.SignInAsync();
        var response = await admin.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("Something went wrong. The error has been logged.", body);
    }

    /// <summary>Only a developer who asks (Development and Errors:ShowDetails) sees the exception.</summary>
    [Fact]
    public async Task ADeveloperWhoAsks_SeesTheException_InDevelopmentOnly()
    {
        await using var app = new FailingApp("Development", showDetails: true, errorPageFails: false);
        using var admin = await app.SignInAsync();
        var response = await admin.GetAsync("/admin/users");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains(FailingApp.Secret, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void TheStatusOfAnUnreadableRequest_ComesFromTheExceptionKind()
    {
        Assert.Equal(413, UnreadableRequest.StatusCodeFor(new Microsoft.AspNetCore.Http.BadHttpRequestException("too big", 413)));
        Assert.Equal(400, UnreadableRequest.StatusCodeFor(new Microsoft.AspNetCore.Http.BadHttpRequestException("cut", 400)));
        Assert.Equal(400, UnreadableRequest.StatusCodeFor(new Microsoft.AspNetCore.Http.BadHttpRequestException("odd", 500)));
        Assert.Equal(413, UnreadableRequest.StatusCodeFor(new InvalidDataException("Form value length limit 4194304 exceeded.")));
        Assert.Equal(400, UnreadableRequest.StatusCodeFor(new InvalidDataException("Form value count limit 1024 exceeded.")));
        Assert.Null(UnreadableRequest.StatusCodeFor(new InvalidOperationException("a bug")));
        Assert.Null(UnreadableRequest.StatusCodeFor(new IOException("disk full")));
    }

    private static async Task AssertErrorPageAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await TestClient.ParseAsync(body);
        var title = page.QuerySelector("main h1")?.TextContent;
        Assert.True(title is "Bad request" or "Not allowed" or "Not found" or "Too large" or "Something went wrong", $"Not the app's error page: {title}");
        Assert.Equal("/", page.QuerySelector("main a")!.GetAttribute("href"));
    }

    private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

    private static HttpContent Body(string kind)
    {
        const string boundary = "----smscontacts-test-boundary";
        static HttpContent Multipart(string text)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(text));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse($"multipart/form-data; boundary={boundary}");
            return content;
        }

        static string Part(string name, string value, string extraHeaders = "") =>
            $"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n{extraHeaders}\r\n{value}\r\n";

        return kind switch
        {
            "value over 4 MiB" => new StringContent("Body=" + new string('a', 4 * 1024 * 1024 + 10), Encoding.ASCII, "application/x-www-form-urlencoded"),
            "key over 2 KB" => new StringContent(new string('k', 3000) + "=1", Encoding.ASCII, "application/x-www-form-urlencoded"),
            "1,100 fields" => new StringContent(string.Join("&", Enumerable.Range(0, 1100).Select(i => $"f{i}=1")), Encoding.ASCII, "application/x-www-form-urlencoded"),
            "multipart: 1,100 parts" => Multipart(string.Concat(Enumerable.Range(0, 1100).Select(i => Part($"f{i}", "1"))) + $"--{boundary}--\r\n"),
            "multipart: part header line over 16 KB" => Multipart($"--{boundary}\r\nContent-Disposition: form-data; name=\"{new string('n', 17_000)}\"\r\n\r\nx\r\n--{boundary}--\r\n"),
            "multipart: 20 headers in a part" => Multipart(Part("f", "x", string.Concat(Enumerable.Range(0, 20).Select(i => $"X-Header-{i}: {i}\r\n"))) + $"--{boundary}--\r\n"),
            "multipart: cut mid-part" => Multipart(Part("__RequestVerificationToken", "abc") + $"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nPhone\r\n+1415555"),
            "multipart: no boundary" => new StringContent("anything", Encoding.ASCII, "multipart/form-data"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }
}

/// <summary>The app in a chosen environment with the Users page failing (and, if asked, the layout too, so the error page fails).</summary>
public sealed class FailingApp(string environment, bool showDetails, bool errorPageFails)
    : AppFactory(new() { ["Errors:ShowDetails"] = showDetails ? "true" : "false" })
{
    public const string Secret = "Simulated failure with a secret: 7f3a-internal-path";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(environment);
        builder.ConfigureTestServices(services =>
        {
            services.AddScoped<UserAdministration>(_ => throw new InvalidOperationException(Secret));
            if (errorPageFails)
            {
                // The layout asks for the sender code scope on every page: on the error page it fails.
                services.AddScoped(provider =>
                    provider.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>().HttpContext!.Request.Path.StartsWithSegments("/error")
                        ? throw new InvalidOperationException(Secret)
                        : ActivatorUtilities.CreateInstance<SenderCodeScope>(provider));
            }
        });
    }
}
