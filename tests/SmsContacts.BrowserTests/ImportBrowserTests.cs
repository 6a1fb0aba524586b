using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.BrowserTests;

/// <summary>Sender code 55123 with list VIP: one subscriber, one number that texted STOP and one banned number.</summary>
public sealed class ImportBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var data = App.Data;
        var code = await data.SenderCodeAsync("55123");
        var vip = await data.ListAsync(code.Id, "VIP");
        var at = new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc);
        await data.SubscribedAsync(code.Id, TestPhones.Us(1), at, "ana@example.com", SubscriptionStatus.Active, vip);
        await data.OptedOutAsync(code.Id, TestPhones.Us(2), OptOutReason.StopKeyword, at);
        await data.OptedOutAsync(code.Id, TestPhones.Us(3), OptOutReason.Banned, at);
    }
}

public sealed class ImportBrowserTests(ImportBrowserFixture browser) : IClassFixture<ImportBrowserFixture>
{
    /// <summary>
    /// 50 rows: 44 new numbers (the first of them again further down), the subscriber, the opted-out and the
    /// banned numbers, and two that are not phone numbers.
    /// </summary>
    private static byte[] FiftyRows()
    {
        var csv = new StringBuilder("Phone,First Name,Email\n");
        for (var i = 0; i < 44; i++)
        {
            csv.Append($"{TestPhones.UsTyped(100 + i)},Person {i},p{i}@example.com\n");
        }

        csv.Append($"{TestPhones.Us(100)},Person again,again@example.com\n");
        csv.Append($"{TestPhones.Us(1)},Ana,\n");
        csv.Append($"{TestPhones.Us(2)},Stopped,\n");
        csv.Append($"{TestPhones.Us(3)},Banned,\n");
        csv.Append("12345,Short,\n");
        csv.Append("not a phone,Nobody,\n");
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    [Fact]
    public async Task FileImport_TheWholeWizard_EndsOnTheStatusPageWithTheCounts()
    {
        var page = await browser.SignedInPageAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Add Contacts" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "File Import" }).ClickAsync();

        // Step 1: Upload File.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "File Import" })).ToBeVisibleAsync();
        await page.GetByLabel("Browse").SetInputFilesAsync(new FilePayload { Name = "fifty.csv", MimeType = "text/csv", Buffer = FiftyRows() });
        await Expect(page.Locator("#chosen-file")).ToHaveTextAsync("fifty.csv");
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        // Step 2: Import Settings.
        await BrowserFixture.ExpectPathAsync(page, "/settings");
        await Expect(page.GetByLabel("Import action")).ToHaveValueAsync(nameof(ImportAction.AddOrUpdate));
        await Expect(page.GetByLabel("Delimiter")).ToHaveValueAsync(DelimiterNames.Comma);
        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await page.GetByLabel("If the contact already exists on the list").SelectOptionAsync(new SelectOptionValue { Label = "Update fields" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();

        // Step 3: Configure Import Layout, with the headers already mapped.
        await BrowserFixture.ExpectPathAsync(page, "/layout");
        await Expect(page.GetByLabel("Profile field for column Phone").Locator("option:checked")).ToHaveTextAsync("Phone Number");
        await Expect(page.GetByLabel("Profile field for column First Name").Locator("option:checked")).ToHaveTextAsync("First Name");
        await Expect(page.GetByLabel("Profile field for column Email").Locator("option:checked")).ToHaveTextAsync("Email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();

        // Step 4: Preview. This app runs no job server (like every test app): run the jobs as Hangfire would.
        await BrowserFixture.ExpectPathAsync(page, "/preview");
        var importId = await browser.App.WithDbAsync(db => db.Imports.Select(i => i.Id).SingleAsync());
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().PreviewAsync(importId, CancellationToken.None);
        }

        await Expect(page.Locator("#import-preview")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact Import Status" })).ToBeVisibleAsync();
        await Expect(page.Locator("#import-progress")).ToHaveAttributeAsync("data-status", "Queued");
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().RunAsync(importId, CancellationToken.None);
        }

        // The status page polls while the import runs, and shows the counts when it is done.
        await Expect(page.Locator("#import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 15_000 });
        var counts = page.Locator("table.import-counts");
        await Expect(Count(counts, "Processed")).ToHaveTextAsync("50");
        await Expect(Count(counts, "Opted-in")).ToHaveTextAsync("44");
        await Expect(Count(counts, "Updated")).ToHaveTextAsync("1");
        await Expect(Count(counts, "Ignored")).ToHaveTextAsync("2");
        await Expect(Count(counts, "Previously Opted-out")).ToHaveTextAsync("1");
        await Expect(Count(counts, "Previously Banned")).ToHaveTextAsync("1");
        await Expect(Count(counts, "Unchanged")).ToHaveTextAsync("0");
        await Expect(Count(counts, "Rejected")).ToHaveTextAsync("2");
        await Expect(Count(counts, "Duplicates")).ToHaveTextAsync("1");
        await Expect(page.Locator("#import-reconciliation")).ToContainTextAsync("Processed = Opted-in + Updated + Unchanged + Ignored + Rejected + Duplicates");
        var settings = page.Locator("table[aria-label='List Import Settings']");
        await Expect(settings).ToContainTextAsync("VIP");
        await Expect(settings).ToContainTextAsync("Add/Update contacts");
        await Expect(settings).ToContainTextAsync("Update fields");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the rows not imported (CSV, with line number and reason)" }).ClickAsync());
        Assert.Equal("fifty-rejected-rows.csv", download.SuggestedFilename);
    }

    private static ILocator Count(ILocator table, string label) =>
        table.Locator("tr").Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = label, Exact = true }) }).Locator("td");

    /// <summary>
    /// A 290-character sample value (a landing-page URL) and a long header stay inside a 1366 px wide window: every
    /// field dropdown of Configure Import Layout is on screen and the page does not scroll sideways. The screenshot is
    /// kept in artifacts/screenshots for a person to look at.
    /// </summary>
    [Fact]
    public async Task ConfigureImportLayout_WithA290CharacterValue_KeepsEveryDropdownOnScreenAt1366px()
    {
        var page = await browser.SignedInPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        var url = "https://shop.example.com/landing?utm_source=sms&utm_medium=text&utm_campaign=black_friday_2026_weekend_mega_sale_" + new string('x', 177);
        Assert.Equal(290, url.Length);
        var csv = $"Phone,First Name,Landing Page {new string('y', 120)}\r\n{TestPhones.UsTyped(500)},Long,{url}\r\n";
        await page.GotoAsync("/imports/new");
        await page.GetByLabel("Browse").SetInputFilesAsync(new FilePayload { Name = "long-cell.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/settings");
        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/layout");

        var selects = page.Locator("#layout-form select");
        await Expect(selects).ToHaveCountAsync(3);
        for (var i = 0; i < 3; i++)
        {
            var box = await selects.Nth(i).BoundingBoxAsync();
            Assert.NotNull(box);
            Assert.True(box.X >= 0 && box.X + box.Width <= 1366, $"dropdown {i} spans {box.X}..{box.X + box.Width}");
        }

        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways");
        Assert.True(await page.EvaluateAsync<bool>("() => [...document.querySelectorAll('.table-responsive')].every(t => t.scrollWidth <= t.clientWidth)"), "the layout table scrolls sideways");
        await Expect(page.Locator(".sample-value", new() { HasText = "utm_campaign" })).ToHaveAttributeAsync("title", url);

        var folder = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "artifacts", "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "import-layout-long-value-1366.png"), FullPage = true });
    }
}
