using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Web;

/// <summary>The time zone of the signed-in user for this request, and whether the user picked it (or it is the site's default).</summary>
public sealed record UserTimeZoneChoice(string ZoneId, bool ChosenByUser);

/// <summary>
/// The one formatter of dates on screen: every view writes an instant with <see cref="Show"/> (or <see cref="Text"/>
/// inside a sentence), in the signed-in user's time zone with the zone named (<c>Nov 30, 2026 4:12 PM EST</c>).
/// Views get it as <c>Dates</c> (Features/_ViewImports.cshtml). The zone comes from the session check's read of the
/// user (<see cref="Security.SessionValidator"/>), so showing dates costs no query of its own; without a signed-in
/// user (or outside a request) dates are shown in UTC. Files are not written with this: exports stay ISO 8601 UTC.
/// </summary>
public sealed class DateDisplay(IHttpContextAccessor http)
{
    private const string ItemKey = "SmsContacts.UserTimeZone";

    private DateTimeZone? _zone;

    /// <summary>The zone dates are shown in for this request: the user's, the site's default for users who have not picked one, or UTC.</summary>
    public UserTimeZoneChoice Choice =>
        http.HttpContext?.Items[ItemKey] as UserTimeZoneChoice ?? new UserTimeZoneChoice(TimeZones.Utc, ChosenByUser: false);

    public DateTimeZone Zone => _zone ??= TimeZones.ZoneOrUtc(Choice.ZoneId);

    /// <summary>
    /// A UTC instant as a <c>&lt;time&gt;</c> element: the machine-readable UTC instant in <c>datetime</c>, the
    /// person's reading (<c>Nov 30, 2026 4:12 PM EST</c>) as its text. Null shows nothing.
    /// </summary>
    public IHtmlContent Show(DateTime? utc)
    {
        if (utc is not { } value)
        {
            return HtmlString.Empty;
        }

        var iso = DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        return new HtmlString($"<time datetime=\"{iso}\">{HtmlEncoder.Default.Encode(Text(value))}</time>");
    }

    /// <summary>The person's reading of a UTC instant as plain text, for a sentence or an attribute.</summary>
    public string Text(DateTime utc) => TimeZones.Format(utc, Zone);

    /// <summary>
    /// Called by the session check with the user's stored zone (null: not picked yet), for the rest of the request.
    /// A user who has not picked one sees the site's default for new users (one primary-key read, only then).
    /// </summary>
    public static async Task RememberAsync(HttpContext context, AppDbContext db, string? userZoneId, CancellationToken ct)
    {
        if (TimeZones.IsKnown(userZoneId))
        {
            context.Items[ItemKey] = new UserTimeZoneChoice(userZoneId!, ChosenByUser: true);
            return;
        }

        var siteDefault = await db.SiteSettings.AsNoTracking()
            .Where(s => s.Id == SiteSettings.SingletonId)
            .Select(s => s.DefaultTimeZoneId)
            .FirstOrDefaultAsync(ct);
        context.Items[ItemKey] = new UserTimeZoneChoice(TimeZones.IsKnown(siteDefault) ? siteDefault! : TimeZones.Utc, ChosenByUser: false);
    }
}
