using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.Import;

/// <param name="Undos">The undos asked for of the page's imports, by import.</param>
/// <param name="Undoable">The page's imports an admin can undo now.</param>
public sealed record ImportHistoryPage(IReadOnlyList<ImportRecord> Imports, int Page, int PageCount, IReadOnlyDictionary<Guid, ImportUndo> Undos, IReadOnlySet<Guid> Undoable);

/// <summary>The Contact Import Status page, the import history and the reports of rejected rows and of rows imported with a warning.</summary>
public sealed class ImportReports(AppDbContext db, ImportUndos undos)
{
    public const int HistoryPageSize = 25;

    public Task<ImportRecord?> FindAsync(Guid id, int senderCodeId, CancellationToken ct) =>
        db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id && i.SenderCodeId == senderCodeId, ct);

    /// <summary>Imports of the sender code, newest first; drafts (wizards not finished) are not history.</summary>
    public async Task<ImportHistoryPage> HistoryAsync(int senderCodeId, int page, CancellationToken ct)
    {
        var query = db.Imports.AsNoTracking().Where(i => i.SenderCodeId == senderCodeId && i.Status != ImportStatus.Draft);
        var count = await query.CountAsync(ct);
        var pageCount = Math.Max(1, (count + HistoryPageSize - 1) / HistoryPageSize);
        page = Math.Clamp(page, 1, pageCount);
        var imports = await query.OrderByDescending(i => i.CreatedUtc).Skip((page - 1) * HistoryPageSize).Take(HistoryPageSize).ToListAsync(ct);
        var asked = await undos.OfAsync(imports.Select(i => i.Id).ToList(), ct);
        var undoable = imports.Where(i => undos.Refusal(i, asked.GetValueOrDefault(i.Id)) is null && !asked.ContainsKey(i.Id)).Select(i => i.Id).ToHashSet();
        return new ImportHistoryPage(imports, page, pageCount, asked, undoable);
    }

    /// <summary>
    /// A completed import compared with the Preview it was started from (null while it runs, or for an import without one).
    /// </summary>
    public async Task<ImportPreviewComparison?> PreviewComparisonAsync(ImportRecord import, CancellationToken ct)
    {
        if (import.Status != ImportStatus.Completed)
        {
            return null;
        }

        var preview = await db.ImportPreviews.AsNoTracking()
            .SingleOrDefaultAsync(p => p.ImportId == import.Id && p.Status == ImportPreviewStatus.Completed, ct);
        return preview is null ? null : ImportPreviewComparison.Of(preview.Counts, import.Counts);
    }

    /// <summary>
    /// Streams one report of rows, in file order, as CSV: line number, phone as written (characters a reader cannot see
    /// shown as U+XXXX), the reason the row was not imported (or the warning it was imported with), and the row itself.
    /// Cells that a spreadsheet would run as a formula are guarded as every export of the app guards them.
    /// </summary>
    public async Task WriteRowsCsvAsync(Guid importId, ImportRowReport report, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteField("Line");
        csv.WriteField("Phone");
        csv.WriteField(report == ImportRowReport.Rejected ? "Reason" : "Warning");
        csv.WriteField("Row");
        await csv.EndRecordAsync(ct);
        var rows = report == ImportRowReport.Rejected
            ? db.ImportRejectedRows.Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).Select(r => new ReportRow(r.LineNumber, r.Phone, r.Reason, r.RawLine))
            : db.ImportWarningRows.Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).Select(r => new ReportRow(r.LineNumber, r.Phone, r.Message, r.RawLine));
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(ct))
        {
            csv.WriteField(row.Line);
            csv.WriteField(CsvFormulaGuard.Neutralize(PhoneNormalizer.MakeVisible(row.Phone)));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.Why));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.RawLine));
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    private sealed record ReportRow(long Line, string Phone, string Why, string RawLine);
}

/// <summary>The two reports of an import's rows, each a CSV download of the status page.</summary>
public enum ImportRowReport
{
    /// <summary>Rows not imported, each with its reason (ImportRejectedRows): <c>rejected-rows.csv</c>.</summary>
    Rejected,

    /// <summary>Rows imported with a warning (ImportWarningRows): <c>warnings.csv</c>.</summary>
    Warnings,
}

/// <summary>
/// The outcome counts of a Preview and of the import started from it, side by side. The file is the same, so every record
/// has an outcome in both; a record whose outcome changed (a contact edited, opted out or added meanwhile) leaves one count
/// and joins another, so half the sum of the differences is how many records came out differently (a lower bound only
/// when two records swapped outcomes both ways, which then cancel).
/// </summary>
public sealed record ImportPreviewComparison(IReadOnlyList<(string Outcome, int Preview, int Import)> Counts)
{
    public int RowsDiffering => Counts.Sum(c => Math.Abs(c.Import - c.Preview)) / 2;

    /// <summary>The counts that differ.</summary>
    public IEnumerable<(string Outcome, int Preview, int Import)> Differences => Counts.Where(c => c.Preview != c.Import);

    public static ImportPreviewComparison Of(ImportOutcomeCounts preview, ImportOutcomeCounts import) => new(
    [
        ("Opted-in", preview.OptedIn, import.OptedIn),
        ("Updated", preview.Updated, import.Updated),
        ("Unchanged", preview.Unchanged, import.Unchanged),
        ("Opted out", preview.OptedOut, import.OptedOut),
        ("Ignored — Previously Opted-out", preview.IgnoredOptedOut, import.IgnoredOptedOut),
        ("Ignored — Previously Banned", preview.IgnoredBanned, import.IgnoredBanned),
        ("Skipped", preview.Skipped, import.Skipped),
        ("Rejected", preview.Rejected, import.Rejected),
        ("Duplicates", preview.Duplicates, import.Duplicates),
    ]);
}
