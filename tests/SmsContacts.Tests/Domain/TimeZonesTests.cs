using System.Globalization;
using NodaTime;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Domain;

public sealed class TimeZonesTests
{
    [Theory]
    [InlineData("2026-11-30T21:12:00Z", "America/New_York", "Nov 30, 2026 4:12 PM EST")]
    [InlineData("2026-07-04T16:00:00Z", "America/New_York", "Jul 4, 2026 12:00 PM EDT")]
    [InlineData("2026-03-08T06:59:00Z", "America/New_York", "Mar 8, 2026 1:59 AM EST")]
    [InlineData("2026-03-08T07:00:00Z", "America/New_York", "Mar 8, 2026 3:00 AM EDT")]
    [InlineData("2026-11-30T21:12:00Z", "America/Los_Angeles", "Nov 30, 2026 1:12 PM PST")]
    [InlineData("2026-11-30T21:12:00Z", "Europe/Paris", "Nov 30, 2026 10:12 PM CET")]
    [InlineData("2026-11-30T21:12:00Z", "Asia/Kolkata", "Dec 1, 2026 2:42 AM IST")]
    [InlineData("2026-11-30T21:12:00Z", "Asia/Kathmandu", "Dec 1, 2026 2:57 AM UTC+5:45")]
    [InlineData("2026-11-30T21:12:00Z", "Asia/Dubai", "Dec 1, 2026 1:12 AM UTC+4")]
    [InlineData("2026-11-30T21:12:00Z", "America/Sao_Paulo", "Nov 30, 2026 6:12 PM UTC-3")]
    [InlineData("2026-11-30T21:12:00Z", "UTC", "Nov 30, 2026 9:12 PM UTC")]
    [InlineData("2026-11-30T00:05:00Z", "UTC", "Nov 30, 2026 12:05 AM UTC")]
    public void Format_WritesTheLocalTime_AndNamesTheZone(string utc, string zone, string expected) =>
        Assert.Equal(expected, TimeZones.Format(DateTime.Parse(utc, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal), TimeZones.Find(zone)!));

    /// <summary>
    /// Every zone a user can pick, at instants spread over years and both sides of each daylight-saving change: the text
    /// reads back as the zone's local time, and the zone's name is letters or a UTC offset (never empty, never "-00").
    /// </summary>
    [Fact]
    public void Format_ForEveryZoneAndManyInstants_ReadsBackAsTheLocalTime()
    {
        var random = new Random(13);
        var cases = 0;
        foreach (var id in TimeZones.Choices)
        {
            var zone = TimeZones.Find(id)!;
            for (var i = 0; i < 40; i++)
            {
                var utc = new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(random.Next(0, 40 * 365 * 24 * 60));
                var text = TimeZones.Format(utc, zone);
                var abbreviation = TimeZones.Abbreviation(zone, Instant.FromDateTimeUtc(utc));
                Assert.Matches(@"^(UTC([+-]\d{1,2}(:\d{2})?)?|[A-Z][A-Za-z]{1,5})$", abbreviation);
                Assert.EndsWith(" " + abbreviation, text, StringComparison.Ordinal);
                var local = DateTime.ParseExact(text[..^(abbreviation.Length + 1)], "MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture);
                var expected = Instant.FromDateTimeUtc(utc).InZone(zone).LocalDateTime.ToDateTimeUnspecified();
                Assert.Equal(expected.AddSeconds(-expected.Second), local);
                cases++;
            }
        }

        Assert.True(cases > 10_000);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("EST5EDT; DROP TABLE")]
    public void Find_KnowsOnlyTheZoneDatabasesIds(string? id)
    {
        Assert.Null(TimeZones.Find(id));
        Assert.Equal(DateTimeZone.Utc, TimeZones.ZoneOrUtc(id));
    }

    [Fact]
    public void Choices_AreTheCanonicalZones_AndUtc()
    {
        Assert.Contains("America/New_York", TimeZones.Choices);
        Assert.Contains("UTC", TimeZones.Choices);
        Assert.DoesNotContain("US/Eastern", TimeZones.Choices);
        Assert.NotNull(TimeZones.Find("US/Eastern"));
        Assert.All(TimeZones.Choices, id => Assert.True(id.Length <= TimeZones.MaxIdLength));
    }
}
