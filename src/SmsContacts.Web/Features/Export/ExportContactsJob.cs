using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Email;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Writes an export's CSV into the data folder's exports directory and emails the recipient a link that
/// works for three days. Safe to run twice: a finished export is left alone, and a run that died half
/// way starts the file again from scratch. The export only counts as Completed once the email is out,
/// so a mail server that is down makes the job fail and retry rather than finish silently.
/// </summary>
public sealed class ExportContactsJob(
    AppDbContext db,
    ContactExportWriter writer,
    ExportEmail email,
    IEmailSender sender,
    DataDirectory data,
    TimeProvider clock,
    ILogger<ExportContactsJob> logger)
{
    [AutomaticRetry(Attempts = 3)]
    public async Task RunAsync(Guid exportId, CancellationToken ct)
    {
        var export = await db.Exports.SingleOrDefaultAsync(e => e.Id == exportId, ct);
        if (export is null || export.Status is ExportStatus.Completed or ExportStatus.Expired)
        {
            return;
        }

        export.Status = ExportStatus.Running;
        export.StartedUtc = Now;
        export.Error = null;
        await db.SaveChangesAsync(ct);

        try
        {
            var stopwatch = Stopwatch.StartNew();
            var fileName = $"{export.Id:N}.csv";
            var rows = await WriteFileAsync(export, fileName, ct);
            logger.LogInformation("Export {ExportId}: {Rows} rows written in {Seconds:F1} s", export.Id, rows, stopwatch.Elapsed.TotalSeconds);

            var (token, hash) = ExportLinks.NewToken();
            var completed = Now;
            var expires = completed + ExportLinks.Lifetime;
            await sender.SendAsync(await email.ComposeAsync(export, rows, expires, token, ct), ct);

            export.RowCount = rows;
            export.StoredFileName = fileName;
            export.CompletedUtc = completed;
            export.ExpiresUtc = expires;
            export.TokenHash = hash;
            export.Status = ExportStatus.Completed;
            await db.SaveChangesAsync(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping: Hangfire runs the job again after the restart.
            await MarkAsync(export, ExportStatus.Queued, null);
            throw;
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Export {ExportId} failed", export.Id);
            await MarkAsync(export, ExportStatus.Failed, exception.Message);
            throw;
        }
    }

    private async Task<int> WriteFileAsync(ExportRecord export, string fileName, CancellationToken ct)
    {
        // Written under a temporary name and renamed when complete: nobody can download half a file.
        var path = Path.Combine(data.Exports, fileName);
        var partial = path + ".partial";
        int rows;
        await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 1 << 16))
        {
            rows = await writer.WriteAsync(export, file, ct);
        }

        File.Move(partial, path, overwrite: true);
        return rows;
    }

    private async Task MarkAsync(ExportRecord export, ExportStatus status, string? error)
    {
        // Without a stored token nobody could download a file left behind: remove it now.
        File.Delete(Path.Combine(data.Exports, $"{export.Id:N}.csv"));
        File.Delete(Path.Combine(data.Exports, $"{export.Id:N}.csv.partial"));
        export.Status = status;
        export.Error = error is null ? null : error[..Math.Min(error.Length, 2000)];
        export.TokenHash = null;
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
