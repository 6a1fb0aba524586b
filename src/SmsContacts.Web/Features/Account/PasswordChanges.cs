using Microsoft.AspNetCore.Identity;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Features.Account;

/// <summary>
/// A user changing their own password (knowing the current one), and anyone holding a reset link setting a
/// new one. Both go through Identity, so the password rules (<see cref="CommonPasswordValidator"/>) apply, and
/// both change the security stamp: every other cookie of the user stops working at its next request.
/// </summary>
public sealed class PasswordChanges(UserManager<AppUser> users, SignInManager<AppUser> signIn, SignInLimiter limiter, DeviceCookies devices)
{
    /// <returns>Errors by form field; empty when the password is changed (and this browser's cookie renewed).</returns>
    public async Task<List<(string Field, string Message)>> ChangeOwnAsync(HttpContext http, AppUser user, string currentPassword, string newPassword, CancellationToken ct)
    {
        // The current password is a password guess like any other: counted, and held back after too many.
        var normalizedEmail = user.NormalizedEmail ?? "";
        var keys = new SignInAttemptKeys(normalizedEmail, http.Connection.RemoteIpAddress, devices.Read(http, normalizedEmail));
        await using var turn = await limiter.OneAttemptAtATimeAsync(keys, ct);
        var wait = await limiter.WaitAsync(keys, ct);
        if (wait > TimeSpan.Zero)
        {
            return [("", SignInForm.WaitMessage(wait))];
        }

        if (!await users.CheckPasswordAsync(user, currentPassword))
        {
            await limiter.RecordFailureAsync(keys, ct);
            return [(nameof(ChangePasswordForm.CurrentPassword), "The current password is not correct.")];
        }

        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!result.Succeeded)
        {
            return result.Errors.Select(e => (nameof(ChangePasswordForm.NewPassword), e.Description)).ToList();
        }

        await signIn.RefreshSignInAsync(user);
        return [];
    }

    public async Task<bool> IsResetLinkValidAsync(string? userId, string? linkToken)
    {
        var (user, token) = await ReadLinkAsync(userId, linkToken);
        return user is not null && await users.VerifyUserTokenAsync(user, users.Options.Tokens.PasswordResetTokenProvider, UserManager<AppUser>.ResetPasswordTokenPurpose, token!);
    }

    /// <returns>Null when the link is not valid (any more); otherwise the password's errors, empty when it is set.</returns>
    public async Task<List<string>?> ResetAsync(string userId, string linkToken, string newPassword)
    {
        var (user, token) = await ReadLinkAsync(userId, linkToken);
        if (user is null)
        {
            return null;
        }

        var result = await users.ResetPasswordAsync(user, token!, newPassword);
        if (result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken)))
        {
            return null;
        }

        if (!result.Succeeded)
        {
            return result.Errors.Select(e => e.Description).ToList();
        }

        // The owner proved who they are through their mailbox: guesses made on the account before do not hold them back.
        await limiter.UnlockAsync(user.NormalizedEmail ?? "", CancellationToken.None);
        return [];
    }

    private async Task<(AppUser? User, string? Token)> ReadLinkAsync(string? userId, string? linkToken)
    {
        var token = PasswordResetLinks.ReadToken(linkToken);
        if (token is null || string.IsNullOrEmpty(userId) || userId.Length > 100)
        {
            return (null, null);
        }

        return (await users.FindByIdAsync(userId), token);
    }
}
