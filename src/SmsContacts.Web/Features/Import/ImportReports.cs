using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Web.Features.Import;

public sealed record ImportHistoryPage(IReadOnlyList<ImportRecord> Imports, int Page, int PageCount);

/// <summary>The Contact Import Status page, the import history and the rejected-rows report.</summary>
public sealed class ImportReports(AppDbContext db)
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
        return new ImportHistoryPage(imports, page, pageCount);
    }

    /// <summary>
    /// Streams the rejected rows, in file order, as CSV: line number, phone as written (characters a reader cannot see
    /// shown as U+XXXX), reason, and the row itself.
    /// Cells that a spreadsheet would run as a formula are guarded as every export of the app guards them.
    /// </summary>
    public async Task WriteRejectedCsvAsync(Guid importId, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteField("Line");
        csv.WriteField("Phone");
        csv.WriteField("Reason");
        csv.WriteField("Row");
        await csv.EndRecordAsync(ct);
        var rows = db.ImportRejectedRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.LineNumber);
            csv.WriteField(CsvFormulaGuard.Neutralize(PhoneNormalizer.MakeVisible(row.Phone)));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.Reason));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.RawLine));
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }

    /// <summary>Streams the rows imported with a warning, in file order, as <see cref="WriteRejectedCsvAsync"/> streams the rejected ones.</summary>
    public async Task WriteWarningsCsvAsync(Guid importId, Stream output, CancellationToken ct)
    {
        await using var csv = CsvWriter.Create(output, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true);
        csv.WriteField("Line");
        csv.WriteField("Phone");
        csv.WriteField("Warning");
        csv.WriteField("Row");
        await csv.EndRecordAsync(ct);
        var rows = db.ImportWarningRows.AsNoTracking().Where(r => r.ImportId == importId).OrderBy(r => r.LineNumber).AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(ct))
        {
            csv.WriteField(row.LineNumber);
            csv.WriteField(CsvFormulaGuard.Neutralize(PhoneNormalizer.MakeVisible(row.Phone)));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.Message));
            csv.WriteField(CsvFormulaGuard.Neutralize(row.RawLine));
            await csv.EndRecordAsync(ct);
        }

        await csv.FlushAsync(ct);
    }
}
