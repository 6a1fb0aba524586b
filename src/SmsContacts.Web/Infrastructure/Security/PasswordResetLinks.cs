using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace SmsContacts.Web.Infrastructure.Security;

/// <summary>
/// The address of a one-time password reset link: <c>{App:PublicBaseUrl}/account/reset-password?user={id}&amp;token={token}</c>,
/// the token being Identity's password-reset token in base64url (it is bound to the user's security stamp,
/// so it works once and only until a newer link is sent). Users builds it, Account reads it.
/// </summary>
public static class PasswordResetLinks
{
    public const string Path = "/account/reset-password";

    public static string Build(string publicBaseUrl, string userId, string identityToken) =>
        $"{publicBaseUrl.TrimEnd('/')}{Path}?user={Uri.EscapeDataString(userId)}&token={WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(identityToken))}";

    /// <summary>Identity's token from the link's <c>token</c> value, or null when it is not base64url.</summary>
    public static string? ReadToken(string? linkToken)
    {
        if (string.IsNullOrEmpty(linkToken) || linkToken.Length > 2048)
        {
            return null;
        }

        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(linkToken));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
