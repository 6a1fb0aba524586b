using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Tests.Features.Account;

/// <summary>
/// The sender code belongs to the browser session (remembered as the user's default for the next sign-in), every
/// form carries the code its page showed, and an import draft belongs to the user who started it.
/// </summary>
public sealed class SenderCodePerBrowserTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private const string Password = "two-brands-password-1";

    private readonly AppFactory _app = fixture.App;
    private readonly string _marketer = fixture.NewEmail("two-brands");
    private SenderCode _a = null!;
    private SenderCode _b = null!;
    private ContactList _listA = null!;
    private string _marketerId = "";

    public async Task InitializeAsync()
    {
        _a = await fixture.NewSenderCodeAsync();
        _b = await fixture.NewSenderCodeAsync();
        _listA = await _app.Data.ListAsync(_a.Id, "A list");
        await _app.Data.ListAsync(_b.Id, "B list");
        await _app.Data.UserAsync(_marketer, UserRole.Marketer, Password, [_a.Id, _b.Id]);
        _marketerId = await _app.WithDbAsync(db => db.Users.Where(u => u.Email == _marketer).Select(u => u.Id).SingleAsync());
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoBrowsersOfOneUser_WorkInTwoSenderCodes_AndTheLastChoiceIsTheNextSignInsDefault()
    {
        using var first = await _app.SignInAsync(_marketer, Password);
        using var second = await _app.SignInAsync(_marketer, Password);
        Assert.Equal(_a.Code, await ShownCodeAsync(first, "/contacts"));

        await SwitchAsync(second, _b);

        Assert.Equal(_b.Code, await ShownCodeAsync(second, "/contacts"));
        Assert.Equal(_a.Code, await ShownCodeAsync(first, "/contacts"));
        Assert.Equal(_b.Id, await _app.WithDbAsync(db => db.Users.Where(u => u.Id == _marketerId).Select(u => u.SelectedSenderCodeId).SingleAsync()));

        using var third = await _app.SignInAsync(_marketer, Password);
        Assert.Equal(_b.Code, await ShownCodeAsync(third, "/contacts"));
    }

    [Fact]
    public async Task EveryPostFormCarriesThePagesSenderCode()
    {
        using var client = await _app.SignInAsync(_marketer, Password);
        foreach (var url in new[] { "/contacts", "/contacts/add", "/exports/new?Kind=Contacts", "/contacts/needs-review", "/account/password" })
        {
            var page = await client.GetPageAsync(url);
            var forms = page.QuerySelectorAll("form[method=post]").ToList();
            Assert.NotEmpty(forms);
            Assert.All(forms, form => Assert.Equal(_a.Id.ToString(), form.QuerySelector($"input[name={SenderCodeScope.PageField}]")?.GetAttribute("value")));
        }

        var upload = await client.GetPageAsync("/imports/new");
        Assert.Equal($"/imports/upload?{SenderCodeScope.PageField}={_a.Id}", upload.QuerySelector("#upload-form")!.GetAttribute("action"));
    }

    [Fact]
    public async Task AStalePagesForm_AppliesToTheSenderCodeThePageShowed_AndItsRedirectStaysThere()
    {
        using var client = await _app.SignInAsync(_marketer, Password);
        var stale = await client.GetPageAsync("/contacts/add");
        Assert.Contains(_a.Code, stale.QuerySelector("h1")!.TextContent);

        // Another tab of the same browser switches to B.
        await SwitchAsync(client, _b);

        var continued = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)stale.QuerySelector("main form")!, new() { ["Phone"] = "415-555-0134", ["ListId"] = _listA.Id.ToString() }, "/contacts/add");
        Assert.Equal(HttpStatusCode.OK, continued.StatusCode);
        var profile = await TestClient.ReadAsync(continued);
        Assert.Contains("A list", profile.QuerySelector("main")!.TextContent);

        var saved = await client.SubmitFormAsync(profile, "main form", []);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal($"/contacts?{SenderCodeScope.PageField}={_a.Id}", saved.Headers.Location!.OriginalString);
        Assert.Equal(_a.Code, await ShownCodeAsync(client, saved.Headers.Location.OriginalString));

        var contact = await _app.WithDbAsync(db => db.Contacts.SingleAsync(c => c.Phone == "+14155550134" && (c.SenderCodeId == _a.Id || c.SenderCodeId == _b.Id)));
        Assert.Equal(_a.Id, contact.SenderCodeId);

        // The tab that switched still works in B.
        Assert.Equal(_b.Code, await ShownCodeAsync(client, "/contacts"));
    }

    [Fact]
    public async Task AStalePageOfASenderCodeTakenAway_IsRefusedWithAMessage_AndChangesNothing()
    {
        using var client = await _app.SignInAsync(_marketer, Password);
        var stale = await client.GetPageAsync("/contacts/add");
        await _app.WithServiceAsync<SenderCodeAccess, int>(async access =>
        {
            await access.AssignAsync(_marketerId, [_b.Id], CancellationToken.None);
            return 0;
        });

        var response = await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)stale.QuerySelector("main form")!, new() { ["Phone"] = "415-555-0135", ["ListId"] = _listA.Id.ToString() }, "/contacts/add");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Nothing was changed", (await TestClient.ReadAsync(response)).QuerySelector("main")!.TextContent);
        Assert.Equal(_b.Code, await ShownCodeAsync(client, "/contacts"));
    }

    [Fact]
    public async Task AnImportDraft_BelongsToTheUserWhoStartedIt()
    {
        var colleagueEmail = fixture.NewEmail("colleague");
        await _app.Data.UserAsync(colleagueEmail, UserRole.Marketer, Password, [_a.Id]);
        using var starter = await _app.SignInAsync(_marketer, Password);
        using var colleague = await _app.SignInAsync(colleagueEmail, Password);
        var importId = await new ImportDriver(_app, starter).UploadOkAsync("contacts.csv", Encoding.UTF8.GetBytes("Phone\n4155550140\n"));
        Assert.Equal(HttpStatusCode.OK, (await starter.GetAsync($"/imports/{importId}/settings")).StatusCode);

        foreach (var url in new[] { $"/imports/{importId}/settings", $"/imports/{importId}/layout", $"/imports/{importId}/preview", $"/imports/{importId}" })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await colleague.GetAsync(url)).StatusCode);
        }

        var settings = await colleague.PostWithTokenAsync($"/imports/{importId}/settings", ImportDriver.Settings(_listA.Id));
        var start = await colleague.PostWithTokenAsync($"/imports/{importId}/layout", new() { ["Columns[0]"] = "Phone" });
        Assert.Equal(HttpStatusCode.NotFound, settings.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await colleague.PostWithTokenAsync($"/imports/{importId}/import", new() { ["run"] = Guid.NewGuid().ToString() })).StatusCode);
        var draft = await _app.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));
        Assert.Equal(ImportStatus.Draft, draft.Status);
        Assert.Null(draft.Settings.ListId);
        Assert.DoesNotContain("contacts.csv", (await colleague.GetPageAsync("/imports")).QuerySelector("main")!.TextContent);
    }

    private static async Task SwitchAsync(TestClient client, SenderCode code)
    {
        var response = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = code.Id.ToString(), ["returnUrl"] = "/contacts" });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static async Task<string> ShownCodeAsync(TestClient client, string url)
    {
        var page = await client.GetPageAsync(url);
        return page.QuerySelector("#sender-code option[selected]")!.TextContent.Split(' ')[0];
    }
}
