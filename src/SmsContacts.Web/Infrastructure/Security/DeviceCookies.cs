using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// The "device cookie" of <see cref="SignInLimiter"/>: after a successful sign-in the browser gets a
/// signed, encrypted cookie naming the account and a random device id, kept a year. It proves only that
/// this browser signed in to that account before; it never signs anybody in.
/// </summary>
public sealed class DeviceCookies(IDataProtectionProvider protection, TimeProvider clock)
{
    public const string CookieName = "SmsContacts.Device";

    private readonly IDataProtector _protector = protection.CreateProtector("SmsContacts.SignIn.DeviceCookie");

    /// <summary>The device id, when the request carries a valid device cookie of this account; otherwise null.</summary>
    public string? Read(HttpContext http, string normalizedEmail)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            var parts = _protector.Unprotect(value).Split('\n');
            return parts.Length == 2 && string.Equals(parts[0], normalizedEmail, StringComparison.Ordinal) ? parts[1] : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    public void Issue(HttpContext http, string normalizedEmail)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        http.Response.Cookies.Append(CookieName, _protector.Protect($"{normalizedEmail}\n{id}"), new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = "/account",
            Expires = clock.GetUtcNow().AddYears(1),
            IsEssential = true,
        });
    }
}
