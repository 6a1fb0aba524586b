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
