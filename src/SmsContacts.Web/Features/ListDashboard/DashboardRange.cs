using System.Globalization;
using SmsContacts.Web.Infrastructure.Time;

namespace SmsContacts.Web.Features.ListDashboard;

/// <summary>What the dashboard URL carries: the range (last 7, 30 or 90 days, or custom dates) and the list.</summary>
public sealed class ListDashboardRequest
{
    /// <summary>"7", "30", "90" or "custom"; anything else is the default, the last 30 days.</summary>
    public string? Range { get; set; }

    /// <summary>Custom range: first and last day, yyyy-MM-dd, both included.</summary>
    public string? From { get; set; }

    public string? To { get; set; }

    public int? List { get; set; }
}

/// <summary>
/// The days a request asks for, made safe: a custom range the wrong way round is turned round, days after today become
/// today, days before <see cref="LocalDays.QuarterHourDaysFrom"/> are cut, a range longer than <see cref="MaxDays"/> is cut to
/// its last <see cref="MaxDays"/> days, and an unreadable date
/// falls back to the last 30 days. Each adjustment is said in <see cref="Note"/>, so the page never shows other days
/// than the ones it names without saying why.
/// </summary>
public sealed record DashboardRange(string Key, DateOnly First, DateOnly Last, string? Note)
{
    public const int MaxDays = 731;
    public const string Custom = "custom";
    public static readonly IReadOnlyList<(string Key, string Label, int Days)> Presets = [("7", "Last 7 days", 7), ("30", "Last 30 days", 30), ("90", "Last 90 days", 90)];

    /// <summary>The longest range whose charts count days; a longer one's count weeks (<see cref="PeriodDays"/>).</summary>
    public const int MaxDailyDays = 92;

    public int Days => Last.DayNumber - First.DayNumber + 1;

    /// <summary>
    /// How many days each period of the charts holds: 1 up to <see cref="MaxDailyDays"/> days (the presets, and any custom
    /// range of about three months), 7 beyond (weeks from the range's first day; the last holds what is left). Two years
    /// of days are 731 bars a pixel wide on a page, and a row each in the charts' tables and CSVs; weeks are 105.
    /// </summary>
    public int PeriodDays => Days > MaxDailyDays ? 7 : 1;

    /// <summary>In: the request and today (in the zone the days are counted in).</summary>
    public static DashboardRange From(ListDashboardRequest request, DateOnly today)
    {
        if (Presets.FirstOrDefault(p => p.Key == request.Range) is { Key: not null } preset)
        {
            return new(preset.Key, today.AddDays(1 - preset.Days), today, null);
        }

        if (request.Range != Custom)
        {
            return new("30", today.AddDays(-29), today, null);
        }

        if (!TryParse(request.From, out var first) || !TryParse(request.To, out var last))
        {
            return new("30", today.AddDays(-29), today, "Enter both dates of a custom range as year-month-day (2026-11-30); showing the last 30 days.");
        }

        var notes = new List<string>();
        if (last < first)
        {
            (first, last) = (last, first);
            notes.Add("The dates were the wrong way round, so they were swapped.");
        }

        if (last > today)
        {
            last = today;
            first = first > today ? today : first;
            notes.Add($"Days after today ({Format(today)}) have no data yet; the range ends today.");
        }

        var earliest = LocalDays.QuarterHourDaysFrom;
        if (first < earliest)
        {
            // Days this early are not quarter-hour spans of UTC in every zone, so the kept counts cannot tell them apart.
            first = earliest;
            last = last < earliest ? earliest : last;
            notes.Add($"Days before {Format(earliest)} are not counted; the range starts on {Format(earliest)}.");
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            first = last.AddDays(1 - MaxDays);
            notes.Add($"A range holds at most {MaxDays} days (two years); showing the last {MaxDays} days of it.");
        }

        return new(Custom, first, last, notes.Count == 0 ? null : string.Join(" ", notes));
    }

    public static string Format(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static bool TryParse(string? text, out DateOnly day) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
