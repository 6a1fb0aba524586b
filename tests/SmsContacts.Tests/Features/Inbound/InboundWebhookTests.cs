using System.Collections.Specialized;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using Twilio.Security;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class InboundWebhookTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;
    private ContactList _promotions = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
        _promotions = await _app.Data.ListAsync(_code.Id, "Promotions", true, "DEALS");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public void PublishedExample_FromTwilioHelperLibraryTests_GivesThePublishedSignature()
    {
        // twilio/twilio-csharp test/Twilio.Test/Security/RequestValidatorTest.cs: auth token "12345".
        const string url = "https://mycompany.com/myapp.php?foo=1&bar=2";
        var fields = new NameValueCollection
        {
            { "CallSid", "CA1234567890ABCDE" },
            { "From", "+14158675309" },
            { "Digits", "1234" },
            { "To", "+18005551212" },
            { "Caller", "+14158675309" },
        };
        const string published = "RSOYDt4T1cUTdK1PDd93/VVr8B8=";

        Assert.Equal(published, TwilioSigner.Sign("12345", url, fields.AllKeys.Select(k => new KeyValuePair<string, string>(k!, fields[k]!))));
        Assert.True(new RequestValidator("12345").Validate(url, fields, published));
        Assert.False(new RequestValidator("12345").Validate(url, fields, "NOT" + published));
    }

    [Fact]
    public async Task SignedStop_OptsTheNumberOutOfTheWholeSenderCode_WithOneShortReply()
    {
        var phone = TestPhones.Us(1);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip, _promotions]);
        var sid = _app.NextSid();

        var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", _app.InboundFields(phone, "STOP", sid: sid));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/xml", response.Content.Headers.ContentType!.ToString());
        var reply = InboundApp.ReplyOf(await response.Content.ReadAsStringAsync());
        Assert.Equal($"{_code.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe.", reply);

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, contact.OptedOutUtc);
        Assert.Empty(contact.Subscriptions);

        // One event for each list the STOP took the number off, then the sender code's: all the same message, reason and instant.
        var optOuts = (await _app.ConsentEventsAsync(phone)).Where(e => e.Change == "Opted out").ToList();
        Assert.Equal([_promotions.Name, _vip.Name, null], optOuts.Select(e => e.ListName).Order(StringComparer.Ordinal).OrderBy(n => n is null).ToList());
        Assert.All(optOuts, e => Assert.Equal((sid, "Opted out (STOP keyword)", contact.OptedOutUtc), (e.MessageSid, e.StateAfter, (DateTime?)e.OccurredUtc)));
        Assert.All(optOuts.Where(e => e.ListId is not null), e => Assert.Equal("Subscribed", e.StateBefore));
        var optOut = optOuts[^1];
        Assert.Null(optOut.ListId);
        Assert.Equal(ConsentSource.InboundText, optOut.Source);
        Assert.Equal(sid, optOut.MessageSid);
        Assert.Equal("Opted out (STOP keyword)", optOut.StateAfter);

        var messages = await _app.MessagesAsync(phone);
        Assert.Collection(
            messages,
            inbound =>
            {
                Assert.Equal((MessageDirection.Inbound, "STOP", DeliveryStatus.Received, sid), (inbound.Direction, inbound.Body, inbound.Status, inbound.ProviderMessageId));
                Assert.Equal(contact.Id, inbound.ContactId);
            },
            outbound =>
            {
                Assert.Equal((MessageDirection.Outbound, reply, DeliveryStatus.Sent), (outbound.Direction, outbound.Body, outbound.Status));
                Assert.Equal(contact.Id, outbound.ContactId);
            });
    }

    [Fact]
    public async Task EveryStopWord_InAnyCase_WithSpacesOrPunctuation_OptsTheNumberOut()
    {
        string[] texts =
        [
            "STOP", "stop", "  Stop  ", "Stop.", "STOP!!", "StopAll", "UNSUBSCRIBE", "unsubscribe.", "Cancel", "cancel!", "END", "end",
            "Quit", "REVOKE", "revoke", "OPTOUT", "optout", "OPT OUT", "opt out", "Opt   Out", "\tstop\n", "¡Stop!", "\"stop\"", "stop 🛑",
        ];
        for (var i = 0; i < texts.Length; i++)
        {
            var phone = TestPhones.Us(100 + i);
            await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);

            var reply = await _app.TextAsync(phone, texts[i]);

            Assert.Contains("unsubscribed", reply);
            var contact = (await _app.ContactAsync(phone))!;
            Assert.True(contact.OptOutReason == OptOutReason.StopKeyword, $"\"{texts[i]}\" did not opt the number out.");
            Assert.Empty(contact.Subscriptions);
        }
    }

    [Theory]
    [InlineData("We have got to STOP this bill")]
    [InlineData("don't stop")]
    [InlineData("stpo")]
    public async Task TextsThatMightMeanStop_WaitInNeedsReview_AndChangeNothingYet(string text)
    {
        var phone = TestPhones.Us(2);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);

        Assert.Null(await _app.TextAsync(phone, text));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);

        // Last Message Date is when a text was last sent TO the number; its own text, unanswered, is not one.
        Assert.Null(contact.LastMessageUtc);
        var message = Assert.Single(await _app.MessagesAsync(phone));
        Assert.Equal(text, message.Body);
        var review = Assert.Single(await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().ToListAsync()));
        Assert.Equal((message.Id, phone, contact.Id, (DateTime?)null), (review.MessageId, review.Phone, review.ContactId, review.DecidedUtc));
        Assert.NotEmpty(review.Reason);
    }

    [Fact]
    public async Task StopFromANumberWeDoNotKnow_IsRecordedAsOptedOut_SoNothingLaterCanSubscribeIt()
    {
        var phone = TestPhones.Us(3);

        Assert.Contains("unsubscribed", await _app.TextAsync(phone.Replace("+1", "", StringComparison.Ordinal), "stop"));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        Assert.Equal(_code.Id, contact.SenderCodeId);

        // What an import (or a user adding the number) meets afterwards: the consent rules refuse it.
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var tracked = await db.Contacts.Include(c => c.Subscriptions).SingleAsync(c => c.Phone == phone);
            var outcome = scope.ServiceProvider.GetRequiredService<ContactConsent>()
                .Subscribe(tracked, _vip, new SubscriptionRequest(SubscribeMethod.Import), new ConsentActor(ConsentSource.Import));
            Assert.Equal(SubscribeOutcome.RefusedOptedOut, outcome);
        }

        using var client = await _app.SignInAsync();
        var page = await client.GetPageAsync("/contacts?tab=opted-out");
        var row = Assert.Single(Grid.Rows(page));
        Assert.Equal(phone, row["Phone"]);
        Assert.Equal("STOP keyword", row["Reason"]);
    }

    [Theory]
    [InlineData("START")]
    [InlineData(" unstop ")]
    public async Task Start_AfterStop_PutsTheNumberBackOnTheListsItLeft(string start)
    {
        var phone = TestPhones.Us(4);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        await _app.TextAsync(phone, "STOP");
        var startSid = _app.NextSid();

        var reply = await _app.TextAsync(phone, start, sid: startSid);

        Assert.Equal($"{_code.Name}: You are resubscribed and will receive messages again. Reply HELP for help, STOP to cancel.", reply);
        var contact = (await _app.ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        var back = Assert.Single(contact.Subscriptions);
        Assert.Equal((_vip.Id, SubscriptionStatus.Active), (back.ListId, back.Status));
        var events = await _app.ConsentEventsAsync(phone);
        Assert.Contains(events, e => e.Change == "Resubscribed" && e.ListId == _vip.Id && e.MessageSid == startSid);
        Assert.Contains(events, e => e.Change == "Opted back in" && e.StateBefore == "Opted out (STOP keyword)" && e.StateAfter == "Subscribed" && e.MessageSid == startSid);
    }

    [Fact]
    public async Task Start_FromABannedNumber_IsRefused_AndItStaysBanned()
    {
        var phone = TestPhones.Us(5);
        await _app.Data.OptedOutAsync(_code.Id, phone, OptOutReason.Banned, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Null(await _app.TextAsync(phone, "START"));
        Assert.Null(await _app.TextAsync(phone, "VIP"));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal(OptOutReason.Banned, contact.OptOutReason);
        Assert.Empty(contact.Subscriptions);
        Assert.Empty(await _app.ConsentEventsAsync(phone));
        Assert.All(await _app.MessagesAsync(phone), m => Assert.Equal(MessageDirection.Inbound, m.Direction));
    }

    [Fact]
    public async Task Start_FromANumberThatIsNotOptedOut_ChangesNothing()
    {
        var phone = TestPhones.Us(6);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);

        Assert.Contains("You are not opted out", await _app.TextAsync(phone, "start"));

        Assert.Empty(await _app.ConsentEventsAsync(phone));
    }

    [Theory]
    [InlineData("HELP")]
    [InlineData("help?")]
    [InlineData(" Info ")]
    public async Task HelpAndInfo_AnswerWithTheSenderCodesHelpText_AndChangeNothing(string text)
    {
        var phone = TestPhones.Us(7);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);

        Assert.Equal("Test help. Reply STOP to cancel.", await _app.TextAsync(phone, text));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Single(contact.Subscriptions);
        Assert.Empty(await _app.ConsentEventsAsync(phone));
        Assert.Equal([MessageDirection.Inbound, MessageDirection.Outbound], (await _app.MessagesAsync(phone)).Select(m => m.Direction));
    }

    [Fact]
    public async Task JoinKeyword_SubscribesByKeyword_AndEntersTheListsJourney()
    {
        var phone = TestPhones.Us(8);
        await _app.SetWelcomeMessageAsync(_vip.Id, "Welcome to VIP! Show this text for 10% off.");

        var reply = await _app.TextAsync(phone, " vip! ");

        Assert.Equal($"{_code.Name}: You joined VIP. Msg & data rates may apply. Reply HELP for help, STOP to cancel.", reply);
        var subscription = Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
        Assert.Equal((_vip.Id, SubscriptionStatus.Active, SubscribeMethod.Keyword, "VIP"), (subscription.ListId, subscription.Status, subscription.Method, subscription.Keyword));
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, subscription.SubscribedUtc);

        var messages = await _app.MessagesAsync(phone);
        Assert.Equal(
            [(MessageDirection.Inbound, " vip! ", DeliveryStatus.Received), (MessageDirection.Outbound, reply!, DeliveryStatus.Sent), (MessageDirection.Outbound, "Welcome to VIP! Show this text for 10% off.", DeliveryStatus.Queued)],
            messages.Select(m => (m.Direction, m.Body, m.Status)));
        Assert.All(messages, m => Assert.NotNull(m.ContactId));

        Assert.Contains("already subscribed to VIP", await _app.TextAsync(phone, "VIP"));
        Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
    }

    [Theory]
    [InlineData("Y")]
    [InlineData("yes")]
    [InlineData(" Yes! ")]
    public async Task DoubleOptInList_KeywordMakesThePendingSubscription_AndYConfirmsIt(string confirmation)
    {
        var phone = TestPhones.Us(9);
        await _app.SetWelcomeMessageAsync(_promotions.Id, "Promotions: your first deal is inside.");

        Assert.Equal($"{_code.Name}: Reply Y to confirm Promotions texts. Msg & data rates may apply. Reply STOP to cancel.", await _app.TextAsync(phone, "deals"));
        var pending = Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
        Assert.Equal(SubscriptionStatus.Pending, pending.Status);
        Assert.DoesNotContain(await _app.MessagesAsync(phone), m => m.Status == DeliveryStatus.Queued);

        Assert.Contains("Thanks, you are subscribed to Promotions", await _app.TextAsync(phone, confirmation));

        var active = Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
        Assert.Equal((SubscriptionStatus.Active, SubscribeMethod.Keyword, "DEALS"), (active.Status, active.Method, active.Keyword));
        Assert.NotNull(active.ConfirmedUtc);
        Assert.Contains(await _app.ConsentEventsAsync(phone), e => e.Change == "Confirmed" && e.ListId == _promotions.Id);
        Assert.Single(await _app.MessagesAsync(phone), m => m.Status == DeliveryStatus.Queued && m.Body == "Promotions: your first deal is inside.");
    }

    [Fact]
    public async Task AnyOtherReplyToAPendingConfirmation_MakesAnOtherContact_KeepingTheReply()
    {
        var phone = TestPhones.Us(10);
        await _app.TextAsync(phone, "DEALS");
        _app.Clock.Advance(TimeSpan.FromMinutes(7));

        Assert.Null(await _app.TextAsync(phone, "maybe later"));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Empty(contact.Subscriptions);
        Assert.Equal("maybe later", contact.OtherReply);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, contact.OtherReplyUtc);
        Assert.Contains(await _app.ConsentEventsAsync(phone), e => e.Change == "Confirmation refused" && e.StateAfter == "Not subscribed");

        using var client = await _app.SignInAsync();
        var row = Assert.Single(Grid.Rows(await client.GetPageAsync("/contacts?tab=other")));
        Assert.Equal(phone, row["Phone"]);

        // A late Y no longer confirms anything.
        Assert.Null(await _app.TextAsync(phone, "Y"));
        Assert.Empty((await _app.ContactAsync(phone))!.Subscriptions);
    }

    [Fact]
    public async Task StopWhilePending_ThenStart_DoesNotTurnTheUnconfirmedSubscriptionActive()
    {
        var phone = TestPhones.Us(11);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        await _app.TextAsync(phone, "DEALS");

        await _app.TextAsync(phone, "STOP");
        await _app.TextAsync(phone, "START");

        var subscription = Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
        Assert.Equal((_vip.Id, SubscriptionStatus.Active), (subscription.ListId, subscription.Status));
    }

    [Fact]
    public async Task JoinKeyword_FromAnOptedOutNumber_DoesNotSubscribeIt()
    {
        var phone = TestPhones.Us(12);
        await _app.Data.OptedOutAsync(_code.Id, phone, OptOutReason.Manual, new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc));

        Assert.Equal($"{_code.Name}: You opted out earlier. Reply START to receive messages again.", await _app.TextAsync(phone, "VIP"));

        var contact = (await _app.ContactAsync(phone))!;
        Assert.Equal(OptOutReason.Manual, contact.OptOutReason);
        Assert.Empty(contact.Subscriptions);
    }

    [Fact]
    public async Task TheTextsAndOurReplies_ShowInTheContactsMessageActivity()
    {
        var phone = TestPhones.Us(19);
        await _app.SetWelcomeMessageAsync(_vip.Id, "Welcome to VIP!");
        await _app.TextAsync(phone, "VIP");
        _app.Clock.Advance(TimeSpan.FromMinutes(1));
        await _app.TextAsync(phone, "stop");
        var contact = (await _app.ContactAsync(phone))!;

        using var client = await _app.SignInAsync();
        var page = await client.GetPageAsync($"/contacts/{contact.Id}/activity");

        var rows = page.QuerySelectorAll("table tbody tr")
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(cells => (cells[0], cells[1], cells[4]))
            .ToList();
        Assert.Equal(
            [
                ("Outbound", $"{_code.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe.", "Sent"),
                ("Inbound", "stop", "Succeeded"),
                ("Outbound", "Welcome to VIP!", "Queued"),
                ("Outbound", $"{_code.Name}: You joined VIP. Msg & data rates may apply. Reply HELP for help, STOP to cancel.", "Sent"),
                ("Inbound", "VIP", "Succeeded"),
            ],
            rows);
    }

    [Fact]
    public async Task TheSameMessageSidTwice_ChangesNothingTheSecondTime()
    {
        var phone = TestPhones.Us(13);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        var stop = _app.InboundFields(phone, "STOP");
        Assert.NotNull(InboundApp.ReplyOf(await (await _app.PostWebhookAsync("/webhooks/sms/inbound", stop)).Content.ReadAsStringAsync()));
        await _app.TextAsync(phone, "START");
        var messages = (await _app.MessagesAsync(phone)).Count;
        var events = (await _app.ConsentEventsAsync(phone)).Count;

        // The provider delivers the STOP again (a retry): it must not undo the START that came after it.
        var replay = await _app.PostWebhookAsync("/webhooks/sms/inbound", stop);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Null(InboundApp.ReplyOf(await replay.Content.ReadAsStringAsync()));
        var contact = (await _app.ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Single(contact.Subscriptions);
        Assert.Equal(messages, (await _app.MessagesAsync(phone)).Count);
        Assert.Equal(events, (await _app.ConsentEventsAsync(phone)).Count);
    }

    [Fact]
    public async Task TheSameMessageSidPostedConcurrently_IsHandledOnce()
    {
        var phone = TestPhones.Us(14);
        var join = _app.InboundFields(phone, "VIP");

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _app.PostWebhookAsync("/webhooks/sms/inbound", join)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await _app.MessagesAsync(phone), m => m.Direction == MessageDirection.Inbound);
        Assert.Single(await _app.ConsentEventsAsync(phone));
        Assert.Single((await _app.ContactAsync(phone))!.Subscriptions);
    }

    [Fact]
    public async Task ToSelectsTheSenderCode_ComparingDigits()
    {
        var longNumber = await _app.Data.SenderCodeAsync("+12127363100");
        var phone = TestPhones.Us(15);
        await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);

        await _app.TextAsync(phone, "STOP", to: "+12127363100");

        var contacts = await _app.WithDbAsync(db => db.Contacts.AsNoTracking().Where(c => c.Phone == phone).ToListAsync());
        Assert.Equal(2, contacts.Count);
        Assert.Equal(OptOutReason.StopKeyword, contacts.Single(c => c.SenderCodeId == longNumber.Id).OptOutReason);
        Assert.False(contacts.Single(c => c.SenderCodeId == _code.Id).IsOptedOut);

        await _app.TextAsync(phone, "STOP", to: "55123");
        Assert.True((await _app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.Phone == phone && c.SenderCodeId == _code.Id))).IsOptedOut);
    }

    [Fact]
    public async Task TextToANumberThatIsNoSenderCode_IsAcknowledged_AndStoresNothing()
    {
        Assert.Null(await _app.TextAsync(TestPhones.Us(16), "STOP", to: "99999"));

        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync()));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task WrongSignature_Is403_AndChangesNothing()
    {
        var phone = TestPhones.Us(17);
        var fields = _app.InboundFields(phone, "STOP");

        var wrongToken = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields, TwilioSigner.Sign("not-the-token", InboundApp.PublicBaseUrl + "/webhooks/sms/inbound", fields));
        var internalUrl = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields, TwilioSigner.Sign(InboundApp.AuthToken, "http://localhost/webhooks/sms/inbound", fields));
        var signedOtherBody = TwilioSigner.Sign(InboundApp.AuthToken, InboundApp.PublicBaseUrl + "/webhooks/sms/inbound", _app.InboundFields(phone, "HELP", sid: fields["MessageSid"]));
        var tampered = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields, signedOtherBody);
        var garbage = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields, "not base64 at all");

        Assert.All([wrongToken, internalUrl, tampered, garbage], r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
        Assert.Null(await _app.ContactAsync(phone));
        Assert.Equal(0, await _app.WithDbAsync(db => db.Messages.CountAsync()));
    }

    [Fact]
    public async Task MissingSignature_Is403_OnBothWebhooks()
    {
        var phone = TestPhones.Us(18);

        var inbound = await _app.PostWebhookAsync("/webhooks/sms/inbound", _app.InboundFields(phone, "STOP"), signed: false);
        var status = await _app.PostWebhookAsync("/webhooks/sms/status", new() { ["MessageSid"] = "SMx", ["MessageStatus"] = "delivered" }, signed: false);

        Assert.Equal(HttpStatusCode.Forbidden, inbound.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
        Assert.Null(await _app.ContactAsync(phone));
    }

    [Fact]
    public async Task SignedRequest_MissingItsFields_IsABadRequest()
    {
        var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", new() { ["Body"] = "STOP" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

public sealed class InboundWebhookWithoutAuthTokenTests : IAsyncLifetime
{
    private readonly InboundApp _app = new(new() { ["Twilio:AuthToken"] = "" });

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WithoutAnAuthToken_EveryWebhookIsRefused()
    {
        var code = await _app.Data.SenderCodeAsync("55123");
        var fields = _app.InboundFields(TestPhones.Us(1), "STOP");

        // Even a request signed with an empty key: nothing can be checked, so nothing is believed.
        var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields, TwilioSigner.Sign("", InboundApp.PublicBaseUrl + "/webhooks/sms/inbound", fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await _app.WithDbAsync(db => db.Contacts.CountAsync(c => c.SenderCodeId == code.Id)));
    }
}
