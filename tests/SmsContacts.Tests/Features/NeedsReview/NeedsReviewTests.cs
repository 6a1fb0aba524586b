using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.NeedsReview;

/// <summary>
/// Contacts > Needs review, end to end: a text that might mean stop arrives by the signed webhook, shows in the
/// list with a count in the Contacts menu, and a user opts the number out with one click or dismisses it.
/// </summary>
public sealed class NeedsReviewTests : IAsyncLifetime
{
    private const string Unclear = "We have got to STOP this bill";
    private const string Page = "/contacts/needs-review";

    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private async Task<(string Phone, OptOutReview Review)> UnclearTextAsync(int n, string text = Unclear, bool known = true)
    {
        var phone = TestPhones.Us(n);
        if (known)
        {
            await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        }

        Assert.Null(await _app.TextAsync(phone, text));
        var review = await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.Phone == phone));
        return (phone, review);
    }

    private static string OptOutForm(OptOutReview review) => $"form[action='{Page}/{review.Id}/opt-out']";

    private static string DismissForm(OptOutReview review) => $"form[action='{Page}/{review.Id}/dismiss']";

    [Fact]
    public async Task AnUnclearText_IsListed_WithItsReason_AndCountedInTheContactsMenu()
    {
        var (phone, _) = await UnclearTextAsync(1);
        await UnclearTextAsync(2, "stpo");
        using var client = await _app.SignInAsync();

        var dashboard = await client.GetPageAsync("/contacts");
        var menu = dashboard.QuerySelector("a.dropdown-item[href='/contacts/needs-review']")!;
        Assert.Contains("Needs review", menu.TextContent);
        Assert.Equal("2 waiting", menu.QuerySelector(".badge")!.TextContent.Trim());
        Assert.Contains("2 texts need review", dashboard.QuerySelector("a.nav-link.dropdown-toggle")!.TextContent);

        var page = await client.GetPageAsync(Page);
        var rows = page.QuerySelectorAll("table[aria-label='Texts waiting for review'] tbody tr").ToList();
        Assert.Equal(2, rows.Count);
        var cells = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal(phone, cells[1]);
        Assert.Equal(Unclear, cells[2]);
        Assert.Contains("Holds \"STOP\" with other words", cells[3]);
        Assert.Equal("Subscribed", cells[4]);
        Assert.NotNull(rows[0].QuerySelector($"button[aria-label='Opt out {phone}']"));
        Assert.NotNull(rows[0].QuerySelector($"button[aria-label='Dismiss {phone}']"));
    }

    [Fact]
    public async Task OptOut_IsOneClick_NamesTheUser_QuotesTheText_AndConfirmsOnce()
    {
        var (phone, review) = await UnclearTextAsync(3);
        _app.Clock.Advance(TimeSpan.FromMinutes(2));
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync(Page, OptOutForm(review), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        Assert.Empty(contact.Subscriptions);
        var optOut = Assert.Single(await _app.ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null);
        Assert.Equal((ConsentSource.UserAction, AppFactory.AdminEmail), (optOut.Source, optOut.UserName));
        Assert.Equal($"Opted out from Needs review: \"{Unclear}\"", optOut.Detail);
        Assert.Equal((await _app.MessagesAsync(phone)).First().ProviderMessageId, optOut.MessageSid);

        var confirmation = Assert.Single(await _app.MessagesAsync(phone), m => m.Direction == MessageDirection.Outbound);
        Assert.Equal((DeliveryStatus.Queued, true), (confirmation.Status, confirmation.IsOptOutConfirmation));
        Assert.StartsWith($"{_code.Name}: You are unsubscribed", confirmation.Body);

        var decided = await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id));
        Assert.Equal((ReviewDecision.OptedOut, AppFactory.AdminEmail, contact.Id), (decided.Decision, decided.DecidedByUserName, decided.ContactId));

        var page = await client.GetPageAsync(Page);
        Assert.Contains("Nothing waits for review.", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("a.dropdown-item[href='/contacts/needs-review'] .badge"));
        var row = page.QuerySelector("table[aria-label='Recently decided texts'] tbody tr")!.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray();
        Assert.Equal((phone, "Opted out", AppFactory.AdminEmail), (row[1], row[3], row[4]));

        // The consent history shows it, in words.
        var details = await client.GetPageAsync($"/contacts/{contact.Id}");
        Assert.Contains($"Opted out from Needs review: \"{Unclear}\"", details.QuerySelector("section[aria-labelledby='consent-history-heading']")!.TextContent);
    }

    [Fact]
    public async Task OptOut_MoreThanFiveMinutesAfterTheText_SendsNoConfirmation()
    {
        var (phone, review) = await UnclearTextAsync(4);
        _app.Clock.Advance(TimeSpan.FromMinutes(6));
        using var client = await _app.SignInAsync();

        await client.SubmitFormAsync(Page, OptOutForm(review), []);

        Assert.True((await _app.ContactAsync(phone))!.IsOptedOut);
        Assert.DoesNotContain(await _app.MessagesAsync(phone), m => m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task Dismiss_ChangesNothing_AndIsRecordedInTheConsentHistory()
    {
        var (phone, review) = await UnclearTextAsync(5);
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync(Page, DismissForm(review), []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var contact = (await _app.ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Single(contact.Subscriptions);
        var dismissed = Assert.Single(await _app.ConsentEventsAsync(phone), e => e.Change == ConsentChanges.ReviewedNotAnOptOut);
        Assert.Equal((ConsentStates.Subscribed, ConsentStates.Subscribed), (dismissed.StateBefore, dismissed.StateAfter));
        Assert.Equal((ConsentSource.UserAction, AppFactory.AdminEmail, $"Needs review dismissed: \"{Unclear}\""), (dismissed.Source, dismissed.UserName, dismissed.Detail));
        Assert.Equal(ReviewDecision.Dismissed, (await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id))).Decision);
        Assert.DoesNotContain(await _app.MessagesAsync(phone), m => m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task ASecondDecision_FindsItDecided_AndChangesNothing()
    {
        var (phone, review) = await UnclearTextAsync(6);
        using var first = await _app.SignInAsync();
        using var second = await _app.SignInAsync();
        var secondPage = await second.GetPageAsync(Page);

        await first.SubmitFormAsync(Page, DismissForm(review), []);
        var late = await second.SubmitFormAsync(secondPage, OptOutForm(review), []);

        var (_, page) = await second.FollowAsync(late);
        Assert.Contains("Someone has already decided this text", page.Body!.TextContent);
        Assert.False((await _app.ContactAsync(phone))!.IsOptedOut);
        Assert.Single(await _app.ConsentEventsAsync(phone), e => e.ListId is null && e.Change != ConsentChanges.Subscribed);
    }

    [Fact]
    public async Task AMarketer_CanDecide()
    {
        var (phone, review) = await UnclearTextAsync(7);
        var password = await _app.Data.UserAsync("marketer@example.com", UserRole.Marketer);
        using var client = await _app.SignInAsync("marketer@example.com", password);

        await client.SubmitFormAsync(Page, OptOutForm(review), []);

        Assert.Equal("marketer@example.com", Assert.Single(await _app.ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null).UserName);
    }

    [Fact]
    public async Task AReviewOfAnotherSenderCode_IsNotFound_AndUnchanged()
    {
        var other = await _app.Data.SenderCodeAsync("78900");
        var phone = TestPhones.Us(8);
        Assert.Null(await _app.TextAsync(phone, Unclear, to: "78900"));
        var review = await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.SenderCodeId == other.Id));
        using var client = await _app.SignInAsync();

        // The admin works in 55123 (the first code): 78900's texts are not there to decide.
        var page = await client.GetPageAsync(Page);
        Assert.Null(page.QuerySelector(OptOutForm(review)));
        var optOut = await client.PostWithTokenAsync($"{Page}/{review.Id}/opt-out", []);
        var dismiss = await client.PostWithTokenAsync($"{Page}/{review.Id}/dismiss", []);

        Assert.Equal(HttpStatusCode.NotFound, optOut.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, dismiss.StatusCode);
        Assert.Null((await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.Id == review.Id))).DecidedUtc);
    }

    [Fact]
    public async Task APostWithoutTheAntiforgeryToken_IsRefused_AndChangesNothing()
    {
        var (phone, review) = await UnclearTextAsync(9);
        using var client = await _app.SignInAsync();

        var response = await client.Http.PostAsync($"{Page}/{review.Id}/opt-out", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await _app.ContactAsync(phone))!.IsOptedOut);
    }

    [Fact]
    public async Task AnUnclearTextFromANumberWeNeverSaw_OptedOutFromTheList_IsRecordedAsOptedOut()
    {
        var (phone, review) = await UnclearTextAsync(10, "Is this the bus stop?", known: false);
        Assert.Null(await _app.ContactAsync(phone));
        using var client = await _app.SignInAsync();

        await client.SubmitFormAsync(Page, OptOutForm(review), []);

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal((_code.Id, OptOutReason.StopKeyword), (contact.SenderCodeId, contact.OptOutReason));
    }

    [Fact]
    public async Task AnUnclearText_FromANumberAlreadyOptedOut_NeedsNoReview()
    {
        var phone = TestPhones.Us(11);
        await _app.Data.OptedOutAsync(_code.Id, phone, OptOutReason.Manual, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Null(await _app.TextAsync(phone, Unclear));

        Assert.Empty(await _app.WithDbAsync(db => db.OptOutReviews.ToListAsync()));
    }
}
