using System.Globalization;
using NodaTime;
using NodaTime.TimeZones;

namespace SmsContacts.Web.Domain;

/// <summary>
/// The time zones a person can see dates in: the IANA time zone database bundled with NodaTime (so a
/// date reads the same on any host, with or without the operating system's tzdata), and the one way a
/// date is written for a person: <c>Nov 30, 2026 4:12 PM EST</c>, the zone named by its abbreviation.
/// Timestamps are stored in UTC; only what a person reads is converted. Files (exports) stay ISO 8601 UTC.
/// </summary>
public static class TimeZones
{
    /// <summary>Longest IANA id we store (the longest in the database is about 32 characters).</summary>
    public const int MaxIdLength = 64;

    public const string Utc = "UTC";

    private static readonly IDateTimeZoneProvider Provider = DateTimeZoneProviders.Tzdb;

    /// <summary>
    /// The zones a user picks from: every canonical zone with a location (America/New_York, Europe/Paris),
    /// plus UTC, sorted by id. Aliases (US/Eastern) are not offered but are understood by <see cref="Find"/>.
    /// </summary>
    public static IReadOnlyList<string> Choices { get; } = TzdbDateTimeZoneSource.Default.ZoneLocations!
        .Select(l => l.ZoneId)
        .Append(Utc)
        .Distinct(StringComparer.Ordinal)
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The zone of an IANA id (canonical or alias, case as in the database); null for anything else (null, empty, unknown).</summary>
    public static DateTimeZone? Find(string? id) =>
        string.IsNullOrWhiteSpace(id) || id.Length > MaxIdLength ? null : Provider.GetZoneOrNull(id.Trim());

    /// <summary>True when <paramref name="id"/> names a zone of the database.</summary>
    public static bool IsKnown(string? id) => Find(id) is not null;

    /// <summary>The zone of <paramref name="id"/>, or UTC when it names none.</summary>
    public static DateTimeZone ZoneOrUtc(string? id) => Find(id) ?? DateTimeZone.Utc;

    /// <summary>
    /// A UTC instant as a person reads it in <paramref name="zone"/>: <c>Nov 30, 2026 4:12 PM EST</c>.
    /// In: a DateTime in UTC (Kind Utc or Unspecified, as the database gives it back; a Local one is converted
    /// first). The abbreviation is the zone database's for that instant (EST in winter, EDT in summer); where the
    /// database has only an offset (+03), it is written <c>UTC+3</c>, and UTC itself <c>UTC</c>.
    /// </summary>
    public static string Format(DateTime utc, DateTimeZone zone)
    {
        var instant = Instant.FromDateTimeUtc(utc.Kind switch
        {
            DateTimeKind.Local => utc.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(utc, DateTimeKind.Utc),
            _ => utc,
        });
        var local = instant.InZone(zone);
        var text = local.LocalDateTime.ToDateTimeUnspecified().ToString("MMM d, yyyy h:mm tt", CultureInfo.InvariantCulture);
        return $"{text} {Abbreviation(zone, instant)}";
    }

    /// <summary>The zone's name at an instant: EST, CEST, UTC, or UTC+5:30 where the database has no letters.</summary>
    public static string Abbreviation(DateTimeZone zone, Instant instant)
    {
        var interval = zone.GetZoneInterval(instant);
        var name = interval.Name;
        if (zone == DateTimeZone.Utc || name is "UTC" or "Etc/UTC" || (name.Length > 0 && char.IsLetter(name[0]) && name != "-00"))
        {
            return zone == DateTimeZone.Utc ? Utc : name;
        }

        var offset = interval.WallOffset;
        if (offset == Offset.Zero)
        {
            return Utc;
        }

        var sign = offset.Milliseconds < 0 ? "-" : "+";
        var span = TimeSpan.FromMilliseconds(Math.Abs(offset.Milliseconds));
        return span.Minutes == 0
            ? $"UTC{sign}{span.Hours.ToString(CultureInfo.InvariantCulture)}"
            : $"UTC{sign}{span.Hours.ToString(CultureInfo.InvariantCulture)}:{span.Minutes:D2}";
    }
}
