using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Infrastructure;

/// <summary>Puts rows straight into the app's database for tests to look at through the UI.</summary>
public sealed class TestData(AppFactory app)
{
    /// <summary>
    /// One consent change made the way the app's actions make it: the contact with <paramref name="phone"/> on the sender
    /// code, loaded with its consent state (or a new one, created now by the test clock, when there is none), is handed to
    /// <paramref name="change"/> with the app's <see cref="ContactConsent"/>, then saved.
    /// </summary>
    public async Task ConsentChangeAsync(int senderCodeId, string phone, Action<ContactConsent, Contact> change)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var consent = scope.ServiceProvider.GetRequiredService<ContactConsent>();
        var contact = await db.Contacts.WithConsentState().SingleOrDefaultAsync(c => c.SenderCodeId == senderCodeId && c.Phone == phone);
        if (contact is null)
        {
            var now = app.Clock.GetUtcNow().UtcDateTime;
            contact = db.Contacts.Add(new Contact { SenderCodeId = senderCodeId, Phone = phone, CreatedUtc = now, UpdatedUtc = now }).Entity;
        }

        change(consent, contact);
        await db.SaveChangesAsync();
    }

    public Task<SenderCode> SenderCodeAsync(string code = "55123", string country = "US") =>
        app.WithDbAsync(async db =>
        {
            var existing = await db.SenderCodes.SingleOrDefaultAsync(s => s.Code == code);
            if (existing is not null)
            {
                return existing;
            }

            var senderCode = new SenderCode { Code = code, Name = $"Code {code}", CountryCode = country, HelpText = "Test help. Reply STOP to cancel.", CreatedUtc = app.Clock.GetUtcNow().UtcDateTime };
            db.SenderCodes.Add(senderCode);
            await db.SaveChangesAsync();
            return senderCode;
        });

    public Task<ContactList> ListAsync(int senderCodeId, string name, bool doubleOptIn = false, params string[] keywords) =>
        app.WithDbAsync(async db =>
        {
            var list = new ContactList
            {
                SenderCodeId = senderCodeId,
                Name = name,
                DoubleOptIn = doubleOptIn,
                CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
                Keywords = keywords.Select(k => new ListKeyword { SenderCodeId = senderCodeId, Keyword = k }).ToList(),
            };
            db.Lists.Add(list);
            await db.SaveChangesAsync();
            return list;
        });

    /// <summary>A contact subscribed to the given lists (subscribe dates one day apart from <paramref name="subscribedUtc"/>).</summary>
    public Task<Contact> SubscribedAsync(int senderCodeId, string phone, DateTime subscribedUtc, string? email = null, SubscriptionStatus status = SubscriptionStatus.Active, params ContactList[] lists) =>
        app.WithDbAsync(async db =>
        {
            var contact = NewContact(senderCodeId, phone, email);
            foreach (var (list, i) in lists.Select((l, i) => (l, i)))
            {
                contact.Subscriptions.Add(new Subscription
                {
                    SenderCodeId = senderCodeId,
                    ListId = list.Id,
                    Phone = phone,
                    Status = status,
                    SubscribedUtc = subscribedUtc.AddDays(i),
                    Method = SubscribeMethod.Import,
                    MarketingConsent = true,
                });
            }

            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });

    public Task<Contact> OptedOutAsync(int senderCodeId, string phone, OptOutReason reason, DateTime optedOutUtc, string? email = null) =>
        app.WithDbAsync(async db =>
        {
            var contact = NewContact(senderCodeId, phone, email);
            contact.OptedOutUtc = optedOutUtc;
            contact.OptOutReason = reason;
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });

    public Task<Contact> OtherAsync(int senderCodeId, string phone, string reply, DateTime repliedUtc, string? email = null) =>
        app.WithDbAsync(async db =>
        {
            var contact = NewContact(senderCodeId, phone, email);
            contact.OtherReply = reply;
            contact.OtherReplyUtc = repliedUtc;
            contact.LastMessageUtc = repliedUtc;
            db.Contacts.Add(contact);
            await db.SaveChangesAsync();
            return contact;
        });

    /// <summary>
    /// A user who can sign in with <paramref name="password"/>. A Marketer is assigned <paramref name="senderCodeIds"/>,
    /// or, when null, every sender code that exists now (tests of other things need a Marketer who sees their data).
    /// </summary>
    public async Task<string> UserAsync(string email, UserRole role, string password = "marketer-password-1", IEnumerable<int>? senderCodeIds = null)
    {
        var userId = await app.WithServiceAsync<SmsContacts.Web.Infrastructure.Security.UserAccounts, string>(async accounts =>
        {
            var result = await accounts.CreateAsync(email, email.Split('@')[0], password, role);
            Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
            return await app.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());
        });
        await app.WithDbAsync(async db =>
        {
            var ids = senderCodeIds?.ToList() ?? await db.SenderCodes.Select(s => s.Id).ToListAsync();
            db.UserSenderCodes.AddRange(ids.Select(id => new UserSenderCode { UserId = userId, SenderCodeId = id }));
            await db.SaveChangesAsync();
        });
        return password;
    }

    private Contact NewContact(int senderCodeId, string phone, string? email) => new()
    {
        SenderCodeId = senderCodeId,
        Phone = phone,
        Email = email,
        CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
        UpdatedUtc = app.Clock.GetUtcNow().UtcDateTime,
    };
}
