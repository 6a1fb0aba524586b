using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Features.Export;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.BrowserTests;

/// <summary>Export is the grid: what the search box filters, as it filters it while typing, is what the file holds.</summary>
public sealed class ExportSearchBrowserTests(ExportBrowserFixture browser) : IClassFixture<ExportBrowserFixture>
{
    [Fact]
    public async Task Export_AfterASearchTypedWithoutEnter_HoldsOnlyTheRowsTheGridShows()
    {
        var page = await browser.SignedInPageAsync();
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(4);

        // Typed one key at a time, as a person does; the grid redraws itself (no Enter, no Search button).
        await page.Locator("#phone-search").PressSequentiallyAsync("0002", new() { Delay = 80 });
        await Expect(page.Locator("#grid [role=status]")).ToContainTextAsync("with phone numbers containing 0002");
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#grid tbody")).ToContainTextAsync(TestPhones.Us(2));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("q=0002"));

        await page.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Configure Export" })).ToBeVisibleAsync();
        await Expect(page.Locator("form#configure-export")).ToContainTextAsync("All Lists, phone numbers containing 0002");
        await page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/exports");

        var export = await browser.App.WithDbAsync(db => db.Exports.AsNoTracking().SingleAsync());
        Assert.Equal("0002", export.PhoneSearch);
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ExportContactsJob>().RunAsync(export.Id, CancellationToken.None);
        }

        var done = await browser.App.WithDbAsync(db => db.Exports.AsNoTracking().SingleAsync());
        var file = await File.ReadAllLinesAsync(Path.Combine(browser.App.Services.GetRequiredService<DataDirectory>().Exports, done.StoredFileName!));
        var phones = file.Skip(1).Select(line => line.Split(',')[0]).ToList();
        Assert.Equal([TestPhones.Us(2), TestPhones.Us(2)], phones);
        Assert.Equal(2, done.RowCount);
    }

    [Fact]
    public async Task SearchBox_WithLetters_SaysSearchIsByPhoneNumber_AndExportRefusesIt()
    {
        var page = await browser.SignedInPageAsync();
        await page.Locator("#phone-search").PressSequentiallyAsync("ben", new() { Delay = 80 });
        await Expect(page.Locator("#search-not-a-phone")).ToContainTextAsync("Search is by phone number");
        await Expect(page.Locator("#grid tbody tr")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Link, new() { Name = "Export", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Search is by phone number");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Export", Exact = true })).ToBeDisabledAsync();
    }
}
