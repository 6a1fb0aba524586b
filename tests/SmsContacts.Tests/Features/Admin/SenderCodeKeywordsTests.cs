using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Admin;

/// <summary>
/// A sender code's own keywords on its page: extra opt-out, opt-in and help words (with the one-click Spanish
/// and French words), the opt-out confirmation, and join keywords that are whole phrases, never split.
/// </summary>
public sealed class SenderCodeKeywordsTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;

    public async Task InitializeAsync() => _code = await _app.Data.SenderCodeAsync("55123");

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task<SenderCode> ReloadAsync() => _app.WithDbAsync(db => db.SenderCodes.AsNoTracking().SingleAsync(s => s.Id == _code.Id));

    private async Task<HttpResponseMessage> EditAsync(TestClient client, Dictionary<string, string> fields) =>
        await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}/edit", "main form", fields);

    [Fact]
    public async Task OneClick_AddsTheSpanishWords_AndAFollowingAltoOptsOut()
    {
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}", $"form[action='/admin/sender-codes/{_code.Id}/words/es']", []);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = await ReloadAsync();
        Assert.Equal("ALTO, PARAR, DETENER, CANCELAR, BAJA, NO MAS", code.ExtraOptOutWords);
        Assert.Equal("AYUDA", code.ExtraHelpWords);
        var page = await client.GetPageAsync($"/admin/sender-codes/{_code.Id}");
        Assert.Contains("STOP, STOPALL, STOP ALL, QUIT, END, REVOKE, OPT OUT, CANCEL, UNSUBSCRIBE, ALTO, PARAR", page.QuerySelector("section[aria-labelledby='keywords-heading']")!.TextContent);
        Assert.Null(page.QuerySelector($"form[action='/admin/sender-codes/{_code.Id}/words/es']"));

        var phone = TestPhones.Us(1);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc));
        Assert.Contains("unsubscribed", await _app.TextAsync(phone, "¡Alto!"));
        Assert.Equal(OptOutReason.StopKeyword, (await _app.ContactAsync(phone))!.OptOutReason);

        // Then French too: both sets, nothing twice.
        await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}", $"form[action='/admin/sender-codes/{_code.Id}/words/fr']", []);
        code = await ReloadAsync();
        Assert.Equal("ALTO, PARAR, DETENER, CANCELAR, BAJA, NO MAS, ARRET, ARRETE, ARRETT", code.ExtraOptOutWords);
        Assert.Equal("AYUDA, AIDE", code.ExtraHelpWords);
    }

    [Fact]
    public async Task ExtraWords_AreSavedAsTyped_InCapitals()
    {
        using var client = await _app.SignInAsync();

        var response = await EditAsync(client, new()
        {
            ["ExtraOptOutWords"] = "basta,  no  mas ; stoppen",
            ["ExtraOptInWords"] = "volver",
            ["ExtraHelpWords"] = "ajuda",
            ["OptOutConfirmation"] = "Acme: you will get no more texts. Reply START or VOLVER to come back.",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var code = await ReloadAsync();
        Assert.Equal(("BASTA, NO MAS, STOPPEN", "VOLVER", "AJUDA"), (code.ExtraOptOutWords, code.ExtraOptInWords, code.ExtraHelpWords));
        Assert.Equal("Acme: you will get no more texts. Reply START or VOLVER to come back.", code.OptOutConfirmation);
    }

    [Theory]
    [InlineData("ExtraOptOutWords", "START", "already means opt-in (START)")]
    [InlineData("ExtraOptOutWords", "yes", "already means Y (confirm)")]
    [InlineData("ExtraOptOutWords", "Stop", "already a built-in opt-out word")]
    [InlineData("ExtraOptOutWords", "x", "at least 2 letters")]
    [InlineData("ExtraOptInWords", "STOP", "already means opt-out (STOP)")]
    [InlineData("ExtraOptInWords", "opt-out", "already means opt-out (OPT OUT)")]
    [InlineData("ExtraOptInWords", "stpo", "already means a request to stop")]
    [InlineData("ExtraOptInWords", "please remove me", "already means opt-out")]
    [InlineData("ExtraHelpWords", "cancel", "already means opt-out (CANCEL)")]
    [InlineData("ExtraHelpWords", "unstop", "already means opt-in (UNSTOP)")]
    [InlineData("ExtraHelpWords", "VIP", "joins the list VIP")]
    [InlineData("ExtraOptInWords", "v.i.p.", "joins the list VIP")]
    [InlineData("OptOutConfirmation", "Acme: you are out.", "must say how to resubscribe")]
    public async Task AWordThatWouldMeanTwoThings_IsRefusedWithAMessage(string field, string value, string message)
    {
        await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
        using var client = await _app.SignInAsync();

        var response = await EditAsync(client, new() { [field] = value });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        var code = await ReloadAsync();
        Assert.Equal((null, null, null, null), (code.ExtraOptOutWords, code.ExtraOptInWords, code.ExtraHelpWords, code.OptOutConfirmation));
    }

    [Fact]
    public async Task AnOptInWordOfTheSameForm_CannotBeAnOptOutWordToo()
    {
        using var client = await _app.SignInAsync();

        var response = await EditAsync(client, new() { ["ExtraOptOutWords"] = "BASTA", ["ExtraOptInWords"] = "basta" });

        Assert.Contains("already means opt-out (BASTA)", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task TheOneClickWords_AreRefused_WhenAListAlreadyJoinsWithOne()
    {
        await _app.Data.ListAsync(_code.Id, "Alto", false, "ALTO");
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}", $"form[action='/admin/sender-codes/{_code.Id}/words/es']", []);

        var (_, page) = await client.FollowAsync(response);
        Assert.Contains("The Spanish words were not added: \"ALTO\" joins the list Alto", page.QuerySelector(".alert-danger")!.TextContent);
        Assert.Null((await ReloadAsync()).ExtraOptOutWords);
    }

    [Fact]
    public async Task AJoinKeywordThatIsAnExtraWord_IsRefused()
    {
        await _app.WithDbAsync(db => db.SenderCodes.Where(s => s.Id == _code.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.ExtraOptOutWords, "ALTO").SetProperty(c => c.ExtraHelpWords, "AYUDA")));
        using var client = await _app.SignInAsync();

        foreach (var (keyword, message) in new[] { ("alto", "reads as the opt-out word ALTO"), ("Ayuda", "is reserved (AYUDA"), ("alto precio", "might mean stop"), ("alto ya", "reads as the opt-out word ALTO") })
        {
            var response = await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}/lists/new", "main form", new() { ["Name"] = "Deals", ["Keywords"] = keyword });
            Assert.Contains(message, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.Equal(0, await _app.WithDbAsync(db => db.Lists.CountAsync()));
    }

    [Fact]
    public async Task AJoinKeywordWithASpace_IsSavedAsOnePhrase_NeverSplit()
    {
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}/lists/new", "main form", new() { ["Name"] = "Now", ["Keywords"] = "Join  Now, summer sale 2026" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var keywords = await _app.WithDbAsync(db => db.ListKeywords.AsNoTracking().OrderBy(k => k.Keyword).ToListAsync());
        Assert.Equal([("JOIN NOW", "JOINNOW"), ("SUMMER SALE 2026", "SUMMERSALE2026")], keywords.Select(k => (k.Keyword, k.MatchKey)));

        // A lone "NOW" joins nothing, the phrase joins.
        Assert.Null(await _app.TextAsync(TestPhones.Us(2), "NOW"));
        Assert.Contains("You joined Now", await _app.TextAsync(TestPhones.Us(3), "Summer sale 2026!"));

        // And the same phrase spelled otherwise is the same keyword for another list.
        var again = await client.SubmitFormAsync($"/admin/sender-codes/{_code.Id}/lists/new", "main form", new() { ["Name"] = "Later", ["Keywords"] = "join-now" });
        Assert.Contains("already joins another list", WebUtility.HtmlDecode(await again.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task EveryBuiltInKeyword_HoweverSpelled_CannotJoinAList()
    {
        var matcher = InboundMatcher.Default;
        foreach (var word in InboundKeywords.OptOut.Concat(InboundKeywords.OptIn).Concat(InboundKeywords.Help).Concat(InboundKeywords.Confirm))
        {
            foreach (var spelled in new[] { word, word.ToLowerInvariant(), string.Join('-', word.ToCharArray()), $"{word}!", word + " 👍" })
            {
                Assert.True(Web.Features.SenderCodes.ListFormValidator.KeywordProblem(matcher, spelled) is not null, $"\"{spelled}\" could join a list");
            }
        }

        await Task.CompletedTask;
    }
}
