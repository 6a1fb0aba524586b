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
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseUrl });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ExpectPathAsync(page, "/contacts");
        return page;
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
    }
}
