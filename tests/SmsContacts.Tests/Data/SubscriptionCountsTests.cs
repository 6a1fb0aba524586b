using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

public sealed class SubscriptionCountsTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        for (var i = 0; i < 3; i++)
        {
            await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(i), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task ATotal_IsCountedOnce_UntilSomethingIsCommitted()
    {
        var counts = _app.Services.GetRequiredService<ISubscriptionCounts>();
        var counted = 0;
        Task<int> Count()
        {
            counted++;
            return Task.FromResult(42);
        }

        Assert.Equal(42, await counts.GetAsync(_code.Id, null, Count, CancellationToken.None));
        Assert.Equal(42, await counts.GetAsync(_code.Id, null, Count, CancellationToken.None));
        Assert.Equal(1, counted);

        // A list's total is its own.
        await counts.GetAsync(_code.Id, _vip.Id, Count, CancellationToken.None);
        Assert.Equal(2, counted);

        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(10), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        await counts.GetAsync(_code.Id, null, Count, CancellationToken.None);
        Assert.Equal(3, counted);
    }

    [Fact]
    public async Task TheGridTotal_FollowsAWriteFromAnotherConnection_AsFromAnotherInstance()
    {
        using var client = await _app.SignInAsync();
        Assert.Contains("of 3 subscriptions", (await client.GetPageAsync("/contacts")).QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.Contains("of 3 subscriptions", (await client.GetPageAsync($"/contacts?list={_vip.Id}")).QuerySelector("nav[aria-label=Pages]")!.TextContent);

        // Another process writing to the same file: not through this app's DbContext at all.
        await using (var other = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "smscontacts.db")}"))
        {
            await other.OpenAsync();
            await using var delete = other.CreateCommand();
            delete.CommandText = "DELETE FROM Subscriptions WHERE Phone = $phone";
            delete.Parameters.AddWithValue("$phone", TestPhones.Us(0));
            Assert.Equal(1, await delete.ExecuteNonQueryAsync());
        }

        Assert.Contains("of 2 subscriptions", (await client.GetPageAsync("/contacts")).QuerySelector("nav[aria-label=Pages]")!.TextContent);
        Assert.Contains("of 2 subscriptions", (await client.GetPageAsync($"/contacts?list={_vip.Id}")).QuerySelector("nav[aria-label=Pages]")!.TextContent);
    }
}
