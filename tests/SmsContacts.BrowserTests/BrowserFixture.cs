using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.BrowserTests;

/// <summary>
/// The app on a real Kestrel port (loopback) and Debian's Chromium driven by Playwright. No
/// browser download: Playwright is pointed at /usr/bin/chromium, which ./test.sh installs.
/// Each test class gets its own app and database; each test gets its own browser context.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public BrowserFixture()
        : this(new AppFactory())
    {
    }

    protected BrowserFixture(AppFactory app) => App = app;

    public AppFactory App { get; }

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    public virtual async Task InitializeAsync()
    {
        App.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        // Assertions wait as long as actions do (their own default is 5 s), for a loaded CI machine.
        SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies) signed in through the sign-in page.</summary>
    public async Task<IPage> SignedInPageAsync(string email = AppFactory.AdminEmail, string password = AppFactory.AdminPassword)
    {
        var context = await NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectPathAsync(page, "/contacts");
        return page;
    }

    /// <summary>
    /// Every Content-Security-Policy violation any page of any context reported, as "page: directive blocked
    /// source:line". The fixture fails on dispose when there is one, so every browser test also proves that
    /// nothing it touched needs inline script or style.
    /// </summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> CspViolations { get; } = new();

    /// <summary>A fresh browser context (its own cookies) whose pages report CSP violations to <see cref="CspViolations"/>.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);

        // Injected by the browser itself, not as a page script, so the policy under test does not block it.
        await context.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", function (e) {
                console.error("CSP violation: " + e.violatedDirective + " blocked " + (e.blockedURI || "inline") + " at " + (e.sourceFile || "") + ":" + e.lineNumber);
            });
            """);
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("CSP violation", StringComparison.Ordinal) || message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                CspViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };
        return context;
    }

    /// <summary>
    /// Waits until the page's path ends with <paramref name="path"/> (a query string may follow), as
    /// WaitForURLAsync("**/path") would. A polling assertion on purpose:
    /// Playwright .NET's WaitForURLAsync checks the load state and then subscribes to its event, and a
    /// <c>load</c> that fires between the two is lost, so it can time out on a page that did load
    /// (microsoft/playwright-dotnet#3364; seen once in CI on the sign-in redirect).
    /// </summary>
    public static Task ExpectPathAsync(IPage page, string path) =>
        Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(path) + @"(\?.*)?$"));

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
        if (!CspViolations.IsEmpty)
        {
            throw new InvalidOperationException("Content-Security-Policy violations:\n" + string.Join("\n", CspViolations.Distinct()));
        }
    }
}
