using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Infrastructure.Email;

public sealed class EmailSettingsTests
{
    [Theory]
    [InlineData("Smtp:From", "not an address", "Smtp:From")]
    [InlineData("Smtp:Port", "70000", "Smtp:Port")]
    [InlineData("Smtp:User", "mailer", "Smtp:User and Smtp:Password")]
    public async Task App_RefusesToStart_WithEmailSettingsThatCannotWork(string key, string value, string named)
    {
        await using var app = new AppFactory(new() { ["Smtp:Host"] = "smtp.example.com", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateClient());
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public async Task WithoutAnSmtpHost_TheExportEmailIsWrittenAsAnEmlFile_AndTheExportsPageSaysWhere()
    {
        await using var app = new AppFactory();
        var code = await app.Data.SenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        await app.Data.SubscribedAsync(code.Id, TestPhones.Us(5), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), "five@example.com", SubscriptionStatus.Active, list);
        using var admin = await app.SignInAsync();

        await admin.SubmitFormAsync("/exports/new?tab=contacts", "form#configure-export", []);
        var export = await app.WithDbAsync(db => db.Exports.SingleAsync());
        await app.WithServiceAsync<ExportContactsJob, bool>(async job => { await job.RunAsync(export.Id, CancellationToken.None); return true; });

        var mailFolder = Path.Combine(app.DataDirectory, "mail");
        var eml = Assert.Single(Directory.GetFiles(mailFolder, "*.eml"));
        var message = await MimeMessage.LoadAsync(eml);
        Assert.Equal(AppFactory.AdminEmail, message.To.Mailboxes.Single().Address);
        Assert.Contains("https://contacts.example.com/exports/download?token=", message.TextBody);

        var page = await admin.GetPageAsync("/exports");
        var notice = page.QuerySelector("[role=note]")!.TextContent;
        Assert.Contains("Smtp:Host", notice);
        Assert.Contains(mailFolder, notice);
        Assert.Equal("Completed", page.QuerySelector($"tr[data-export-id='{export.Id}'] .badge")!.TextContent);
    }
}
