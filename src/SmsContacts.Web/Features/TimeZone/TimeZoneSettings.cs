using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.TimeZone;

/// <summary>The page's model: the zone dates are shown in now, whether the user picked it, and the site's default for new users.</summary>
public sealed record TimeZonePage(string CurrentZoneId, bool ChosenByUser, string? SiteDefaultZoneId, bool IsAdmin, IReadOnlyList<string> Choices);

/// <summary>
/// Who sees dates in which zone: each user's own pick (<see cref="AppUser.TimeZoneId"/>), and the site's default
/// for users who have not picked one (<see cref="SiteSettings.DefaultTimeZoneId"/>, set by an admin). Ids are IANA
/// time zone ids (America/New_York); anything the zone database does not know is refused (false), never stored.
/// </summary>
public sealed class TimeZoneSettings(AppDbContext db)
{
    public async Task<string?> SiteDefaultAsync(CancellationToken ct) =>
        await db.SiteSettings.AsNoTracking().Where(s => s.Id == SiteSettings.SingletonId).Select(s => s.DefaultTimeZoneId).FirstOrDefaultAsync(ct);

    /// <summary>Stores the user's zone; false when the id names no zone or the user does not exist.</summary>
    public async Task<bool> SetUserZoneAsync(string userId, string? zoneId, CancellationToken ct)
    {
        if (TimeZones.Find(zoneId) is null)
        {
            return false;
        }

        var id = zoneId!.Trim();
        return await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(u => u.SetProperty(x => x.TimeZoneId, id), ct) == 1;
    }

    /// <summary>Stores the zone users see dates in until they pick their own; false when the id names no zone.</summary>
    public async Task<bool> SetSiteDefaultAsync(string? zoneId, CancellationToken ct)
    {
        if (TimeZones.Find(zoneId) is null)
        {
            return false;
        }

        var settings = await db.SiteSettings.SingleOrDefaultAsync(s => s.Id == SiteSettings.SingletonId, ct);
        if (settings is null)
        {
            settings = new SiteSettings();
            db.SiteSettings.Add(settings);
        }

        settings.DefaultTimeZoneId = zoneId!.Trim();
        await db.SaveChangesAsync(ct);
        return true;
    }
}
