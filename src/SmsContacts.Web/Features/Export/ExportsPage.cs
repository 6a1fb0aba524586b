using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Email;
using SmsContacts.Web.Infrastructure.Web;

namespace SmsContacts.Web.Features.Export;

public sealed record ExportSummary(
    Guid Id,
    DateTime CreatedUtc,
    ExportKind Kind,
    string Filters,
    string RequestedBy,
    string Recipient,
    ExportStatus Status,
    int Rows,
    DateTime? ExpiresUtc,
    string? Error,
    bool EmailUnconfirmed = false,
    bool Retried = false)
{
    /// <summary>A failed export, or one whose email may not have arrived, can be asked for again (once).</summary>
    public bool CanRetry => !Retried && (Status == ExportStatus.Failed || (Status == ExportStatus.Completed && EmailUnconfirmed));
}

public sealed class ExportsModel
{
    public required SenderCodeOption SenderCode { get; init; }

    public required IReadOnlyList<ExportSummary> Exports { get; init; }

    /// <summary>Set when no SMTP host is configured: the folder the emails are written to.</summary>
    public string? MailFolder { get; init; }

    /// <summary>While an export is waiting or running, the page refreshes its table.</summary>
    public bool AnyInProgress => Exports.Any(e => e.Status is ExportStatus.Queued or ExportStatus.Running or ExportStatus.Sending);
}

/// <summary>The exports page: the sender code's recent exports, newest first.</summary>
public sealed class ExportsPage(AppDbContext db, IOptions<SmtpOptions> smtp, DataDirectory data)
{
    public const int Shown = 50;

    public async Task<ExportsModel> LoadAsync(SenderCodeOption senderCode, CancellationToken ct)
    {
        var rows = await db.Exports.AsNoTracking()
            .Where(e => e.SenderCodeId == senderCode.Id)
            .OrderByDescending(e => e.CreatedUtc)
            .Take(Shown)
            .Select(e => new
            {
                e.Id,
                e.CreatedUtc,
                e.Kind,
                ListName = db.Lists.Where(l => l.Id == e.ListId).Select(l => l.Name).FirstOrDefault(),
                e.Reason,
                e.PhoneSearch,
                RequestedBy = db.Users.Where(u => u.Id == e.RequestedByUserId).Select(u => u.Email).FirstOrDefault(),
                e.RecipientEmail,
                e.Status,
                e.RowCount,
                e.ExpiresUtc,
                e.Error,
                e.EmailUnconfirmed,
                e.RetriedAsExportId,
            })
            .ToListAsync(ct);

        return new ExportsModel
        {
            SenderCode = senderCode,
            Exports = rows.Select(e => new ExportSummary(
                e.Id,
                e.CreatedUtc,
                e.Kind,
                ExportFilters.Describe(e.Kind, e.ListName, e.Reason, e.PhoneSearch, senderCode.CountryCode),
                e.RequestedBy ?? "(deleted user)",
                e.RecipientEmail,
                e.Status,
                e.RowCount,
                e.ExpiresUtc,
                e.Error,
                e.EmailUnconfirmed,
                e.RetriedAsExportId is not null)).ToList(),
            MailFolder = smtp.Value.IsConfigured ? null : data.Mail,
        };
    }
}
