using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Demo;

namespace SmsContacts.Tests.Features.ContactDetails;

/// <summary>
/// Consent History tells the truth: an event of one list shows the number's state ON THAT LIST before and after (so a
/// second list reads "Not subscribed → Subscribed", never "Subscribed → Subscribed"), and every state and reason is in
/// words a person reads ("Opted out (STOP keyword)", never the enum's name), on every path that writes events and
/// everywhere they are shown: the history, the details badge, the Ban dialog.
/// </summary>
public sealed class ConsentHistoryTruthTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private ContactList _deals = null!;
    private TestClient _client = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIPJOIN");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
        _deals = await _app.Data.ListAsync(_code.Id, "Deals", true, "DEALSJOIN");
        _client = await _app.SignInAsync();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task SingleContact_AddingASecondList_ReadsNotSubscribedToSubscribed()
    {
        var phone = TestPhones.Us(1);
        await AddSingleContactAsync(phone, _vip);
        await AddSingleContactAsync(phone, _promotions);

        var history = await HistoryAsync(phone);
        Assert.Contains(("Subscribed", "VIP", "Not subscribed", "Subscribed", "Single Contact"), history);
        Assert.Contains(("Subscribed", "Promotions", "Not subscribed", "Subscribed", "Single Contact"), history);
    }

    [Fact]
    public async Task KeywordJoin_ToADoubleOptInList_ByANumberOnAnotherList_ReadsNotSubscribedToPending_ThenAWrongReplyNotSubscribed()
    {
        var phone = TestPhones.Us(2);
        await _app.TextAsync(phone, "VIPJOIN");
        await _app.TextAsync(phone, "DEALSJOIN");
        await _app.TextAsync(phone, "maybe later");

        var history = await HistoryAsync(phone);
        Assert.Contains(("Subscribed", "VIP", "Not subscribed", "Subscribed", "Inbound text"), history);
        Assert.Contains(("Pending confirmation", "Deals", "Not subscribed", "Pending", "Inbound text"), history);
        Assert.Contains(("Confirmation refused", "Deals", "Pending", "Not subscribed", "Inbound text"), history);
    }

    [Fact]
    public async Task InboundStop_ReadsOptedOutWithTheReasonInWords_InTheHistory_TheBadge_AndTheBanDialog()
    {
        var phone = TestPhones.Us(3);
        await _app.TextAsync(phone, "VIPJOIN");
        await _app.TextAsync(phone, "STOP");

        Assert.Contains(("Opted out", "", "Subscribed", "Opted out (STOP keyword)", "Inbound text"), await HistoryAsync(phone));
        var id = await IdAsync(phone);
        var details = await _client.GetPageAsync($"/contacts/{id}");
        Assert.Equal("Opted out (STOP keyword)", details.QuerySelector(".contact-panel .badge")!.TextContent.Trim());
        var ban = await TestClient.ReadAsync(await _client.GetHtmxAsync($"/contacts/ban?contact={id}&returnUrl=%2Fcontacts"));
        Assert.Equal("Opted out (STOP keyword)", ban.QuerySelector("[aria-label='Selected contacts'] .badge")!.TextContent.Trim());
        AssertNoEnumNames(details.Body!.TextContent + ban.Body!.TextContent);
    }

    [Fact]
    public async Task Import_ToASecondList_AndOptOut_ReadAsTheStatesOfTheListAndOfTheSenderCode()
    {
        var phone = TestPhones.Us(4);
        await _app.Data.SubscribedAsync(_code.Id, phone, DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, _promotions, $"Phone\n{phone}\n", ["phone"]);
        await QueuedImports.QueueAndRunAsync(_app, _code.Id, null, $"Phone\n{phone}\n", ["phone"], i => i.Settings.Action = ImportAction.OptOut);

        var history = await HistoryAsync(phone);
        Assert.Contains(("Subscribed", "Promotions", "Not subscribed", "Subscribed", "Import"), history);
        Assert.Contains(("Opted out", "", "Subscribed", "Opted out (Import)", "Import"), history);
    }

    [Fact]
    public async Task EventsStoredBeforeReasonsHadWords_ReadInWords()
    {
        var phone = TestPhones.Us(5);
        var contact = await _app.Data.OptedOutAsync(_code.Id, phone, OptOutReason.CarrierDeactivation, DateTime.UtcNow);
        await _app.WithDbAsync(async db =>
        {
            foreach (var reason in new[] { "StopKeyword", "CarrierDeactivation" })
            {
                db.ConsentEvents.Add(new ConsentEvent
                {
                    SenderCodeId = _code.Id,
                    ContactId = contact.Id,
                    Phone = phone,
                    OccurredUtc = DateTime.UtcNow,
                    Change = "Opted out",
                    StateBefore = "Subscribed",
                    StateAfter = $"Opted out ({reason})",
                    Source = ConsentSource.InboundText,
                });
            }

            await db.SaveChangesAsync();
        });

        var history = await HistoryAsync(phone);
        Assert.Contains(("Opted out", "", "Subscribed", "Opted out (STOP keyword)", "Inbound text"), history);
        Assert.Contains(("Opted out", "", "Subscribed", "Opted out (Carrier deactivation)", "Inbound text"), history);
        AssertNoEnumNames((await _client.GetPageAsync($"/contacts/{contact.Id}")).Body!.TextContent);
    }

    [Fact]
    public async Task TheDemoSeeder_WritesTheSameWords()
    {
        await _app.WithServiceAsync<DemoSeeder, bool>(async seeder =>
        {
            await seeder.SeedAsync(300, CancellationToken.None);
            return true;
        });

        var states = await _app.WithDbAsync(async db =>
            (await db.ConsentEvents.Select(e => e.StateBefore).Distinct().ToListAsync()).Concat(await db.ConsentEvents.Select(e => e.StateAfter).Distinct().ToListAsync()).ToHashSet());
        string[] words = [ConsentStates.NotSubscribed, ConsentStates.Pending, ConsentStates.Subscribed, ConsentStates.Banned, ConsentStates.OptedOutAnyReason, .. Enum.GetValues<OptOutReason>().Select(ConsentStates.OptedOut)];
        Assert.Empty(states.Except(words));
        Assert.Contains("Opted out (STOP keyword)", states);
    }

    private static void AssertNoEnumNames(string text)
    {
        foreach (var name in new[] { nameof(OptOutReason.StopKeyword), nameof(OptOutReason.CarrierDeactivation), nameof(ConsentSource.InboundText), nameof(ConsentSource.SingleContact), nameof(ConsentSource.UserAction) })
        {
            Assert.DoesNotContain(name, text, StringComparison.Ordinal);
        }
    }

    private async Task AddSingleContactAsync(string phone, ContactList list)
    {
        var start = await _client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = phone, ["ListId"] = list.Id.ToString(CultureInfo.InvariantCulture) });
        var saved = await _client.SubmitFormAsync(await TestClient.ReadAsync(start), "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private Task<long> IdAsync(string phone) => _app.WithDbAsync(db => db.Contacts.Where(c => c.Phone == phone).Select(c => c.Id).SingleAsync());

    /// <summary>
    /// The Consent History table of the contact's details page: change (without the detail under it, such as the text
    /// received), list, before, after, source.
    /// </summary>
    private async Task<List<(string, string, string, string, string)>> HistoryAsync(string phone)
    {
        var page = await _client.GetPageAsync($"/contacts/{await IdAsync(phone)}");
        foreach (var detail in page.QuerySelectorAll("table[aria-labelledby=consent-history-heading] tbody td > div").ToList())
        {
            detail.Remove();
        }

        return page.QuerySelectorAll("table[aria-labelledby=consent-history-heading] tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList())
            .Select(c => (c[1], c[2], c[3], c[4], c[5]))
            .ToList();
    }
}
