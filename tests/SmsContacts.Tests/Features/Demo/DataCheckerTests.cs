using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Features.Demo;

/// <summary>
/// The demo data is data a person believes (no date in the future, nothing before its contact, the contact's dates as
/// its texts say, opt-outs spread out), checked by the same checker `check-data` runs on any database; and each rule
/// of the checker reports a row broken on purpose.
/// </summary>
public sealed class DataCheckerTests : IAsyncLifetime
{
    private readonly AppFactory _app = new();

    public async Task InitializeAsync()
    {
        await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(1_500, CancellationToken.None);
            return true;
        });
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task SeededDemoData_HoldsEveryInvariant()
    {
        var findings = await CheckAsync();

        Assert.True(findings.Count == 0, string.Join("\n", findings.Select(f => $"{f.Rule}: {f.Count} ({string.Join(", ", f.Examples)})")));
        await _app.WithDbAsync(async db =>
        {
            var now = _app.Clock.GetUtcNow().UtcDateTime;
            var contacts = await db.Contacts.AsNoTracking().ToListAsync();

            // The dates the article names are filled, as the seeded texts say.
            Assert.True(contacts.Count(c => c.LastSendUtc is not null) > 200);
            Assert.True(contacts.Count(c => c.ComplianceLastSentUtc is not null) > 100);
            Assert.True(contacts.Count(c => c.LastClickUtc is not null) > 20);
            Assert.All(contacts.Where(c => c.OtherReply is not null), c => Assert.True(c.LastMessageUtc < c.OtherReplyUtc, "Last Message Date is the text sent to the contact, before its reply."));

            // Opt-outs spread over the days: nearly every one at its own second, and over many days.
            var optOuts = contacts.Where(c => c.OptedOutUtc is not null).Select(c => c.OptedOutUtc!.Value).ToList();
            Assert.True(optOuts.Count > 60);
            Assert.True(optOuts.Select(t => t.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)).Distinct().Count() >= optOuts.Count - 2);
            Assert.True(optOuts.Select(t => t.Date).Distinct().Count() > optOuts.Count / 2);
            Assert.All(optOuts, t => Assert.True(t <= now));
        });
    }

    public static TheoryData<string> BrokenRows => new(Breakers.Keys);

    /// <summary>Each rule, broken once on one row of good data, is reported with that row.</summary>
    [Theory]
    [MemberData(nameof(BrokenRows))]
    public async Task ABrokenRow_IsReported(string rule)
    {
        var brokenId = await _app.WithDbAsync(db => Breakers[rule](db, _app.Clock.GetUtcNow().UtcDateTime));

        var findings = await CheckAsync();

        var finding = Assert.Single(findings, f => f.Rule.StartsWith(rule, StringComparison.Ordinal));
        Assert.Contains(brokenId, finding.Examples);
    }

    private Task<IReadOnlyList<DataFinding>> CheckAsync() =>
        _app.WithServiceAsync<DataChecker, IReadOnlyList<DataFinding>>(checker => checker.CheckAsync(CancellationToken.None));

    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    /// <summary>Rule (the start of its words) → a change that breaks it on one row, returning the id the finding must name.</summary>
    private static readonly Dictionary<string, Func<AppDbContext, DateTime, Task<long>>> Breakers = new()
    {
        ["Contact with a date in the future"] = async (db, now) =>
        {
            var id = await db.Contacts.Where(c => c.OptedOutUtc != null).Select(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.OptedOutUtc, now.AddDays(3)));
            return id;
        },
        ["Subscription with a date in the future"] = async (db, now) =>
        {
            var subscription = await db.Subscriptions.OrderBy(s => s.Id).FirstAsync();
            await db.Subscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubscribedUtc, now.AddHours(2)));
            return subscription.ContactId;
        },
        ["Text with a date in the future"] = async (db, now) =>
        {
            var id = await db.Messages.Where(m => m.Direction == MessageDirection.Inbound).Select(m => m.Id).FirstAsync();
            await db.Messages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedUtc, now.AddDays(1)).SetProperty(m => m.DeliveredUtc, now.AddDays(1)));
            return id;
        },
        ["Consent event in the future"] = async (db, now) => await AddEventAsync(db, now.AddDays(10)),
        ["Subscription before its contact existed"] = async (db, _) =>
        {
            var subscription = await db.Subscriptions.OrderByDescending(s => s.Id).FirstAsync();
            await db.Subscriptions.Where(s => s.Id == subscription.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.SubscribedUtc, LongAgo));
            return subscription.ContactId;
        },
        ["Text before its contact existed"] = async (db, _) =>
        {
            var message = await db.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderByDescending(m => m.Id).FirstAsync();
            await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedUtc, LongAgo).SetProperty(m => m.DeliveredUtc, LongAgo));
            return message.ContactId!.Value;
        },
        ["Consent event before its contact existed"] = async (db, _) => await AddEventAsync(db, LongAgo),
        ["Contact opted out, replied or sent to before it existed"] = async (db, _) =>
        {
            var id = await db.Contacts.Where(c => c.OtherReplyUtc != null).Select(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.OtherReplyUtc, LongAgo));
            return id;
        },
        ["Text delivered before it was sent"] = async (db, _) =>
        {
            var message = await db.Messages.Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).Skip(3).FirstAsync();
            await db.Messages.Where(m => m.Id == message.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeliveredUtc, message.CreatedUtc.AddMinutes(-5)));
            return message.Id;
        },
        ["Last Send Date is not the latest delivery"] = async (db, _) =>
        {
            var contact = await db.Contacts.Where(c => c.LastSendUtc != null).OrderBy(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastSendUtc, contact.LastSendUtc!.Value.AddSeconds(-30)));
            return contact.Id;
        },
        ["Compliance Last Sent Date without a text"] = async (db, _) =>
        {
            var contact = await db.Contacts.Where(c => c.ComplianceLastSentUtc != null).OrderBy(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ComplianceLastSentUtc, contact.ComplianceLastSentUtc!.Value.AddSeconds(-1)));
            return contact.Id;
        },
        ["Compliance Last Sent Date points at a text without compliance messaging"] = async (db, _) =>
        {
            var link = await db.Messages.Where(m => m.Direction == MessageDirection.Outbound && m.Status == DeliveryStatus.Succeeded && m.Body.Contains("https://")).OrderBy(m => m.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == link.ContactId).ExecuteUpdateAsync(s => s.SetProperty(c => c.ComplianceLastSentUtc, link.DeliveredUtc));
            return link.ContactId!.Value;
        },
        ["Last Click Date before any text was delivered"] = async (db, _) =>
        {
            var contact = await db.Contacts.Where(c => c.LastSendUtc == null && c.OptedOutUtc == null).OrderBy(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastClickUtc, contact.CreatedUtc.AddMinutes(1)));
            return contact.Id;
        },
        ["Last Message Date without a text sent to the contact by then"] = async (db, _) =>
        {
            var contact = await db.Contacts.Where(c => c.LastMessageUtc == null).OrderBy(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageUtc, contact.CreatedUtc.AddSeconds(1)));
            return contact.Id;
        },
        ["Last Message Date older than a text sent to the contact"] = async (db, _) =>
        {
            // An Other Contact whose Last Message Date is its reply's time would be this; here: forgotten altogether.
            var contact = await db.Contacts.Where(c => c.OtherReply != null).OrderBy(c => c.Id).FirstAsync();
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastMessageUtc, (DateTime?)null));
            return contact.Id;
        },
        ["More than 50 STOP-keyword opt-outs at one instant"] = async (db, now) =>
        {
            var ids = await db.Contacts.Where(c => c.OptedOutUtc == null).OrderBy(c => c.Id).Select(c => c.Id).Take(DataChecker.MaxOptOutsAtOneInstant + 1).ToListAsync();
            var at = now.AddMinutes(-1);
            await db.Contacts.Where(c => ids.Contains(c.Id)).ExecuteUpdateAsync(s => s.SetProperty(c => c.OptedOutUtc, at).SetProperty(c => c.OptOutReason, OptOutReason.StopKeyword));
            return ids.Min();
        },
    };

    /// <summary>Consent events are append-only (the database refuses updates), so a broken one is added.</summary>
    private static async Task<long> AddEventAsync(AppDbContext db, DateTime at)
    {
        var contact = await db.Contacts.Where(c => c.OptedOutUtc == null).OrderByDescending(c => c.Id).FirstAsync();
        db.ConsentEvents.Add(new ConsentEvent
        {
            SenderCodeId = contact.SenderCodeId,
            ContactId = contact.Id,
            Phone = contact.Phone,
            OccurredUtc = at,
            Change = ConsentChanges.Subscribed,
            StateBefore = ConsentStates.NotSubscribed,
            StateAfter = ConsentStates.Subscribed,
            Source = ConsentSource.UserAction,
            UserName = "test",
        });
        await db.SaveChangesAsync();
        return contact.Id;
    }
}
