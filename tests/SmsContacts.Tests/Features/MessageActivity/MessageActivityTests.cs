using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.MessageActivity;

/// <remarks>
/// One app for the class: each test has its own sender codes and dates from the app's clock when it starts (one
/// test moves the clock on; the others count back from wherever it stands).
/// </remarks>
public sealed class MessageActivityTests(SharedApp fixture) : IClassFixture<SharedApp>, IAsyncLifetime
{
    private readonly AppFactory _app = fixture.App;
    private DateTime _now;
    private SenderCode _code = null!;
    private Contact _subscribed = null!;
    private Contact _optedOut = null!;
    private Contact _ofOtherCode = null!;

    public async Task InitializeAsync()
    {
        _now = _app.Clock.GetUtcNow().UtcDateTime;
        _code = await fixture.NewSenderCodeAsync();
        var other = await fixture.NewSenderCodeAsync();
        var vip = await _app.Data.ListAsync(_code.Id, "VIP");
        _subscribed = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(1), _now.AddDays(-200), "s@example.com", SubscriptionStatus.Active, vip);
        _optedOut = await _app.Data.OptedOutAsync(_code.Id, TestPhones.Us(2), OptOutReason.StopKeyword, _now.AddDays(-3));
        _ofOtherCode = await _app.Data.SubscribedAsync(other.Id, TestPhones.Us(3), _now.AddDays(-10), null, SubscriptionStatus.Active, await _app.Data.ListAsync(other.Id, "Outlet"));

        await _app.WithDbAsync(async db =>
        {
            await db.Contacts.Where(c => c.Id == _subscribed.Id).ExecuteUpdateAsync(c => c.SetProperty(x => x.LastSendUtc, _now.AddDays(-1)));
            db.Messages.AddRange(
                Message(_subscribed, MessageDirection.Outbound, "Old news, outside the window", _now.AddDays(-91), DeliveryStatus.Succeeded),
                Message(_subscribed, MessageDirection.Inbound, "VIP", _now.AddDays(-89), DeliveryStatus.Received),
                Message(_subscribed, MessageDirection.Outbound, "Welcome 😀 to VIP! ☀ Reply STOP to cancel", _now.AddDays(-89).AddSeconds(2), DeliveryStatus.Succeeded),
                Message(_subscribed, MessageDirection.Outbound, "Flash sale 🎉", _now.AddDays(-1), DeliveryStatus.Failed, delivered: false),
                Message(_subscribed, MessageDirection.Inbound, "=HYPERLINK(\"http://evil.example\") 😀", _now.AddHours(-2), DeliveryStatus.Received),
                Message(_optedOut, MessageDirection.Inbound, "STOP", _now.AddDays(-3), DeliveryStatus.Received),
                Message(_ofOtherCode, MessageDirection.Inbound, "OUTLET", _now.AddDays(-10), DeliveryStatus.Received));
            await db.SaveChangesAsync();
        });
    }

    [Fact]
    public async Task Activity_ShowsTheLast90DaysOfInboundAndOutbound_WithDeliveryDateTimestampAndStatus()
    {
        using var client = await fixture.SignInAsync(_code);
        var page = await client.GetPageAsync($"/contacts/{_subscribed.Id}/activity");

        var table = page.QuerySelector("section[aria-label='Message Activity'] table")!;
        Assert.Equal(["Direction", "Message", "Delivery Date", "Timestamp", "Delivery Status"], table.QuerySelectorAll("th").Select(th => th.TextContent));
        var rows = table.QuerySelectorAll("tbody tr").Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(4, rows.Count);
        Assert.DoesNotContain(rows, r => r[1].Contains("outside the window", StringComparison.Ordinal));

        // Newest first; a failed outbound text has no delivery date.
        // On screen in the user's zone (UTC until picked), the zone named; the CSV export below stays ISO 8601 UTC.
        static string Shown(DateTime utc) => TimeZones.Format(utc, NodaTime.DateTimeZone.Utc);
        Assert.Equal(["Inbound", "=HYPERLINK(\"http://evil.example\") 😀", Shown(_now.AddHours(-2)), Shown(_now.AddHours(-2)), "Succeeded"], rows[0]);
        Assert.Equal(["Outbound", "Flash sale 🎉", "", Shown(_now.AddDays(-1)), "Failed"], rows[1]);
        Assert.Equal("Welcome 😀 to VIP! ☀ Reply STOP to cancel", rows[2][1]);
        Assert.Equal("Succeeded", rows[2][4]);

        var export = page.QuerySelector("section[aria-label='Message Activity'] a")!;
        Assert.Equal("Export", export.TextContent);
        Assert.Equal($"/contacts/{_subscribed.Id}/activity/export", export.GetAttribute("href"));
    }

    [Fact]
    public async Task ContactDetails_HasAMessageActivityTab_LoadedOnDemand_OrRenderedInPlaceWithoutScript()
    {
        using var client = await fixture.SignInAsync(_code);

        var details = await client.GetPageAsync($"/contacts/{_subscribed.Id}");
        var tab = details.QuerySelectorAll("[role=tab]").Single(t => t.TextContent.Trim() == "Message Activity");
        Assert.Equal("false", tab.GetAttribute("aria-selected"));
        Assert.Equal($"/contacts/{_subscribed.Id}/activity", details.QuerySelector("#message-activity-pane [hx-get]")!.GetAttribute("hx-get"));

        // Without script the tab is a link to the same page with the activity in it.
        var withActivity = await client.GetPageAsync(tab.GetAttribute("href")!);
        Assert.Equal("true", withActivity.QuerySelectorAll("[role=tab]").Single(t => t.TextContent.Trim() == "Message Activity").GetAttribute("aria-selected"));
        var rows = withActivity.QuerySelectorAll("#message-activity-pane section[aria-label='Message Activity'] tbody tr");
        Assert.Equal(4, rows.Length);
    }

    [Fact]
    public async Task Activity_The90DayWindowMovesWithTheClock()
    {
        _app.Clock.Advance(TimeSpan.FromDays(2));
        using var later = await fixture.SignInAsync(_code);

        var page = await later.GetPageAsync($"/contacts/{_subscribed.Id}/activity");
        var messages = page.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent).ToList();
        Assert.Equal(2, messages.Count);
        Assert.DoesNotContain(messages, m => m.StartsWith("Welcome", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Activity_OfAContactOfAnotherSenderCode_IsNotFound()
    {
        using var client = await fixture.SignInAsync(_code);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/contacts/{_ofOtherCode.Id}/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/contacts/{_ofOtherCode.Id}/activity/export")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/contacts/999999/activity")).StatusCode);
    }

    [Fact]
    public async Task Activity_NeedsSignIn()
    {
        using var anonymous = _app.CreateTestClient();

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/contacts/{_subscribed.Id}/activity")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync($"/contacts/{_subscribed.Id}/activity/export")).StatusCode);
    }

    [Fact]
    public async Task Export_OfASubscribedContact_HasTheSeedsLayout_WithEmojiInOutboundTextsAsUnicodeNumbers()
    {
        using var client = await fixture.SignInAsync(_code);
        var response = await client.GetAsync($"/contacts/{_subscribed.Id}/activity/export");
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var csv = CsvFile.Parse(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(
            ["Phone Number", "Last Send Date", "Subscribe Date", "Outbound Message Activity", "Outbound Message Delivery Date", "Outbound Message Timestamp",
             "Inbound Message Activity", "Inbound Message Delivery Date", "Inbound Message Timestamp", "Delivery Status"],
            csv.Headers);

        // Every message, oldest first, including the one older than the screen's 90 days.
        Assert.Equal(5, csv.Rows.Count);
        Assert.All(csv.Rows, r => Assert.Equal(TestPhones.Us(1), r["Phone Number"]));
        Assert.All(csv.Rows, r => Assert.Equal(Iso(_now.AddDays(-1)), r["Last Send Date"]));
        Assert.All(csv.Rows, r => Assert.Equal(Iso(_now.AddDays(-200)), r["Subscribe Date"]));

        var welcome = csv.Rows[2];
        Assert.Equal("Welcome U+1F600 to VIP! U+2600 Reply STOP to cancel", welcome["Outbound Message Activity"]);
        Assert.Equal(_now.AddDays(-89).ToString("yyyy-MM-dd"), welcome["Outbound Message Delivery Date"]);
        Assert.Equal(Iso(_now.AddDays(-89).AddSeconds(2)), welcome["Outbound Message Timestamp"]);
        Assert.Equal("", welcome["Inbound Message Activity"]);
        Assert.Equal("Succeeded", welcome["Delivery Status"]);

        var join = csv.Rows[1];
        Assert.Equal("VIP", join["Inbound Message Activity"]);
        Assert.Equal(Iso(_now.AddDays(-89)), join["Inbound Message Timestamp"]);
        Assert.Equal("", join["Outbound Message Activity"]);

        var failed = csv.Rows[3];
        Assert.Equal("Flash sale U+1F389", failed["Outbound Message Activity"]);
        Assert.Equal("", failed["Outbound Message Delivery Date"]);
        Assert.Equal("Failed", failed["Delivery Status"]);

        // Inbound texts are written as received, but never as a live formula.
        Assert.Equal("'=HYPERLINK(\"http://evil.example\") 😀", csv.Rows[4]["Inbound Message Activity"]);
    }

    [Fact]
    public async Task Export_OfAnOptedOutContact_HasTheOptOutDateInsteadOfTheSubscribeDate()
    {
        using var client = await fixture.SignInAsync(_code);
        var csv = CsvFile.Parse(await (await client.GetAsync($"/contacts/{_optedOut.Id}/activity/export")).Content.ReadAsByteArrayAsync());

        Assert.Equal("Opt-Out Date", csv.Headers[2]);
        Assert.DoesNotContain("Subscribe Date", csv.Headers);
        var row = Assert.Single(csv.Rows);
        Assert.Equal(Iso(_now.AddDays(-3)), row["Opt-Out Date"]);
        Assert.Equal("STOP", row["Inbound Message Activity"]);
    }

    [Fact]
    public async Task Export_OfAContactWithoutMessages_StillSaysWhoseFileItIs()
    {
        var quiet = await _app.Data.SubscribedAsync(_code.Id, TestPhones.Us(9), _now.AddDays(-5), null, SubscriptionStatus.Active, await _app.WithDbAsync(db => db.Lists.FirstAsync(l => l.SenderCodeId == _code.Id)));
        using var client = await fixture.SignInAsync(_code);

        var page = await client.GetPageAsync($"/contacts/{quiet.Id}/activity");
        Assert.Equal("No messages in the last 90 days.", page.QuerySelector("[role=status]")!.TextContent);
        var csv = CsvFile.Parse(await (await client.GetAsync($"/contacts/{quiet.Id}/activity/export")).Content.ReadAsByteArrayAsync());
        var row = Assert.Single(csv.Rows);
        Assert.Equal(TestPhones.Us(9), row["Phone Number"]);
        Assert.Equal("", row["Outbound Message Activity"]);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static string Iso(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static Message Message(Contact contact, MessageDirection direction, string body, DateTime at, DeliveryStatus status, bool delivered = true) => new()
    {
        SenderCodeId = contact.SenderCodeId,
        ContactId = contact.Id,
        Phone = contact.Phone,
        Direction = direction,
        Body = body,
        CreatedUtc = at,
        DeliveredUtc = delivered ? at : null,
        Status = status,
    };
}
