using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class DeliveryReceiptTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private Contact _contact = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        var list = await _app.Data.ListAsync(_code.Id, "VIP");
        _contact = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [list]);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Delivered_MarksTheTextSucceeded_AndSetsTheContactsLastSendDate()
    {
        var message = await SentMessageAsync("SMdelivered0000000000000000000001");

        await ReceiptAsync(message.ProviderMessageId!, "delivered");

        var after = await MessageAsync(message.Id);
        Assert.Equal(DeliveryStatus.Succeeded, after.Status);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, after.DeliveredUtc);
        Assert.Equal(_app.Clock.GetUtcNow().UtcDateTime, (await _app.ContactAsync(_contact.Phone))!.LastSendUtc);
    }

    /// <summary>Compliance Last Sent Date follows the delivery of a text that says how to opt out, and only such a text.</summary>
    [Theory]
    [InlineData("Acme: 20% off. Reply STOP to cancel.", true)]
    [InlineData("Acme: new arrivals. Text stop to opt out", true)]
    [InlineData("Acme: 20% off this weekend: https://acme.example/sale", false)]
    [InlineData("Acme: You are unsubscribed and will receive no further messages. Reply START to resubscribe.", false)]
    [InlineData("Acme: our STOPWATCH sale starts now", false)]
    public async Task Delivered_SetsComplianceLastSentDate_OnlyForATextWithComplianceMessaging(string body, bool compliance)
    {
        var message = await SentMessageAsync("SMcompliance000000000000000000001", body);

        await ReceiptAsync(message.ProviderMessageId!, "delivered");

        var contact = (await _app.ContactAsync(_contact.Phone))!;
        var now = _app.Clock.GetUtcNow().UtcDateTime;
        Assert.Equal(now, contact.LastSendUtc);
        Assert.Equal(compliance ? now : null, contact.ComplianceLastSentUtc);
        Assert.Equal(compliance, ComplianceMessage.Holds(body));
    }

    [Fact]
    public async Task Failed_MarksTheTextFailed_WithTheProvidersErrorCode_AndLeavesLastSendDate()
    {
        var message = await SentMessageAsync("SMfailed000000000000000000000001");

        await ReceiptAsync(message.ProviderMessageId!, "undelivered", "30003");

        var after = await MessageAsync(message.Id);
        Assert.Equal((DeliveryStatus.Failed, "30003"), (after.Status, after.ErrorCode));
        Assert.Null(after.DeliveredUtc);
        Assert.Null((await _app.ContactAsync(_contact.Phone))!.LastSendUtc);
    }

    [Fact]
    public async Task ReceiptsOutOfOrder_NeverMoveATextBackwards()
    {
        var delivered = await SentMessageAsync("SMlate00000000000000000000000001");
        var failed = await SentMessageAsync("SMlate00000000000000000000000002");
        await ReceiptAsync(delivered.ProviderMessageId!, "delivered");
        await ReceiptAsync(failed.ProviderMessageId!, "failed", "30008");
        var deliveredAt = _app.Clock.GetUtcNow().UtcDateTime;
        _app.Clock.Advance(TimeSpan.FromMinutes(1));

        // The "sent" and "queued" receipts arrive late, and a contradicting final one after them.
        foreach (var late in new[] { "sent", "queued", "sending", "failed" })
        {
            await ReceiptAsync(delivered.ProviderMessageId!, late, "30001");
        }

        foreach (var late in new[] { "sent", "queued", "delivered" })
        {
            await ReceiptAsync(failed.ProviderMessageId!, late);
        }

        var stillDelivered = await MessageAsync(delivered.Id);
        Assert.Equal((DeliveryStatus.Succeeded, deliveredAt, (string?)null), (stillDelivered.Status, stillDelivered.DeliveredUtc, stillDelivered.ErrorCode));
        var stillFailed = await MessageAsync(failed.Id);
        Assert.Equal((DeliveryStatus.Failed, "30008"), (stillFailed.Status, stillFailed.ErrorCode));
        Assert.Equal(deliveredAt, (await _app.ContactAsync(_contact.Phone))!.LastSendUtc);
    }

    [Fact]
    public async Task ReceiptForATextWeDoNotKnow_ChangesNothing()
    {
        var message = await SentMessageAsync("SMknown0000000000000000000000001");

        await ReceiptAsync("SMunknown000000000000000000000001", "delivered");
        await ReceiptAsync(message.ProviderMessageId!, "receiving");

        Assert.Equal(DeliveryStatus.Sent, (await MessageAsync(message.Id)).Status);
    }

    [Fact]
    public async Task ReceiptWithAWrongSignature_Is403_AndChangesNothing()
    {
        var message = await SentMessageAsync("SMforged000000000000000000000001");
        var fields = new Dictionary<string, string> { ["MessageSid"] = message.ProviderMessageId!, ["MessageStatus"] = "failed", ["ErrorCode"] = "30007" };

        var response = await _app.PostWebhookAsync("/webhooks/sms/status", fields, TwilioSigner.Sign("wrong", InboundApp.PublicBaseUrl + "/webhooks/sms/status", fields));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(DeliveryStatus.Sent, (await MessageAsync(message.Id)).Status);
    }

    private async Task ReceiptAsync(string sid, string status, string? errorCode = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["AccountSid"] = "AC00000000000000000000000000000000",
            ["From"] = "55123",
            ["To"] = _contact.Phone,
            ["MessageSid"] = sid,
            ["SmsSid"] = sid,
            ["SmsStatus"] = status,
            ["MessageStatus"] = status,
            ["ApiVersion"] = "2010-04-01",
        };
        if (errorCode is not null)
        {
            fields["ErrorCode"] = errorCode;
        }

        var response = await _app.PostWebhookAsync("/webhooks/sms/status", fields);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<Message> SentMessageAsync(string sid, string body = "Acme: 20% off this weekend. Reply STOP to cancel.") =>
        _app.WithDbAsync(async db =>
        {
            var message = new Message
            {
                SenderCodeId = _code.Id,
                ContactId = _contact.Id,
                Phone = _contact.Phone,
                Direction = MessageDirection.Outbound,
                Body = body,
                CreatedUtc = _app.Clock.GetUtcNow().UtcDateTime,
                Status = DeliveryStatus.Sent,
                ProviderMessageId = sid,
            };
            db.Messages.Add(message);
            await db.SaveChangesAsync();
            return message;
        });

    private Task<Message> MessageAsync(long id) => _app.WithDbAsync(db => db.Messages.AsNoTracking().SingleAsync(m => m.Id == id));
}
