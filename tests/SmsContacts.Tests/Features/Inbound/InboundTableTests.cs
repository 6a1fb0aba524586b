using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>
/// The matcher's table, end to end: each text sent through the signed webhook by a subscribed number, to a
/// sender code with no extra words, one with the Spanish words and one with the French words.
/// </summary>
public sealed class InboundTableTests : IAsyncLifetime
{
    private readonly InboundApp _app = new();
    private readonly Dictionary<string, (SenderCode Code, ContactList List)> _codes = [];

    public async Task InitializeAsync()
    {
        foreach (var (language, code) in new[] { (InboundMatcherCases.English, "55123"), (InboundMatcherCases.Spanish, "55124"), (InboundMatcherCases.French, "55125") })
        {
            var senderCode = await _app.Data.SenderCodeAsync(code);
            var words = InboundMatcherCases.WordsOf(language);
            await _app.WithDbAsync(db => db.SenderCodes.Where(s => s.Id == senderCode.Id).ExecuteUpdateAsync(s => s
                .SetProperty(c => c.ExtraOptOutWords, words.OptOut)
                .SetProperty(c => c.ExtraHelpWords, words.Help)));
            _codes[language] = (senderCode, await _app.Data.ListAsync(senderCode.Id, "Deals", false));
        }
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task EveryTableText_ThroughTheWebhook_OptsOut_WaitsForReview_OrChangesNothing()
    {
        var failures = new List<string>();
        for (var i = 0; i < InboundMatcherCases.All.Count; i++)
        {
            var (text, language, expected) = InboundMatcherCases.All[i];
            var (code, list) = _codes[language];
            var phone = TestPhones.Us(1000 + i);
            await _app.Data.SubscribedAsync(code.Id, phone, new DateTime(2026, 1, 5, 0, 0, 0, DateTimeKind.Utc), lists: [list]);

            await _app.TextAsync(phone, text, to: code.Code);

            var contact = (await _app.ContactAsync(phone))!;
            var reviewed = await _app.WithDbAsync(db => db.OptOutReviews.AnyAsync(r => r.Phone == phone));
            var outcome = (contact.OptOutReason, reviewed) switch
            {
                (OptOutReason.StopKeyword, false) => InboundMeaning.OptOut,
                (null, true) => InboundMeaning.Review,
                (null, false) => InboundMeaning.Other,
                _ => (InboundMeaning?)null,
            };
            var wanted = expected is InboundMeaning.OptOut or InboundMeaning.Review ? expected : InboundMeaning.Other;
            if (outcome != wanted)
            {
                failures.Add($"\"{text}\" ({language}): opted out {contact.OptOutReason?.ToString() ?? "no"}, review {reviewed}; expected {expected}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
