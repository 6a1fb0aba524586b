using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Export;

/// <summary>The email that carries an export's download link to its recipient.</summary>
public sealed class ExportEmail(AppDbContext db, ExportLinks links)
{
    public async Task<MimeMessage> ComposeAsync(ExportRecord export, int rows, DateTime expiresUtc, string token, CancellationToken ct)
    {
        var senderCode = await db.SenderCodes.AsNoTracking().Where(s => s.Id == export.SenderCodeId).Select(s => new { s.Code, s.Name, s.CountryCode }).SingleAsync(ct);
        var listName = export.ListId is { } listId ? await db.Lists.Where(l => l.Id == listId).Select(l => l.Name).FirstOrDefaultAsync(ct) : null;
        var people = await db.Users.AsNoTracking()
            .Where(u => u.Id == export.RecipientUserId || u.Id == export.RequestedByUserId)
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToListAsync(ct);
        var recipient = people.FirstOrDefault(p => p.Id == export.RecipientUserId);
        var requester = people.FirstOrDefault(p => p.Id == export.RequestedByUserId);
        var requesterName = requester is null ? "A user" : NameOf(requester.DisplayName, requester.Email);

        var what = export.Kind == ExportKind.OptedOut ? "opted-out contacts" : "SMS contacts";
        var filters = ExportFilters.Describe(export.Kind, listName, export.Reason, export.PhoneSearch, senderCode.CountryCode);
        var url = links.DownloadUrl(token).AbsoluteUri;
        var expires = expiresUtc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var senderCodeLabel = string.IsNullOrWhiteSpace(senderCode.Name) ? senderCode.Code : $"{senderCode.Code} ({senderCode.Name})";
        var rowsText = rows.ToString("N0", CultureInfo.InvariantCulture);

        // When the rows were read, which is not when they were asked for if the export waited (a restart, a Retry).
        var asOf = (export.StartedUtc ?? export.CreatedUtc).ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

        var message = new MimeMessage { Subject = $"Your {what} export is ready" };
        message.To.Add(new MailboxAddress(recipient is null ? null : NameOf(recipient.DisplayName, recipient.Email), export.RecipientEmail));

        var text = $"""
            Hello,

            {requesterName} exported {rowsText} rows of {what} of sender code {senderCodeLabel} ({filters}) for you.
            The rows are as they were at {asOf}.

            Download the CSV file:
            {url}

            The link works until {expires} (three days). You will be asked to sign in to SmsContacts as {export.RecipientEmail}.
            """;
        var html = $"""
            <p>Hello,</p>
            <p>{Encode(requesterName)} exported {rowsText} rows of {what} of sender code {Encode(senderCodeLabel)} ({Encode(filters)}) for you.
            The rows are as they were at {asOf}.</p>
            <p><a href="{Encode(url)}">Download the CSV file</a></p>
            <p>The link works until {expires} (three days). You will be asked to sign in to SmsContacts as {Encode(export.RecipientEmail)}.</p>
            """;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    private static string NameOf(string? displayName, string? email) => string.IsNullOrWhiteSpace(displayName) ? email ?? "" : displayName;

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
