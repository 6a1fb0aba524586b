using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Outbound;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class OutboundQueueTests : IAsyncLifetime
{
    private readonly Mock<ISmsSender> _provider = new();
    private readonly InboundApp _app;
    private int _providerSid;
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    public OutboundQueueTests()
    {
        _provider.SetupGet(p => p.IsConfigured).Returns(true);
        _provider.Setup(p => p.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new SmsSendResult(SmsSendOutcome.Accepted, $"SMprovider{Interlocked.Increment(ref _providerSid):D24}"));
        _app = new InboundApp(services: services =>
        {
            services.RemoveAll<ISmsSender>();
            services.AddSingleton(_provider.Object);
        });
    }

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task QueuedTexts_WrittenByAnyPath_AreSentThroughTheProvider_WithADeliveryReceiptAddress()
    {
        var contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        var queued = await QueueAsync(contact, "Welcome to VIP!");

        Assert.Equal(1, await RunSenderAsync());

        _provider.Verify(p => p.SendAsync(
            new OutgoingSms("55123", contact.Phone, "Welcome to VIP!", new Uri("https://contacts.example.com/webhooks/sms/status")),
            It.IsAny<CancellationToken>()), Times.Once);
        var sent = await MessageAsync(queued.Id);
        Assert.Equal(DeliveryStatus.Sent, sent.Status);
        Assert.Equal("SMprovider000000000000000000000001", sent.ProviderMessageId);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, (await _app.ContactAsync(contact.Phone))!.LastMessageUtc);
    }

    [Fact]
    public async Task RunningTheSenderTwice_OrTwiceAtOnce_SendsEachTextOnce()
    {
        for (var i = 0; i < 30; i++)
        {
            var contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(100 + i), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
            await QueueAsync(contact, "Welcome to VIP!");
        }

        var together = await Task.WhenAll(RunSenderAsync(), RunSenderAsync(), RunSenderAsync());
        var again = await RunSenderAsync();

        Assert.Equal(30, together.Sum());
        Assert.Equal(0, again);
        _provider.Verify(p => p.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()), Times.Exactly(30));
        Assert.Equal(30, await _app.WithDbAsync(db => db.Messages.Select(m => m.ProviderMessageId).Distinct().CountAsync(s => s != null)));
    }

    [Fact]
    public async Task ANumberThatOptedOutAfterItsTextWasQueued_GetsNothing()
    {
        var contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(2), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        var queued = await QueueAsync(contact, "Welcome to VIP!");
        await _app.TextAsync(contact.Phone, "STOP");

        Assert.Equal(0, await RunSenderAsync());

        _provider.Verify(p => p.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()), Times.Never);
        var refused = await MessageAsync(queued.Id);
        Assert.Equal((DeliveryStatus.Failed, "OptedOut"), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task AQueuedOptOutConfirmation_GoesToTheNumberThatOptedOut_WithinFiveMinutes_AndNotAfter()
    {
        var onTime = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(6), OptOutReason.StopKeyword, _app.Clock.GetUtcNow().UtcDateTime);
        var late = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(7), OptOutReason.StopKeyword, _app.Clock.GetUtcNow().UtcDateTime);
        var lateConfirmation = await QueueAsync(late, "Acme: you are unsubscribed. Reply START to resubscribe.", isConfirmation: true);
        _app.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var onTimeConfirmation = await QueueAsync(onTime, "Acme: you are unsubscribed. Reply START to resubscribe.", isConfirmation: true);
        var marketing = await QueueAsync(onTime, "Flash sale today!");

        Assert.Equal(1, await RunSenderAsync());

        _provider.Verify(p => p.SendAsync(It.Is<OutgoingSms>(s => s.To == onTime.Phone && s.Body.StartsWith("Acme: you are unsubscribed")), It.IsAny<CancellationToken>()), Times.Once);
        _provider.Verify(p => p.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(DeliveryStatus.Sent, (await MessageAsync(onTimeConfirmation.Id)).Status);
        var tooLate = await MessageAsync(lateConfirmation.Id);
        Assert.Equal((DeliveryStatus.Failed, "TooLate"), (tooLate.Status, tooLate.ErrorCode));
        var refused = await MessageAsync(marketing.Id);
        Assert.Equal((DeliveryStatus.Failed, "OptedOut"), (refused.Status, refused.ErrorCode));
    }

    [Fact]
    public async Task ATextTheProviderRefuses_IsFailedWithItsCode_AndOneItCannotTakeNow_StaysQueued()
    {
        var refusedContact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(3), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        var laterContact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(4), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        var refused = await QueueAsync(refusedContact, "Welcome!");
        var later = await QueueAsync(laterContact, "Welcome!");
        var afterLater = await QueueAsync(refusedContact, "Second text");
        _provider.Setup(p => p.SendAsync(It.Is<OutgoingSms>(s => s.To == refusedContact.Phone), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SmsSendResult(SmsSendOutcome.Rejected, ErrorCode: "21610"));
        _provider.Setup(p => p.SendAsync(It.Is<OutgoingSms>(s => s.To == laterContact.Phone), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new SmsSendResult(SmsSendOutcome.TryLater, ErrorCode: "Connection"));

        await RunSenderAsync();

        var failed = await MessageAsync(refused.Id);
        Assert.Equal((DeliveryStatus.Failed, "21610"), (failed.Status, failed.ErrorCode));
        Assert.Equal(DeliveryStatus.Queued, (await MessageAsync(later.Id)).Status);

        // The provider is down: the run stops rather than hammer it; the next run picks the rest up.
        Assert.Equal(DeliveryStatus.Queued, (await MessageAsync(afterLater.Id)).Status);
    }

    [Fact]
    public async Task KeywordJoin_WelcomeMessage_IsSentAndItsReceiptUpdatesLastSendDate()
    {
        await _app.SetWelcomeMessageAsync(_vip.Id, "Welcome to VIP!");
        var phone = TestPhones.Us(5);
        await _app.TextAsync(phone, "VIP");

        Assert.Equal(1, await RunSenderAsync());
        var welcome = await _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Body == "Welcome to VIP!"));
        Assert.Equal(DeliveryStatus.Sent, welcome.Status);

        var fields = new Dictionary<string, string> { ["MessageSid"] = welcome.ProviderMessageId!, ["MessageStatus"] = "delivered" };
        await _app.PostWebhookAsync("/webhooks/sms/status", fields);

        Assert.Equal(DeliveryStatus.Succeeded, (await MessageAsync(welcome.Id)).Status);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, (await _app.ContactAsync(phone))!.LastSendUtc);
    }

    [Fact]
    public async Task WelcomeMessagesAnImportQueued_AreSentToItsNewSubscribers()
    {
        await _app.SetWelcomeMessageAsync(_vip.Id, "Welcome to VIP! Reply STOP to cancel.");
        var csv = $"Phone\n{TestPhones.UsTyped(20)}\n{TestPhones.Us(21)}\n{TestPhones.Us(22)}\n";
        await SmsContacts.Tests.Features.Import.QueuedImports.QueueAndRunAsync(_app, _code.Id, _vip, csv, ["phone"], i => i.Settings.EnterJourneys = true);
        Assert.Equal(3, await _app.WithDbAsync(db => db.Messages.CountAsync(m => m.Status == DeliveryStatus.Queued)));

        Assert.Equal(3, await RunSenderAsync());

        _provider.Verify(p => p.SendAsync(It.Is<OutgoingSms>(s => s.From == "55123" && s.Body == "Welcome to VIP! Reply STOP to cancel."), It.IsAny<CancellationToken>()), Times.Exactly(3));
        var sent = await _app.WithDbAsync(db => db.Messages.AsNoTracking().OrderBy(m => m.Phone).ToListAsync());
        Assert.Equal([TestPhones.Us(20), TestPhones.Us(21), TestPhones.Us(22)], sent.Select(m => m.Phone));
        Assert.All(sent, m => Assert.Equal(DeliveryStatus.Sent, m.Status));
    }

    private Task<int> RunSenderAsync() => _app.WithServiceAsync<SendQueuedMessagesJob, int>(job => job.RunAsync(CancellationToken.None));

    /// <summary>An outbound row as any feature queues it (the import writes these set-based).</summary>
    private Task<Message> QueueAsync(Contact contact, string body, bool isConfirmation = false) =>
        _app.WithDbAsync(async db =>
        {
            var message = new Message
            {
                SenderCodeId = contact.SenderCodeId,
                ContactId = contact.Id,
                Phone = contact.Phone,
                Direction = MessageDirection.Outbound,
                Body = body,
                CreatedUtc = _app.Clock.GetUtcNow().UtcDateTime,
                Status = DeliveryStatus.Queued,
                IsOptOutConfirmation = isConfirmation,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            return message;
        });

    private Task<Message> MessageAsync(long id) => _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
}

public sealed class OutboundQueueWithoutProviderTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task WithoutAnAccountSid_WelcomeMessagesStayQueued_AndVisible()
    {
        var code = await _app.Data.SenderCodeAsync("55123");
        var list = await _app.Data.ListAsync(code.Id, "VIP", false, "VIP");
        await _app.SetWelcomeMessageAsync(list.Id, "Welcome to VIP!");
        var phone = TestPhones.Us(1);
        await _app.TextAsync(phone, "VIP");

        Assert.Equal(0, await _app.WithServiceAsync<SendQueuedMessagesJob, int>(job => job.RunAsync(CancellationToken.None)));

        var welcome = Assert.Single(await _app.MessagesAsync(phone), m => m.Body == "Welcome to VIP!");
        Assert.Equal(DeliveryStatus.Queued, welcome.Status);
        Assert.Null(welcome.ProviderMessageId);
    }
}
