namespace SmsContacts.Web.Infrastructure.Time;

/// <summary>
/// Calendar days of a time zone as spans of UTC time, for everything that counts "per day" (the SMS List Dashboard, the
/// grid's date filters). A day is [its first instant, the next day's first instant): 24 hours, or 23 or 25 on the days
/// clocks change. Every zone's offset is a whole number of quarter hours (IANA tz database), so these instants always fall
/// on a quarter hour, the finest bucket of Data/ListActivity.
/// </summary>
public static class LocalDays
{
    /// <summary>
    /// The UTC instant at which <paramref name="day"/> begins in <paramref name="zone"/>: local midnight, or, where clocks
    /// jump forward over midnight (e.g. America/Havana, America/Santiago on some dates), the first local time that exists.
    /// </summary>
    public static DateTime StartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        // At an ambiguous midnight (clocks fall back over it) the day begins at the first of the two: the larger offset.
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    /// <summary>The boundaries of the days <paramref name="first"/> to <paramref name="last"/> (inclusive): one more instant than days.</summary>
    public static DateTime[] Boundaries(DateOnly first, DateOnly last, TimeZoneInfo zone)
    {
        var count = last.DayNumber - first.DayNumber + 1;
        var boundaries = new DateTime[count + 1];
        for (var i = 0; i <= count; i++)
        {
            boundaries[i] = StartUtc(first.AddDays(i), zone);
        }

        return boundaries;
    }

    /// <summary>The local calendar day of a UTC instant.</summary>
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>"UTC", or the zone's id ("America/New_York"), as pages name the zone their days are in.</summary>
    public static string Name(TimeZoneInfo zone) => zone == TimeZoneInfo.Utc ? "UTC" : zone.Id;
}

/// <summary>
/// The time zone a person's days are counted in. Today every user's days are UTC days (the page says so); per-user zones
/// (issue 13, "dates a person reads") replace this one method, and every "per day" in the app follows.
/// </summary>
public sealed class UserTimeZone
{
    public TimeZoneInfo For(System.Security.Claims.ClaimsPrincipal user) => TimeZoneInfo.Utc;
}
