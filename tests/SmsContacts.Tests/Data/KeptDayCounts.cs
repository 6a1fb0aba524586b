using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The truth of the Subscribe Date days' kept counts (Data/SubscribeDayCount): the subscriptions counted afresh in C#, per
/// list, UTC day of their Subscribe Date and lead of their number, equal the table (rows at zero aside, which the grid
/// skips), the sender code of each count included.
/// </summary>
public static class KeptDayCounts
{
    public static async Task AssertEqualTheRowsAsync(AppFactory app, string after)
    {
        var kept = await app.WithDbAsync(db => db.SubscribeDayCounts.AsNoTracking().Where(c => c.Subscriptions != 0)
            .Select(c => new { c.SenderCodeId, c.ListId, c.DayUtc, c.PhoneLead, c.Subscriptions }).ToListAsync());
        var rows = await app.WithDbAsync(db => db.Subscriptions.AsNoTracking().Select(s => new { s.SenderCodeId, s.ListId, s.SubscribedUtc, s.Phone }).ToListAsync());

        var expected = rows.GroupBy(s => (s.SenderCodeId, s.ListId, Day: s.SubscribedUtc.Date, Lead: SubscribeDayCount.PhoneLeadOf(s.Phone)))
            .Select(g => $"{g.Key.SenderCodeId}/{g.Key.ListId}/{g.Key.Day:yyyy-MM-dd}/{g.Key.Lead}: {g.Count()}").Order(StringComparer.Ordinal).ToList();
        var actual = kept.Select(c => $"{c.SenderCodeId}/{c.ListId}/{c.DayUtc:yyyy-MM-dd}/{c.PhoneLead}: {c.Subscriptions}").Order(StringComparer.Ordinal).ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"After {after}, the Subscribe Date days' counts differ.\nmissing: {string.Join("; ", expected.Except(actual).Take(8))}\nextra: {string.Join("; ", actual.Except(expected).Take(8))}");
        Assert.NotEmpty(expected);
        Assert.All(kept, c => Assert.Equal(TimeSpan.Zero, c.DayUtc.TimeOfDay));
    }
}
