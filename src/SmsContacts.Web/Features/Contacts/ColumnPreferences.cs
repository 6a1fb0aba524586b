using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Contacts;

/// <summary>Show/Hide Column: which columns a user hid in each tab, kept in the database across sign-ins.</summary>
public sealed class ColumnPreferences(AppDbContext db)
{
    public async Task<IReadOnlySet<string>> GetHiddenAsync(string userId, string tab, CancellationToken ct)
    {
        var stored = await db.UserColumnPreferences.AsNoTracking()
            .Where(p => p.UserId == userId && p.Grid == tab)
            .Select(p => p.HiddenColumns)
            .FirstOrDefaultAsync(ct);
        return (stored ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet();
    }

    /// <summary>Stores the columns left unticked; columns that cannot be hidden (Phone) are ignored.</summary>
    public async Task SaveVisibleAsync(string userId, string tab, IEnumerable<string> visible, CancellationToken ct)
    {
        var shown = visible.ToHashSet();
        var hidden = string.Join(',', DashboardColumns.For(tab).Where(c => c.CanHide && !shown.Contains(c.Key)).Select(c => c.Key));

        var preference = await db.UserColumnPreferences.FirstOrDefaultAsync(p => p.UserId == userId && p.Grid == tab, ct);
        if (preference is null)
        {
            db.UserColumnPreferences.Add(new UserColumnPreference { UserId = userId, Grid = tab, HiddenColumns = hidden });
        }
        else
        {
            preference.HiddenColumns = hidden;
        }

        await db.SaveChangesAsync(ct);
    }
}
