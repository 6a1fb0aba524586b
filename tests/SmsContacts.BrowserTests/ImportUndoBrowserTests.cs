using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.BrowserTests;

/// <summary>Sender code 55123 with list VIP and one subscriber, Ana; an app of its own, so the test's import is the only one.</summary>
public sealed class ImportUndoBrowserFixture : BrowserFixture
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), "ana@example.com", SubscriptionStatus.Active, vip);
    }
}

public sealed class ImportUndoBrowserTests(ImportUndoBrowserFixture browser) : IClassFixture<ImportUndoBrowserFixture>
{
    [Fact]
    public async Task PreviewThenImport_ThenUndoImportOnTheStatusPage_ShowsWhatTheUndoSetBack()
    {
        var page = await browser.SignedInPageAsync();
        await page.GotoAsync("/imports/new");
        var csv = $"Phone,First Name,Email\n{TestPhones.UsTyped(300)},Bo,bo@example.com\n{TestPhones.UsTyped(301)},Cy,cy@example.com\n{TestPhones.Us(1)},Ana,ana@new.example\n";
        await page.GetByLabel("Browse").SetInputFilesAsync(new FilePayload { Name = "wrong-file.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/settings");
        await page.GetByLabel("List", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "VIP" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/layout");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();

        // Step 4, Preview: a progress bar while it runs. This app runs no job server (like every test app): run the jobs as Hangfire would.
        await BrowserFixture.ExpectPathAsync(page, "/preview");
        await Expect(page.Locator("nav[aria-label='File Import steps'] [aria-current=step]")).ToContainTextAsync("Preview");
        await Expect(page.GetByRole(AriaRole.Progressbar, new() { Name = "Preview progress" })).ToBeVisibleAsync();
        var importId = await browser.App.WithDbAsync(db => db.Imports.Select(i => i.Id).SingleAsync());
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().PreviewAsync(importId, CancellationToken.None);
        }

        // The page polls, then shows the counts and examples: Ana's email before → after; nothing is written yet.
        await Expect(page.Locator("#import-preview")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 15_000 });
        var counts = page.GetByRole(AriaRole.Table, new() { Name = "Preview counts" });
        await Expect(counts.Locator("[data-count=optedin]")).ToHaveTextAsync("2");
        await Expect(counts.Locator("[data-count=updated]")).ToHaveTextAsync("1");
        await Expect(page.Locator("table[data-outcome=updated] .preview-detail")).ToContainTextAsync("Email: ana@example.com → ana@new.example");
        Assert.Equal(1, await browser.App.WithDbAsync(db => db.Contacts.CountAsync()));

        // Back returns to Configure Import Layout with the columns chosen; Preview again, then Import.
        await page.GetByRole(AriaRole.Link, new() { Name = "Back", Exact = true }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/layout");
        await Expect(page.GetByLabel("Profile field for column Email").Locator("option:checked")).ToHaveTextAsync("Email");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview", Exact = true }).ClickAsync();
        await BrowserFixture.ExpectPathAsync(page, "/preview");
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().PreviewAsync(importId, CancellationToken.None);
        }

        await Expect(page.Locator("#import-preview")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 15_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact Import Status" })).ToBeVisibleAsync();
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportContactsJob>().RunAsync(importId, CancellationToken.None);
        }

        // The page polls: when the import has ended, the admin is offered Undo import.
        await Expect(page.Locator("#import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 15_000 });
        await page.ReloadAsync();
        await Expect(page.Locator("#preview-comparison")).ToHaveTextAsync("Every count is the one the Preview showed.");
        var undo = page.GetByRole(AriaRole.Button, new() { Name = "Undo import" });
        await Expect(undo).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await undo.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Undoing the import");
        await Expect(page.Locator("#import-undo")).ToHaveAttributeAsync("data-undo-status", "Queued");
        await using (var scope = browser.App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<UndoImportJob>().RunAsync(importId, CancellationToken.None);
        }

        await Expect(page.Locator("#import-undo")).ToHaveAttributeAsync("data-undo-status", "Completed", new() { Timeout = 15_000 });
        var did = page.GetByRole(AriaRole.Table, new() { Name = "What the undo did" });
        await Expect(Count(did, "New contacts removed")).ToHaveTextAsync("2");
        await Expect(Count(did, "Subscriptions removed")).ToHaveTextAsync("2");
        await Expect(Count(did, "Fields set back")).ToHaveTextAsync("2");
        await Expect(Count(did, "Contacts changed since the import, left as they are")).ToHaveTextAsync("0");
        await Expect(page.Locator("#import-undo-state")).ToContainTextAsync("Undone");
        await Expect(undo).ToHaveCountAsync(0);

        // The history says so, and Ana is as she was.
        await page.GotoAsync("/imports");
        await Expect(page.Locator("td[data-undo]")).ToHaveTextAsync("Undone");
        var ana = await browser.App.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Phone == TestPhones.Us(1)));
        Assert.Equal(("ana@example.com", (string?)null), (ana.Email, ana.FirstName));
    }

    private static ILocator Count(ILocator table, string label) =>
        table.Locator("tr").Filter(new() { Has = table.Page.GetByRole(AriaRole.Rowheader, new() { Name = label, Exact = true }) }).Locator("td");
}
