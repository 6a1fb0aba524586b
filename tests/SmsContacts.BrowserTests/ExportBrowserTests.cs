using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.BrowserTests;

/// <summary>Sender code 55123 with lists VIP and Promotions and a few subscribers.</summary>
public sealed class ExportBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var data = App.Data;
        var code = await data.SenderCodeAsync("55123");
        var vip = await data.ListAsync(code.Id, "VIP");
        var promotions = await data.ListAsync(code.Id, "Promotions");
        var at = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);
        await data.SubscribedAsync(code.Id, TestPhones.Us(1), at, "ana@example.com", SubscriptionStatus.Active, vip);
        await data.SubscribedAsync(code.Id, TestPhones.Us(2), at, "ben@example.com", SubscriptionStatus.Active, vip, promotions);
        await data.SubscribedAsync(code.Id, TestPhones.Us(3), at, "cy@example.com", SubscriptionStatus.Active, promotions);
    }
}

public sealed class ExportBrowserTests(ExportBrowserFixture browser) : IClassFixture<ExportBrowserFixture>
{
    [Fact]
    public async Task ConfigureExport_FromTheContactsTab_IsListedAsQueued_AndThenAsCompleted()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(2);

        await page.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Configure Export" })).ToBeVisibleAsync();
        await Expect(page.Locator("form#configure-export")).ToContainTextAsync("List VIP");
        await Expect(page.GetByLabel("Recipient").Locator("option:checked")).ToContainTextAsync(AppFactory.AdminEmail);
        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();

        await BrowserFixture.ExpectPathAsync(page, "/exports");
        await Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Export queued");
        var row = page.Locator("table[aria-label='Recent exports'] tbody tr").First;
        await Expect(row).ToContainTextAsync("Contacts: List VIP");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Queued");

        // This app runs no job server (like every test app): run the job as Hangfire would.
        var exportId = await browser.App.WithDbAsync(db => db.Exports.Select(e => e.Id).SingleAsync());
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExportContactsJob>().RunAsync(exportId, CancellationToken.None);
        }

        // The page refreshes its table by itself while an export is queued or running.
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Completed", new() { Timeout = 15_000 });
        await Expect(row).ToContainTextAsync(AppFactory.AdminEmail);
        await Expect(row.Locator("td").Nth(5)).ToHaveTextAsync("2");
    }
}
