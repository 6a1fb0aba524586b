using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// What the reader found besides rows, saved beside the bulk writer's batches: rows imported with a warning, and the
/// file's header and blank lines. Both are safe to save again for the same rows (a batch read again after a crash):
/// a batch's warnings replace those of its lines, and the counts are set to the reader's running totals, not added.
/// </summary>
public static class ImportReaderNotes
{
    /// <summary>Saves the warnings of the rows the batch covers, before the batch itself is written.</summary>
    public static async Task SaveWarningsAsync(AppDbContext db, Guid importId, ReadBatch batch, CancellationToken ct)
    {
        if (batch.Warnings.Count == 0)
        {
            return;
        }

        var first = batch.Warnings[0].Line;
        var last = batch.Warnings[^1].Line;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.ImportWarningRows.Where(w => w.ImportId == importId && w.LineNumber >= first && w.LineNumber <= last).ExecuteDeleteAsync(ct);
        db.ImportWarningRows.AddRange(batch.Warnings.Select(w => new ImportWarningRow
        {
            ImportId = importId,
            LineNumber = w.Line,
            Phone = ImportRejectionLimits.Phone(w.Phone),
            Message = ImportRejectionLimits.Reason(w.Reason),
            RawLine = ImportRejectionLimits.RawLine(w.RawLine),
        }));
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        await transaction.CommitAsync(ct);
    }

    /// <summary>Sets the header and blank lines read so far, and the number of warning rows saved.</summary>
    public static Task SaveCountsAsync(AppDbContext db, Guid importId, ImportLineCounts lines, CancellationToken ct) =>
        db.Imports.Where(i => i.Id == importId).ExecuteUpdateAsync(
            s => s.SetProperty(i => i.HeaderLines, lines.HeaderLines)
                .SetProperty(i => i.BlankLines, lines.BlankLines)
                .SetProperty(i => i.WarningRows, i => db.ImportWarningRows.Count(w => w.ImportId == i.Id)),
            ct);
}
