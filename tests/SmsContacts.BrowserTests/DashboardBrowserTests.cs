using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

/// <summary>Two sender codes; on 55123 subscribed, pending, opted-out and other contacts.</summary>
public sealed class DashboardBrowserFixture : BrowserFixture
{
    public const string ColumnHider = "hider@example.com";
    public const string ColumnHiderPassword = "hider-password-1";
    public const string Reader = "reader@example.com";
    public const string ReaderPassword = "reader-password-1";

    private static readonly DateTime Jan = new(2026, 1, 5, 9, 30, 0, DateTimeKind.Utc);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var data = App.Data;
        var code = await data.SenderCodeAsync("55123");
        var outlet = await data.SenderCodeAsync("78900");
        await data.UserAsync(ColumnHider, UserRole.Marketer, ColumnHiderPassword);
        await data.UserAsync(Reader, UserRole.Marketer, ReaderPassword);
        var vip = await data.ListAsync(code.Id, "VIP");
        var deals = await data.ListAsync(code.Id, "Weekly Deals", doubleOptIn: true);
        await data.SubscribedAsync(code.Id, TestPhones.Us(1), Jan, "ana@example.com", SubscriptionStatus.Active, vip);
        await data.SubscribedAsync(code.Id, TestPhones.Us(2), Jan.AddDays(1), "ben@example.com", SubscriptionStatus.Active, vip, deals);
        await data.SubscribedAsync(code.Id, TestPhones.Us(3), Jan.AddDays(2), "cy@example.com", SubscriptionStatus.Pending, deals);
        await data.OptedOutAsync(code.Id, TestPhones.Us(4), OptOutReason.StopKeyword, Jan.AddDays(3), "dee@example.com");
        await data.OptedOutAsync(code.Id, TestPhones.Us(5), OptOutReason.Banned, Jan.AddDays(4));
        var other = await data.OtherAsync(code.Id, TestPhones.Us(6), "maybe", Jan.AddDays(5), "eve@example.com");
        await App.WithDbAsync(async db =>
        {
            var now = App.Clock.GetUtcNow().UtcDateTime;
            db.Messages.AddRange(
                new Message { SenderCodeId = code.Id, ContactId = other.Id, Phone = other.Phone, Direction = MessageDirection.Outbound, Body = "Reply Y to confirm Weekly Deals texts.", CreatedUtc = now.AddDays(-2), DeliveredUtc = now.AddDays(-2), Status = DeliveryStatus.Succeeded },
                new Message { SenderCodeId = code.Id, ContactId = other.Id, Phone = other.Phone, Direction = MessageDirection.Inbound, Body = "maybe", CreatedUtc = now.AddDays(-2).AddMinutes(5), DeliveredUtc = now.AddDays(-2).AddMinutes(5), Status = DeliveryStatus.Received });
            await db.SaveChangesAsync();
        });
        await data.SubscribedAsync(outlet.Id, TestPhones.Us(7), Jan, "outlet@example.com", SubscriptionStatus.Active, await data.ListAsync(outlet.Id, "Outlet"));
    }
}

public sealed class DashboardBrowserTests(DashboardBrowserFixture browser) : IClassFixture<DashboardBrowserFixture>
{
    [Fact]
    public async Task SignIn_SwitchTabs_Search_AndHideAColumnThatStaysHiddenAfterReload()
    {
        var page = await browser.SignedInPageAsync(DashboardBrowserFixture.ColumnHider, DashboardBrowserFixture.ColumnHiderPassword);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "SMS Contacts" })).ToBeVisibleAsync();
        var rows = page.Locator("#grid tbody tr");
        await Expect(rows).ToHaveCountAsync(4);

        await page.GetByRole(AriaRole.Tab, new() { Name = "Opted-Out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Opted-Out" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#grid")).ToContainTextAsync("Banned");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Other Contacts" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(page.Locator("#grid")).ToContainTextAsync(TestPhones.Us(6));

        await page.GetByRole(AriaRole.Tab, new() { Name = "Contacts", Exact = true }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(4);

        // Typing a partial number filters the grid as you type (htmx), the way people write it.
        await page.GetByLabel("Search").FillAsync("200-0002");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#grid")).ToContainTextAsync("Weekly Deals");

        await page.GetByLabel("Search").FillAsync("");
        await Expect(rows).ToHaveCountAsync(4);

        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Weekly Deals" });
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(page.Locator("#grid")).ToContainTextAsync("Pending");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show/Hide Column" }).ClickAsync();
        await page.GetByLabel("Email").UncheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Subscribe Date" })).ToBeVisibleAsync();

        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" })).ToHaveCountAsync(0);
        await Expect(rows).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task SortingAColumn_AndSwitchingSenderCode()
    {
        var page = await browser.SignedInPageAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" })).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(page.Locator("#grid tbody tr").First).ToContainTextAsync("ana@example.com");

        await page.GetByRole(AriaRole.Link, new() { Name = "Email" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Email" })).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(page.Locator("#grid tbody tr").First).ToContainTextAsync("cy@example.com");

        await page.GetByLabel("Sender code").SelectOptionAsync(new SelectOptionValue { Label = "78900 – Code 78900" });
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#grid")).ToContainTextAsync("outlet@example.com");
    }

    [Fact]
    public async Task AnOtherContactsReply_IsReadByClickingThePhone_ThenMessageActivity()
    {
        // Its own user: another test here switches the admin to the other sender code.
        var page = await browser.SignedInPageAsync(DashboardBrowserFixture.Reader, DashboardBrowserFixture.ReaderPassword);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Other Contacts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = $"Contact Details {TestPhones.Us(6)}" }).ClickAsync();

        var popup = page.GetByRole(AriaRole.Dialog);
        await popup.GetByRole(AriaRole.Tab, new() { Name = "Message Activity" }).ClickAsync();
        var activity = popup.GetByRole(AriaRole.Region, new() { Name = "Message Activity" });
        await Expect(activity.GetByRole(AriaRole.Row).Filter(new() { HasText = "maybe" })).ToContainTextAsync("Inbound");
        await Expect(activity.GetByRole(AriaRole.Link, new() { Name = "Export" })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("/activity/export$"));
    }
}
