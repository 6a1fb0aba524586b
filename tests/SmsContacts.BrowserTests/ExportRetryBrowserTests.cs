using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.BrowserTests;

/// <summary>Sender code 55123 with one export that the app's stop interrupted.</summary>
public sealed class ExportRetryBrowserFixture : BrowserFixture
{
    public Guid InterruptedExportId { get; } = Guid.NewGuid();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var code = await App.Data.SenderCodeAsync("55123");
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 2, 1, 10, 0, 0, DateTimeKind.Utc), "ana@example.com", SubscriptionStatus.Active, await App.Data.ListAsync(code.Id, "VIP"));
        await App.WithDbAsync(async db =>
        {
            var admin = await db.Users.SingleAsync(u => u.Email == AppFactory.AdminEmail);
            var at = App.Clock.GetUtcNow().UtcDateTime;
            db.Exports.Add(new ExportRecord
            {
                Id = InterruptedExportId,
                SenderCodeId = code.Id,
                Kind = ExportKind.Contacts,
                RequestedByUserId = admin.Id,
                RecipientUserId = admin.Id,
                RecipientEmail = AppFactory.AdminEmail,
                Status = ExportStatus.Failed,
                Error = ExportRuns.Interrupted(at),
                CreatedUtc = at.AddMinutes(-5),
                StartedUtc = at.AddMinutes(-5),
            });
            await db.SaveChangesAsync();
        });
    }
}

public sealed partial class ExportRetryBrowserTests(ExportRetryBrowserFixture browser) : IClassFixture<ExportRetryBrowserFixture>
{
    [Fact]
    public async Task Retry_ClickedInTwoTabs_QueuesOneExport_AndTheSecondTabIsToldItWasAlreadyRetried()
    {
        var first = await browser.SignedInPageAsync();
        var second = await first.Context.NewPageAsync();
        await first.GotoAsync("/exports");
        await second.GotoAsync("/exports");
        var row = first.Locator($"tr[data-export-id='{browser.InterruptedExportId}']");
        await Expect(row.Locator(".badge")).ToHaveTextAsync("Failed");
        await Expect(row).ToContainTextAsync("No file was kept and no email was sent.");

        await first.GetByRole(AriaRole.Button, new() { NameRegex = RetryName() }).ClickAsync();
        await Expect(first.GetByRole(AriaRole.Status).First).ToContainTextAsync("Export queued again");
        await second.GetByRole(AriaRole.Button, new() { NameRegex = RetryName() }).ClickAsync();
        await Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("This export was already retried");

        Assert.Equal(2, await browser.App.WithDbAsync(db => db.Exports.CountAsync()));
        await Expect(second.Locator($"tr[data-export-id='{browser.InterruptedExportId}']")).ToContainTextAsync("Retried.");
        await Expect(second.GetByRole(AriaRole.Button, new() { NameRegex = RetryName() })).ToHaveCountAsync(0);
        await Expect(second.Locator("table[aria-label='Recent exports'] tbody tr").First.Locator(".badge")).ToHaveTextAsync("Queued");
    }

    [GeneratedRegex("^Retry the export requested ")]
    private static partial Regex RetryName();
}
