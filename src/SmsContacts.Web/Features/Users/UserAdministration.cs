using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Email;
using SmsContacts.Web.Infrastructure.Security;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Users;

/// <summary>
/// Changing users' roles and access. The rules that keep the installation manageable live here:
/// the last enabled admin can neither be demoted nor disabled, and nobody disables themselves.
/// </summary>
public sealed class UserAdministration(
    UserManager<AppUser> users,
    AppDbContext db,
    SignInLimiter limiter,
    IEmailSender email,
    IOptions<AppOptions> app,
    TimeProvider clock)
{
    public async Task<List<UserSummary>> ListAsync(CancellationToken ct)
    {
        var admins = (await users.GetUsersInRoleAsync(nameof(UserRole.Admin))).Select(u => u.Id).ToHashSet();
        var waiting = await limiter.WaitingAccountsAsync(ct);
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var assigned = (await (from a in db.UserSenderCodes
                               join s in db.SenderCodes on a.SenderCodeId equals s.Id
                               select new { a.UserId, s.Code }).ToListAsync(ct))
            .ToLookup(a => a.UserId, a => a.Code);
        return all.Select(u => new UserSummary(
            u.Id,
            u.DisplayName,
            u.Email ?? "",
            admins.Contains(u.Id) ? UserRole.Admin : UserRole.Marketer,
            u.IsDisabled,
            u.NormalizedEmail is { } key && waiting.TryGetValue(key, out var until) ? until : null,
            assigned[u.Id].Order(StringComparer.Ordinal).ToList())).ToList();
    }

    /// <summary>Lets the account try to sign in again at once, after failed sign-ins made it wait (<see cref="SignInLimiter"/>).</summary>
    public Task UnlockAsync(AppUser user, CancellationToken ct) => limiter.UnlockAsync(user.NormalizedEmail ?? "", ct);

    /// <summary>
    /// Emails the user a one-time link to set a new password (valid <see cref="IdentitySetup.PasswordResetLinkLifetime"/>).
    /// Signs the user out everywhere first: a reset usually means the password is lost or known to someone else.
    /// </summary>
    /// <returns>An error for the admin, or null when the email is sent (or written to the mail folder).</returns>
    public async Task<string?> SendPasswordResetLinkAsync(AppUser user, CancellationToken ct)
    {
        if (user.IsDisabled)
        {
            return "This account is disabled. Enable it before sending a password reset link.";
        }

        if (string.IsNullOrWhiteSpace(user.Email))
        {
            return "This user has no email address.";
        }

        // A new stamp ends the user's sessions and voids any older link; the new token is bound to it.
        await users.UpdateSecurityStampAsync(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = PasswordResetLinks.Build(app.Value.PublicBaseUrl, user.Id, token);
        var expires = clock.GetUtcNow().Add(IdentitySetup.PasswordResetLinkLifetime);

        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(user.DisplayName, user.Email));
        message.Subject = "Set your SmsContacts password";
        message.Body = new TextPart("plain")
        {
            Text = $"""
                Hello {user.DisplayName},

                An admin of SmsContacts asked for a new password for your account ({user.Email}).
                Open this link to set one. It works once, until {expires:yyyy-MM-dd HH:mm} UTC:

                {link}

                If you did not expect this email, tell your admin. Your old password keeps working until a new one is set.
                """,
        };
        await email.SendAsync(message, ct);
        return null;
    }

    /// <summary>Every sender code, by code: what an admin can assign to a Marketer.</summary>
    public async Task<IReadOnlyList<SenderCodeOption>> SenderCodesAsync(CancellationToken ct) =>
        await db.SenderCodes.AsNoTracking().OrderBy(s => s.Code).Select(s => new SenderCodeOption(s.Id, s.Code, s.Name, s.CountryCode)).ToListAsync(ct);

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
