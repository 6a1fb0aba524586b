using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Contacts;

/// <summary>
/// One app with a known data set, shared by the read-only dashboard tests:
/// sender code A (55123) with lists VIP and Promotions, 60 subscribed contacts (every third on both
/// lists), 2 pending, 10 opted out (two per reason), 3 other contacts; sender code B (78900) with
/// its own contacts, one of them the same number as a contact of A.
/// </summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    public const int SubscribedContacts = 60;
    public static readonly DateTime BaseTime = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public AppFactory App { get; } = new();

    public SenderCode CodeA { get; private set; } = null!;

    public SenderCode CodeB { get; private set; } = null!;

    public ContactList Vip { get; private set; } = null!;

    public ContactList Promotions { get; private set; } = null!;

    public ContactList ListOfB { get; private set; } = null!;

    /// <summary>Rows of the Contacts tab under All Lists: one per subscription.</summary>
    public int SubscriptionRows { get; private set; }

    public async Task InitializeAsync()
    {
        var data = App.Data;
        CodeA = await data.SenderCodeAsync("55123");
        CodeB = await data.SenderCodeAsync("78900");
        Vip = await data.ListAsync(CodeA.Id, "VIP");
        Promotions = await data.ListAsync(CodeA.Id, "Promotions");
        ListOfB = await data.ListAsync(CodeB.Id, "Outlet News");

        for (var i = 0; i < SubscribedContacts; i++)
        {
            // Email order runs against phone order, and subscribe dates are shuffled, so every sort is visible.
            var lists = (i % 3) switch { 0 => new[] { Vip }, 1 => [Promotions], _ => [Vip, Promotions] };
            await data.SubscribedAsync(CodeA.Id, TestPhones.Us(i), BaseTime.AddHours(i * 37 % SubscribedContacts), $"u{SubscribedContacts - i:D2}@example.com", SubscriptionStatus.Active, lists);
            SubscriptionRows += lists.Length;
        }

        await data.SubscribedAsync(CodeA.Id, TestPhones.Us(100), BaseTime.AddDays(10), "pending1@example.com", SubscriptionStatus.Pending, Vip);
        await data.SubscribedAsync(CodeA.Id, TestPhones.Us(101), BaseTime.AddDays(11), null, SubscriptionStatus.Pending, Vip);
        SubscriptionRows += 2;

        var reasons = Enum.GetValues<OptOutReason>();
        for (var i = 0; i < 10; i++)
        {
            await data.OptedOutAsync(CodeA.Id, TestPhones.Us(200 + i), reasons[i % reasons.Length], BaseTime.AddDays(20).AddHours(i * 7 % 10), i % 2 == 0 ? $"out{i}@example.com" : null);
        }

        await data.OtherAsync(CodeA.Id, TestPhones.Us(300), "maybe", BaseTime.AddDays(30), "other0@example.com");
        await data.OtherAsync(CodeA.Id, TestPhones.Us(301), "Who is this?", BaseTime.AddDays(31));
        await data.OtherAsync(CodeA.Id, TestPhones.Us(302), "N", BaseTime.AddDays(29), "other2@example.com");

        // Code B: the same number as A's first contact, plus its own.
        await data.SubscribedAsync(CodeB.Id, TestPhones.Us(0), BaseTime, "b-same-number@example.com", SubscriptionStatus.Active, ListOfB);
        for (var i = 0; i < 4; i++)
        {
            await data.SubscribedAsync(CodeB.Id, TestPhones.Us(500 + i), BaseTime.AddDays(i), $"b{i}@example.com", SubscriptionStatus.Active, ListOfB);
        }

        await data.OptedOutAsync(CodeB.Id, TestPhones.Us(600), OptOutReason.StopKeyword, BaseTime.AddDays(2), "b-out@example.com");
        await data.OtherAsync(CodeB.Id, TestPhones.Us(700), "later", BaseTime.AddDays(3));
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
