using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// At start-up (run by <see cref="BackgroundWork"/>), queues every import, every import's undo and every Preview that was queued or running
/// when the app last stopped. A killed process
/// leaves its Hangfire job invisible for a long while; this makes the import resume now, from its checkpoint.
/// A second run of an import (or undo) that is in fact still running elsewhere is harmless: only one run can commit a batch.
/// </summary>
public sealed class ImportRecovery(AppDbContext db, IBackgroundJobClient jobs, ILogger<ImportRecovery> logger)
{
    public async Task QueueUnfinishedAsync(CancellationToken cancellationToken)
    {
        var unfinished = await db.Imports
            .Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in unfinished)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        var undos = await db.ImportUndos
            .Where(u => u.Status == ImportUndoStatus.Queued || u.Status == ImportUndoStatus.Running)
            .Select(u => u.ImportId)
            .ToListAsync(cancellationToken);
        foreach (var id in undos)
        {
            jobs.Enqueue<UndoImportJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        var previews = await db.ImportPreviews
            .Where(p => p.Status == ImportPreviewStatus.Queued || p.Status == ImportPreviewStatus.Running)
            .Select(p => p.ImportId)
            .ToListAsync(cancellationToken);
        foreach (var id in previews)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.PreviewAsync(id, CancellationToken.None));
        }

        if (unfinished.Count + undos.Count + previews.Count > 0)
        {
            logger.LogInformation("Queued {Count} unfinished imports, {Undos} unfinished undos and {Previews} unfinished previews to resume", unfinished.Count, undos.Count, previews.Count);
        }
    }
}
