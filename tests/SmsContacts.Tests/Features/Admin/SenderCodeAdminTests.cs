using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;

namespace SmsContacts.Tests.Features.Admin;

public sealed class SenderCodeAdminTests(SharedApp fixture) : IClassFixture<SharedApp>
{
    private readonly AppFactory _app = fixture.App;

    [Fact]
    public async Task Admin_CreatesASenderCode_AndItAppearsInTheNavigation()
    {
        // A private app: the page before the first sender code needs an app that has none.
        await using var app = new AppFactory();
        using var client = await app.SignInAsync();
        var noCode = await client.GetPageAsync("/contacts");
        Assert.Contains("There is no sender code yet", noCode.QuerySelector("main")!.TextContent);

        var response = await client.SubmitFormAsync("/admin/sender-codes/new", "main form", new()
        {
            ["Code"] = "55123",
            ["Name"] = "Acme Retail",
            ["CountryCode"] = "US",
            ["HelpText"] = "Acme: help at acme.example. Reply STOP to cancel.",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var page = await client.GetPageAsync("/contacts");
        var picker = page.QuerySelector("select[aria-label='Sender code']")!;
        Assert.Contains("55123 – Acme Retail", picker.TextContent);
    }

    [Fact]
    public async Task SenderCode_WithABadOrDuplicateCode_IsRefusedWithAMessage()
    {
        var code = await fixture.NewSenderCodeAsync();
        using var client = await _app.SignInAsync();

        var bad = await client.SubmitFormAsync("/admin/sender-codes/new", "main form", new() { ["Code"] = "12ab", ["Name"] = "X", ["HelpText"] = "Help" });
        Assert.Contains("short code of 3 to 8 digits", await bad.Content.ReadAsStringAsync());

        var duplicate = await client.SubmitFormAsync("/admin/sender-codes/new", "main form", new() { ["Code"] = code.Code, ["Name"] = "X", ["HelpText"] = "Help" });
        Assert.Contains("That sender code already exists.", await duplicate.Content.ReadAsStringAsync());
        Assert.Equal(1, await _app.WithDbAsync(db => db.SenderCodes.CountAsync(s => s.Code == code.Code || s.Code == "12ab")));
    }

    [Fact]
    public async Task Admin_CreatesAListWithKeywordsAndDoubleOptIn_ThenEditsIt()
    {
        var code = await fixture.NewSenderCodeAsync();
        using var client = await _app.SignInAsync();

        var created = await client.SubmitFormAsync($"/admin/sender-codes/{code.Id}/lists/new", "main form", new()
        {
            ["Name"] = "Weekly Deals",
            ["Keywords"] = "deals, Weekly",
            ["DoubleOptIn"] = "true",
            ["WelcomeMessage"] = "Welcome to Weekly Deals!",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var list = await _app.WithDbAsync(db => db.Lists.Include(l => l.Keywords).SingleAsync(l => l.SenderCodeId == code.Id));
        Assert.True(list.DoubleOptIn);
        Assert.Equal(["DEALS", "WEEKLY"], list.Keywords.Select(k => k.Keyword).Order());

        var details = await client.GetPageAsync($"/admin/sender-codes/{code.Id}");
        Assert.Contains("DEALS, WEEKLY", details.QuerySelector("table")!.TextContent);

        var edited = await client.SubmitFormAsync($"/admin/sender-codes/lists/{list.Id}/edit", "main form", new() { ["Keywords"] = "DEALS, SAVE", ["DoubleOptIn"] = "false" });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var after = await _app.WithDbAsync(db => db.Lists.Include(l => l.Keywords).AsNoTracking().SingleAsync(l => l.SenderCodeId == code.Id));
        Assert.False(after.DoubleOptIn);
        Assert.Equal(["DEALS", "SAVE"], after.Keywords.Select(k => k.Keyword).Order());
    }

    [Theory]
    [InlineData("STOP", "reads as the opt-out word STOP")]
    [InlineData("Stop All", "reads as the opt-out word STOPALL")]
    [InlineData("opt-out", "reads as the opt-out word OPT OUT")]
    [InlineData("ＳＴＯＰ", "reads as the opt-out word STOP")]
    [InlineData("remove me", "reads as the opt-out word")]
    [InlineData("stpo", "might mean stop")]
    [InlineData("help", "is reserved")]
    [InlineData("Start", "is reserved")]
    [InlineData("yes", "is reserved")]
    [InlineData("VIP", "already joins another list")]
    [InlineData("v.i.p", "already joins another list")]
    [InlineData("a", "with 2 to 30 letters or digits")]
    [InlineData("!!", "with 2 to 30 letters or digits")]
    [InlineData("JOIN NOW, join-now", "are the same keyword")]
    public async Task ListKeyword_ThatIsReservedTakenOrMalformed_IsRefused(string keyword, string message)
    {
        var code = await fixture.NewSenderCodeAsync();
        await _app.Data.ListAsync(code.Id, "VIP", false, "VIP");
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{code.Id}/lists/new", "main form", new() { ["Name"] = "Other", ["Keywords"] = keyword });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync());
        Assert.Equal(1, await _app.WithDbAsync(db => db.Lists.CountAsync(l => l.SenderCodeId == code.Id)));
    }

    [Fact]
    public async Task List_WithoutJoinKeywords_IsFine()
    {
        var code = await fixture.NewSenderCodeAsync();
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{code.Id}/lists/new", "main form", new() { ["Name"] = "Walk-ins" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await _app.WithDbAsync(db => db.Lists.Include(l => l.Keywords).SingleAsync(l => l.SenderCodeId == code.Id));
        Assert.Equal("Walk-ins", list.Name);
        Assert.Empty(list.Keywords);
    }

    [Fact]
    public async Task ListKeyword_MayRepeatOnAnotherSenderCode()
    {
        var a = await fixture.NewSenderCodeAsync();
        var b = await fixture.NewSenderCodeAsync();
        await _app.Data.ListAsync(a.Id, "VIP", false, "VIP");
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync($"/admin/sender-codes/{b.Id}/lists/new", "main form", new() { ["Name"] = "VIP", ["Keywords"] = "VIP" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }
}
