using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Moq;
using SmsContacts.Tests.Features.Inbound;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Outbound;
using SmsContacts.Web.Infrastructure.Sms;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// "Store contact with double opt-in status": each subscription the import leaves pending is asked to reply Y (a queued
/// text, in message activity, sent when a provider is configured) and waits for it; a number already confirmed on the
/// list stays confirmed unless "Override contact's current opt-in status" is ticked, which the history then says.
/// </summary>
public sealed class ImportDoubleOptInTests : IAsyncLifetime
{
    private readonly Mock<ISmsSender> _provider = new();
    private readonly InboundApp _app;
    private SenderCode _code = null!;
    private ContactList _deals = null!;
    private ContactList _vip = null!;

    public ImportDoubleOptInTests()
    {
        _provider.SetupGet(p => p.IsConfigured).Returns(true);
        _provider.Setup(p => p.SendAsync(It.IsAny<OutgoingSms>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => new SmsSendResult(SmsSendOutcome.Accepted, $"SM{Guid.NewGuid():N}"));
        _app = new InboundApp(services: services =>
        {
            services.RemoveAll<ISmsSender>();
            services.AddSingleton(_provider.Object);
        });
    }

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _deals = await _app.Data.ListAsync(_code.Id, "Deals");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP");
        await _app.SetWelcomeMessageAsync(_deals.Id, "Welcome to Deals! Reply STOP to cancel.");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private string Request => $"{_code.Name}: Reply Y to confirm Deals texts. Msg & data rates may apply. Reply STOP to cancel.";

    [Fact]
    public async Task ADoubleOptInImport_AsksEachNewPendingSubscriptionForAY_AndKeepsConfirmedSubscribersConfirmed()
    {
        var confirmed = TestPhones.Us(1);
        var onAnotherList = TestPhones.Us(2);
        var fresh = TestPhones.Us(3);
        await _app.Data.SubscribedAsync(_code.Id, confirmed, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Active, _deals);
        await _app.Data.SubscribedAsync(_code.Id, onAnotherList, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Active, _vip);
        using var client = await _app.SignInAsync();
        var driver = new ImportDriver(_app, client);
        var settings = ImportDriver.Settings(_deals.Id);
        settings["StoreAsDoubleOptIn"] = "true";
        settings["EnterJourneys"] = "true";

        var import = await driver.ImportAsync($"Phone\n{confirmed}\n{onAnotherList}\n{fresh}\n", settings);

        // Status: two new subscriptions, both waiting for a Y; the confirmed subscriber is untouched.
        var counts = await driver.StatusCountsAsync(import.Id);
        Assert.Equal((3, 2, 1, 2), (counts["Processed"], counts["Opted-in"], counts["Unchanged"], counts["Waiting for a Y (asked to reply Y to confirm)"]));
        Assert.Equal(SubscriptionStatus.Active, await StatusOnDealsAsync(confirmed));
        Assert.Empty(await _app.MessagesAsync(confirmed));
        Assert.DoesNotContain(await _app.ConsentEventsAsync(confirmed), e => e.ImportId == import.Id);

        foreach (var phone in new[] { onAnotherList, fresh })
        {
            Assert.Equal(SubscriptionStatus.Pending, await StatusOnDealsAsync(phone));
            var asked = Assert.Single(await _app.MessagesAsync(phone));
            Assert.Equal((MessageDirection.Outbound, DeliveryStatus.Queued, Request), (asked.Direction, asked.Status, asked.Body));
            var recorded = Assert.Single(await _app.ConsentEventsAsync(phone), e => e.ImportId == import.Id);
            Assert.Equal(("Pending confirmation", "Deals", "Not subscribed", "Pending"), (recorded.Change, recorded.ListName, recorded.StateBefore, recorded.StateAfter));
        }

        // The request shows in the contact's message activity, and goes out through the provider.
        var freshId = (await _app.ContactAsync(fresh))!.Id;
        var activity = await TestClient.ReadAsync(await client.GetHtmxAsync($"/contacts/{freshId}/activity"));
        Assert.Contains(Request, activity.Body!.TextContent);
        await using (var scope = _app.Services.CreateAsyncScope())
        {
            Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<SendQueuedMessagesJob>().RunAsync(CancellationToken.None));
        }

        _provider.Verify(p => p.SendAsync(It.Is<OutgoingSms>(m => m.Body == Request), It.IsAny<CancellationToken>()), Times.Exactly(2));

        // The number replies Y: confirmed on Deals, recorded, and welcomed (the journey follows the confirmation).
        await _app.TextAsync(fresh, "Y");
        Assert.Equal(SubscriptionStatus.Active, await StatusOnDealsAsync(fresh));
        var confirmation = (await _app.ConsentEventsAsync(fresh)).Last();
        Assert.Equal(("Confirmed", "Deals", "Pending", "Subscribed", ConsentSource.InboundText), (confirmation.Change, confirmation.ListName, confirmation.StateBefore, confirmation.StateAfter, confirmation.Source));
        Assert.Contains(await _app.MessagesAsync(fresh), m => m.Body == "Welcome to Deals! Reply STOP to cancel.");
    }

    [Fact]
    public async Task OverridingTheOptInStatus_MakesAConfirmedSubscriberPendingAgain_SaysSo_AndAsksForAY()
    {
        var confirmed = TestPhones.Us(11);
        var pending = TestPhones.Us(12);
        await _app.Data.SubscribedAsync(_code.Id, confirmed, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Active, _deals);
        await _app.Data.SubscribedAsync(_code.Id, pending, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), null, SubscriptionStatus.Pending, _deals);

        foreach (var action in new[] { ImportAction.AddOrUpdate, ImportAction.UpdateExisting })
        {
            await _app.WithDbAsync(db => db.Subscriptions.Where(s => s.Phone == confirmed).ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, SubscriptionStatus.Active)));
            var import = await QueuedImports.QueueAndRunAsync(_app, _code.Id, _deals, $"Phone\n{confirmed}\n{pending}\n", ["phone"], i =>
            {
                i.Settings.Action = action;
                i.Settings.StoreAsDoubleOptIn = true;
                i.Settings.OverrideOptInStatus = true;
            });

            Assert.Equal((1, 1, 1), (import.Counts.Updated, import.Counts.Unchanged, import.Counts.AwaitingConfirmation));
            Assert.Equal(SubscriptionStatus.Pending, await StatusOnDealsAsync(confirmed));
            var recorded = Assert.Single(await _app.ConsentEventsAsync(confirmed), e => e.ImportId == import.Id);
            Assert.Equal(("Opt-in status overridden", "Deals", "Subscribed", "Pending", ConsentSource.Import), (recorded.Change, recorded.ListName, recorded.StateBefore, recorded.StateAfter, recorded.Source));
            Assert.DoesNotContain(await _app.ConsentEventsAsync(pending), e => e.ImportId == import.Id);
        }

        Assert.Equal([Request, Request], (await _app.MessagesAsync(confirmed)).Select(m => m.Body));
        Assert.Empty(await _app.MessagesAsync(pending));
    }

    private Task<SubscriptionStatus> StatusOnDealsAsync(string phone) =>
        _app.WithDbAsync(db => db.Subscriptions.Where(s => s.Phone == phone && s.ListId == _deals.Id).Select(s => s.Status).SingleAsync());
}
