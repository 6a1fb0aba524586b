using System.Net;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class SimulateInboundTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _promotions = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions", true, "DEALS");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task AdminMenu_LinksToSimulateInboundText()
    {
        using var client = await _app.SignInAsync();

        var page = await client.GetPageAsync("/contacts");

        var link = page.QuerySelectorAll("a.dropdown-item").Single(a => a.TextContent.Trim() == "Simulate inbound text");
        Assert.Equal("/admin/inbound/simulate", link.GetAttribute("href"));
    }

    [Fact]
    public async Task Admin_SimulatesAKeywordJoinAndItsConfirmation_ThroughTheSameRulesAsTheWebhook()
    {
        using var client = await _app.SignInAsync();
        var phone = TestPhones.Us(1);

        var (_, joined) = await client.FollowAsync(await client.SubmitFormAsync("/admin/inbound/simulate", "main form", new() { ["From"] = TestPhones.UsTyped(1), ["Body"] = "deals" }));

        Assert.Equal("Pending: asked to reply Y to confirm (double opt-in).", InboundApp.Text(joined.QuerySelector("[data-simulated=outcome]")));
        Assert.Equal($"{_code.Name}: Reply Y to confirm Promotions texts. Msg & data rates may apply. Reply STOP to cancel.", InboundApp.Text(joined.QuerySelector("[data-simulated=reply]")));
        Assert.Equal(SubscriptionStatus.Pending, Assert.Single((await _app.ContactAsync(phone))!.Subscriptions).Status);

        // The page keeps the number for the next text of the conversation.
        var form = joined.QuerySelector("main form")!;
        Assert.Equal(phone, form.QuerySelector("input[name=From]")!.GetAttribute("value"));
        var (_, confirmed) = await client.FollowAsync(await client.SubmitAsync((AngleSharp.Html.Dom.IHtmlFormElement)form, new() { ["Body"] = "Y" }, "/admin/inbound/simulate"));

        Assert.Equal("Confirmed: the pending subscriptions are active.", InboundApp.Text(confirmed.QuerySelector("[data-simulated=outcome]")));
        Assert.Equal(SubscriptionStatus.Active, Assert.Single((await _app.ContactAsync(phone))!.Subscriptions).Status);
        var confirmation = Assert.Single(await _app.ConsentEventsAsync(phone), e => e.Change == "Confirmed");
        Assert.Equal((ConsentSource.InboundText, AppFactory.AdminEmail), (confirmation.Source, confirmation.UserName));
        Assert.StartsWith("SIM", confirmation.MessageSid);
        Assert.Equal(
            [(MessageDirection.Inbound, "deals"), (MessageDirection.Outbound, $"{_code.Name}: Reply Y to confirm Promotions texts. Msg & data rates may apply. Reply STOP to cancel."), (MessageDirection.Inbound, "Y"), (MessageDirection.Outbound, $"{_code.Name}: Thanks, you are subscribed to Promotions. Reply HELP for help, STOP to cancel.")],
            (await _app.MessagesAsync(phone)).Select(m => (m.Direction, m.Body)));
    }

    [Fact]
    public async Task Admin_SimulatesStop_AndTheNumberIsOptedOutWithReasonStopKeyword()
    {
        var phone = TestPhones.Us(2);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_promotions]);
        using var client = await _app.SignInAsync();

        var (_, page) = await client.FollowAsync(await client.SubmitFormAsync("/admin/inbound/simulate", "main form", new() { ["From"] = phone, ["Body"] = "Stop" }));

        Assert.Contains("unsubscribed", InboundApp.Text(page.QuerySelector("[data-simulated=reply]")));
        Assert.Equal(OptOutReason.StopKeyword, (await _app.ContactAsync(phone))!.OptOutReason);
    }

    [Theory]
    [InlineData("Please remove me, thanks", "", "Opted out of the whole sender code: a plain-language opt-out (reason: STOP keyword).", true)]
    [InlineData("We have got to STOP this bill", "", "Might mean stop: waiting in Needs review for a person to opt the number out or dismiss it.", false)]
    [InlineData("ARRET", "STOP", "Opted out of the whole sender code: the provider read the text as STOP (reason: STOP keyword). The provider sends its own confirmation.", true)]
    public async Task Admin_SimulatesPlainLanguageAndProviderOptOuts_ThroughTheSameMatcher(string body, string optOutType, string outcome, bool optedOut)
    {
        var phone = TestPhones.Us(3);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_promotions]);
        using var client = await _app.SignInAsync();

        var (_, page) = await client.FollowAsync(await client.SubmitFormAsync("/admin/inbound/simulate", "main form", new() { ["From"] = phone, ["Body"] = body, ["OptOutType"] = optOutType }));

        Assert.Equal(outcome, InboundApp.Text(page.QuerySelector("[data-simulated=outcome]")));
        Assert.Equal(optedOut, (await _app.ContactAsync(phone))!.IsOptedOut);
        Assert.Equal(optOutType.Length > 0 ? "No reply." : optedOut ? $"{_code.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe." : "No reply.", InboundApp.Text(page.QuerySelector("[data-simulated=reply]")));
    }

    [Fact]
    public async Task SimulatedText_FromSomethingThatIsNoPhoneNumber_IsRefusedWithAMessage()
    {
        using var client = await _app.SignInAsync();

        var response = await client.SubmitFormAsync("/admin/inbound/simulate", "main form", new() { ["From"] = "12ab", ["Body"] = "" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await TestClient.ParseAsync(await response.Content.ReadAsStringAsync());
        Assert.Contains("contains letters", page.QuerySelector("[data-valmsg-for=From]")!.TextContent);
        Assert.Contains("Enter the text the number sends", page.QuerySelector("[data-valmsg-for=Body]")!.TextContent);
    }

    [Fact]
    public async Task Marketer_CannotSimulateInboundTexts()
    {
        await _app.Data.UserAsync("mia@example.com", UserRole.Marketer);
        using var mia = await _app.SignInAsync("mia@example.com", "marketer-password-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await mia.GetAsync("/admin/inbound/simulate")).StatusCode);
        var page = await mia.GetPageAsync("/contacts");
        Assert.DoesNotContain(page.QuerySelectorAll("a"), a => a.GetAttribute("href") == "/admin/inbound/simulate");
    }
}
