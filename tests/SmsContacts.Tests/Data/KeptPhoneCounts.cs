using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The truth of the phone blocks' kept counts (<see cref="SubscriptionPhoneCount"/>): the subscriptions counted afresh in
/// C#, per list and block of their number, equal the table (rows at zero aside, which the grid skips), the sender code of
/// each count included.
/// </summary>
public static class KeptPhoneCounts
{
    public static async Task AssertEqualTheRowsAsync(AppFactory app, string after)
    {
        var kept = await app.WithDbAsync(db => db.SubscriptionPhoneCounts.AsNoTracking().Where(c => c.Subscriptions != 0)
            .Select(c => new { c.SenderCodeId, c.ListId, c.Block, c.Subscriptions }).ToListAsync());
        var rows = await app.WithDbAsync(db => db.Subscriptions.AsNoTracking().Select(s => new { s.SenderCodeId, s.ListId, s.Phone }).ToListAsync());

        var expected = rows.GroupBy(s => (s.SenderCodeId, s.ListId, Block: SubscriptionPhoneCount.BlockOf(s.Phone)))
            .Select(g => $"{g.Key.SenderCodeId}/{g.Key.ListId}/{g.Key.Block}: {g.Count()}").Order(StringComparer.Ordinal).ToList();
        var actual = kept.Select(c => $"{c.SenderCodeId}/{c.ListId}/{c.Block}: {c.Subscriptions}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"After {after}, the phone blocks' counts differ.\nmissing: {string.Join("; ", expected.Except(actual).Take(8))}\nextra: {string.Join("; ", actual.Except(expected).Take(8))}");
        Assert.NotEmpty(expected);
    }
}
