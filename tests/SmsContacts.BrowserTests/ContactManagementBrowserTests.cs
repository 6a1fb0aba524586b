using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.BrowserTests;

/// <summary>Sender code 55123 with the list VIP and one custom field; no contacts until the test adds one.</summary>
public sealed class ContactManagementBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        await App.Data.ListAsync(code.Id, "VIP");
        await App.WithDbAsync(async db =>
        {
            db.CustomFields.Add(new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Favorite Store", Type = CustomFieldType.Text, CreatedUtc = DateTime.UtcNow });
            await db.SaveChangesAsync();
        });
    }
}

public sealed class ContactManagementBrowserTests(ContactManagementBrowserFixture browser) : IClassFixture<ContactManagementBrowserFixture>
{
    [Fact]
    public async Task AddASingleContact_UpdateItInContactDetails_ThenBanIt()
    {
        var phone = TestPhones.Us(42);
        var page = await browser.SignedInPageAsync();
        var rows = page.Locator("#grid tbody tr");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add Contacts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Single Contact" }).ClickAsync();
        await page.GetByLabel("Phone Number").FillAsync(TestPhones.UsTyped(42));
        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("First Name").FillAsync("Ada");
        await page.GetByLabel("Email").FillAsync("ada@example.com");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "subscribed to" })).ToHaveTextAsync($"{phone} subscribed to VIP.");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("ada@example.com");

        // The phone number opens Contact Details in a popup; Update saves and the grid behind it follows.
        await page.GetByRole(AriaRole.Link, new() { Name = $"Contact Details {phone}" }).ClickAsync();
        // The popup is named by the panel it shows: "Contact Details", then "Ban" while confirming.
        var popup = page.GetByRole(AriaRole.Dialog);
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Contact Details" })).ToBeVisibleAsync();
        await Expect(popup.GetByLabel("First Name")).ToHaveValueAsync("Ada");
        await popup.GetByLabel("First Name").FillAsync("Augusta");
        await popup.GetByLabel("Email").FillAsync("augusta@example.com");
        await popup.GetByRole(AriaRole.Tab, new() { Name = "Custom Fields" }).ClickAsync();
        await popup.GetByLabel("Favorite Store").FillAsync("SoHo");
        await popup.GetByRole(AriaRole.Button, new() { Name = "Update" }).ClickAsync();

        await Expect(popup.GetByRole(AriaRole.Status)).ToHaveTextAsync("Contact updated.");
        await Expect(popup.GetByRole(AriaRole.Tab, new() { Name = "Custom Fields" })).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(rows.First).ToContainTextAsync("augusta@example.com");
        await popup.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(popup).ToBeHiddenAsync();

        // Opened again (this time with the row's Edit), it shows what was saved.
        await page.GetByLabel($"Select {phone} on VIP").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await Expect(popup.GetByLabel("First Name")).ToHaveValueAsync("Augusta");
        await popup.GetByRole(AriaRole.Tab, new() { Name = "Custom Fields" }).ClickAsync();
        await Expect(popup.GetByLabel("Favorite Store")).ToHaveValueAsync("SoHo");
        await Expect(popup.GetByRole(AriaRole.Table, new() { Name = "Consent History" })).ToContainTextAsync("Single Contact");

        // Ban, from Contact Details: confirmed in the popup, which then shows the banned contact.
        await popup.GetByRole(AriaRole.Link, new() { Name = "Ban" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Ban" })).ToBeVisibleAsync();
        await Expect(popup.GetByRole(AriaRole.Alert)).ToContainTextAsync("can never be added again");
        await popup.GetByRole(AriaRole.Button, new() { Name = "Ban" }).ClickAsync();
        await Expect(popup.GetByRole(AriaRole.Status)).ToContainTextAsync($"{phone} was banned");
        await Expect(rows).ToHaveCountAsync(0);
        await popup.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Opted-Out" }).ClickAsync();
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Reason" }).SelectOptionAsync(new SelectOptionValue { Label = "Banned" });
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(phone);
        await Expect(rows.First.GetByRole(AriaRole.Cell, new() { Name = "Banned", Exact = true })).ToBeVisibleAsync();
    }
}
