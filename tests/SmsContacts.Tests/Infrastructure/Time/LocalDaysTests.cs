using NodaTime;
using NodaTime.TimeZones;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Tests.Infrastructure.Time;

/// <summary>The days "per day" is counted in: each begins at its zone's first instant, on a quarter hour, and they tile time.</summary>
public sealed class LocalDaysTests
{
    [Theory]
    [InlineData("UTC", "2026-03-08", "2026-03-08T00:00:00Z")]
    [InlineData("America/New_York", "2026-03-08", "2026-03-08T05:00:00Z")]
    [InlineData("America/New_York", "2026-03-09", "2026-03-09T04:00:00Z")]
    [InlineData("America/New_York", "2026-11-01", "2026-11-01T04:00:00Z")]
    [InlineData("America/New_York", "2026-11-02", "2026-11-02T05:00:00Z")]
    [InlineData("Asia/Kathmandu", "2026-01-01", "2025-12-31T18:15:00Z")]
    [InlineData("Asia/Kolkata", "2026-01-01", "2025-12-31T18:30:00Z")]
    [InlineData("Pacific/Chatham", "2026-01-01", "2025-12-31T10:15:00Z")]
    [InlineData("Pacific/Chatham", "2026-07-01", "2026-06-30T11:15:00Z")]
    [InlineData("Australia/Lord_Howe", "2026-01-01", "2025-12-31T13:00:00Z")]
    [InlineData("America/Havana", "2026-03-08", "2026-03-08T05:00:00Z")]
    [InlineData("Pacific/Apia", "2011-12-30", "2011-12-30T10:00:00Z")]
    [InlineData("Pacific/Apia", "2011-12-31", "2011-12-30T10:00:00Z")]
    public void ADay_BeginsAtItsZonesFirstInstant(string zone, string day, string utc) =>
        Assert.Equal(DateTime.Parse(utc, null, System.Globalization.DateTimeStyles.AdjustToUniversal), LocalDays.StartUtc(DateOnly.Parse(day), TimeZones.Find(zone)!));

    /// <summary>Every zone users can pick, two years of days: boundaries on quarter hours, 23 to 25 hours apart, each instant's day the one it lies in.</summary>
    [Fact]
    public void EveryZonesDays_TileTime_OnQuarterHours()
    {
        var first = new DateOnly(2025, 1, 1);
        var last = new DateOnly(2026, 12, 31);
        foreach (var id in TimeZones.Choices)
        {
            var zone = TimeZones.Find(id)!;
            var boundaries = LocalDays.Boundaries(first, last, zone);
            for (var i = 0; i < boundaries.Length - 1; i++)
            {
                var length = boundaries[i + 1] - boundaries[i];
                Assert.True(boundaries[i].Ticks % TimeSpan.FromMinutes(15).Ticks == 0, $"{id} {first.AddDays(i)} starts at {boundaries[i]:O}");
                Assert.True(length >= TimeSpan.FromHours(22) && length <= TimeSpan.FromHours(26), $"{id} {first.AddDays(i)} lasts {length}");
                Assert.Equal(first.AddDays(i), LocalDays.DayOf(boundaries[i], zone));
                Assert.Equal(first.AddDays(i), LocalDays.DayOf(boundaries[i + 1].AddTicks(-1), zone));
            }
        }
    }

    /// <summary>
    /// What <see cref="LocalDays.QuarterHourDaysFrom"/> promises: from then on (to 2100), every offset of every zone in the
    /// database, aliases included, is a whole number of quarter hours, so every day starts on a quarter hour of UTC.
    /// </summary>
    [Fact]
    public void FromTheFirstCountedDay_EveryZonesOffset_IsWholeQuarterHours()
    {
        var from = Instant.FromUtc(LocalDays.QuarterHourDaysFrom.Year, 1, 1, 0, 0).Minus(Duration.FromDays(2));
        var to = Instant.FromUtc(2100, 1, 1, 0, 0);
        var zones = TzdbDateTimeZoneSource.Default.GetIds().Select(id => DateTimeZoneProviders.Tzdb[id]).ToList();
        Assert.True(zones.Count > 400);
        foreach (var zone in zones)
        {
            foreach (var interval in zone.GetZoneIntervals(from, to))
            {
                Assert.True(interval.WallOffset.Seconds % (15 * 60) == 0, $"{zone.Id} is {interval.WallOffset} from {(interval.HasStart ? interval.Start : from)}");
            }
        }
    }
}
