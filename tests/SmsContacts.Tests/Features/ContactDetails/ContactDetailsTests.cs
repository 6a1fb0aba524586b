using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.ContactDetails;

public sealed class ContactDetailsTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private CustomFieldDefinition _store = null!;
    private CustomFieldDefinition _memberSince = null!;
    private CustomFieldDefinition _paperless = null!;
    private Contact _ada = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
        _store = await FieldAsync("Favorite Store", CustomFieldType.Text);
        _memberSince = await FieldAsync("Member Since", CustomFieldType.Date);
        _paperless = await FieldAsync("Paperless Receipts", CustomFieldType.YesNo);
        _ada = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), new DateTime(2026, 5, 1, 9, 30, 0, DateTimeKind.Utc), "ada@example.com", SubscriptionStatus.Active, _vip, _promotions);
        await _app.WithDbAsync(async db =>
        {
            var contact = await db.Contacts.SingleAsync(c => c.Id == _ada.Id);
            contact.FirstName = "Ada";
            contact.PostalCode = "10001";
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = contact.Id, FieldId = _store.Id, Value = "Fifth Avenue" });
            db.CustomFieldValues.Add(new CustomFieldValue { ContactId = contact.Id, FieldId = _paperless.Id, Value = "true" });
            await db.SaveChangesAsync();
        });
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ThePhoneNumberInTheGrid_OpensContactDetails_InThePopupOrAsAPage()
    {
        using var client = await fixture.SignInAsync(_code);
        var dashboard = await client.GetPageAsync("/contacts");

        var link = dashboard.QuerySelectorAll("#grid tbody tr td a").First(a => a.TextContent == TestPhones.Us(1));
        Assert.Equal($"/contacts/{_ada.Id}", link.GetAttribute("href"));
        Assert.Equal($"/contacts/{_ada.Id}", link.GetAttribute("hx-get"));
        Assert.Equal("#contact-modal", link.GetAttribute("data-bs-target"));
        Assert.NotNull(dashboard.QuerySelector("#contact-modal #contact-modal-body"));

        // htmx gets the panel alone; a plain request gets the whole page around it.
        var fragment = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/{_ada.Id}"));
        Assert.Null(fragment.QuerySelector("nav.navbar"));
        Assert.NotNull(fragment.QuerySelector(".contact-panel"));
        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");
        Assert.NotNull(page.QuerySelector("nav.navbar"));
        Assert.NotNull(page.QuerySelector("main .contact-panel"));
    }

    [Fact]
    public async Task Details_ShowSystemAndCustomFieldTabs_TheLists_TheStatus_AndTheConsentHistory()
    {
        await _app.WithDbAsync(async db =>
        {
            db.ConsentEvents.Add(new ConsentEvent
            {
                SenderCodeId = _code.Id,
                ContactId = _ada.Id,
                Phone = _ada.Phone,
                OccurredUtc = new DateTime(2026, 5, 1, 9, 30, 0, DateTimeKind.Utc),
                Change = "Subscribed",
                ListId = _vip.Id,
                ListName = "VIP",
                StateBefore = "Not subscribed",
                StateAfter = "Subscribed",
                Source = ConsentSource.InboundText,
                MessageSid = "SM0001",
            });
            await db.SaveChangesAsync();
        });
        using var client = await fixture.SignInAsync(_code);

        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");

        Assert.Equal(["System Fields", "Custom Fields", "Message Activity"], page.QuerySelectorAll("[role=tab]").Select(t => t.TextContent.Trim()));
        Assert.Equal("Ada", Value(page, "FirstName"));
        Assert.Equal("ada@example.com", Value(page, "Email"));
        Assert.Equal("10001", Value(page, "PostalCode"));
        Assert.Equal("Fifth Avenue", Value(page, $"Custom[{_store.Id}]"));
        Assert.Equal("true", page.QuerySelector($"select[name='Custom[{_paperless.Id}]'] option[selected]")!.GetAttribute("value"));
        Assert.Equal("Member Since (Date)", page.QuerySelector($"label[for=custom-{_memberSince.Id}]")!.TextContent.Trim());
        Assert.Equal("Update", page.QuerySelector("form[aria-label='Profile fields'] button[type=submit]")!.TextContent);
        Assert.Contains("Subscribed", page.QuerySelector(".contact-panel .badge")!.TextContent);

        var lists = page.QuerySelector("table[aria-labelledby=contact-lists-heading]")!;
        Assert.Equal(["Promotions", "VIP"], lists.QuerySelectorAll("tbody tr td:first-child").Select(td => td.TextContent));
        var history = page.QuerySelector("table[aria-labelledby=consent-history-heading]")!;
        Assert.Equal(["May 1, 2026 9:30 AM UTC", "Subscribed", "VIP", "Not subscribed", "Subscribed", "Inbound text", "Message SM0001"],
            history.QuerySelectorAll("tbody tr:first-child td").Select(td => td.TextContent));
    }

    [Fact]
    public async Task Update_AddsChangesAndClearsValues_OfBothTabs()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");

        var response = await client.SubmitFormAsync(page, "form[aria-label='Profile fields']", new()
        {
            ["FirstName"] = "Augusta",
            ["LastName"] = "King",
            ["PostalCode"] = "",
            ["Birthday"] = "1985-12-10",
            [$"Custom[{_store.Id}]"] = "",
            [$"Custom[{_memberSince.Id}]"] = "2020-02-29",
            [$"Custom[{_paperless.Id}]"] = "false",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var (_, after) = await client.FollowAsync(response);
        Assert.Contains("Contact updated.", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal("Augusta", Value(after, "FirstName"));

        var contact = await LoadAsync();
        Assert.Equal(("Augusta", "King", (string?)null, new DateOnly(1985, 12, 10)), (contact.FirstName, contact.LastName, contact.PostalCode, contact.Birthday!.Value));
        Assert.Equal(
            [(_memberSince.Id, "2020-02-29"), (_paperless.Id, "false")],
            contact.CustomFieldValues.OrderBy(v => v.FieldId).Select(v => (v.FieldId, v.Value)));
        Assert.Equal(_ada.Version + 1, contact.Version);

        // A profile edit is not a consent change: the history stays as it was.
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.SenderCodeId == _code.Id)));
    }

    [Fact]
    public async Task Update_InThePopup_AnswersWithThePanel_AndTellsTheGridToRefresh()
    {
        using var client = await fixture.SignInAsync(_code);
        var panel = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/{_ada.Id}"));

        var response = await client.SubmitFormAsync(panel, "form[aria-label='Profile fields']", new() { ["Email"] = "augusta@example.com" }, htmx: true);
        var updated = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("contacts-changed", response.Headers.GetValues("HX-Trigger").Single());
        Assert.Contains("Contact updated.", updated.QuerySelector(".contact-panel [role=status]")!.TextContent);
        Assert.Null(updated.QuerySelector("nav.navbar"));
        Assert.Equal("augusta@example.com", Grid.Rows(await client.GetPageAsync("/contacts"))[0]["Email"]);
    }

    [Fact]
    public async Task Update_WithNothingChanged_SavesNothing_SoItCannotRefuseSomeoneElsesEdit()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");

        var (_, after) = await client.FollowAsync(await client.SubmitFormAsync(page, "form[aria-label='Profile fields']", []));

        Assert.Contains("Nothing to update", after.QuerySelector("[role=status]")!.TextContent);
        Assert.Equal(_ada.Version, (await LoadAsync()).Version);
    }

    [Theory]
    [InlineData("Member Since", "tomorrowish", "is not a date")]
    [InlineData("Paperless Receipts", "maybe", "is not yes or no")]
    public async Task Update_RefusesACustomValueOfTheWrongType_NextToTheField_OnItsTab(string field, string typed, string message)
    {
        var id = field == "Member Since" ? _memberSince.Id : _paperless.Id;
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");

        var response = await client.SubmitFormAsync(page, "form[aria-label='Profile fields']", new() { [$"Custom[{id}]"] = typed, ["FirstName"] = "Changed" });
        var refused = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{field}: \"{typed}\" {message}", refused.QuerySelector($"#custom-{id}-error")!.TextContent);
        Assert.Contains("active", refused.QuerySelector("#custom-fields-pane")!.ClassList);
        Assert.Equal("Ada", (await LoadAsync()).FirstName);
    }

    [Fact]
    public async Task Update_RefusesAMalformedEmailAndAFutureBirthday()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync($"/contacts/{_ada.Id}");

        var refused = await TestClient.ReadAsync(await client.SubmitFormAsync(page, "form[aria-label='Profile fields']", new() { ["Email"] = "ada@", ["Birthday"] = "2027-01-01" }));

        Assert.Contains("is not an email address", refused.QuerySelector("[data-valmsg-for=Email]")!.TextContent);
        Assert.Contains("cannot be in the future", refused.QuerySelector("[data-valmsg-for=Birthday]")!.TextContent);
        Assert.Equal("ada@example.com", (await LoadAsync()).Email);
    }

    [Fact]
    public async Task TwoPeopleEditing_TheSecondUpdateIsRefused_ShowingTheCurrentValues_AndNothingIsOverwritten()
    {
        using var first = await fixture.SignInAsync(_code);
        var marketer = fixture.NewEmail("marketer");
        await _app.Data.UserAsync(marketer, UserRole.Marketer);
        using var second = await fixture.SignInAsync(_code, marketer, "marketer-password-1");
        var firstPage = await first.GetPageAsync($"/contacts/{_ada.Id}");
        var secondPage = await second.GetPageAsync($"/contacts/{_ada.Id}");

        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitFormAsync(firstPage, "form[aria-label='Profile fields']", new() { ["FirstName"] = "Augusta" })).StatusCode);
        var response = await second.SubmitFormAsync(secondPage, "form[aria-label='Profile fields']", new() { ["FirstName"] = "Countess", ["LastName"] = "Lovelace" });
        var refused = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This contact was changed by someone else", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Augusta", Value(refused, "FirstName"));
        var notSaved = refused.QuerySelector("table[aria-label='Your values that were not saved']")!;
        Assert.Equal(["First Name Countess Augusta", "Last Name Lovelace (empty)"], notSaved.QuerySelectorAll("tbody tr").Select(r => string.Join(' ', r.QuerySelectorAll("td").Select(td => td.TextContent))));
        var stored = await LoadAsync();
        Assert.Equal(("Augusta", (string?)null), (stored.FirstName, stored.LastName));

        // The refusal carries the current version: saving again on purpose works.
        var again = await second.SubmitFormAsync(refused, "form[aria-label='Profile fields']", new() { ["LastName"] = "Lovelace" });
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(("Augusta", "Lovelace"), ((await LoadAsync()).FirstName, (await LoadAsync()).LastName));
    }

    [Fact]
    public async Task AConsentChangeMeanwhile_AlsoRefusesAStaleUpdate()
    {
        using var client = await fixture.SignInAsync(_code);
        var stale = await client.GetPageAsync($"/contacts/{_ada.Id}");
        var unsubscribe = await client.GetPageAsync($"/contacts/unsubscribe?contact={_ada.Id}&scope=all");
        await client.SubmitFormAsync(unsubscribe, "form[aria-label=Unsubscribe]", []);

        var refused = await TestClient.ReadAsync(await client.SubmitFormAsync(stale, "form[aria-label='Profile fields']", new() { ["FirstName"] = "Late" }));

        Assert.Contains("changed by someone else", refused.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Ada", (await LoadAsync()).FirstName);
    }

    [Fact]
    public async Task AContactOfAnotherSenderCode_IsNotFound_ToReadOrToUpdate()
    {
        var other = await fixture.NewSenderCodeAsync();
        var foreign = await _app.Data.SubscribedAsync(other.Id, TestPhones.Us(50), DateTime.UtcNow, "b@example.com", SubscriptionStatus.Active, await _app.Data.ListAsync(other.Id, "B"));
        using var client = await fixture.SignInAsync(_code);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/contacts/{foreign.Id}")).StatusCode);
        var update = await client.PostWithTokenAsync($"/contacts/{foreign.Id}/update", new() { ["FirstName"] = "Mallory", ["Version"] = foreign.Version.ToString() });
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        Assert.Null((await _app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Id == foreign.Id))).FirstName);
    }

    [Fact]
    public async Task AnOtherContact_ShowsTheReplyItSent()
    {
        var other = await _app.Data.OtherAsync(_code.Id, TestPhones.Us(60), "maybe later", new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc));
        using var client = await fixture.SignInAsync(_code);

        var page = await client.GetPageAsync($"/contacts/{other.Id}");

        Assert.Contains("Replied “maybe later” on Jun 1, 2026 8:00 AM UTC", page.QuerySelector(".contact-panel")!.TextContent);
        Assert.Contains("Other contact", page.QuerySelector(".contact-panel .badge")!.TextContent);
    }

    [Fact]
    public async Task WithNoCustomFields_TheCustomFieldsTabSaysSo()
    {
        await _app.WithDbAsync(db => db.CustomFields.Where(f => f.SenderCodeId == _code.Id).ExecuteDeleteAsync());
        using var client = await fixture.SignInAsync(_code);

        var page = await client.GetPageAsync($"/contacts/{_ada.Id}?tab=custom");

        Assert.Contains("There are no custom profile fields", page.QuerySelector("#custom-fields-pane")!.TextContent);
        Assert.Contains("active", page.QuerySelector("#custom-fields-pane")!.ClassList);
    }

    private static string? Value(IDocument page, string name) => page.QuerySelector($"input[name='{name}']")!.GetAttribute("value");

    private Task<Contact> LoadAsync() =>
        _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.CustomFieldValues).SingleAsync(c => c.Id == _ada.Id));

    private Task<CustomFieldDefinition> FieldAsync(string name, CustomFieldType type) =>
        _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = _code.Id, Name = name, Type = type, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field;
        });
}
