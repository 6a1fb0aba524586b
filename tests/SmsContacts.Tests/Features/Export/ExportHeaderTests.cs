using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Export;

namespace SmsContacts.Tests.Features.Export;

public sealed class ExportHeaderTests
{
    [Fact]
    public async Task CustomFieldNames_InTheHeader_AreGuardedLikeEveryOtherCell()
    {
        await using var app = new AppFactory();
        var code = await app.Data.SenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        await app.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Active, list);
        await app.WithDbAsync(async db =>
        {
            db.CustomFields.Add(new CustomFieldDefinition { SenderCodeId = code.Id, Name = "=cmd|' /C calc'!A0", Type = CustomFieldType.Text });
            await db.SaveChangesAsync();
        });

        await using var scope = app.Services.CreateAsyncScope();
        using var stream = new MemoryStream();
        await scope.ServiceProvider.GetRequiredService<ContactExportWriter>().WriteAsync(new ExportRecord { SenderCodeId = code.Id, Kind = ExportKind.Contacts }, stream, CancellationToken.None);

        var csv = CsvFile.Parse(stream.ToArray());
        Assert.Equal("'=cmd|' /C calc'!A0", csv.Headers[^1]);
        Assert.Equal(TestPhones.Us(1), Assert.Single(csv.Rows)["Phone Number"]);
    }
}
