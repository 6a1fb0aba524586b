using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>
/// What the provider's webhook does with consent: the provider's OptOutType is final, plain-language opt-outs,
/// one confirmation per opt-out, join keywords as whole phrases, texts stored as sent, bounded forms.
/// </summary>
public sealed class InboundConsentTests(InboundConsentTests.Fixture fixture) : IClassFixture<InboundConsentTests.Fixture>, IAsyncLifetime
{
    private static readonly DateTime Subscribed = new(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc);

    private readonly InboundApp _app = fixture.Inbound;
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    /// <summary>
    /// One app for the class; each test texts a sender code of its own, so the same numbers (a theory's rows) are
    /// separate contacts. Tests that make a text wait take care to apply it before they end: the sweep counts them all.
    /// </summary>
    public sealed class Fixture() : SharedApp(new InboundApp())
    {
        public InboundApp Inbound => (InboundApp)App;
    }

    public async Task InitializeAsync()
    {
        _code = await fixture.NewSenderCodeAsync();
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    // The app's helpers, on this test's sender code.
    private Task<string?> TextAsync(string from, string body, string? sid = null) => _app.TextAsync(from, body, _code.Code, sid);

    private Dictionary<string, string> InboundFields(string from, string body, string? sid = null) => _app.InboundFields(from, body, _code.Code, sid);

    private Task<Contact?> ContactAsync(string phone) =>
        _app.WithDbAsync(db => db.Contacts.AsNoTracking().Include(c => c.Subscriptions).SingleOrDefaultAsync(c => c.SenderCodeId == _code.Id && c.Phone == phone));

    private Task<List<Message>> MessagesAsync(string phone) =>
        _app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.SenderCodeId == _code.Id && m.Phone == phone).OrderBy(m => m.Id).ToListAsync());

    private Task<List<ConsentEvent>> ConsentEventsAsync(string phone) =>
        _app.WithDbAsync(db => db.ConsentEvents.AsNoTracking().Where(e => e.SenderCodeId == _code.Id && e.Phone == phone).OrderBy(e => e.Id).ToListAsync());

    private string Confirmation => $"{_code.Name}: You are unsubscribed and will receive no further messages. Reply START to resubscribe.";

    /// <summary>A trigger that fails every consent write of the number, as endless contention would.</summary>
    private Task BlockConsentWritesAsync(string phone)
    {
        Assert.Matches(@"^\+\d+$", phone);
        var sql = "CREATE TRIGGER block_consent BEFORE INSERT ON ConsentEvents WHEN NEW.Phone = '" + phone + "' BEGIN SELECT RAISE(ABORT, 'blocked by the test'); END;";
        return _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sql));
    }

    private Task UnblockConsentWritesAsync() => _app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DROP TRIGGER block_consent;"));

    private async Task<string?> TextWithOptOutTypeAsync(string phone, string body, string optOutType, string? sid = null)
    {
        var fields = InboundFields(phone, body, sid: sid);
        fields["OptOutType"] = optOutType;
        var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return InboundApp.ReplyOf(await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("ARRET")]
    [InlineData("Hello, what are your hours?")]
    [InlineData("START")]
    [InlineData("")]
    public async Task OptOutTypeStop_OptsOut_WhateverTheBody_AndTheProviderConfirms(string body)
    {
        var phone = TestPhones.Us(31);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        Assert.Null(await TextWithOptOutTypeAsync(phone, body, "STOP"));

        var contact = (await ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        Assert.Empty(contact.Subscriptions);
        var optOut = Assert.Single(await ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null);
        Assert.Equal($"Opted out by the SMS provider (it read the text as STOP): \"{body}\"", optOut.Detail);
        var messages = await MessagesAsync(phone);
        Assert.DoesNotContain(messages, m => m.Direction == MessageDirection.Outbound);
        Assert.Equal("STOP", Assert.Single(messages).OptOutType);
    }

    [Fact]
    public async Task OptOutTypeStart_OptsBackIn_EvenWhenTheBodySaysStop()
    {
        var phone = TestPhones.Us(32);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);
        await TextAsync(phone, "STOP");

        Assert.Null(await TextWithOptOutTypeAsync(phone, "STOP", "start"));

        var contact = (await ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Equal(_vip.Id, Assert.Single(contact.Subscriptions).ListId);
        Assert.Contains(await ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedBackIn && e.Detail == "Provider opt-in (OptOutType START): \"STOP\"");
    }

    [Fact]
    public async Task OptOutTypeHelp_ChangesNothing_AndAddsNoSecondReply()
    {
        var phone = TestPhones.Us(33);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        Assert.Null(await TextWithOptOutTypeAsync(phone, "stop", "HELP"));

        var contact = (await ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Empty(await ConsentEventsAsync(phone));
    }

    [Fact]
    public async Task AnUnknownOptOutType_IsIgnored_AndTheBodyIsRead()
    {
        var phone = TestPhones.Us(34);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        Assert.Equal(Confirmation, await TextWithOptOutTypeAsync(phone, "stop", "SOMETHING-NEW"));

        Assert.True((await ContactAsync(phone))!.IsOptedOut);
    }

    [Fact]
    public async Task OneConfirmation_PerOptOut_WhateverIsTextedAfter()
    {
        var phone = TestPhones.Us(35);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        Assert.Equal(Confirmation, await TextAsync(phone, "STOP"));
        Assert.Null(await TextAsync(phone, "STOP"));
        Assert.Null(await TextAsync(phone, "stop please"));
        Assert.Null(await TextAsync(phone, "UNSUBSCRIBE"));
        Assert.Null(await TextWithOptOutTypeAsync(phone, "STOP", "STOP"));

        var outbound = (await MessagesAsync(phone)).Where(m => m.Direction == MessageDirection.Outbound).ToList();
        var confirmation = Assert.Single(outbound);
        Assert.True(confirmation.IsOptOutConfirmation);
        Assert.Single(await ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null);

        // Opted back in and out again: a new opt-out, a new confirmation.
        await TextAsync(phone, "START");
        Assert.Equal(Confirmation, await TextAsync(phone, "quit"));
    }

    [Fact]
    public async Task PlainLanguageOptOut_OptsOut_QuotesTheText_AndConfirmsOnce()
    {
        var phone = TestPhones.Us(36);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);
        var sid = _app.NextSid();

        Assert.Equal(Confirmation, await TextAsync(phone, "Please take me off your list, thanks", sid: sid));

        var contact = (await ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        var optOut = Assert.Single(await ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null);
        Assert.Equal("Plain-language opt-out: \"Please take me off your list, thanks\"", optOut.Detail);
        Assert.Equal((ConsentSource.InboundText, sid), (optOut.Source, optOut.MessageSid));
    }

    [Fact]
    public async Task KeywordOptOut_NamesTheKeyword_AndQuotesTheText()
    {
        var phone = TestPhones.Us(37);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        await TextAsync(phone, "ＳＴＯＰ ＡＬＬ");

        var optOut = Assert.Single(await ConsentEventsAsync(phone), e => e.Change == ConsentChanges.OptedOut && e.ListId == null);
        Assert.Equal("Opt-out keyword STOPALL: \"ＳＴＯＰ ＡＬＬ\"", optOut.Detail);
    }

    [Fact]
    public async Task TheSenderCodesOwnConfirmation_IsTheOneSent()
    {
        await _app.WithDbAsync(db => db.SenderCodes.Where(s => s.Id == _code.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.OptOutConfirmation, "Acme: no more texts from us. Text START to come back.")));
        var phone = TestPhones.Us(38);

        Assert.Equal("Acme: no more texts from us. Text START to come back.", await TextAsync(phone, "cancel"));
    }

    [Fact]
    public async Task ExtraWordsOfTheSenderCode_OptOut_AndHelp()
    {
        await _app.WithDbAsync(db => db.SenderCodes.Where(s => s.Id == _code.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ExtraOptOutWords, "ALTO, ARRET, NO MAS")
                .SetProperty(c => c.ExtraHelpWords, "AYUDA")
                .SetProperty(c => c.ExtraOptInWords, "VOLVER")));
        var (alto, arret, noMas) = (TestPhones.Us(39), TestPhones.Us(40), TestPhones.Us(41));
        foreach (var phone in new[] { alto, arret, noMas })
        {
            await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);
        }

        Assert.Equal(Confirmation, await TextAsync(alto, "Alto!"));
        Assert.Equal(Confirmation, await TextAsync(arret, "Arrêt, merci"));
        Assert.Equal(Confirmation, await TextAsync(noMas, "no más"));
        Assert.Equal("Test help. Reply STOP to cancel.", await TextAsync(TestPhones.Us(42), "ayuda"));
        Assert.Contains("resubscribed", await TextAsync(alto, "Volver"));

        foreach (var phone in new[] { arret, noMas })
        {
            Assert.Equal(OptOutReason.StopKeyword, (await ContactAsync(phone))!.OptOutReason);
        }

        Assert.False((await ContactAsync(alto))!.IsOptedOut);
    }

    [Fact]
    public async Task AStopPastTheFirst1600CharactersOfALongText_WaitsInNeedsReview_NotIgnored()
    {
        var phone = TestPhones.Us(53);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);
        var body = string.Concat(Enumerable.Repeat("I loved the sale last weekend and told all my friends about it. ", 40)) + "Anyway, STOP.";
        Assert.True(body.Length > 2_000);

        Assert.Null(await TextAsync(phone, body));

        Assert.Equal(body, Assert.Single(await MessagesAsync(phone)).Body);
        var review = await _app.WithDbAsync(db => db.OptOutReviews.AsNoTracking().SingleAsync(r => r.Phone == phone));
        Assert.Contains("STOP", review.Reason);
        Assert.False((await ContactAsync(phone))!.IsOptedOut);
    }

    [Theory]
    [InlineData("join now")]
    [InlineData("JOIN NOW!")]
    [InlineData("Join-Now")]
    [InlineData("joinnow")]
    [InlineData("ｊｏｉｎ ｎｏｗ")]
    public async Task AJoinKeywordWithASpace_IsMatchedAsTheWholePhrase(string text)
    {
        var list = await _app.Data.ListAsync(_code.Id, "Now", false, "JOIN NOW");
        var phone = TestPhones.Us(43);

        Assert.Contains("You joined Now", await TextAsync(phone, text));

        var subscription = Assert.Single((await ContactAsync(phone))!.Subscriptions);
        Assert.Equal((list.Id, "JOIN NOW"), (subscription.ListId, subscription.Keyword));
    }

    [Theory]
    [InlineData("now")]
    [InlineData("join")]
    [InlineData("join now please")]
    public async Task APartOfAPhraseKeyword_JoinsNothing(string text)
    {
        await _app.Data.ListAsync(_code.Id, "Now", false, "JOIN NOW");
        var phone = TestPhones.Us(44);

        Assert.Null(await TextAsync(phone, text));

        Assert.Empty((await ContactAsync(phone))?.Subscriptions ?? []);
    }

    [Theory]
    [InlineData("   ")]
    [InlineData("\t")]
    [InlineData(" \r\n ")]
    public async Task AWhitespaceText_IsStoredAsSent(string body)
    {
        var phone = TestPhones.Us(45);

        Assert.Null(await TextAsync(phone, body));

        Assert.Equal(body, Assert.Single(await MessagesAsync(phone)).Body);
    }

    [Fact]
    public async Task AWhitespaceReplyToAPendingConfirmation_IsKeptAsSent_OnTheOtherContact()
    {
        await _app.Data.ListAsync(_code.Id, "Promotions", true, "DEALS");
        var phone = TestPhones.Us(52);
        await TextAsync(phone, "DEALS");

        await TextAsync(phone, "  ");

        var contact = (await ContactAsync(phone))!;
        Assert.Equal("  ", contact.OtherReply);
        Assert.Empty(contact.Subscriptions);
    }

    [Fact]
    public async Task AWebhookBodyOver64KiB_Is413_AndA4MiBOneToo_NotAServerError()
    {
        var phone = TestPhones.Us(46);
        foreach (var size in new[] { 70_000, 4 * 1024 * 1024 + 10 })
        {
            var fields = InboundFields(phone, new string('x', size));

            var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields);

            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        }

        Assert.Null(await ContactAsync(phone));
        Assert.Empty(await MessagesAsync(phone));
    }

    [Fact]
    public async Task AWebhookFormOfMoreThan1024Fields_Is400_NotAServerError()
    {
        var fields = InboundFields(TestPhones.Us(47), "STOP");
        for (var i = 0; i < 1100; i++)
        {
            fields[$"Extra{i}"] = "x";
        }

        var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", fields);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("1024 fields", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AChunkedWebhookBodyOfOneHugeField_IsRefused_NotAServerError()
    {
        using var client = _app.CreateClient();
        var body = new StringBuilder("MessageSid=SM1&From=%2B12125550100&To=55123&Body=");
        body.Append('y', 200_000);
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body.ToString())));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/sms/inbound") { Content = content };
        request.Headers.TransferEncodingChunked = true;
        request.Headers.Add("X-Twilio-Signature", "anything");

        var response = await client.SendAsync(request);

        Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge, $"{(int)response.StatusCode}");
    }

    [Fact]
    public async Task ATextThatCannotBeAppliedNow_IsStored_Answered200_AndTheJobAppliesItLater()
    {
        var phone = TestPhones.Us(48);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);

        // Something keeps every consent write of this number failing (as endless contention would): the text is
        // still stored, and the provider gets its 200.
        await BlockConsentWritesAsync(phone);
        var sid = _app.NextSid();

        Assert.Null(await TextAsync(phone, "STOP", sid: sid));

        var stored = Assert.Single(await MessagesAsync(phone));
        Assert.Equal(("STOP", true), (stored.Body, stored.IsApplyPending));
        Assert.False((await ContactAsync(phone))!.IsOptedOut);

        // The same MessageSid delivered again while it waits: still one text.
        Assert.Null(await TextAsync(phone, "STOP", sid: sid));
        Assert.Single(await MessagesAsync(phone));

        await UnblockConsentWritesAsync();
        await _app.WithServiceAsync<Web.Features.Inbound.ApplyStoredTextsJob, int>(async job =>
        {
            await job.RunAsync(stored.Id, CancellationToken.None);
            return 0;
        });

        var contact = (await ContactAsync(phone))!;
        Assert.Equal(OptOutReason.StopKeyword, contact.OptOutReason);
        var messages = await MessagesAsync(phone);
        Assert.False(messages.Single(m => m.Direction == MessageDirection.Inbound).IsApplyPending);

        // Its confirmation could not ride in the webhook's answer: it is queued for the provider's API.
        var confirmation = Assert.Single(messages, m => m.Direction == MessageDirection.Outbound);
        Assert.Equal((Confirmation, DeliveryStatus.Queued, true), (confirmation.Body, confirmation.Status, confirmation.IsOptOutConfirmation));
    }

    [Fact]
    public async Task TextsOfOneNumberWaitingTogether_AreAppliedInArrivalOrder_EachOnTheOneBefore()
    {
        var phone = TestPhones.Us(51);
        var promotions = await _app.Data.ListAsync(_code.Id, "Promotions", false, "DEALS");
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip, promotions]);
        await BlockConsentWritesAsync(phone);
        foreach (var body in new[] { "STOP", "START", "stop please", "UNSTOP" })
        {
            Assert.Null(await TextAsync(phone, body));
        }

        await UnblockConsentWritesAsync();

        // The next text of the number applies the four waiting ones first, in order, then itself.
        Assert.Contains("already subscribed to VIP", await TextAsync(phone, "vip"));

        var contact = (await ContactAsync(phone))!;
        Assert.False(contact.IsOptedOut);
        Assert.Equal([_vip.Id, promotions.Id], contact.Subscriptions.Select(s => s.ListId).Order());
        var changes = (await ConsentEventsAsync(phone)).Where(e => e.ListId is null).Select(e => e.Change);
        Assert.Equal([ConsentChanges.OptedOut, ConsentChanges.OptedBackIn, ConsentChanges.OptedOut, ConsentChanges.OptedBackIn], changes);
        Assert.All(await MessagesAsync(phone), m => Assert.False(m.IsApplyPending));
    }

    [Fact]
    public async Task AStoredTextAppliedMoreThanFiveMinutesLater_OptsOut_WithoutAConfirmation()
    {
        var phone = TestPhones.Us(49);
        await _app.Data.SubscribedAsync(_code.Id, phone, Subscribed, lists: [_vip]);
        await BlockConsentWritesAsync(phone);
        await TextAsync(phone, "please stop");
        await UnblockConsentWritesAsync();
        _app.Clock.Advance(TimeSpan.FromMinutes(6));

        var applied = await _app.WithServiceAsync<Web.Features.Inbound.ApplyStoredTextsJob, int>(job => job.SweepAsync(0, CancellationToken.None));

        Assert.Equal(1, applied);
        Assert.Equal(OptOutReason.StopKeyword, (await ContactAsync(phone))!.OptOutReason);
        Assert.DoesNotContain(await MessagesAsync(phone), m => m.Direction == MessageDirection.Outbound);
    }

    [Fact]
    public async Task AtStartUp_TextsStoredButNeverApplied_AreQueuedForTheJob()
    {
        // A private app: the restarted app sweeps every waiting text of its database, which must be this test's only.
        await using var app = new InboundApp();
        var code = await app.Data.SenderCodeAsync();
        var phone = TestPhones.Us(50);
        await app.WithDbAsync(async db =>
        {
            // As a crash between the two steps leaves it.
            db.Messages.Add(new Message
            {
                SenderCodeId = code.Id,
                Phone = phone,
                Direction = MessageDirection.Inbound,
                Body = "stop",
                CreatedUtc = app.Clock.GetUtcNow().UtcDateTime,
                Status = DeliveryStatus.Received,
                ProviderMessageId = "SMcrashed",
                ApplyPendingSinceUtc = app.Clock.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
        });

        await using var restarted = new InboundApp(new() { ["Storage:DataDirectory"] = app.DataDirectory });
        restarted.CreateClient().Dispose();

        var storage = restarted.Services.GetRequiredService<Hangfire.JobStorage>();
        var queued = storage.GetMonitoringApi().EnqueuedJobs("default", 0, 100);
        Assert.Contains(queued, j => j.Value.Job.Type == typeof(Web.Features.Inbound.ApplyStoredTextsJob) && j.Value.Job.Method.Name == "SweepAsync");
        Assert.Equal(1, await restarted.WithServiceAsync<Web.Features.Inbound.ApplyStoredTextsJob, int>(job => job.SweepAsync(0, CancellationToken.None)));
        Assert.Equal(OptOutReason.StopKeyword, (await restarted.ContactAsync(phone))!.OptOutReason);
    }
}
