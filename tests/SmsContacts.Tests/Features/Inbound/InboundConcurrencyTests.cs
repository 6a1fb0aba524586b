using System.Collections.Concurrent;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>
/// A busy provider: many texts of the same numbers at once. Every text is stored and answered 200, and each
/// number ends in the state its last text asks for. Twilio's inbound webhook carries no timestamp, so "last"
/// is the order the app stored them in (the inbound messages' ids), which is what the app promises.
/// </summary>
public sealed class InboundConcurrencyTests : IAsyncLifetime
{
    private const int Clients = 20;
    private const int Numbers = 10;
    private const int TextsPerNumber = 20;

    private readonly InboundApp _app = new();
    private SenderCode _code = null!;
    private ContactList _vip = null!;

    public async Task InitializeAsync()
    {
        _code = await _app.Data.SenderCodeAsync("55123");
        _vip = await _app.Data.ListAsync(_code.Id, "VIP", false, "VIP");
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task TwentyClients_TenNumbers_StopAndStartAlternating_LoseNothing_AndEndAsTheLastText()
    {
        var phones = Enumerable.Range(0, Numbers).Select(i => TestPhones.Us(600 + i)).ToList();
        foreach (var phone in phones)
        {
            await _app.Data.SubscribedAsync(_code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [_vip]);
        }

        // Text t goes to number t % 10; each number gets STOP, START, STOP, ... from whichever client takes it.
        var texts = new ConcurrentQueue<(string Phone, string Body, string Sid)>(
            Enumerable.Range(0, Numbers * TextsPerNumber).Select(t => (phones[t % Numbers], (t / Numbers) % 2 == 0 ? "STOP" : "START", _app.NextSid())));
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var replies = new ConcurrentBag<int>();

        await Task.WhenAll(Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
        {
            while (texts.TryDequeue(out var text))
            {
                var response = await _app.PostWebhookAsync("/webhooks/sms/inbound", _app.InboundFields(text.Phone, text.Body, sid: text.Sid));
                statuses.Add(response.StatusCode);
                replies.Add(System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Elements("Message").Count());
            }
        })));

        Assert.Equal(Numbers * TextsPerNumber, statuses.Count);
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(replies, r => Assert.InRange(r, 0, 1));

        var inbound = await _app.WithDbAsync(db => db.Messages.AsNoTracking().Where(m => m.Direction == MessageDirection.Inbound).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(Numbers * TextsPerNumber, inbound.Count);
        Assert.All(inbound, m => Assert.False(m.IsApplyPending, $"text {m.Id} was never applied"));

        foreach (var phone in phones)
        {
            var last = inbound.Last(m => m.Phone == phone);
            var contact = (await _app.ContactAsync(phone))!;
            if (last.Body == "STOP")
            {
                Assert.True(contact.OptOutReason == OptOutReason.StopKeyword, $"{phone}: last text STOP, but not opted out");
                Assert.Empty(contact.Subscriptions);
            }
            else
            {
                Assert.False(contact.IsOptedOut, $"{phone}: last text START, but opted out");
                Assert.Equal(_vip.Id, Assert.Single(contact.Subscriptions).ListId);
            }

            // The history alternates: never two opt-outs (or two opt-ins) in a row for one number.
            var changes = (await _app.ConsentEventsAsync(phone))
                .Where(e => e.ListId == null && e.Change is ConsentChanges.OptedOut or ConsentChanges.OptedBackIn)
                .Select(e => e.Change)
                .ToList();
            Assert.All(changes.Zip(changes.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
            Assert.Equal(last.Body == "STOP" ? ConsentChanges.OptedOut : ConsentChanges.OptedBackIn, changes[^1]);
        }
    }
}
