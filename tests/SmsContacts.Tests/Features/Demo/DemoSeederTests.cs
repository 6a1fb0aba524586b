using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Features.Demo;

public sealed class DemoSeederTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SeedDemo_FillsEveryTab_WithValidNumbersAndHistory()
    {
        await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(1_000, CancellationToken.None);
            return true;
        });

        await _app.WithDbAsync(async db =>
        {
            var code = await db.SenderCodes.SingleAsync(s => s.Code == DemoSeeder.DemoSenderCode);
            var contacts = await db.Contacts.Where(c => c.SenderCodeId == code.Id).ToListAsync();
            Assert.Equal(1_000, contacts.Count);
            Assert.All(contacts, c => Assert.Equal(c.Phone, PhoneNormalizer.Normalize(c.Phone, "US").E164));

            var reasons = contacts.Where(c => c.OptOutReason is not null).Select(c => c.OptOutReason!.Value).Distinct().ToList();
            Assert.Equal(Enum.GetValues<OptOutReason>().Order(), reasons.Order());
            Assert.Contains(contacts, c => c.OtherReply is not null);
            Assert.True(await db.Subscriptions.CountAsync(s => s.SenderCodeId == code.Id && s.Status == SubscriptionStatus.Pending) > 0);
            Assert.True(await db.Subscriptions.CountAsync(s => s.SenderCodeId == code.Id) > 800);
            Assert.True(await db.CustomFields.CountAsync(f => f.SenderCodeId == code.Id) >= 4);
            Assert.True(await db.ConsentEvents.CountAsync(e => e.SenderCodeId == code.Id) >= 1_000);

            // Opted-out numbers are on no list: an opt-out covers the whole sender code.
            var optedOutIds = contacts.Where(c => c.IsOptedOut).Select(c => c.Id).ToList();
            Assert.False(await db.Subscriptions.AnyAsync(s => optedOutIds.Contains(s.ContactId)));
        });

        using var client = await _app.SignInAsync();
        Assert.Equal(50, Grid.Rows(await client.GetPageAsync("/contacts")).Count);
        Assert.Equal(50, Grid.Rows(await client.GetPageAsync("/contacts?tab=opted-out")).Count);
        Assert.NotEmpty(Grid.Rows(await client.GetPageAsync("/contacts?tab=other")));
    }

    [Fact]
    public async Task SeedDemo_RunTwice_AddsContactsWithoutDuplicatingNumbers()
    {
        for (var i = 0; i < 2; i++)
        {
            await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
            {
                await seeder.SeedAsync(300, CancellationToken.None);
                return true;
            });
        }

        var (total, distinct) = await _app.WithDbAsync(async db =>
            (await db.Contacts.CountAsync(), await db.Contacts.Select(c => new { c.SenderCodeId, c.Phone }).Distinct().CountAsync()));
        Assert.Equal(total, distinct);
        Assert.True(total >= 600);
    }
}
