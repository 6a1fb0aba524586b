using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

public sealed class InboundBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        var vip = await App.Data.ListAsync(code.Id, "VIP", false, "VIP");
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc), "ana@example.com", SubscriptionStatus.Active, vip);
    }
}

public sealed class InboundBrowserTests(InboundBrowserFixture browser) : IClassFixture<InboundBrowserFixture>
{
    [Fact]
    public async Task Admin_SimulatesAStopFromTheAdminMenu_AndFindsTheNumberOnTheOptedOutTab()
    {
        var page = await browser.SignedInPageAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Admin" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Simulate inbound text" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Simulate inbound text" })).ToBeVisibleAsync();
        await page.GetByLabel("From (phone number)").FillAsync(TestPhones.UsTyped(1));
        await page.GetByLabel("Message").FillAsync(" Stop! ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send text" }).ClickAsync();

        var result = page.GetByRole(AriaRole.Region, new() { Name = "Result" });
        await Expect(result).ToContainTextAsync("Opted out of the whole sender code (reason: STOP keyword).");
        await Expect(result).ToContainTextAsync("You are unsubscribed and will receive no further messages.");
        await Expect(page.GetByLabel("From (phone number)")).ToHaveValueAsync(TestPhones.Us(1));

        await page.GotoAsync("/contacts?tab=opted-out");
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#grid")).ToContainTextAsync("STOP keyword");
    }
}

public sealed class NeedsReviewBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        var vip = await App.Data.ListAsync(code.Id, "VIP", false, "VIP");
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(2), new DateTime(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc), "bo@example.com", SubscriptionStatus.Active, vip);
    }
}

public sealed class NeedsReviewBrowserTests(NeedsReviewBrowserFixture browser) : IClassFixture<NeedsReviewBrowserFixture>
{
    [Fact]
    public async Task AnUnclearText_ShowsInTheContactsMenu_AndIsOptedOutWithOneClick()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/admin/inbound/simulate");
        await page.GetByLabel("From (phone number)").FillAsync(TestPhones.Us(2));
        await page.GetByLabel("Message").FillAsync("We have got to STOP this bill");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send text" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Region, new() { Name = "Result" })).ToContainTextAsync("waiting in Needs review");

        await page.GetByRole(AriaRole.Button, new() { Name = "Contacts 1 text needs review" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Needs review 1 waiting" }).ClickAsync();
        var waiting = page.GetByRole(AriaRole.Table, new() { Name = "Texts waiting for review" });
        await Expect(waiting).ToContainTextAsync("We have got to STOP this bill");

        await page.GetByRole(AriaRole.Button, new() { Name = $"Opt out {TestPhones.Us(2)}" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("The number is opted out (reason: STOP keyword).");
        await Expect(page.GetByRole(AriaRole.Table, new() { Name = "Recently decided texts" })).ToContainTextAsync("Opted out");
        await page.GotoAsync("/contacts?tab=opted-out");
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#grid")).ToContainTextAsync("STOP keyword");
    }
}
