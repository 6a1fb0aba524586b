using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Features.Export;

public enum DownloadOutcome
{
    /// <summary>No export has this token, or it was sent to someone else: the same answer, so a link reveals nothing.</summary>
    NotFound,
    Expired,
    Ready,
}

public sealed record DownloadResult(DownloadOutcome Outcome, string? FilePath = null, DateTime? ExpiredUtc = null);

/// <summary>
/// Following an export link. The link alone is not enough: the recipient must be signed in as
/// themselves, so a forwarded or leaked email does not hand out the contact list.
/// </summary>
public sealed class ExportDownloads(AppDbContext db, DataDirectory data, TimeProvider clock, SenderCodeAccess access)
{
    /// <summary>The file name every export downloads as; nothing from the request or the data goes into it.</summary>
    public const string FileName = "sms-contacts-export.csv";

    public async Task<DownloadResult> FindAsync(string? token, string userId, CancellationToken ct)
    {
        if (!ExportLinks.LooksLikeToken(token))
        {
            return new DownloadResult(DownloadOutcome.NotFound);
        }

        var hash = ExportLinks.Hash(token!);
        var export = await db.Exports.AsNoTracking().SingleOrDefaultAsync(e => e.TokenHash == hash, ct);
        // Access taken away after the export was asked for takes the download away too.
        if (export is null || export.RecipientUserId != userId || !await access.MayUseAsync(userId, export.SenderCodeId, ct))
        {
            return new DownloadResult(DownloadOutcome.NotFound);
        }

        var path = export.StoredFileName is null ? null : Path.Combine(data.Exports, export.StoredFileName);
        if (export.Status == ExportStatus.Expired || export.ExpiresUtc is not { } expires || expires <= clock.GetUtcNow().UtcDateTime
            || path is null || !File.Exists(path))
        {
            return new DownloadResult(DownloadOutcome.Expired, ExpiredUtc: export.ExpiresUtc);
        }

        return new DownloadResult(DownloadOutcome.Ready, path);
    }
}
