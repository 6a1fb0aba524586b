using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

/// <summary>
/// A history written through the consent rules on the app's clock: ten numbers imported to VIP on Nov 20, four added to
/// Weekly Deals by Single Contact on Nov 27, two of the VIP numbers text STOP on Nov 29; today is Dec 1.
/// </summary>
public sealed class ListDashboardBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        var deals = await App.Data.ListAsync(code.Id, "Weekly Deals");
        await ChangeAsync(code.Id, Enumerable.Range(1, 10), (consent, contact) => consent.Subscribe(contact, vip, new SubscriptionRequest(SubscribeMethod.Import), new ConsentActor(ConsentSource.Import, "u", "importer@example.com")));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 15, 0, 0, TimeSpan.Zero));
        await ChangeAsync(code.Id, Enumerable.Range(11, 4), (consent, contact) => consent.Subscribe(contact, deals, new SubscriptionRequest(SubscribeMethod.SingleContact), new ConsentActor(ConsentSource.SingleContact, "u", "marketer@example.com")));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero));
        await ChangeAsync(code.Id, Enumerable.Range(1, 2), (consent, contact) => consent.OptOut(contact, OptOutReason.StopKeyword, new ConsentActor(ConsentSource.InboundText, MessageSid: "SM1")));
        App.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero));
    }

    private async Task ChangeAsync(int senderCodeId, IEnumerable<int> numbers, Action<ContactConsent, Contact> change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var consent = scope.ServiceProvider.GetRequiredService<ContactConsent>();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        foreach (var n in numbers)
        {
            var phone = TestPhones.Us(n);
            var contact = db.Contacts.Local.SingleOrDefault(c => c.Phone == phone)
                ?? await db.Contacts.WithConsentState().SingleOrDefaultAsync(c => c.Phone == phone)
                ?? db.Contacts.Add(new Contact { SenderCodeId = senderCodeId, Phone = phone, CreatedUtc = now, UpdatedUtc = now }).Entity;
            change(consent, contact);
        }

        await db.SaveChangesAsync();
    }
}

public sealed class ListDashboardBrowserTests(ListDashboardBrowserFixture browser) : IClassFixture<ListDashboardBrowserFixture>
{
    [Fact]
    public async Task OpenTheDashboard_ChangeTheRange_AndFollowANumberIntoTheGrid()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Contacts" }).Or(page.GetByRole(AriaRole.Link, new() { Name = "Contacts", Exact = true })).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "SMS List Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMS List Dashboard" })).ToBeVisibleAsync();

        // Chart.js drew the three charts under the strict CSP (the fixture fails on any violation).
        foreach (var chart in new[] { "subscribers", "new", "left" })
        {
            await Expect(page.Locator($"#chart-{chart}")).ToHaveAttributeAsync("data-rendered", "true");
        }

        // The last 30 days (the default): everything; subscribed now 12 (10 - 2 + 4).
        await Expect(page.Locator("[data-tile=subscribed-now]")).ToHaveTextAsync("12");
        await Expect(page.Locator("[data-flow=new]").First).ToHaveTextAsync("14");
        await Expect(page.Locator("[data-flow=opt-outs]").First).ToHaveTextAsync("2");

        // The last 7 days: only the four Single Contact additions and the two STOPs.
        await page.GetByLabel("Date range").SelectOptionAsync(new SelectOptionValue { Label = "Last 7 days" });
        await Expect(page).ToHaveURLAsync(new Regex("range=7"));
        await Expect(page.Locator("[data-flow=new]").First).ToHaveTextAsync("4");
        await Expect(page.Locator("#range-words")).ToContainTextAsync("Nov 25, 2026 – Dec 1, 2026");
        await Expect(page.Locator("#range-words")).ToContainTextAsync("UTC days");

        // The numbers behind the chart, as a table a screen reader reads.
        await page.Locator("#chart-new").Locator("xpath=ancestor::figure").GetByText("Table of this chart").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "New subscriptions per day, by subscribe method" })).ToContainTextAsync("Single Contact");

        // A custom range: its dates appear, and Show applies them.
        await page.GetByLabel("Date range").SelectOptionAsync(new SelectOptionValue { Label = "Custom" });
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2026-11-29");
        await page.GetByLabel("To", new() { Exact = true }).FillAsync("2026-11-29");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("[data-flow=opt-outs]").First).ToHaveTextAsync("2");
        await Expect(page.Locator("[data-flow=new]").First).ToHaveTextAsync("0");

        // A range of two years is charted by week, and the charts still draw.
        await page.GetByLabel("From", new() { Exact = true }).FillAsync("2024-12-01");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Expect(page.Locator("#range-words")).ToContainTextAsync("The charts count weeks (seven days each from Dec 1, 2024");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Subscribers per week" })).ToBeVisibleAsync();
        await Expect(page.Locator("#chart-subscribers")).ToHaveAttributeAsync("data-rendered", "true");

        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.GotoAsync("/contacts/list-dashboard?range=30");
        await Expect(page.Locator("#chart-subscribers")).ToHaveAttributeAsync("data-rendered", "true");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "list-dashboard.png"), FullPage = true });

        // Follow Weekly Deals' new subscriptions into the grid: its four rows, with the filter said above them.
        var row = page.Locator("#lists-table tr", new() { HasText = "Weekly Deals" });
        await row.Locator("a[data-cell=new]").ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/contacts");
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(4);
        await Expect(page.Locator("#grid-window")).ToContainTextAsync("Subscribe Date 2026-11-02 – 2026-12-01");
        await Expect(page.Locator("#grid")).ToContainTextAsync(TestPhones.Us(11));
    }
}
