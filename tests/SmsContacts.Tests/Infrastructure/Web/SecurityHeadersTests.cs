using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Tests.Infrastructure.Web;

/// <summary>The headers every answer carries, and what the app believes of a reverse proxy (over real HTTP where it matters).</summary>
public sealed class SecurityHeadersTests(SecurityHeadersTests.Fixture fixture) : IClassFixture<SecurityHeadersTests.Fixture>
{
    private readonly AppFactory _app = fixture.App;

    /// <summary>One in-memory app for the class, with a sender code; the tests over a real port start their own (<see cref="KestrelApp"/>).</summary>
    public sealed class Fixture : SharedApp
    {
        public override async Task InitializeAsync() => await App.Data.SenderCodeAsync();
    }

    /// <summary>Pages, fragments, static files, redirects, error pages and the anonymous pages alike.</summary>
    [Theory]
    [InlineData("/account/sign-in", false)]
    [InlineData("/css/site.css", false)]
    [InlineData("/js/site.js", false)]
    [InlineData("/", false)]
    [InlineData("/contacts", true)]
    [InlineData("/admin/users", true)]
    [InlineData("/no-such-page", true)]
    [InlineData("/error", true)]
    [InlineData("/health", false)]
    public async Task EveryAnswer_CarriesTheHeaders(string url, bool signedIn)
    {
        using var client = signedIn ? await _app.SignInAsync() : _app.CreateTestClient();
        var response = await client.GetAsync(url);

        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Header(response, "Permissions-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Equal("same-origin", Header(response, "Cross-Origin-Opener-Policy"));
    }

    [Fact]
    public void ThePolicy_AllowsNoInlineScriptOrStyle_AndNothingFromElsewhere()
    {
        var directives = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'self'"], directives["script-src"]);
        Assert.Equal(["'self'"], directives["style-src"]);
        Assert.Equal(["'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'none'"], directives["object-src"]);
        Assert.DoesNotContain(directives.Values.SelectMany(v => v), v => v.Contains("unsafe", StringComparison.Ordinal) || v.Contains("http", StringComparison.Ordinal) || v == "*");
    }

    [Fact]
    public async Task TheJobsDashboard_HasItsOwnPolicy_StillFramedByNobody()
    {
        using var admin = await _app.SignInAsync();
        var response = await admin.GetAsync("/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SecurityHeaders.JobsDashboardContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", SecurityHeaders.JobsDashboardContentSecurityPolicy);
    }

    [Fact]
    public async Task Hsts_IsSentOverHttps_AndNeverOverHttp()
    {
        using var https = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://contacts.example.com"), AllowAutoRedirect = false });
        Assert.Equal("max-age=31536000", Header(await https.GetAsync("/account/sign-in"), "Strict-Transport-Security"));

        using var http = _app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://contacts.example.com"), AllowAutoRedirect = false });
        Assert.False((await http.GetAsync("/account/sign-in")).Headers.Contains("Strict-Transport-Security"));
    }

    /// <summary>Kestrel on a real port: no Server header, and a body over Kestrel's limit is 413 with the error page.</summary>
    [Fact]
    public async Task OverRealHttp_NoServerHeader_AndABodyOverTheLimitIs413()
    {
        await using var app = new KestrelApp();
        using var client = app.Client();

        var page = await client.GetAsync("/account/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(page.Headers.Contains("Server"));

        // Only the headers: Kestrel refuses the body from its Content-Length, before any of it is sent.
        var token = await TokenAsync(page);
        using var socket = new System.Net.Sockets.TcpClient();
        await socket.ConnectAsync(app.BaseAddress.Host, app.BaseAddress.Port);
        var stream = socket.GetStream();
        var head = $"POST /account/sign-in HTTP/1.1\r\nHost: {app.BaseAddress.Authority}\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            + $"Content-Length: 31000000\r\nRequestVerificationToken: {token}\r\nCookie: {Cookies(page)}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var statusLine = await reader.ReadLineAsync();
        var rest = await ReadHeadAndSomeBodyAsync(reader);

        Assert.Equal("HTTP/1.1 413 Payload Too Large", statusLine);
        Assert.DoesNotContain("Server:", rest);
        Assert.Contains("Too large", rest);
    }

    private static async Task<string> ReadHeadAndSomeBodyAsync(StreamReader reader)
    {
        var text = new StringBuilder();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!timeout.IsCancellationRequested && await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            text.AppendLine(line);
            if (line.Contains("</html>", StringComparison.Ordinal))
            {
                break;
            }
        }

        return text.ToString();
    }

    /// <summary>Behind a TLS proxy the app's cookies are Secure: it believes X-Forwarded-Proto from the proxy it is told of, and only from it.</summary>
    [Fact]
    public async Task BehindTheConfiguredProxy_CookiesAreSecure()
    {
        await using var app = new KestrelApp(new() { ["ForwardedHeaders:KnownProxies:0"] = "127.0.0.1" });
        using var client = app.Client();

        var page = await SendAsync(client, HttpMethod.Get, "/account/sign-in", forwardedProto: "https");
        Assert.Contains(SetCookies(page), c => c.StartsWith("SmsContacts.Antiforgery=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("max-age=31536000", Header(page, "Strict-Transport-Security"));

        var signIn = await SendAsync(client, HttpMethod.Post, "/account/sign-in", forwardedProto: "https", page, new()
        {
            ["Email"] = AppFactory.AdminEmail,
            ["Password"] = AppFactory.AdminPassword,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Contains(SetCookies(signIn), c => c.StartsWith("SmsContacts.Auth=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(SetCookies(signIn), c => c.StartsWith("SmsContacts.Device=", StringComparison.Ordinal) && c.Contains("secure", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task FromAnyOtherAddress_ForwardedHeadersAreIgnored()
    {
        await using var app = new KestrelApp(new() { ["ForwardedHeaders:KnownProxies:0"] = "10.1.2.3" });
        using var client = app.Client();

        var page = await SendAsync(client, HttpMethod.Get, "/account/sign-in", forwardedProto: "https");
        Assert.DoesNotContain(SetCookies(page), c => c.Contains("secure", StringComparison.OrdinalIgnoreCase));
        Assert.False(page.Headers.Contains("Strict-Transport-Security"));
    }

    [Theory]
    [InlineData("not-an-ip", null)]
    [InlineData(null, "10.0.0.0/33")]
    [InlineData(null, "nonsense")]
    public void ABadProxySetting_StopsTheAppAtStart(string? proxy, string? network)
    {
        var settings = new Dictionary<string, string?>();
        if (proxy is not null)
        {
            settings["ForwardedHeaders:KnownProxies:0"] = proxy;
        }

        if (network is not null)
        {
            settings["ForwardedHeaders:KnownNetworks:0"] = network;
        }

        // A private app: the configuration under test is what must fail the start-up.
        using var app = new AppFactory(settings);
        var error = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("ForwardedHeaders", error.ToString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string forwardedProto, HttpResponseMessage? tokenPage = null, Dictionary<string, string>? fields = null)
    {
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Host = "contacts.example.com";
        request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        request.Headers.Add("X-Forwarded-For", "198.51.100.1");
        if (tokenPage is not null)
        {
            request.Headers.Add("Cookie", Cookies(tokenPage));
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = await TokenAsync(tokenPage) });
        }

        return await client.SendAsync(request);
    }

    private static async Task<string> TokenAsync(HttpResponseMessage page) =>
        (await TestClient.ReadAsync(page)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

    private static List<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? [.. values] : [];

    private static string Cookies(HttpResponseMessage response) =>
        string.Join("; ", SetCookies(response).Select(c => c.Split(';')[0]));

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values) ? string.Join(",", values) : null;
}

/// <summary>The app on a real Kestrel port on the loopback address.</summary>
public sealed class KestrelApp : AppFactory
{
    public KestrelApp(Dictionary<string, string?>? settings = null)
        : base(settings)
    {
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        BaseAddress = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public Uri BaseAddress { get; }

    public HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseAddress };
}
