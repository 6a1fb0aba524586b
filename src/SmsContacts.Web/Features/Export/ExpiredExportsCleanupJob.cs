using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Export;

/// <summary>
/// Recurring: deletes the files of exports whose link has expired and marks them Expired. The file is
/// the only copy of the data outside the database, so it does not outlive its link. It also deletes any
/// file in the exports folder that no live export owns (one left by a process that died between two steps).
/// </summary>
public sealed class ExpiredExportsCleanupJob(AppDbContext db, DataDirectory data, TimeProvider clock, ILogger<ExpiredExportsCleanupJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    public async Task RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expired = await db.Exports
            .Where(e => e.Status == ExportStatus.Completed && e.ExpiresUtc <= now)
            .ToListAsync(ct);
        foreach (var export in expired)
        {
            if (export.StoredFileName is { } name)
            {
                File.Delete(Path.Combine(data.Exports, name));
            }

            export.StoredFileName = null;
            export.Status = ExportStatus.Expired;
        }

        await db.SaveChangesAsync(ct);
        if (expired.Count > 0)
        {
            logger.LogInformation("Deleted the files of {Count} expired exports", expired.Count);
        }

        await DeleteOrphansAsync(ct);
    }

    /// <summary>
    /// A file is kept while its export is being written (Running: the unfinished copy, or the finished one about to
    /// get its link) or its link can be followed (Sending or Completed); every other file in the folder goes.
    /// </summary>
    private async Task DeleteOrphansAsync(CancellationToken ct)
    {
        var files = Directory.EnumerateFiles(data.Exports)
            .Select(path => (Path: path, Name: Path.GetFileName(path)))
            .Select(f => (f.Path, f.Name, Partial: f.Name.EndsWith(ExportRuns.PartialSuffix, StringComparison.Ordinal)))
            .Select(f => (f.Path, f.Name, f.Partial, Id: Guid.TryParseExact(f.Name.Split('.')[0], "N", out var id) ? id : (Guid?)null))
            .ToList();
        var ids = files.Where(f => f.Id is not null).Select(f => f.Id!.Value).Distinct().ToList();
        var exports = new Dictionary<Guid, (ExportStatus Status, string? StoredFileName)>();
        foreach (var chunk in ids.Chunk(500))
        {
            foreach (var e in await db.Exports.AsNoTracking().Where(e => chunk.Contains(e.Id)).Select(e => new { e.Id, e.Status, e.StoredFileName }).ToListAsync(ct))
            {
                exports[e.Id] = (e.Status, e.StoredFileName);
            }
        }

        var deleted = 0;
        foreach (var file in files)
        {
            var keep = file.Id is { } id && exports.TryGetValue(id, out var export) && (file.Partial
                ? export.Status == ExportStatus.Running
                : export.Status == ExportStatus.Running || (export.Status is ExportStatus.Sending or ExportStatus.Completed && export.StoredFileName == file.Name));
            if (!keep)
            {
                File.Delete(file.Path);
                deleted++;
            }
        }

        if (deleted > 0)
        {
            logger.LogWarning("Deleted {Count} files in the exports folder that no export owns", deleted);
        }
    }
}
