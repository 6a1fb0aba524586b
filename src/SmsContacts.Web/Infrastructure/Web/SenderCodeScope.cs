using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Infrastructure.Web;

public sealed record SenderCodeOption(int Id, string Code, string Name, string CountryCode)
{
    public string Label => string.IsNullOrWhiteSpace(Name) ? Code : $"{Code} – {Name}";
}

public sealed record SenderCodeChoice(SenderCodeOption? Current, IReadOnlyList<SenderCodeOption> All);

/// <summary>
/// The sender code the signed-in user is working in. Every contact query is scoped by it; the
/// choice is stored on the user so it sticks across requests and app instances.
/// </summary>
public sealed class SenderCodeScope(AppDbContext db, IHttpContextAccessor http)
{
    private SenderCodeChoice? _choice;

    public async Task<SenderCodeChoice> GetAsync(CancellationToken ct = default)
    {
        if (_choice is not null)
        {
            return _choice;
        }

        var all = await db.SenderCodes.AsNoTracking()
            .OrderBy(s => s.Code)
            .Select(s => new SenderCodeOption(s.Id, s.Code, s.Name, s.CountryCode))
            .ToListAsync(ct);

        var userId = CurrentUserId();
        var selectedId = userId is null
            ? null
            : await db.Users.Where(u => u.Id == userId).Select(u => u.SelectedSenderCodeId).FirstOrDefaultAsync(ct);

        var current = all.FirstOrDefault(s => s.Id == selectedId) ?? all.FirstOrDefault();
        return _choice = new SenderCodeChoice(current, all);
    }

    /// <summary>Switches the user to another sender code; false when it does not exist.</summary>
    public async Task<bool> SelectAsync(int senderCodeId, CancellationToken ct = default)
    {
        var userId = CurrentUserId();
        if (userId is null || !await db.SenderCodes.AnyAsync(s => s.Id == senderCodeId, ct))
        {
            return false;
        }

        await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.SelectedSenderCodeId, senderCodeId), ct);
        _choice = null;
        return true;
    }

    private string? CurrentUserId() => http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
}
