using NodaTime;

namespace SmsContacts.Web.Infrastructure.Time;

/// <summary>
/// Calendar days of a time zone as spans of UTC time, for everything that counts "per day" (the SMS List Dashboard, the
/// grid's date filters behind its links). A day is [its first instant, the next day's first instant): 24 hours, or 23 or
/// 25 on the days clocks change. Zones are the IANA zones of the zone database the app shows dates with
/// (Domain/TimeZones, NodaTime's TZDB), so a day here is the day a person reads on screen. Since
/// <see cref="QuarterHourDaysFrom"/> every zone's offset is a whole number of quarter hours, so these instants fall on a
/// quarter hour, the finest bucket of Data/ListActivity (LocalDaysTests checks every zone of the database).
/// </summary>
public static class LocalDays
{
    /// <summary>
    /// The first day from which every zone's days begin on a quarter hour of UTC (before the 1970s some zones still kept
    /// local mean time, e.g. Africa/Monrovia at -0:44:30 until 1972). Counts from kept buckets start here.
    /// </summary>
    public static readonly DateOnly QuarterHourDaysFrom = new(1980, 1, 1);

    /// <summary>
    /// The UTC instant at which <paramref name="day"/> begins in <paramref name="zone"/>: local midnight; where clocks jump
    /// forward over midnight (America/Havana, America/Santiago on some dates) the first local time that exists; at an
    /// ambiguous midnight (clocks fall back over it) the first of the two. A day the zone skipped entirely
    /// (Pacific/Apia, 2011-12-30) begins and ends where the next day begins: it has no instants.
    /// </summary>
    public static DateTime StartUtc(DateOnly day, DateTimeZone zone)
    {
        try
        {
            return zone.AtStartOfDay(LocalDate.FromDateOnly(day)).ToDateTimeUtc();
        }
        catch (SkippedTimeException)
        {
            return StartUtc(day.AddDays(1), zone);
        }
    }

    /// <summary>The boundaries of the days <paramref name="first"/> to <paramref name="last"/> (inclusive): one more instant than days.</summary>
    public static DateTime[] Boundaries(DateOnly first, DateOnly last, DateTimeZone zone)
    {
        var count = last.DayNumber - first.DayNumber + 1;
        var boundaries = new DateTime[count + 1];
        for (var i = 0; i <= count; i++)
        {
            boundaries[i] = StartUtc(first.AddDays(i), zone);
        }

        return boundaries;
    }

    /// <summary>The local calendar day of a UTC instant (a DateTime in UTC, Kind Utc or Unspecified as the database gives it).</summary>
    public static DateOnly DayOf(DateTime utc, DateTimeZone zone) =>
        Instant.FromDateTimeUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc)).InZone(zone).Date.ToDateOnly();

    /// <summary>"UTC", or the zone's id ("America/New_York"), as pages name the zone their days are in.</summary>
    public static string Name(DateTimeZone zone) => zone == DateTimeZone.Utc ? "UTC" : zone.Id;
}
