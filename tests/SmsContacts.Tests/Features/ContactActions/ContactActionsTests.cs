using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.ContactActions;

public sealed class ContactActionsTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string MarketerPassword = "marketer-password-1";

    private readonly AppFactory _app = fixture.App;
    private readonly string _marketer = fixture.NewEmail("marketer");
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
        await _app.Data.UserAsync(_marketer, UserRole.Marketer, MarketerPassword, [_code.Id]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TheGrid_HasASelectionBoxPerRow_AndEditUnsubscribeBan_ForAdmins()
    {
        await TwoListsAsync(1);
        using var admin = await fixture.SignInAsync(_code);
        var page = await admin.GetPageAsync("/contacts");

        Assert.Equal(["Edit", "Unsubscribe", "Ban"], Toolbar(page));
        Assert.Equal($"Select {TestPhones.Us(1)} on Promotions", Grid.Checkbox(page, TestPhones.Us(1)).GetAttribute("aria-label"));
        Assert.Equal("grid-selection", Grid.Checkbox(page, TestPhones.Us(1)).GetAttribute("form"));

        // Opted-out numbers can be edited or banned, not unsubscribed again.
        Assert.Equal(["Edit", "Ban"], Toolbar(await admin.GetPageAsync("/contacts?tab=opted-out")));
    }

    [Fact]
    public async Task AMarketer_SeesNoBan()
    {
        using var marketer = await fixture.SignInAsync(_code, _marketer, MarketerPassword);
        Assert.Equal(["Edit", "Unsubscribe"], Toolbar(await marketer.GetPageAsync("/contacts")));
    }

    [Fact]
    public async Task Edit_WithOneSelectedRow_OpensThatContactsDetails()
    {
        var contact = await TwoListsAsync(2);
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var response = await SubmitSelectionAsync(client, page, "/contacts/edit", TestPhones.Us(2));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/contacts/{contact.Id}", response.Headers.Location!.OriginalString);
        var panel = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/edit?subscription={SubscriptionOf(page, 2)}"));
        Assert.Contains(TestPhones.Us(2), panel.QuerySelector(".contact-panel")!.TextContent);
    }

    [Fact]
    public async Task Edit_WithNothingOrSeveralContactsSelected_AsksForOne()
    {
        await TwoListsAsync(3);
        await TwoListsAsync(4);
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var (_, none) = await client.FollowAsync(await client.GetAsync("/contacts/edit"));
        Assert.Contains("Select one contact to edit.", none.QuerySelector("[role=alert]")!.TextContent);

        var several = await client.GetAsync($"/contacts/edit?subscription={SubscriptionOf(page, 3)}&subscription={SubscriptionOf(page, 4)}");
        var (_, refused) = await client.FollowAsync(several);
        Assert.Contains("Select one contact to edit.", refused.QuerySelector("[role=alert]")!.TextContent);
    }

    [Fact]
    public async Task Unsubscribe_FromTheSelectedList_KeepsTheOtherList_AndRecordsWhoDidIt()
    {
        var contact = await TwoListsAsync(5);
        using var client = await fixture.SignInAsync(_code, _marketer, MarketerPassword);
        var dashboard = await client.GetPageAsync("/contacts");
        var vipRow = dashboard.QuerySelectorAll("#grid tbody tr").First(r => r.TextContent.Contains("VIP", StringComparison.Ordinal));
        var subscriptionId = vipRow.QuerySelector("td.grid-select input")!.GetAttribute("value");

        var confirm = await client.GetPageAsync($"/contacts/unsubscribe?subscription={subscriptionId}&returnUrl=%2Fcontacts");
        Assert.Contains("The selected list (VIP)", confirm.QuerySelector("label[for=scope-lists]")!.TextContent);
        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(confirm, "form[aria-label=Unsubscribe]", []));

        Assert.Contains($"{TestPhones.Us(5)} was unsubscribed from VIP.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(["Promotions"], Grid.Column(after, "List Name"));
        var changed = Assert.Single(await EventsAsync(contact.Id));
        Assert.Equal(("Unsubscribed", "VIP", ConsentSource.UserAction, _marketer), (changed.Change, changed.ListName, changed.Source, changed.UserName));
    }

    [Fact]
    public async Task Unsubscribe_FromTheLastList_MovesTheNumberToOptedOut_WithReasonManual()
    {
        var contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(6), DateTime.UtcNow, "six@example.com", SubscriptionStatus.Active, _vip);
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var confirm = await TestClient.ReadAsync(await SubmitSelectionAsync(client, page, "/contacts/unsubscribe", TestPhones.Us(6)));
        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(confirm, "form[aria-label=Unsubscribe]", []));

        Assert.Contains("moved to Opted-Out (reason Manual)", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Empty(Grid.Rows(after));
        var optedOut = Assert.Single(Grid.Rows(await client.GetPageAsync("/contacts?tab=opted-out")));
        Assert.Equal((TestPhones.Us(6), "Manual"), (optedOut["Phone"], optedOut["Reason"]));
        Assert.Equal(OptOutReason.Manual, (await LoadAsync(contact.Id)).OptOutReason);
    }

    [Fact]
    public async Task Unsubscribe_FromAllLists_OptsTheNumberOut_AndSTARTWouldRestoreBoth()
    {
        var contact = await TwoListsAsync(7);
        using var client = await fixture.SignInAsync(_code);

        var confirm = await client.GetPageAsync($"/contacts/unsubscribe?contact={contact.Id}&scope=all");
        await client.SubmitFormAsync(confirm, "form[aria-label=Unsubscribe]", []);

        var stored = await LoadAsync(contact.Id);
        Assert.Equal(OptOutReason.Manual, stored.OptOutReason);
        Assert.Empty(stored.Subscriptions);
        var details = await client.GetPageAsync($"/contacts/{contact.Id}");
        Assert.Contains("Texting START would put it back on: Promotions, VIP.", details.QuerySelector("section[aria-labelledby=contact-lists-heading]")!.TextContent);
    }

    [Fact]
    public async Task Unsubscribe_OfSeveralRowsInThePopup_ListsEachOutcome_AndRefreshesTheGrid()
    {
        await TwoListsAsync(8);
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(9), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var confirm = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/unsubscribe?subscription={SubscriptionOf(page, 8)}&subscription={SubscriptionOf(page, 9)}"));
        Assert.NotNull(confirm.QuerySelector("button[data-bs-dismiss=modal]"));
        var response = await client.SubmitFormAsync(confirm, "form[aria-label=Unsubscribe]", new() { ["Scope"] = "all" }, htmx: true);
        var done = await TestClient.ReadAsync(response);

        Assert.Equal("contacts-changed", response.Headers.GetValues("HX-Trigger").Single());
        Assert.Equal(2, done.QuerySelectorAll("[role=status] li").Length);
        Assert.Equal(2, Grid.Rows(await client.GetPageAsync("/contacts?tab=opted-out")).Count);
    }

    [Fact]
    public async Task Ban_ByAnAdmin_TakesTheNumberOffEveryList_ToOptedOutBanned_AndItCannotBeAddedAgain()
    {
        var contact = await TwoListsAsync(10);
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var confirm = await TestClient.ReadAsync(await SubmitSelectionAsync(client, page, "/contacts/ban", TestPhones.Us(10)));
        Assert.Contains("can never be added again", confirm.QuerySelector("[role=alert]")!.TextContent);
        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(confirm, "form[aria-label=Ban]", []));

        Assert.Contains("was banned", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Empty(Grid.Rows(after));
        var banned = Assert.Single(Grid.Rows(await client.GetPageAsync("/contacts?tab=opted-out&reason=Banned")));
        Assert.Equal((TestPhones.Us(10), "Banned"), (banned["Phone"], banned["Reason"]));
        var recorded = Assert.Single(await EventsAsync(contact.Id), e => e.ListId is null);
        Assert.Equal(2, (await EventsAsync(contact.Id)).Count(e => e is { ListId: not null, Change: "Banned", StateBefore: "Subscribed", StateAfter: "Banned" }));
        Assert.Equal(("Banned", "Subscribed", "Banned", AppFactory.AdminEmail), (recorded.Change, recorded.StateBefore, recorded.StateAfter, recorded.UserName));

        var again = await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = TestPhones.UsTyped(10), ["ListId"] = _vip.Id.ToString() });
        Assert.Contains("is banned from this sender code", await again.Content.ReadAsStringAsync());
        Assert.Empty((await LoadAsync(contact.Id)).Subscriptions);
    }

    [Fact]
    public async Task Ban_FromContactDetailsInThePopup_AnswersWithTheUpdatedDetails()
    {
        var contact = await TwoListsAsync(11);
        using var client = await fixture.SignInAsync(_code);

        var confirm = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/ban?contact={contact.Id}&returnUrl=%2Fcontacts%2F{contact.Id}"));
        Assert.Equal($"/contacts/{contact.Id}", confirm.QuerySelector("a.btn-link")!.GetAttribute("hx-get"));
        var response = await client.SubmitFormAsync(confirm, "form[aria-label=Ban]", [], htmx: true);
        var details = await TestClient.ReadAsync(response);

        Assert.Equal("contacts-changed", response.Headers.GetValues("HX-Trigger").Single());
        Assert.Contains("was banned", details.QuerySelector(".contact-panel [role=status]")!.TextContent);
        Assert.Equal("Banned", details.QuerySelector(".contact-panel .badge")!.TextContent);
        Assert.Null(details.QuerySelector(".contact-panel a[href^='/contacts/ban']"));
        Assert.Contains("Banned", details.QuerySelector("table[aria-labelledby=consent-history-heading]")!.TextContent);
    }

    [Fact]
    public async Task Ban_ByAMarketer_IsForbidden_EvenWhenPostedDirectly_AndChangesNothing()
    {
        var contact = await TwoListsAsync(12);
        using var client = await fixture.SignInAsync(_code, _marketer, MarketerPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/contacts/ban?contact={contact.Id}")).StatusCode);
        var posted = await client.PostWithTokenAsync("/contacts/ban", new() { ["Contact"] = contact.Id.ToString() });

        Assert.Equal(HttpStatusCode.Forbidden, posted.StatusCode);
        var stored = await LoadAsync(contact.Id);
        Assert.Null(stored.OptOutReason);
        Assert.Equal(2, stored.Subscriptions.Count);
        Assert.Empty(await EventsAsync(contact.Id));
        Assert.Null((await client.GetPageAsync($"/contacts/{contact.Id}")).QuerySelector("a[href^='/contacts/ban']"));
    }

    [Fact]
    public async Task OptBackIn_NeedsAnExplicitConfirmation_ThenRestoresTheLists_AndIsAudited()
    {
        var contact = await TwoListsAsync(13);
        using var client = await fixture.SignInAsync(_code);
        await client.SubmitFormAsync(await client.GetPageAsync($"/contacts/unsubscribe?contact={contact.Id}&scope=all"), "form[aria-label=Unsubscribe]", []);

        var confirm = await client.GetPageAsync($"/contacts/{contact.Id}/opt-back-in");
        Assert.Contains("Promotions, VIP", confirm.QuerySelector(".contact-panel")!.TextContent);
        var unticked = await TestClient.ReadAsync(await client.SubmitFormAsync(confirm, "form[aria-label='Opt back in']", []));
        Assert.Contains("Tick the box", unticked.QuerySelector("#confirm-opt-back-in-error")!.TextContent);
        Assert.NotNull((await LoadAsync(contact.Id)).OptOutReason);

        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(confirm, "form[aria-label='Opt back in']", new() { ["confirmed"] = "true" }));

        Assert.Contains("opted back in and is back on Promotions, VIP", after.QuerySelector("[role=status]")!.TextContent);
        var stored = await LoadAsync(contact.Id);
        Assert.Null(stored.OptOutReason);
        Assert.Equal(2, stored.Subscriptions.Count);
        var last = (await EventsAsync(contact.Id)).Last();
        Assert.Equal(("Opted back in", ConsentSource.UserAction, AppFactory.AdminEmail), (last.Change, last.Source, last.UserName));
    }

    [Fact]
    public async Task OptBackIn_OfABannedNumber_IsRefused()
    {
        var banned = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(14), OptOutReason.Banned, DateTime.UtcNow);
        using var client = await fixture.SignInAsync(_code);

        var (_, after) = await client.FollowAsync(await client.PostWithTokenAsync($"/contacts/{banned.Id}/opt-back-in", new() { ["confirmed"] = "true" }));

        Assert.Contains("is banned and cannot be opted back in", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(OptOutReason.Banned, (await LoadAsync(banned.Id)).OptOutReason);
        Assert.Empty(await EventsAsync(banned.Id));
    }

    [Fact]
    public async Task OptBackIn_IsForAdminsOnly()
    {
        var stopped = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(15), OptOutReason.StopKeyword, DateTime.UtcNow);
        using var client = await fixture.SignInAsync(_code, _marketer, MarketerPassword);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync($"/contacts/{stopped.Id}/opt-back-in")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostWithTokenAsync($"/contacts/{stopped.Id}/opt-back-in", new() { ["confirmed"] = "true" })).StatusCode);
        Assert.Equal(OptOutReason.StopKeyword, (await LoadAsync(stopped.Id)).OptOutReason);
    }

    [Fact]
    public async Task ActionsOnAContactOfAnotherSenderCode_AreNotFound()
    {
        var other = await fixture.NewSenderCodeAsync();
        var foreign = await _app.Data.SubscribedAsync(other.Id, TestPhones.Us(16), DateTime.UtcNow, null, SubscriptionStatus.Active, await _app.Data.ListAsync(other.Id, "B"));
        using var client = await fixture.SignInAsync(_code);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/contacts/edit?contact={foreign.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/contacts/ban", new() { ["Contact"] = foreign.Id.ToString() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync("/contacts/unsubscribe", new() { ["Contact"] = foreign.Id.ToString(), ["Scope"] = "all" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostWithTokenAsync($"/contacts/{foreign.Id}/opt-back-in", new() { ["confirmed"] = "true" })).StatusCode);
        Assert.Null((await LoadAsync(foreign.Id)).OptOutReason);
    }

    [Fact]
    public async Task AConsentChangeThatRacesAnother_IsRetriedOnFreshData_NotLost()
    {
        var contact = await TwoListsAsync(17);
        var attempts = 0;

        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var runner = scope.ServiceProvider.GetRequiredService<SmsContacts.Web.Features.ContactActions.ConsentChangeRunner>();
            var consent = scope.ServiceProvider.GetRequiredService<ContactConsent>();
            await runner.RunAsync(contact.Id, async loaded =>
            {
                if (attempts++ == 0)
                {
                    // Someone else (an inbound STOP, a colleague) saves the contact between our read and our write.
                    await _app.WithDbAsync(db => db.Contacts.Where(c => c.Id == contact.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.Version, x => x.Version + 1)));
                }

                consent.Ban(loaded, new ConsentActor(ConsentSource.UserAction, "u", "admin@example.com"));
                return "banned";
            }, CancellationToken.None);
        }

        Assert.Equal(2, attempts);
        Assert.Equal(OptOutReason.Banned, (await LoadAsync(contact.Id)).OptOutReason);
        var events = await EventsAsync(contact.Id);
        Assert.Single(events, e => e.ListId is null);
        Assert.Equal(2, events.Count(e => e is { Change: "Banned", ListId: not null, StateAfter: "Banned" }));
    }

    private async Task<Contact> TwoListsAsync(int n) =>
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(n), new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(n), $"c{n}@example.com", SubscriptionStatus.Active, _vip, _promotions);

    private static List<string> Toolbar(IDocument page) =>
        page.QuerySelectorAll("#grid-selection button").Select(b => b.TextContent.Trim()).ToList();

    private static string SubscriptionOf(IDocument page, int n) => Grid.Checkbox(page, TestPhones.Us(n)).Value;

    /// <summary>Ticks the row of the number and presses a toolbar button, as a browser without script does (a GET of the form).</summary>
    private static async Task<HttpResponseMessage> SubmitSelectionAsync(TestClient client, IDocument page, string action, string phone)
    {
        var box = Grid.Checkbox(page, phone);
        var returnUrl = page.QuerySelector("#grid-selection input[name=ReturnUrl]")!.GetAttribute("value")!;
        return await client.GetAsync($"{action}?{box.Name}={box.Value}&ReturnUrl={Uri.EscapeDataString(returnUrl)}");
    }

    private Task<Contact> LoadAsync(long id) =>
        _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).SingleAsync(c => c.Id == id));

    private Task<List<ConsentEvent>> EventsAsync(long contactId) =>
        _app.WithDbAsync(db => db.ConsentEvents.Where(e => e.ContactId == contactId).OrderBy(e => e.Id).ToListAsync());
}
