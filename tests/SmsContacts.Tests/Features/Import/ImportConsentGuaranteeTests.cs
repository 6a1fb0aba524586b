using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The hard rule: no import re-subscribes an opted-out or banned number, whatever the override boxes say.
/// Every combination of the four boxes, for every import action (field update modes in turn), on numbers
/// opted out for each reason and a banned one, all of which were on the list before they opted out.
/// </summary>
public class ImportConsentGuaranteeTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    private static readonly OptOutReason[] OptOutReasons = [OptOutReason.StopKeyword, OptOutReason.Manual, OptOutReason.Import, OptOutReason.CarrierDeactivation];

    public static TheoryData<ImportAction, bool, bool, bool, bool> EveryCombination()
    {
        var data = new TheoryData<ImportAction, bool, bool, bool, bool>();
        foreach (var action in Enum.GetValues<ImportAction>())
        {
            for (var boxes = 0; boxes < 16; boxes++)
            {
                data.Add(action, (boxes & 1) != 0, (boxes & 2) != 0, (boxes & 4) != 0, (boxes & 8) != 0);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCombination))]
    public async Task Import_NeverResubscribesOptedOutOrBannedNumbers(ImportAction action, bool doubleOptIn, bool overrideOptIn, bool cartConsent, bool overrideMarketing)
    {
        var app = fixture.App;
        var code = await fixture.NewSenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        await app.WithDbAsync(db => db.Lists.Where(l => l.Id == list.Id).ExecuteUpdateAsync(l => l.SetProperty(x => x.WelcomeMessage, "Welcome to VIP!")));
        var optedOutAt = new DateTime(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);
        var untouched = new List<Contact>();
        for (var i = 0; i < OptOutReasons.Length; i++)
        {
            untouched.Add(await OptedOutFromListAsync(code.Id, list, TestPhones.Us(i), OptOutReasons[i], optedOutAt));
        }

        untouched.Add(await OptedOutFromListAsync(code.Id, list, TestPhones.Us(9), OptOutReason.Banned, optedOutAt));
        var mode = (FieldUpdateMode)(((doubleOptIn ? 1 : 0) + (overrideOptIn ? 1 : 0) + (cartConsent ? 1 : 0) + (overrideMarketing ? 1 : 0)) % 3);

        var csv = "Phone,Email,First Name\n" + string.Concat(untouched.Select(c => $"{c.Phone},new@example.com,Changed\n")) + $"{TestPhones.Us(20)},fresh@example.com,Fresh\n";
        var import = await QueuedImports.QueueAndRunAsync(app, code.Id, list, csv, ["phone", "email", "first_name"], i =>
        {
            i.Settings.Action = action;
            i.Settings.FieldUpdateMode = mode;
            i.Settings.EnterJourneys = true;
            i.Settings.StoreAsDoubleOptIn = doubleOptIn;
            i.Settings.OverrideOptInStatus = overrideOptIn;
            i.Settings.CartAbandonmentConsent = cartConsent;
            i.Settings.OverrideMarketingConsent = overrideMarketing;
        });

        Assert.Equal(ImportStatus.Completed, import.Status);
        Assert.Equal((4, 1), (import.Counts.IgnoredOptedOut, import.Counts.IgnoredBanned));
        var after = await app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions)
            .Where(c => c.SenderCodeId == code.Id).ToDictionaryAsync(c => c.Phone));
        foreach (var before in untouched)
        {
            var now = after[before.Phone];
            Assert.Equal((before.OptOutReason, before.OptedOutUtc, before.Email, before.FirstName, before.Version), (now.OptOutReason, now.OptedOutUtc, now.Email, now.FirstName, now.Version));
            Assert.Empty(now.Subscriptions);
        }

        var ids = untouched.Select(c => c.Id).ToList();
        Assert.Equal(0, await app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => ids.Contains(e.ContactId))));
        Assert.Equal(0, await app.WithDbAsync(db => db.Messages.CountAsync(m => m.ContactId != null && ids.Contains(m.ContactId.Value))));
        Assert.Equal(untouched.Count, await app.WithDbAsync(db => db.SuspendedSubscriptions.CountAsync(s => ids.Contains(s.ContactId))) + 1);

        // The row that is not opted out still gets what the action says.
        var fresh = after.GetValueOrDefault(TestPhones.Us(20));
        switch (action)
        {
            case ImportAction.AddOrUpdate:
                Assert.Equal(1, import.Counts.OptedIn);
                Assert.Equal(list.Id, Assert.Single(fresh!.Subscriptions).ListId);
                break;
            case ImportAction.UpdateExisting:
                Assert.Equal((1, 0), (import.Counts.Skipped, import.Counts.Rejected));
                Assert.Null(fresh);
                break;
            case ImportAction.OptOut:
                Assert.Equal(1, import.Counts.OptedOut);
                Assert.Equal(OptOutReason.Import, fresh!.OptOutReason);
                break;
        }
    }

    /// <summary>A number that was on the list and opted out (its list remembered for START), or was banned (nothing remembered).</summary>
    private async Task<Contact> OptedOutFromListAsync(int senderCodeId, ContactList list, string phone, OptOutReason reason, DateTime at)
    {
        var contact = await fixture.App.Data.OptedOutAsync(senderCodeId, phone, reason, at, email: "kept@example.com");
        await fixture.App.WithDbAsync(async db =>
        {
            await db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.FirstName, "Kept").SetProperty(x => x.Version, 3));
            if (reason != OptOutReason.Banned)
            {
                db.SuspendedSubscriptions.Add(new SuspendedSubscription { ContactId = contact.Id, ListId = list.Id, SubscribedUtc = at.AddDays(-30), Method = SubscribeMethod.Keyword, MarketingConsent = true, SuspendedUtc = at });
                await db.SaveChangesAsync();
            }
        });
        return await fixture.App.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Id == contact.Id));
    }
}
