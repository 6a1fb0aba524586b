using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Domain;

public sealed class ContactConsentTests : IAsyncLifetime
{
    private static readonly ConsentActor Marketer = new(ConsentSource.UserAction, "user-1", "mia@example.com");
    private static readonly ConsentActor Inbound = new(ConsentSource.InboundText, MessageSid: "SM123");

    private readonly AppFactory _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Subscribe_AddsTheListAndRecordsWhoDidIt()
    {
        var outcome = await InScope(async (db, consent) =>
        {
            var contact = NewContact(db, 1);
            var result = consent.Subscribe(contact, _vip, new SubscriptionRequest(SubscribeMethod.SingleContact), Marketer);
            await db.SaveChangesAsync();
            return result;
        });

        Assert.Equal(SubscribeOutcome.Subscribed, outcome);
        var events = await Events(1);
        var subscribed = Assert.Single(events);
        Assert.Equal(("Subscribed", "VIP", "Not subscribed", "Subscribed", "mia@example.com", ConsentSource.UserAction),
            (subscribed.Change, subscribed.ListName, subscribed.StateBefore, subscribed.StateAfter, subscribed.UserName, subscribed.Source));
    }

    [Fact]
    public async Task Subscribe_RefusesOptedOutAndBannedNumbers_AndChangesNothing()
    {
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(2), OptOutReason.StopKeyword, DateTime.UtcNow);
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(3), OptOutReason.Banned, DateTime.UtcNow);

        var outcomes = await InScope(async (db, consent) =>
        {
            var stopped = await Load(db, 2);
            var banned = await Load(db, 3);
            var results = (consent.Subscribe(stopped, _vip, new SubscriptionRequest(SubscribeMethod.Import), Marketer),
                consent.Subscribe(banned, _vip, new SubscriptionRequest(SubscribeMethod.Import), Marketer));
            await db.SaveChangesAsync();
            return results;
        });

        Assert.Equal((SubscribeOutcome.RefusedOptedOut, SubscribeOutcome.RefusedBanned), outcomes);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Subscriptions.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync()));
    }

    [Fact]
    public async Task Unsubscribe_FromTheLastList_OptsOutWithReasonManual()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(4), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip, _promotions);

        await InScope(async (db, consent) =>
        {
            var contact = await Load(db, 4);
            Assert.True(consent.Unsubscribe(contact, _vip, Marketer));
            await db.SaveChangesAsync();
            Assert.False(contact.IsOptedOut);

            Assert.True(consent.Unsubscribe(contact, _promotions, Marketer));
            await db.SaveChangesAsync();
            return true;
        });

        var contact = await _app.WithDbAsync(db => Load(db, 4));
        Assert.Equal(OptOutReason.Manual, contact.OptOutReason);
        Assert.Empty(contact.Subscriptions);
        Assert.Equal([("Unsubscribed", "VIP"), ("Opted out", "Promotions"), ("Opted out", null)], (await Events(4)).Select(e => (e.Change, e.ListName)));
    }

    [Fact]
    public async Task StopThenStart_RestoresExactlyTheListsTheNumberLeft()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(5), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip, _promotions);

        await InScope(async (db, consent) =>
        {
            consent.OptOut(await Load(db, 5), OptOutReason.StopKeyword, Inbound);
            await db.SaveChangesAsync();
            return true;
        });
        var optedOut = await _app.WithDbAsync(db => Load(db, 5));
        Assert.Equal(OptOutReason.StopKeyword, optedOut.OptOutReason);
        Assert.Empty(optedOut.Subscriptions);

        var restored = await InScope(async (db, consent) =>
        {
            var result = consent.OptBackIn(await Load(db, 5), Inbound with { MessageSid = "SM124" });
            await db.SaveChangesAsync();
            return result;
        });

        Assert.True(restored);
        var back = await _app.WithDbAsync(db => Load(db, 5));
        Assert.False(back.IsOptedOut);
        Assert.Equal([_vip.Id, _promotions.Id], back.Subscriptions.Select(s => s.ListId).Order());
        Assert.Equal(0, await _app.WithDbAsync(db => db.SuspendedSubscriptions.CountAsync()));
        Assert.Equal(["Opted out", "Opted out", "Opted out", "Resubscribed", "Resubscribed", "Opted back in"], (await Events(5)).Select(e => e.Change));
        Assert.Equal(2, (await Events(5)).Count(e => e.Change == "Opted out" && e.ListId is not null));
    }

    [Fact]
    public async Task StopThenStart_DoesNotActivateADoubleOptInTheNumberNeverConfirmed()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(8), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        await InScope(async (db, consent) =>
        {
            var contact = await Load(db, 8);
            consent.Subscribe(contact, _promotions, new SubscriptionRequest(SubscribeMethod.Keyword, "DEALS", Pending: true), Inbound);
            await db.SaveChangesAsync();
            await db.LoadConsentStateAsync(contact, CancellationToken.None);
            consent.OptOut(contact, OptOutReason.StopKeyword, Inbound);
            await db.SaveChangesAsync();
            var restored = consent.OptBackIn(contact, Inbound with { MessageSid = "SM125" });
            await db.SaveChangesAsync();
            return restored;
        });

        var back = await _app.WithDbAsync(db => Load(db, 8));
        var subscription = Assert.Single(back.Subscriptions);
        Assert.Equal((_vip.Id, SubscriptionStatus.Active), (subscription.ListId, subscription.Status));
    }

    [Fact]
    public async Task Ban_ForgetsTheLists_AndNothingBringsTheNumberBack()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(6), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);

        var (restored, resubscribed) = await InScope(async (db, consent) =>
        {
            var contact = await Load(db, 6);
            consent.OptOut(contact, OptOutReason.StopKeyword, Inbound);
            await db.SaveChangesAsync();
            consent.Ban(contact, Marketer);
            await db.SaveChangesAsync();
            var results = (consent.OptBackIn(contact, Inbound), consent.Subscribe(contact, _vip, new SubscriptionRequest(SubscribeMethod.SingleContact), Marketer));
            await db.SaveChangesAsync();
            return results;
        });

        Assert.False(restored);
        Assert.Equal(SubscribeOutcome.RefusedBanned, resubscribed);
        var contact = await _app.WithDbAsync(db => Load(db, 6));
        Assert.Equal(OptOutReason.Banned, contact.OptOutReason);
        Assert.Equal(0, await _app.WithDbAsync(db => db.SuspendedSubscriptions.CountAsync()));
    }

    [Fact]
    public async Task ASecondOptOut_KeepsTheFirstDateAndReason_ButABanOverridesIt()
    {
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(7), OptOutReason.StopKeyword, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

        await InScope(async (db, consent) =>
        {
            consent.OptOut(await Load(db, 7), OptOutReason.Import, Marketer);
            await db.SaveChangesAsync();
            return true;
        });
        var kept = await _app.WithDbAsync(db => Load(db, 7));
        Assert.Equal((OptOutReason.StopKeyword, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)), (kept.OptOutReason!.Value, kept.OptedOutUtc!.Value));

        await InScope(async (db, consent) =>
        {
            consent.OptOut(await Load(db, 7), OptOutReason.Banned, Marketer);
            await db.SaveChangesAsync();
            return true;
        });
        Assert.Equal(OptOutReason.Banned, (await _app.WithDbAsync(db => Load(db, 7))).OptOutReason);
    }

    [Fact]
    public async Task DoubleOptIn_PendingThenConfirmed_OrAnInvalidReplyMakesAnOtherContact()
    {
        await InScope(async (db, consent) =>
        {
            var yes = NewContact(db, 8);
            var no = NewContact(db, 9);
            var pending = new SubscriptionRequest(SubscribeMethod.Keyword, "DEALS", Pending: true);
            Assert.Equal(SubscribeOutcome.Pending, consent.Subscribe(yes, _vip, pending, Inbound));
            Assert.Equal(SubscribeOutcome.Pending, consent.Subscribe(no, _vip, pending, Inbound));
            await db.SaveChangesAsync();

            Assert.Equal([_vip.Id], consent.Confirm(yes, [_vip], Inbound).Select(l => l.Id));
            consent.MarkOther(no, "maybe later", [_vip], Inbound);
            await db.SaveChangesAsync();
            return true;
        });

        var confirmed = await _app.WithDbAsync(db => Load(db, 8));
        Assert.Equal(SubscriptionStatus.Active, Assert.Single(confirmed.Subscriptions).Status);
        var other = await _app.WithDbAsync(db => Load(db, 9));
        Assert.Empty(other.Subscriptions);
        Assert.Equal("maybe later", other.OtherReply);
        Assert.Equal("Other contact", ContactConsent.StateOf(other));
    }

    [Fact]
    public async Task ConsentHistory_CannotBeChangedOrDeleted_ThroughTheAppOrTheDatabase()
    {
        await InScope(async (db, consent) =>
        {
            consent.Subscribe(NewContact(db, 10), _vip, new SubscriptionRequest(SubscribeMethod.SingleContact), Marketer);
            await db.SaveChangesAsync();
            return true;
        });

        await _app.WithDbAsync(async db =>
        {
            var recorded = await db.ConsentEvents.SingleAsync();
            recorded.StateAfter = "Never happened";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });
        await _app.WithDbAsync(async db =>
        {
            db.ConsentEvents.Remove(await db.ConsentEvents.SingleAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        });

        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_app.DataDirectory, "smscontacts.db")}");
        await connection.OpenAsync();
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE ConsentEvents SET StateAfter = 'x'";
        Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync())).Message);
        update.CommandText = "DELETE FROM ConsentEvents";
        Assert.Contains("append-only", (await Assert.ThrowsAsync<SqliteException>(() => update.ExecuteNonQueryAsync())).Message);
    }

    /// <summary>Events of one list record the state on that list; events of the sender code its state there, reasons in words.</summary>
    [Fact]
    public async Task EveryEvent_RecordsTheStateOfItsListOrOfTheSenderCode_InWords()
    {
        await InScope(async (db, consent) =>
        {
            var contact = NewContact(db, 20);
            consent.Subscribe(contact, _vip, new SubscriptionRequest(SubscribeMethod.SingleContact), Marketer);
            consent.Subscribe(contact, _promotions, new SubscriptionRequest(SubscribeMethod.Keyword, "DEALS", Pending: true), Inbound);
            await db.SaveChangesAsync();
            consent.MarkOther(contact, "what?", [_promotions], Inbound);
            await db.LoadConsentStateAsync(contact, CancellationToken.None);
            consent.Unsubscribe(contact, _vip, Marketer);
            await db.SaveChangesAsync();

            var stopped = NewContact(db, 21);
            consent.Subscribe(stopped, _vip, new SubscriptionRequest(SubscribeMethod.Keyword, "VIP"), Inbound);
            await db.SaveChangesAsync();
            await db.LoadConsentStateAsync(stopped, CancellationToken.None);
            consent.OptOut(stopped, OptOutReason.StopKeyword, Inbound);
            await db.SaveChangesAsync();
            consent.OptBackIn(stopped, Inbound);
            consent.OptOut(stopped, OptOutReason.CarrierDeactivation, Inbound);
            await db.SaveChangesAsync();
            return true;
        });

        Assert.Equal(
            [
                ("Subscribed", "VIP", "Not subscribed", "Subscribed"),
                ("Pending confirmation", "Promotions", "Not subscribed", "Pending"),
                ("Confirmation refused", "Promotions", "Pending", "Not subscribed"),
                ("Opted out", "VIP", "Subscribed", "Opted out (Manual)"),
                ("Opted out", null, "Subscribed", "Opted out (Manual)"),
            ],
            (await Events(20)).Select(e => (e.Change, e.ListName, e.StateBefore, e.StateAfter)));
        Assert.Equal(
            [
                ("Subscribed", "VIP", "Not subscribed", "Subscribed"),
                ("Opted out", "VIP", "Subscribed", "Opted out (STOP keyword)"),
                ("Opted out", null, "Subscribed", "Opted out (STOP keyword)"),
                ("Resubscribed", "VIP", "Opted out", "Subscribed"),
                ("Opted back in", null, "Opted out (STOP keyword)", "Subscribed"),
                ("Opted out", "VIP", "Subscribed", "Opted out (Carrier deactivation)"),
                ("Opted out", null, "Subscribed", "Opted out (Carrier deactivation)"),
            ],
            (await Events(21)).Select(e => (e.Change, e.ListName, e.StateBefore, e.StateAfter)));
    }

    private Contact NewContact(AppDbContext db, int n)
    {
        var contact = new Contact { SenderCodeId = _code.Id, Phone = TestPhones.Us(n), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow };
        db.Contacts.Add(contact);
        return contact;
    }

    private static Task<Contact> Load(AppDbContext db, int n) =>
        db.Contacts.WithConsentState().SingleAsync(c => c.Phone == TestPhones.Us(n));

    private Task<List<ConsentEvent>> Events(int n) =>
        _app.WithDbAsync(db => db.ConsentEvents.Where(e => e.Phone == TestPhones.Us(n)).OrderBy(e => e.Id).ToListAsync());

    private async Task<T> InScope<T>(Func<AppDbContext, ContactConsent, Task<T>> work)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider.GetRequiredService<ContactConsent>());
    }
}
