using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Features.Account;

public enum SignInOutcome
{
    SignedIn,

    /// <summary>Wrong email, wrong password or a disabled account: one answer for all three.</summary>
    Refused,

    /// <summary>Too many failures for this email or network; see <see cref="SignInResult.Wait"/>.</summary>
    Waiting,
}

public sealed record SignInResult(SignInOutcome Outcome, TimeSpan Wait = default);

/// <summary>
/// Signing in with email and password so that the answer, and the work done to give it, are the same
/// whether the email belongs to a user, to a disabled user, or to nobody: the password hasher runs
/// exactly once for every attempt that is not waiting (on a stand-in hash when there is no user), and
/// every refusal is counted the same way by <see cref="SignInLimiter"/>.
/// </summary>
public sealed class PasswordSignIn(
    UserManager<AppUser> users,
    SignInManager<AppUser> signIn,
    IPasswordHasher<AppUser> hasher,
    StandInPasswordHash standIn,
    SignInLimiter limiter,
    DeviceCookies devices)
{
    public async Task<SignInResult> SignInAsync(HttpContext http, string email, string password, CancellationToken ct)
    {
        var normalizedEmail = users.NormalizeEmail(email.Trim()) ?? "";
        var keys = new SignInAttemptKeys(normalizedEmail, http.Connection.RemoteIpAddress, devices.Read(http, normalizedEmail));
        await using var turn = await limiter.OneAttemptAtATimeAsync(keys, ct);
        var wait = await limiter.WaitAsync(keys, ct);
        if (wait > TimeSpan.Zero)
        {
            return new SignInResult(SignInOutcome.Waiting, wait);
        }

        var user = await users.FindByEmailAsync(email.Trim());
        PasswordVerificationResult verified;
        if (user?.PasswordHash is { } hash)
        {
            verified = hasher.VerifyHashedPassword(user, hash, password);
        }
        else
        {
            hasher.VerifyHashedPassword(standIn.User, standIn.Hash, password);
            verified = PasswordVerificationResult.Failed;
        }

        if (user is null || user.IsDisabled || verified == PasswordVerificationResult.Failed)
        {
            await limiter.RecordFailureAsync(keys, ct);
            return new SignInResult(SignInOutcome.Refused);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            user.PasswordHash = hasher.HashPassword(user, password);
            await users.UpdateAsync(user);
        }

        await limiter.RecordSuccessAsync(keys, ct);
        devices.Issue(http, normalizedEmail);
        await signIn.SignInAsync(user, isPersistent: false);
        return new SignInResult(SignInOutcome.SignedIn);
    }
}

/// <summary>
/// A hash of a random password, made once by the app's own hasher (same algorithm and cost as every user's),
/// for <see cref="PasswordSignIn"/> to check against when the email has no user.
/// </summary>
public sealed class StandInPasswordHash
{
    public StandInPasswordHash(IOptions<PasswordHasherOptions> options)
    {
        Hash = new PasswordHasher<AppUser>(options).HashPassword(User, Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
    }

    public AppUser User { get; } = new();

    public string Hash { get; }
}
