using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Users;

/// <summary>
/// Changing users' roles and access. The rules that keep the installation manageable live here:
/// the last enabled admin can neither be demoted nor disabled, and nobody disables themselves.
/// </summary>
public sealed class UserAdministration(UserManager<AppUser> users, TimeProvider clock)
{
    public async Task<List<UserSummary>> ListAsync(CancellationToken ct)
    {
        var admins = (await users.GetUsersInRoleAsync(nameof(UserRole.Admin))).Select(u => u.Id).ToHashSet();
        var now = clock.GetUtcNow();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return all.Select(u => new UserSummary(
            u.Id,
            u.DisplayName,
            u.Email ?? "",
            admins.Contains(u.Id) ? UserRole.Admin : UserRole.Marketer,
            u.IsDisabled,
            u.LockoutEnd > now && !u.IsDisabled)).ToList();
    }

    public async Task<UserRole> RoleOfAsync(AppUser user) =>
        await users.IsInRoleAsync(user, nameof(UserRole.Admin)) ? UserRole.Admin : UserRole.Marketer;

    /// <returns>An error for the user, or null when saved.</returns>
    public async Task<string?> UpdateAsync(AppUser user, string displayName, UserRole role)
    {
        var current = await RoleOfAsync(user);
        if (current == UserRole.Admin && role != UserRole.Admin && await IsLastEnabledAdminAsync(user))
        {
            return "This is the last enabled admin; make another user an admin first.";
        }

        user.DisplayName = displayName.Trim();
        await users.UpdateAsync(user);
        if (current != role)
        {
            await users.RemoveFromRoleAsync(user, current.ToString());
            await users.AddToRoleAsync(user, role.ToString());

            // Role claims live in the cookie: a new stamp makes every instance re-read them within a minute.
            await users.UpdateSecurityStampAsync(user);
        }

        return null;
    }

    public async Task<string?> SetDisabledAsync(AppUser user, bool disabled, string actingUserId)
    {
        if (disabled && user.Id == actingUserId)
        {
            return "You cannot disable your own account.";
        }

        if (disabled && await RoleOfAsync(user) == UserRole.Admin && await IsLastEnabledAdminAsync(user))
        {
            return "This is the last enabled admin and cannot be disabled.";
        }

        user.IsDisabled = disabled;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateAsync(user);

        // Existing cookies of a disabled user stop working at the next security-stamp check.
        await users.UpdateSecurityStampAsync(user);
        return null;
    }

    private async Task<bool> IsLastEnabledAdminAsync(AppUser user)
    {
        var admins = await users.GetUsersInRoleAsync(nameof(UserRole.Admin));
        return admins.Where(a => !a.IsDisabled).All(a => a.Id == user.Id);
    }
}
