using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// What imports leave behind is kept for a while, then deleted (Import settings, README's configuration table):
/// <list type="bullet">
/// <item>a draft (a wizard not finished) and its uploaded file, <see cref="ImportOptions.DraftRetentionMinutes"/> after its upload;</item>
/// <item>the file of a failed import, kept for Retry, <see cref="ImportOptions.FailedFileRetentionDays"/> after it failed;</item>
/// <item>an import's rejected rows and warning rows, <see cref="ImportOptions.RowReportRetentionDays"/> after it ended (the
/// import, its counts and the consent history it wrote stay; the history says when its rows were deleted);</item>
/// <item>an import's journal (what it changed, for Undo import), <see cref="ImportOptions.UndoDays"/> after it ended, when it
/// can no longer be undone (the contacts an undo listed as changed since stay, for its status page);</item>
/// <item>files in the imports folder that no import knows (an upload cut off by a crash, a duplicate check's sorted runs).</item>
/// </list>
/// Runs every ten minutes (and deletes expired drafts before each upload). Rows are deleted a few thousand at a time, so
/// the deletion never holds the database's write lock for long.
/// </summary>
public sealed class ImportRetention(AppDbContext db, DataDirectory data, TimeProvider clock, IOptions<ImportOptions> options, ILogger<ImportRetention> logger)
{
    /// <summary>Rows deleted per statement.</summary>
    public const int DeleteChunk = 5_000;

    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken ct)
    {
        await DeleteExpiredDraftsAsync(ct);
        await DeleteFailedImportFilesAsync(ct);
        await DeleteExpiredRowReportsAsync(ct);
        await DeleteExpiredJournalsAsync(ct);
        DeleteUnknownFiles();
    }

    /// <summary>The journals of imports past their undo window, unless an undo of theirs is still under way.</summary>
    public async Task DeleteExpiredJournalsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.UndoDays);
        var expired = await db.Imports.AsNoTracking()
            .Where(i => (i.Status == ImportStatus.Completed || i.Status == ImportStatus.Failed) && i.CompletedUtc < cutoff && i.Journaled && i.JournalDeletedUtc == null)
            .Where(i => !db.ImportUndos.Any(u => u.ImportId == i.Id && (u.Status == ImportUndoStatus.Queued || u.Status == ImportUndoStatus.Running)))
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            var rows = 0;
            int chunk;
            do
            {
                chunk = await db.ImportJournal.Where(j => j.ImportId == id && !j.ChangedSince).OrderBy(j => j.ContactId).Take(DeleteChunk).ExecuteDeleteAsync(ct);
                rows += chunk;
            }
            while (chunk == DeleteChunk);

            do
            {
                chunk = await db.ImportJournalFieldValues.Where(j => j.ImportId == id).OrderBy(j => j.ContactId).Take(DeleteChunk).ExecuteDeleteAsync(ct);
                rows += chunk;
            }
            while (chunk == DeleteChunk);

            do
            {
                chunk = await db.ImportJournalSubscriptions.Where(j => j.ImportId == id).OrderBy(j => j.ContactId).Take(DeleteChunk).ExecuteDeleteAsync(ct);
                rows += chunk;
            }
            while (chunk == DeleteChunk);

            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.JournalDeletedUtc, now), ct);
            logger.LogInformation("Deleted the {Rows} journal rows of import {ImportId}, which can no longer be undone ({Days} days after it ended)", rows, id, options.Value.UndoDays);
        }
    }

    /// <summary>Drafts older than the draft retention, with their files. A draft started meanwhile is not a draft, and stays.</summary>
    public async Task DeleteExpiredDraftsAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.DraftRetentionMinutes);
        var expired = await db.Imports.AsNoTracking().Where(i => i.Status == ImportStatus.Draft && i.CreatedUtc < cutoff)
            .Select(i => new { i.Id, i.StoredFileName }).ToListAsync(ct);
        var deleted = 0;
        foreach (var draft in expired)
        {
            if (await db.Imports.Where(i => i.Id == draft.Id && i.Status == ImportStatus.Draft).ExecuteDeleteAsync(ct) == 1)
            {
                File.Delete(Path.Combine(data.Imports, draft.StoredFileName));
                deleted++;
            }
        }

        if (deleted > 0)
        {
            logger.LogInformation("Deleted {Count} import drafts not started within {Minutes} minutes, with their files", deleted, options.Value.DraftRetentionMinutes);
        }
    }

    private async Task DeleteFailedImportFilesAsync(CancellationToken ct)
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-options.Value.FailedFileRetentionDays);
        var files = await db.Imports.AsNoTracking().Where(i => i.Status == ImportStatus.Failed && i.CompletedUtc < cutoff)
            .Select(i => i.StoredFileName).ToListAsync(ct);
        foreach (var file in files.Select(f => Path.Combine(data.Imports, f)).Where(File.Exists))
        {
            File.Delete(file);
            logger.LogInformation("Deleted the file {File} of an import that failed more than {Days} days ago", Path.GetFileName(file), options.Value.FailedFileRetentionDays);
        }
    }

    private async Task DeleteExpiredRowReportsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Value.RowReportRetentionDays);
        var expired = await db.Imports.AsNoTracking()
            .Where(i => (i.Status == ImportStatus.Completed || i.Status == ImportStatus.Failed) && i.CompletedUtc < cutoff && i.RowReportsDeletedUtc == null)
            .Select(i => i.Id).ToListAsync(ct);
        foreach (var id in expired)
        {
            var rows = 0;
            int chunk;
            do
            {
                chunk = await db.ImportRejectedRows.Where(r => r.ImportId == id).OrderBy(r => r.Id).Take(DeleteChunk).ExecuteDeleteAsync(ct);
                rows += chunk;
            }
            while (chunk == DeleteChunk);

            do
            {
                chunk = await db.ImportWarningRows.Where(r => r.ImportId == id).OrderBy(r => r.Id).Take(DeleteChunk).ExecuteDeleteAsync(ct);
                rows += chunk;
            }
            while (chunk == DeleteChunk);

            // The Preview's rows (its examples and rejected rows) go with them; its counts stay, to compare with the import's.
            do
            {
                chunk = await db.ImportPreviewRows.Where(r => r.ImportId == id).OrderBy(r => r.Id).Take(DeleteChunk).ExecuteDeleteAsync(ct);
            }
            while (chunk == DeleteChunk);

            await db.Imports.Where(i => i.Id == id).ExecuteUpdateAsync(s => s.SetProperty(i => i.RowReportsDeletedUtc, now), ct);
            logger.LogInformation("Deleted the {Rows} rejected and warning rows of import {ImportId}, ended more than {Days} days ago", rows, id, options.Value.RowReportRetentionDays);
        }
    }

    /// <summary>
    /// Uploads no import knows (their draft was deleted, or never written: the process stopped mid-upload) and the sorted
    /// runs of a duplicate check that was stopped, once they are older than the draft retention.
    /// </summary>
    private void DeleteUnknownFiles()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime.AddMinutes(-options.Value.DraftRetentionMinutes);
        var known = db.Imports.AsNoTracking()
            .Where(i => i.Status == ImportStatus.Draft || i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running || i.Status == ImportStatus.Failed)
            .Select(i => i.StoredFileName).ToHashSet();
        foreach (var file in Directory.EnumerateFiles(data.Imports))
        {
            var name = Path.GetFileName(file);
            if ((name.EndsWith(".upload", StringComparison.Ordinal) || name.EndsWith(".run", StringComparison.Ordinal))
                && !known.Contains(name) && File.GetLastWriteTimeUtc(file) < cutoff)
            {
                File.Delete(file);
                logger.LogInformation("Deleted {File}, which no import uses", name);
            }
        }
    }
}
