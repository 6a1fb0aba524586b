using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The import applies the consent rules set-based; ContactConsent applies them one contact at a time. For the
/// same numbers in the same states, both must leave the same subscriptions, opt-outs, remembered lists and
/// consent history (what changed, the state before and after), and the import's counts must be what
/// ContactConsent's outcome for each number says.
/// </summary>
public class ImportMatchesContactConsentTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private AppFactory App => fixture.App;

    private sealed record World(SenderCode Code, ContactList Vip, ContactList Promotions);

    /// <summary>
    /// Numbers 1-9: new; existing on no list; on Promotions; pending on Promotions; an Other Contact; on VIP; pending on VIP;
    /// opted out (STOP); banned.
    /// </summary>
    private async Task<World> ArrangeAsync()
    {
        var code = await fixture.NewSenderCodeAsync();
        var vip = await App.Data.ListAsync(code.Id, "VIP");
        var promotions = await App.Data.ListAsync(code.Id, "Promotions");
        var at = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(2), at, null, SubscriptionStatus.Active);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(3), at, null, SubscriptionStatus.Active, promotions);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(4), at, null, SubscriptionStatus.Pending, promotions);
        await App.Data.OtherAsync(code.Id, TestPhones.Us(5), "maybe", at);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(6), at, null, SubscriptionStatus.Active, vip);
        await App.Data.SubscribedAsync(code.Id, TestPhones.Us(7), at, null, SubscriptionStatus.Pending, vip);
        await App.Data.OptedOutAsync(code.Id, TestPhones.Us(8), OptOutReason.StopKeyword, at);
        await App.Data.OptedOutAsync(code.Id, TestPhones.Us(9), OptOutReason.Banned, at);
        return new World(code, vip, promotions);
    }

    private static readonly string[] Phones = Enumerable.Range(1, 9).Select(TestPhones.Us).ToArray();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Subscribing_LeavesWhatContactConsentLeaves(bool pending)
    {
        var byRules = await ArrangeAsync();
        var outcomes = new Dictionary<string, SubscribeOutcome>();
        await WithConsentAsync(byRules, (consent, contact) =>
            outcomes[contact.Phone] = consent.Subscribe(contact, byRules.Vip, new SubscriptionRequest(SubscribeMethod.Import, Pending: pending), Actor));
        var byImport = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, byImport.Code.Id, byImport.Vip, "Phone\n" + string.Join("\n", Phones), ["phone"], i => i.Settings.StoreAsDoubleOptIn = pending);

        Assert.Equal(await OutcomeAsync(byRules), await OutcomeAsync(byImport));

        // A number ContactConsent subscribes is Opted-in; one already on the list (nothing else to change) Unchanged; refused ones Ignored.
        int Count(params SubscribeOutcome[] of) => outcomes.Values.Count(of.Contains);
        Assert.Equal(
            (Phones.Length, Count(SubscribeOutcome.Subscribed, SubscribeOutcome.Pending), 0, Count(SubscribeOutcome.AlreadyOnList), Count(SubscribeOutcome.RefusedOptedOut), Count(SubscribeOutcome.RefusedBanned)),
            (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Updated, import.Counts.Unchanged, import.Counts.IgnoredOptedOut, import.Counts.IgnoredBanned));

        // Each subscription left pending is asked for its Y, and only those.
        var asked = await App.WithDbAsync(db => db.Messages.Where(m => m.SenderCodeId == byImport.Code.Id).Select(m => m.Phone).ToListAsync());
        Assert.Equal(outcomes.Where(o => o.Value == SubscribeOutcome.Pending).Select(o => o.Key).Order(), asked.Order());
        Assert.Equal(asked.Count, import.Counts.AwaitingConfirmation);
    }

    [Fact]
    public async Task OptingOut_LeavesWhatContactConsentLeaves()
    {
        var byRules = await ArrangeAsync();
        var optedOut = 0;
        await WithConsentAsync(byRules, (consent, contact) =>
        {
            var already = contact.IsOptedOut;
            consent.OptOut(contact, OptOutReason.Import, Actor);
            optedOut += already ? 0 : 1;
            return SubscribeOutcome.Subscribed;
        });
        var byImport = await ArrangeAsync();
        var import = await QueuedImports.QueueAndRunAsync(App, byImport.Code.Id, null, "Phone\n" + string.Join("\n", Phones), ["phone"], i => i.Settings.Action = ImportAction.OptOut);

        Assert.Equal(await OutcomeAsync(byRules), await OutcomeAsync(byImport));
        Assert.Equal((Phones.Length, optedOut, 1, 1), (import.Counts.Processed, import.Counts.OptedOut, import.Counts.IgnoredOptedOut, import.Counts.IgnoredBanned));
    }

    private static ConsentActor Actor => new(ConsentSource.Import, QueuedImports.UserId, QueuedImports.UserName, ImportId: Guid.NewGuid());

    private async Task WithConsentAsync(World world, Func<ContactConsent, Contact, SubscribeOutcome> change)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SmsContacts.Web.Data.AppDbContext>();
        var consent = scope.ServiceProvider.GetRequiredService<ContactConsent>();
        foreach (var phone in Phones)
        {
            var contact = await db.Contacts.WithConsentState().SingleOrDefaultAsync(c => c.SenderCodeId == world.Code.Id && c.Phone == phone);
            if (contact is null)
            {
                var now = App.Clock.GetUtcNow().UtcDateTime;
                contact = db.Contacts.Add(new Contact { SenderCodeId = world.Code.Id, Phone = phone, CreatedUtc = now, UpdatedUtc = now }).Entity;
            }

            change(consent, contact);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Per number: subscriptions, opt-out, remembered lists, Other Contact reply, and the consent events.</summary>
    private Task<List<string>> OutcomeAsync(World world) =>
        App.WithDbAsync(async db =>
        {
            var contacts = await db.Contacts.AsNoTracking().Include(c => c.Subscriptions).ThenInclude(s => s.List)
                .Where(c => c.SenderCodeId == world.Code.Id).OrderBy(c => c.Phone).ToListAsync();
            var ids = contacts.Select(c => c.Id).ToList();
            var lists = await db.Lists.Where(l => l.SenderCodeId == world.Code.Id).ToDictionaryAsync(l => l.Id, l => l.Name);
            var suspended = await db.SuspendedSubscriptions.AsNoTracking().Where(s => ids.Contains(s.ContactId)).ToListAsync();
            var events = await db.ConsentEvents.AsNoTracking().Where(e => ids.Contains(e.ContactId)).OrderBy(e => e.Id).ToListAsync();
            return contacts.Select(c => string.Join(" | ",
                c.Phone,
                string.Join(",", c.Subscriptions.OrderBy(s => s.List!.Name).Select(s => $"{s.List!.Name}:{s.Status}:{s.Method}:{s.MarketingConsent}:{s.CartAbandonmentConsent}")),
                $"{c.OptOutReason}",
                string.Join(",", suspended.Where(s => s.ContactId == c.Id).Select(s => lists[s.ListId]).Order()),
                c.OtherReply ?? "",
                string.Join(",", events.Where(e => e.ContactId == c.Id && e.OccurredUtc >= App.Clock.GetUtcNow().UtcDateTime.AddSeconds(-1))
                    .Select(e => $"{e.Change}/{e.ListName}/{e.StateBefore}/{e.StateAfter}/{e.Source}/{e.UserName}"))))
                .ToList();
        });
}
