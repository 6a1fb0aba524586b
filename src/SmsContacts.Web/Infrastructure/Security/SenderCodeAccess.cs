using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// Which sender codes a user may use: an Admin every one, a Marketer those an admin assigned
/// (<see cref="UserSenderCode"/>), a disabled or unknown user none. Pages ask it through
/// <c>SenderCodeScope</c>; jobs and download links ask it directly for the user who asked for the work,
/// because access taken away after a request was queued must stop the work too.
/// </summary>
public sealed class SenderCodeAccess(AppDbContext db)
{
    /// <summary>The ids of the sender codes <paramref name="userId"/> may use, in no order; empty for none.</summary>
    public async Task<IReadOnlySet<int>> AllowedAsync(string? userId, CancellationToken ct)
    {
        if (userId is null || !await db.Users.AnyAsync(u => u.Id == userId && !u.IsDisabled, ct))
        {
            return new HashSet<int>();
        }

        if (await IsAdminAsync(userId, ct))
        {
            return (await db.SenderCodes.Select(s => s.Id).ToListAsync(ct)).ToHashSet();
        }

        return (await db.UserSenderCodes.Where(u => u.UserId == userId).Select(u => u.SenderCodeId).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>True when <paramref name="userId"/> may use sender code <paramref name="senderCodeId"/> now.</summary>
    public async Task<bool> MayUseAsync(string? userId, int senderCodeId, CancellationToken ct) =>
        (await AllowedAsync(userId, ct)).Contains(senderCodeId);

    /// <summary>
    /// The active users who may use sender code <paramref name="senderCodeId"/> now (every admin, and the marketers it is
    /// assigned to): whom an export of its contacts may be sent to.
    /// </summary>
    public IQueryable<AppUser> UsersOf(int senderCodeId) =>
        db.Users.Where(u => !u.IsDisabled
            && (db.UserSenderCodes.Any(a => a.UserId == u.Id && a.SenderCodeId == senderCodeId) || AdminIds.Contains(u.Id)));

    /// <summary>
    /// Replaces the sender codes assigned to a user with <paramref name="senderCodeIds"/> (ids that are not
    /// sender codes are ignored). Admins keep every sender code whatever is assigned.
    /// </summary>
    public async Task AssignAsync(string userId, IEnumerable<int> senderCodeIds, CancellationToken ct)
    {
        var wanted = senderCodeIds.ToHashSet();
        var existing = await db.SenderCodes.Where(s => wanted.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        await db.UserSenderCodes.Where(u => u.UserId == userId).ExecuteDeleteAsync(ct);
        db.UserSenderCodes.AddRange(existing.Select(id => new UserSenderCode { UserId = userId, SenderCodeId = id }));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The ids of the sender codes assigned to <paramref name="userId"/> (what the admin page shows ticked).</summary>
    public async Task<IReadOnlyList<int>> AssignedAsync(string userId, CancellationToken ct) =>
        await db.UserSenderCodes.Where(u => u.UserId == userId).Select(u => u.SenderCodeId).ToListAsync(ct);

    /// <summary>The ids of the users in the Admin role (admins use every sender code).</summary>
    private IQueryable<string> AdminIds =>
        from ur in db.UserRoles
        join r in db.Roles on ur.RoleId equals r.Id
        where r.Name == nameof(UserRole.Admin)
        select ur.UserId;

    private Task<bool> IsAdminAsync(string userId, CancellationToken ct) => AdminIds.AnyAsync(id => id == userId, ct);
}
