using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

/// <summary>Two sender codes, each with a list and one contact, and a Marketer who may use both.</summary>
public sealed class SenderCodeTabsBrowserFixture : BrowserFixture
{
    public const string Marketer = "two-tabs@example.com";
    public const string Password = "two-tabs-password-1";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var now = App.Clock.GetUtcNow().UtcDateTime;
        var a = await App.Data.SenderCodeAsync("55123");
        var b = await App.Data.SenderCodeAsync("78900");
        await App.Data.SubscribedAsync(a.Id, TestPhones.Us(1), now, lists: await App.Data.ListAsync(a.Id, "A list"));
        await App.Data.SubscribedAsync(b.Id, TestPhones.Us(2), now, lists: await App.Data.ListAsync(b.Id, "B list"));
        await App.Data.UserAsync(Marketer, UserRole.Marketer, Password, [a.Id, b.Id]);
    }
}

/// <summary>Two tabs of one browser work in two sender codes: the stale tab's popup, links and forms stay in its code.</summary>
public sealed class SenderCodeTabsBrowserTests(SenderCodeTabsBrowserFixture browser) : IClassFixture<SenderCodeTabsBrowserFixture>
{
    [Fact]
    public async Task TwoTabs_WorkInTwoSenderCodes()
    {
        var first = await browser.SignedInPageAsync(SenderCodeTabsBrowserFixture.Marketer, SenderCodeTabsBrowserFixture.Password);
        var second = await first.Context.NewPageAsync();
        await second.GotoAsync("/contacts");
        await second.GetByRole(AriaRole.Combobox, new() { Name = "Sender code" }).SelectOptionAsync(new SelectOptionValue { Label = "78900 – Code 78900" });
        await Expect(second.Locator("#grid tbody")).ToContainTextAsync(TestPhones.Us(2));

        // The first tab still shows 55123; its popup (htmx) opens its own contact, not a 404 from the other code.
        await Expect(first.Locator("#grid tbody")).ToContainTextAsync(TestPhones.Us(1));
        await first.GetByRole(AriaRole.Link, new() { Name = $"Contact Details {TestPhones.Us(1)}" }).ClickAsync();
        var popup = first.GetByRole(AriaRole.Dialog, new() { Name = "Contact Details" });
        await Expect(popup).ToContainTextAsync(TestPhones.Us(1));
        await popup.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        // Its links and forms stay in 55123: a contact added from it goes to 55123's list.
        await first.GetByRole(AriaRole.Button, new() { Name = "Add Contacts" }).ClickAsync();
        await first.GetByRole(AriaRole.Link, new() { Name = "Single Contact" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("55123");
        await first.GetByLabel("Phone Number").FillAsync(TestPhones.UsTyped(3));
        await first.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "A list" });
        await first.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status).Filter(new() { HasText = "subscribed to" })).ToHaveTextAsync($"{TestPhones.Us(3)} subscribed to A list.");
        await Expect(first.GetByRole(AriaRole.Combobox, new() { Name = "Sender code" })).ToHaveValueAsync(await IdOfAsync("55123"));
        await Expect(first.Locator("#grid tbody tr")).ToHaveCountAsync(2);

        // The second tab, reloaded, is still in 78900.
        await second.ReloadAsync();
        await Expect(second.GetByRole(AriaRole.Combobox, new() { Name = "Sender code" })).ToHaveValueAsync(await IdOfAsync("78900"));
        await Expect(second.Locator("#grid tbody tr")).ToHaveCountAsync(1);
        Assert.Equal("55123", await browser.App.WithDbAsync(db => db.Contacts.Where(c => c.Phone == TestPhones.Us(3)).Join(db.SenderCodes, c => c.SenderCodeId, s => s.Id, (c, s) => s.Code).SingleAsync()));
    }

    private Task<string> IdOfAsync(string code) =>
        browser.App.WithDbAsync(async db => (await db.SenderCodes.SingleAsync(s => s.Code == code)).Id.ToString());
}
