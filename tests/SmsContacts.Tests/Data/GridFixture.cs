using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// A generated sender code (US) whose data makes every plan of the grid do real work: US numbers over a dozen
/// area codes and some UK ones, emails sharing their first characters (and their blocks), in both cases, some
/// missing and some the same on two contacts, subscribe and opt-out dates that tie, three lists, every opt-out
/// reason, other contacts (one without a last message date). A second sender code shares some numbers.
/// Everything is written through EF, so the database's triggers fill the search index and the counts.
/// </summary>
public sealed class GridFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public SenderCode Code { get; private set; } = null!;

    public SenderCode Other { get; private set; } = null!;

    public List<ContactList> Lists { get; } = [];

    public List<Contact> Contacts { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var data = App.Data;
        Code = await data.SenderCodeAsync("55123");
        Other = await data.SenderCodeAsync("78900");
        foreach (var name in new[] { "VIP", "Promotions", "weekly deals" })
        {
            Lists.Add(await data.ListAsync(Code.Id, name));
        }

        var otherList = await data.ListAsync(Other.Id, "Outlet");
        var random = new Random(1313);
        var contacts = Generate(random, Code.Id, 1_400, Lists);

        // The second sender code: some of the same numbers, which must never show under the first.
        var shared = contacts.Take(40).Select(c => c.Phone).ToList();
        var others = shared.Select((phone, i) => Subscribed(Other.Id, phone, $"other{i}@example.com", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), [otherList])).ToList();

        await App.WithDbAsync(async db =>
        {
            db.Contacts.AddRange(contacts);
            db.Contacts.AddRange(others);
            await db.SaveChangesAsync();
        });

        Contacts = await App.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).Where(c => c.SenderCodeId == Code.Id).ToListAsync());
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    private static readonly string[] AreaCodes = ["212", "213", "312", "415", "416", "441", "512", "646", "718", "917", "919", "141"];
    private static readonly string[] EmailStarts = ["mary", "Mary", "mark", "maria", "jo", "john", "johnny", "al", "alice", "Zed", "zed", "_x", "0day", "émile"];

    private static List<Contact> Generate(Random random, int senderCodeId, int count, List<ContactList> lists)
    {
        var contacts = new List<Contact>();
        var phones = new HashSet<string>();
        var baseTime = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        for (var i = 0; i < count; i++)
        {
            string phone;
            do
            {
                phone = random.Next(10) == 0
                    ? $"+447{random.Next(100_000_000, 999_999_999)}"
                    : $"+1{AreaCodes[random.Next(AreaCodes.Length)]}{random.Next(200, 1000)}{random.Next(0, 10_000):D4}";
            }
            while (!phones.Add(phone));

            var email = random.Next(5) switch
            {
                0 => null,
                1 => $"{EmailStarts[random.Next(EmailStarts.Length)]}@example.com",
                _ => $"{EmailStarts[random.Next(EmailStarts.Length)]}.{random.Next(0, 60)}@example.{(random.Next(2) == 0 ? "com" : "org")}",
            };

            // Dates on a coarse grid, so many rows tie and the tie-breakers decide.
            var at = baseTime.AddHours(random.Next(0, 200));
            var roll = random.NextDouble();
            if (roll < 0.75)
            {
                var chosen = lists.Where(_ => random.Next(2) == 0).ToList();
                contacts.Add(Subscribed(senderCodeId, phone, email, at, chosen.Count == 0 ? [lists[random.Next(lists.Count)]] : chosen));
            }
            else if (roll < 0.9)
            {
                var contact = New(senderCodeId, phone, email);
                contact.OptedOutUtc = baseTime.AddHours(random.Next(0, 50));
                contact.OptOutReason = Enum.GetValues<OptOutReason>()[random.Next(5)];
                contacts.Add(contact);
            }
            else
            {
                var contact = New(senderCodeId, phone, email);
                contact.OtherReply = "maybe";
                contact.OtherReplyUtc = baseTime;
                contact.LastMessageUtc = random.Next(30) == 0 ? null : baseTime.AddHours(random.Next(0, 40));
                contacts.Add(contact);
            }
        }

        return contacts;
    }

    private static Contact Subscribed(int senderCodeId, string phone, string? email, DateTime at, List<ContactList> lists)
    {
        var contact = New(senderCodeId, phone, email);
        foreach (var list in lists)
        {
            contact.Subscriptions.Add(new Subscription
            {
                SenderCodeId = senderCodeId,
                ListId = list.Id,
                Phone = phone,
                Status = SubscriptionStatus.Active,
                SubscribedUtc = at.AddMinutes(list.Id % 2),
                Method = SubscribeMethod.Import,
                MarketingConsent = true,
            });
        }

        return contact;
    }

    private static Contact New(int senderCodeId, string phone, string? email) => new()
    {
        SenderCodeId = senderCodeId,
        Phone = phone,
        Email = email,
        CreatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        UpdatedUtc = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        Version = 1,
    };
}
