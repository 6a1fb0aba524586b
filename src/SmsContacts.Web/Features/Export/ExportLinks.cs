using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// The secret in an export's download link. 256 random bits, sent only in the email; the database
/// keeps its SHA-256, so a copy of the database cannot be turned into working links. Links are built
/// from App:PublicBaseUrl, never from the request's Host header (which a client can forge).
/// </summary>
public sealed class ExportLinks(IOptions<AppOptions> app)
{
    public const string DownloadPath = "exports/download";

    /// <summary>How long a link works after the email is sent.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(3);

    /// <summary>Longest token we bother hashing; real ones are 43 characters.</summary>
    private const int MaxTokenLength = 100;

    public static (string Token, byte[] Hash) NewToken()
    {
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (token, Hash(token));
    }

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static bool LooksLikeToken(string? token) =>
        !string.IsNullOrEmpty(token) && token.Length <= MaxTokenLength;

    public Uri DownloadUrl(string token)
    {
        var baseUrl = app.Value.PublicBaseUrl.TrimEnd('/') + "/";
        return new Uri(new Uri(baseUrl), $"{DownloadPath}?token={Uri.EscapeDataString(token)}");
    }
}
