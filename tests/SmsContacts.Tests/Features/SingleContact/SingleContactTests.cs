using System.Net;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.SingleContact;

public sealed class SingleContactTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;
    private CustomFieldDefinition _memberSince = null!;
    private CustomFieldDefinition _points = null!;

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions");
        _memberSince = await FieldAsync("Member Since", CustomFieldType.Date);
        _points = await FieldAsync("Loyalty Points", CustomFieldType.Number);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task SingleContact_StoresTheNumberInE164_WithItsProfile_AndShowsItInTheGrid()
    {
        using var client = await fixture.SignInAsync(_code);

        var profile = await ContinueAsync(client, "(212) 200-0007", _vip.Id);
        var saved = await client.SubmitFormAsync(profile, "main form", new()
        {
            ["FirstName"] = "Ada",
            ["LastName"] = "Lovelace",
            ["Email"] = "ada@example.com",
            ["Birthday"] = "1990-04-23",
            ["PostalCode"] = "10001",
            [$"Custom[{_memberSince.Id}]"] = "2024-01-31",
            [$"Custom[{_points.Id}]"] = "1250.5",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var (_, dashboard) = await client.FollowAsync(saved);
        Assert.Contains($"{TestPhones.Us(7)} subscribed to VIP.", dashboard.QuerySelector("[role=status]")!.TextContent);
        var row = Assert.Single(Grid.Rows(dashboard));
        Assert.Equal((TestPhones.Us(7), "ada@example.com", "VIP"), (row["Phone"], row["Email"], row["List Name"]));

        var contact = await LoadAsync(7);
        Assert.Equal(("Ada", "Lovelace", new DateOnly(1990, 4, 23), "10001"), (contact.FirstName, contact.LastName, contact.Birthday!.Value, contact.PostalCode));
        Assert.Equal(["2024-01-31", "1250.5"], contact.CustomFieldValues.OrderBy(v => v.FieldId).Select(v => v.Value));
        var subscription = Assert.Single(contact.Subscriptions);
        Assert.Equal((SubscribeMethod.SingleContact, SubscriptionStatus.Active), (subscription.Method, subscription.Status));

        var recorded = Assert.Single(await EventsAsync(contact.Id));
        Assert.Equal(("Subscribed", "VIP", ConsentSource.SingleContact, AppFactory.AdminEmail), (recorded.Change, recorded.ListName, recorded.Source, recorded.UserName));
        Assert.NotNull(recorded.UserId);
    }

    [Fact]
    public async Task TheSameNumberTypedInThreeFormats_IsOneContactOnThreeLists()
    {
        var third = await _app.Data.ListAsync(_code.Id, "Weekly Deals");
        using var client = await fixture.SignInAsync(_code);

        await AddAsync(client, "(212) 200-0003", _vip.Id);
        await AddAsync(client, "212.200.0003", _promotions.Id);
        await AddAsync(client, "+1 212 200 0003", third.Id);

        var contact = Assert.Single(await _app.WithDbAsync(db => db.Contacts.Include(c => c.Subscriptions).Where(c => c.SenderCodeId == _code.Id).ToListAsync()));
        Assert.Equal(TestPhones.Us(3), contact.Phone);
        Assert.Equal(3, contact.Subscriptions.Count);
        Assert.Equal(3, Grid.Rows(await client.GetPageAsync("/contacts")).Count);
    }

    [Fact]
    public async Task AddingAnExistingContactToASecondList_ShowsItsProfile_AndKeepsIt()
    {
        using var client = await fixture.SignInAsync(_code);
        var first = await ContinueAsync(client, TestPhones.UsTyped(4), _vip.Id);
        await client.SubmitFormAsync(first, "main form", new() { ["FirstName"] = "Grace", [$"Custom[{_points.Id}]"] = "10" });

        var second = await ContinueAsync(client, TestPhones.Us(4), _promotions.Id);
        Assert.Equal("Grace", second.QuerySelector("input[name=FirstName]")!.GetAttribute("value"));
        Assert.Equal("10", second.QuerySelector($"input[name='Custom[{_points.Id}]']")!.GetAttribute("value"));
        Assert.Contains("already a contact", second.QuerySelector("main")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitFormAsync(second, "main form", [])).StatusCode);

        var contact = await LoadAsync(4);
        Assert.Equal("Grace", contact.FirstName);
        Assert.Equal([_vip.Id, _promotions.Id], contact.Subscriptions.Select(s => s.ListId).Order());
    }

    [Fact]
    public async Task AnInvalidNumber_IsRefusedNextToTheField()
    {
        using var client = await fixture.SignInAsync(_code);
        var response = await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = "555-01", ["ListId"] = _vip.Id.ToString() });
        var page = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not a valid phone number", FieldError(page, "Phone"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == _code.Id)));
    }

    [Fact]
    public async Task ABlankNumber_IsAskedFor()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await TestClient.ReadAsync(await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = " ", ["ListId"] = _vip.Id.ToString() }));
        Assert.Equal("Phone number is required.", FieldError(page, "Phone"));
    }

    [Fact]
    public async Task NoListChosen_IsRefusedNextToTheList()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await TestClient.ReadAsync(await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = TestPhones.Us(1) }));
        Assert.Equal("Select a list.", FieldError(page, "ListId"));
    }

    [Fact]
    public async Task AMalformedEmail_AnImpossibleBirthday_AndAWrongCustomValue_AreRefused_AndNothingIsSaved()
    {
        using var client = await fixture.SignInAsync(_code);
        var profile = await ContinueAsync(client, TestPhones.UsTyped(5), _vip.Id);

        var response = await client.SubmitFormAsync(profile, "main form", new()
        {
            ["Email"] = "ada-at-example.com",
            ["Birthday"] = "2025-02-30",
            [$"Custom[{_memberSince.Id}]"] = "tomorrowish",
            [$"Custom[{_points.Id}]"] = "lots",
        });
        var page = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("is not an email address", FieldError(page, "Email"));
        Assert.Contains("is not a real date", FieldError(page, "Birthday"));
        Assert.Contains("Member Since: \"tomorrowish\" is not a date", page.QuerySelector($"#custom-{_memberSince.Id}-error")!.TextContent);
        Assert.Contains("Loyalty Points: \"lots\" is not a number", page.QuerySelector($"#custom-{_points.Id}-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector($"#custom-{_memberSince.Id}")!.GetAttribute("aria-invalid"));

        // What was typed stays in the form, so nothing is lost while it is corrected.
        Assert.Equal("ada-at-example.com", page.QuerySelector("input[name=Email]")!.GetAttribute("value"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == _code.Id)));
        Assert.Equal(0, await _app.WithDbAsync(db => db.ConsentEvents.CountAsync(e => e.SenderCodeId == _code.Id)));
    }

    [Fact]
    public async Task ABannedNumber_CannotBeAddedAgain_AndTheMessageSaysWhy()
    {
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(6), OptOutReason.Banned, DateTime.UtcNow);
        using var client = await fixture.SignInAsync(_code);

        var response = await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = TestPhones.UsTyped(6), ["ListId"] = _vip.Id.ToString() });
        var page = await TestClient.ReadAsync(response);
        Assert.Contains("is banned from this sender code", FieldError(page, "Phone"));

        // Skipping step one and posting the save directly is refused the same way.
        var direct = await client.PostWithTokenAsync("/contacts/add/save", new() { ["Phone"] = TestPhones.Us(6), ["ListId"] = _vip.Id.ToString(), ["FirstName"] = "Eve" });
        Assert.Contains("is banned from this sender code", FieldError(await TestClient.ReadAsync(direct), "Phone"));

        var contact = await LoadAsync(6);
        Assert.Empty(contact.Subscriptions);
        Assert.Null(contact.FirstName);
        Assert.Equal(OptOutReason.Banned, contact.OptOutReason);
    }

    [Fact]
    public async Task AnOptedOutNumber_IsRefused_WithItsReasonAndHowItCanComeBack()
    {
        await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(8), OptOutReason.StopKeyword, new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        using var client = await fixture.SignInAsync(_code);

        var page = await TestClient.ReadAsync(await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = TestPhones.Us(8), ["ListId"] = _vip.Id.ToString() }));

        var error = FieldError(page, "Phone");
        Assert.Contains("opted out (STOP keyword) on Mar 1, 2026", error);
        Assert.Contains("START", error);
        Assert.Empty((await LoadAsync(8)).Subscriptions);
    }

    [Fact]
    public async Task ANumberAlreadyOnTheList_IsToldSo()
    {
        await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(9), DateTime.UtcNow, null, SubscriptionStatus.Active, _vip);
        using var client = await fixture.SignInAsync(_code);

        var page = await TestClient.ReadAsync(await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = TestPhones.UsTyped(9), ["ListId"] = _vip.Id.ToString() }));

        Assert.Equal($"{TestPhones.Us(9)} is already subscribed to VIP.", FieldError(page, "ListId"));
    }

    [Fact]
    public async Task AListOfAnotherSenderCode_CannotBeChosen()
    {
        var other = await fixture.NewSenderCodeAsync();
        var foreign = await _app.Data.ListAsync(other.Id, "Outlet News");
        using var client = await fixture.SignInAsync(_code);

        var response = await client.PostWithTokenAsync("/contacts/add/save", new() { ["Phone"] = TestPhones.Us(10), ["ListId"] = foreign.Id.ToString() });

        Assert.Contains("does not belong to this sender code", FieldError(await TestClient.ReadAsync(response), "ListId"));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == _code.Id)));
    }

    [Fact]
    public async Task SomeoneElseChangingTheContactMeanwhile_RefusesTheSave_AndShowsTheCurrentValues()
    {
        using var client = await fixture.SignInAsync(_code);
        var first = await ContinueAsync(client, TestPhones.Us(11), _vip.Id);
        await client.SubmitFormAsync(first, "main form", new() { ["FirstName"] = "Ada" });

        var mine = await ContinueAsync(client, TestPhones.Us(11), _promotions.Id);
        await _app.WithDbAsync(async db =>
        {
            var contact = await db.Contacts.SingleAsync(c => c.SenderCodeId == _code.Id);
            contact.FirstName = "Augusta";
            contact.Version++;
            await db.SaveChangesAsync();
        });

        var response = await client.SubmitFormAsync(mine, "main form", new() { ["FirstName"] = "Countess" });
        var page = await TestClient.ReadAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("changed by someone else", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Equal("Augusta", page.QuerySelector("input[name=FirstName]")!.GetAttribute("value"));
        Assert.Contains("Countess", page.QuerySelector("table[aria-label='Your values that were not saved']")!.TextContent);
        var stored = await LoadAsync(11);
        Assert.Equal("Augusta", stored.FirstName);
        Assert.Single(stored.Subscriptions);
    }

    [Fact]
    public async Task AMarketer_CanAddASingleContact()
    {
        var marketer = fixture.NewEmail("marketer");
        await _app.Data.UserAsync(marketer, UserRole.Marketer);
        using var client = await fixture.SignInAsync(_code, marketer, "marketer-password-1");

        await AddAsync(client, TestPhones.UsTyped(12), _vip.Id);

        Assert.Equal(marketer, (await _app.WithDbAsync(db => db.ConsentEvents.SingleAsync(e => e.SenderCodeId == _code.Id))).UserName);
    }

    [Fact]
    public async Task TheDashboard_OffersAddContactsSingleContact()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync("/contacts");

        var menu = page.QuerySelectorAll(".dropdown").Single(d => d.QuerySelector("button")?.TextContent == "Add Contacts");
        var item = menu.QuerySelectorAll(".dropdown-item").Single(a => a.TextContent == "Single Contact");
        Assert.Equal("/contacts/add", item.GetAttribute("href"));
    }

    private async Task<IDocument> ContinueAsync(TestClient client, string phone, int listId)
    {
        var response = await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = phone, ["ListId"] = listId.ToString() });
        var page = await TestClient.ReadAsync(response);
        Assert.True(page.QuerySelector("form[action='/contacts/add/save']") is not null, page.QuerySelector("main")?.TextContent);
        return page;
    }

    private async Task AddAsync(TestClient client, string phone, int listId)
    {
        var saved = await client.SubmitFormAsync(await ContinueAsync(client, phone, listId), "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
    }

    private static string FieldError(IDocument page, string field) =>
        page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? throw new InvalidOperationException($"No message for {field}");

    private Task<Contact> LoadAsync(int n) =>
        _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).Include(c => c.CustomFieldValues).SingleAsync(c => c.SenderCodeId == _code.Id && c.Phone == TestPhones.Us(n)));

    private Task<List<ConsentEvent>> EventsAsync(long contactId) =>
        _app.WithDbAsync(db => db.ConsentEvents.Where(e => e.ContactId == contactId).OrderBy(e => e.Id).ToListAsync());

    private Task<CustomFieldDefinition> FieldAsync(string name, CustomFieldType type) =>
        _app.WithDbAsync(async db =>
        {
            var field = new CustomFieldDefinition { SenderCodeId = _code.Id, Name = name, Type = type, CreatedUtc = DateTime.UtcNow };
            db.CustomFields.Add(field);
            await db.SaveChangesAsync();
            return field;
        });
}
