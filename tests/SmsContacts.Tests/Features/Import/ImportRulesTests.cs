using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// What each import action does to new and existing contacts, under each field update mode:
/// Update changes only the fields whose cell is filled, Append fills only empty fields, Overwrite
/// replaces every mapped field and clears it when the cell is empty; system and custom fields alike.
/// </summary>
public class ImportRulesTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private static readonly string[] Mapping = ["phone", "email", "first_name", "last_name", "postal_code", "store", "points"];

    private AppFactory App => fixture.App;

    /// <summary>
    /// A: on VIP with email, first name, postal code and Store; B: only on Promotions; C: an Other Contact;
    /// D: a new number. The file gives A a new email, an empty first name, a last name, an empty postal code,
    /// an empty Store and 12 Points.
    /// </summary>
    private async Task<Scenario> ArrangeAsync()
    {
        var code = await fixture.NewSenderCodeAsync();
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        var promotions = await App.Data.ListAsync(code.Id, "Promotions");
        var (store, points) = await App.WithDbAsync(async db =>
        {
            var s = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Store", Type = CustomFieldType.Text, CreatedUtc = App.Clock.GetUtcNow().UtcDateTime };
            var p = new CustomFieldDefinition { SenderCodeId = code.Id, Name = "Points", Type = CustomFieldType.Number, CreatedUtc = App.Clock.GetUtcNow().UtcDateTime };
            db.CustomFields.AddRange(s, p);
            await db.SaveChangesAsync();
            return (s, p);
        });

        var a = await App.Data.SubscribedAsync(code.Id, TestPhones.Us(1), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), "a@old.example", SubscriptionStatus.Active, vip);
        var b = await App.Data.SubscribedAsync(code.Id, TestPhones.Us(2), new DateTime(2026, 1, 6, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Active, promotions);
        var c = await App.Data.OtherAsync(code.Id, TestPhones.Us(3), "maybe", new DateTime(2026, 1, 7, 0, 0, 0, DateTimeKind.Utc));
        await App.WithDbAsync(async db =>
        {
            await db.Contacts.Where(x => x.Id == a.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.FirstName, "Ann").SetProperty(y => y.PostalCode, "11111"));
            await db.Contacts.Where(x => x.Id == b.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.FirstName, "Bob"));
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = a.Id, FieldId = store.Id, Value = "Mall" });
            await db.SaveChangesAsync();
        });

        var csv = $"""
            Phone,Email,First Name,Last Name,Zip,Store,Points
            {TestPhones.UsTyped(1)},a@new.example,,Adams,,,12
            {TestPhones.Us(2)},b@new.example,Robert,,22222,Harbor,
            {TestPhones.Us(3)},,Cy,,,,
            {TestPhones.UsTyped(4)},d@new.example,Dee,Doe,44444,Airport,7.5

            """;
        var mapping = Mapping.Select(k => k switch { "store" => $"custom:{store.Id}", "points" => $"custom:{points.Id}", _ => k }).ToArray();
        return new Scenario(code, vip, promotions, store, points, csv, mapping);
    }

    private sealed record Scenario(SenderCode Code, ContactList Vip, ContactList Promotions, CustomFieldDefinition Store, CustomFieldDefinition Points, string Csv, string[] Mapping);

    private sealed record Profile(string? Email, string? First, string? Last, string? Postal, string? Store, string? Points, OptOutReason? Reason, string[] Lists);

    private async Task<Dictionary<string, Profile>> ProfilesAsync(Scenario s) =>
        await App.WithDbAsync(async db =>
        {
            var contacts = await db.Contacts.AsNoTracking().Include(c => c.Subscriptions).ThenInclude(x => x.List).Include(c => c.CustomFieldValues)
                .Where(c => c.SenderCodeId == s.Code.Id).ToListAsync();
            return contacts.ToDictionary(c => c.Phone, c => new Profile(
                c.Email, c.FirstName, c.LastName, c.PostalCode,
                c.CustomFieldValues.SingleOrDefault(v => v.FieldId == s.Store.Id)?.Value,
                c.CustomFieldValues.SingleOrDefault(v => v.FieldId == s.Points.Id)?.Value,
                c.OptOutReason,
                c.Subscriptions.Select(x => x.List!.Name).Order().ToArray()));
        });

    public static TheoryData<FieldUpdateMode> Modes => [FieldUpdateMode.Update, FieldUpdateMode.Append, FieldUpdateMode.Overwrite];

    /// <summary>What the file makes of contact A (on the list, with fields) in each mode.</summary>
    private static (string? Email, string? First, string? Last, string? Postal, string? Store, string? Points) ExpectedA(FieldUpdateMode mode) => mode switch
    {
        FieldUpdateMode.Update => ("a@new.example", "Ann", "Adams", "11111", "Mall", "12"),
        FieldUpdateMode.Append => ("a@old.example", "Ann", "Adams", "11111", "Mall", "12"),
        _ => ("a@new.example", null, "Adams", null, null, "12"),
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task AddOrUpdate_CreatesNewNumbers_SubscribesEveryone_AndUpdatesFieldsAsTheModeSays(FieldUpdateMode mode)
    {
        var s = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.FieldUpdateMode = mode);

        Assert.Equal((4, 3, 1, 0, 0), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Updated, import.Counts.IgnoredOptedOut + import.Counts.IgnoredBanned, import.Counts.Rejected));
        var profiles = await ProfilesAsync(s);
        var a = profiles[TestPhones.Us(1)];
        Assert.Equal(ExpectedA(mode), (a.Email, a.First, a.Last, a.Postal, a.Store, a.Points));
        Assert.Equal(["VIP"], a.Lists);
        Assert.Equal(["Promotions", "VIP"], profiles[TestPhones.Us(2)].Lists);
        Assert.Equal(mode == FieldUpdateMode.Append ? "Bob" : "Robert", profiles[TestPhones.Us(2)].First);
        var d = profiles[TestPhones.Us(4)];
        Assert.Equal(("d@new.example", "Dee", "Doe", "44444", "Airport", "7.5", (OptOutReason?)null), (d.Email, d.First, d.Last, d.Postal, d.Store, d.Points, d.Reason));
        Assert.Equal(["VIP"], d.Lists);

        // The Other Contact that subscribes is no longer one (ContactConsent.Subscribe does the same).
        var other = await App.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.SenderCodeId == s.Code.Id && c.Phone == TestPhones.Us(3)));
        Assert.Equal((null, null), (other.OtherReply, other.OtherReplyUtc));
        Assert.Equal(["VIP"], profiles[TestPhones.Us(3)].Lists);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task UpdateExisting_UpdatesContactsOnTheList_AndAddsNoOne(FieldUpdateMode mode)
    {
        var s = await ArrangeAsync();
        var contactsBefore = await App.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == s.Code.Id));
        var import = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i =>
        {
            i.Settings.Action = ImportAction.UpdateExisting;
            i.Settings.FieldUpdateMode = mode;
        });

        Assert.Equal((4, 0, 1, 0, 3, 0), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Updated, import.Counts.Unchanged, import.Counts.Skipped, import.Counts.Rejected));
        Assert.Equal(contactsBefore, await App.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == s.Code.Id)));
        var profiles = await ProfilesAsync(s);
        var a = profiles[TestPhones.Us(1)];
        Assert.Equal(ExpectedA(mode), (a.Email, a.First, a.Last, a.Postal, a.Store, a.Points));
        var b = profiles[TestPhones.Us(2)];
        Assert.Equal(((string?)null, "Bob", (string?)null, (string?)null, (string?)null, (string?)null), (b.Email, b.First, b.Last, b.Postal, b.Store, b.Points));
        Assert.Equal(["Promotions"], b.Lists);

        var reasons = await App.WithDbAsync(db => db.ImportRejectedRows.Where(r => r.ImportId == import.Id).OrderBy(r => r.LineNumber).Select(r => r.Reason).ToListAsync());
        Assert.Equal(
            ["Skipped — not on the list \"VIP\": Update existing contacts adds no one.", "Skipped — not on the list \"VIP\": Update existing contacts adds no one.", "Skipped — no contact with this number: Update existing contacts adds no one."],
            reasons);
        Assert.Equal(0, await App.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.ImportId == import.Id)));
    }

    /// <summary>An opt-out import changes consent, not profiles: the field update mode does not apply (the status page does not show it).</summary>
    [Theory]
    [MemberData(nameof(Modes))]
    public async Task OptOut_OptsEveryNumberOutWithReasonImport_RememberingTheListsTheyLeft_AndLeavesExistingProfilesAlone(FieldUpdateMode mode)
    {
        var s = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, null, s.Csv, s.Mapping, i =>
        {
            i.Settings.Action = ImportAction.OptOut;
            i.Settings.FieldUpdateMode = mode;
        });

        Assert.Equal((4, 0, 4, 0), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.OptedOut, import.Counts.Rejected));
        var profiles = await ProfilesAsync(s);
        Assert.All(profiles.Values, p => Assert.Equal((OptOutReason?)OptOutReason.Import, p.Reason));
        Assert.All(profiles.Values, p => Assert.Empty(p.Lists));
        var a = profiles[TestPhones.Us(1)];
        Assert.Equal(("a@old.example", "Ann", (string?)null, "11111", "Mall", (string?)null), (a.Email, a.First, a.Last, a.Postal, a.Store, a.Points));
        var d = profiles[TestPhones.Us(4)];
        Assert.Equal(("d@new.example", "Dee", "Doe", "44444", "Airport", "7.5"), (d.Email, d.First, d.Last, d.Postal, d.Store, d.Points));

        var suspended = await App.WithDbAsync(db => db.SuspendedSubscriptions.AsNoTracking()
            .Join(db.Contacts, x => x.ContactId, c => c.Id, (x, c) => new { c.Phone, x.ListId }).Where(x => x.ListId == s.Vip.Id || x.ListId == s.Promotions.Id).ToListAsync());
        Assert.Equal([(TestPhones.Us(1), s.Vip.Id), (TestPhones.Us(2), s.Promotions.Id)], suspended.Select(x => (x.Phone, x.ListId)).Order());

        var events = await App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.ImportId == import.Id).ToListAsync());
        Assert.Equal(
            [(TestPhones.Us(1), "Subscribed"), (TestPhones.Us(2), "Subscribed"), (TestPhones.Us(3), "Other contact"), (TestPhones.Us(4), "Not subscribed")],
            events.Where(e => e.ListId is null).Select(e => (e.Phone, e.StateBefore)).Order());
        Assert.Equal(
            [(TestPhones.Us(1), "VIP", "Subscribed"), (TestPhones.Us(2), "Promotions", "Subscribed")],
            events.Where(e => e.ListId is not null).Select(e => (e.Phone, e.ListName!, e.StateBefore)).Order());
        Assert.All(events, e => Assert.Equal(("Opted out", "Opted out (Import)", ConsentSource.Import, QueuedImports.UserName, QueuedImports.UserId), (e.Change, e.StateAfter, e.Source, e.UserName, e.UserId)));
    }

    [Fact]
    public async Task Subscribing_RecordsAConsentEventPerNewSubscription_WithTheImportAndTheUser()
    {
        var s = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping);

        var events = await App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.ImportId == import.Id).OrderBy(e => e.Phone).ToListAsync());
        // Before and after are the number's state on VIP, whatever it is on other lists (B is on Promotions, C an Other Contact).
        Assert.Equal([TestPhones.Us(2), TestPhones.Us(3), TestPhones.Us(4)], events.Select(e => e.Phone));
        Assert.All(events, e => Assert.Equal(("Subscribed", "VIP", "Not subscribed", "Subscribed", ConsentSource.Import, QueuedImports.UserName), (e.Change, e.ListName, e.StateBefore, e.StateAfter, e.Source, e.UserName)));
        Assert.All(events, e => Assert.Equal(App.Clock.GetUtcNow().UtcDateTime, e.OccurredUtc));
    }

    [Fact]
    public async Task Journeys_QueueTheListsWelcomeMessage_ToNewSubscribersOnly()
    {
        var s = await ArrangeAsync();
        await App.WithDbAsync(db => db.Lists.Where(l => l.Id == s.Vip.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.WelcomeMessage, "Welcome to VIP! Reply STOP to cancel.")));
        await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.EnterJourneys = true);

        var messages = await App.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.SenderCodeId == s.Code.Id).OrderBy(m => m.Phone).ToListAsync());
        Assert.Equal([TestPhones.Us(2), TestPhones.Us(3), TestPhones.Us(4)], messages.Select(m => m.Phone));
        Assert.All(messages, m => Assert.Equal((MessageDirection.Outbound, DeliveryStatus.Queued, "Welcome to VIP! Reply STOP to cancel.", true), (m.Direction, m.Status, m.Body, m.ContactId is not null)));
    }

    [Fact]
    public async Task Journeys_AreNotEntered_WhenTheBoxIsOff_OrTheSubscriptionAwaitsDoubleOptIn()
    {
        var s = await ArrangeAsync();
        await App.WithDbAsync(db => db.Lists.Where(l => l.Id == s.Vip.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.WelcomeMessage, "Welcome!")));
        await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping);
        var pendingCode = await ArrangeAsync();
        await App.WithDbAsync(db => db.Lists.Where(l => l.Id == pendingCode.Vip.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.WelcomeMessage, "Welcome!")));
        await QueuedImports.QueueAndRunAsync(App, pendingCode.Code.Id, pendingCode.Vip, pendingCode.Csv, pendingCode.Mapping, i =>
        {
            i.Settings.EnterJourneys = true;
            i.Settings.StoreAsDoubleOptIn = true;
        });

        Assert.Equal(0, await App.WithDbAsync(db => db.Messages.CountAsync(m => m.SenderCodeId == s.Code.Id)));
        // A pending subscription is asked to confirm instead; the welcome follows its Y (the inbound handler sends it).
        var pendingTexts = await App.WithDbAsync(db => db.Messages.Where(m => m.SenderCodeId == pendingCode.Code.Id).Select(m => m.Body).Distinct().ToListAsync());
        Assert.Equal([$"{pendingCode.Code.Name}: Reply Y to confirm VIP texts. Msg & data rates may apply. Reply STOP to cancel."], pendingTexts);
    }

    [Fact]
    public async Task DoubleOptIn_StoresNewSubscriptionsAsPending()
    {
        var s = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.StoreAsDoubleOptIn = true);

        var vip = await App.WithDbAsync(db => db.Subscriptions.AsNoTracking().Where(x => x.ListId == s.Vip.Id).ToDictionaryAsync(x => x.Phone));
        Assert.Equal(SubscriptionStatus.Active, vip[TestPhones.Us(1)].Status);
        Assert.All([TestPhones.Us(2), TestPhones.Us(3), TestPhones.Us(4)], p => Assert.Equal((SubscriptionStatus.Pending, (DateTime?)null), (vip[p].Status, vip[p].ConfirmedUtc)));
        var events = await App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.ImportId == import.Id).ToListAsync());
        Assert.All(events, e => Assert.Equal(("Pending confirmation", "Pending"), (e.Change, e.StateAfter)));
    }

    [Theory]
    [InlineData(true, SubscriptionStatus.Active, SubscriptionStatus.Pending, "Opt-in status overridden", "Subscribed", "Pending")]
    [InlineData(false, SubscriptionStatus.Pending, SubscriptionStatus.Active, "Opt-in status overridden", "Pending", "Subscribed")]
    public async Task OverrideOptInStatus_GivesExistingSubscriptionsTheImportsStatus(bool doubleOptIn, SubscriptionStatus from, SubscriptionStatus to, string change, string before, string after)
    {
        var s = await ArrangeAsync();
        await App.WithDbAsync(db => db.Subscriptions.Where(x => x.ListId == s.Vip.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.Status, from)));
        var kept = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.StoreAsDoubleOptIn = doubleOptIn);
        Assert.Equal(from, await StatusOfAAsync(s));

        var overridden = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i =>
        {
            i.Settings.StoreAsDoubleOptIn = doubleOptIn;
            i.Settings.OverrideOptInStatus = true;
        });

        Assert.Equal(to, await StatusOfAAsync(s));
        var events = await App.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.ImportId == overridden.Id && e.Phone == TestPhones.Us(1)).ToListAsync());
        Assert.Equal((change, before, after, "VIP"), (Assert.Single(events).Change, events[0].StateBefore, events[0].StateAfter, events[0].ListName));
        Assert.Equal(0, await App.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.ImportId == kept.Id && e.Phone == TestPhones.Us(1))));
    }

    [Fact]
    public async Task CartAbandonmentConsent_IsGiven_AndOnlyTheMarketingOverrideTakesItBack()
    {
        var s = await ArrangeAsync();
        await App.WithDbAsync(db => db.Subscriptions.Where(x => x.ListId == s.Vip.Id).ExecuteUpdateAsync(x => x.SetProperty(y => y.MarketingConsent, false)));

        var given = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.CartAbandonmentConsent = true);
        Assert.Equal((false, true), await ConsentOfAAsync(s));
        var newOne = await App.WithDbAsync(db => db.Subscriptions.AsNoTracking().SingleAsync(x => x.ListId == s.Vip.Id && x.Phone == TestPhones.Us(4)));
        Assert.Equal((true, true), (newOne.MarketingConsent, newOne.CartAbandonmentConsent));

        await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping);
        Assert.Equal((false, true), await ConsentOfAAsync(s));

        var overridden = await QueuedImports.QueueAndRunAsync(App, s.Code.Id, s.Vip, s.Csv, s.Mapping, i => i.Settings.OverrideMarketingConsent = true);
        Assert.Equal((true, false), await ConsentOfAAsync(s));

        var changes = await App.WithDbAsync(db => db.ConsentEvents.AsNoTracking()
            .Where(e => (e.ImportId == given.Id || e.ImportId == overridden.Id) && e.Phone == TestPhones.Us(1)).OrderBy(e => e.Id).Select(e => e.Change).ToListAsync());
        Assert.Equal(["Cart abandonment consent given", "Marketing consent given", "Cart abandonment consent withdrawn"], changes);
    }

    private Task<SubscriptionStatus> StatusOfAAsync(Scenario s) =>
        App.WithDbAsync(db => db.Subscriptions.Where(x => x.ListId == s.Vip.Id && x.Phone == TestPhones.Us(1)).Select(x => x.Status).SingleAsync());

    private Task<(bool, bool)> ConsentOfAAsync(Scenario s) =>
        App.WithDbAsync(async db =>
        {
            var x = await db.Subscriptions.AsNoTracking().SingleAsync(x => x.ListId == s.Vip.Id && x.Phone == TestPhones.Us(1));
            return (x.MarketingConsent, x.CartAbandonmentConsent);
        });
}
