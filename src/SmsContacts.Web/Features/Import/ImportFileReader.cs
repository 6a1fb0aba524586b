using System.Text;
using System.Threading.Channels;
using CsvHelper;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Csv;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Import;

/// <summary>One mapped column: where it is in the file and the field it fills.</summary>
public sealed record MappedColumn(int Index, ImportTarget Target);

/// <summary>What the second pass needs to know to turn the file's rows into batches.</summary>
/// <param name="LayoutColumns">Columns of the layout the user mapped: what a row must have when the file has no header.</param>
public sealed record ImportReadPlan(
    string Path,
    ImportFileFormat Format,
    int PhoneColumn,
    IReadOnlyList<MappedColumn> Columns,
    string Region,
    long AfterRow,
    int BatchSize,
    PhonePass Phones,
    bool KeepRawLines,
    DateOnly Today,
    DateOrder Dates,
    int LayoutColumns = 0)
{
    /// <summary>Filled by the reader when it has read the whole file: its header and blank lines.</summary>
    public ImportLineCounts Lines { get; set; }
}

/// <summary>
/// A batch of rows as the reader hands it to the job: the rows to write, the rows imported with a warning (a row
/// with more or fewer cells than the header), and the file's header and blank lines up to its last row.
/// </summary>
public sealed class ReadBatch
{
    public ImportBatch Rows { get; } = new(0);

    public List<ImportRejection> Warnings { get; } = [];

    public ImportLineCounts Lines { get; set; }

    public ReadBatch Reset(long fromRow)
    {
        Rows.Reset(fromRow);
        Warnings.Clear();
        return this;
    }
}

/// <summary>
/// The second pass over an import file, on its own thread: each row is validated (phone normalised to E.164,
/// every mapped cell parsed) and becomes either a row to write or a rejected row with its reason; rows go
/// out in batches through a bounded channel, and written batches come back to be filled again, so memory
/// holds the same two batches whatever the file's size. Every line is accounted for: the header and blank lines
/// are counted (<see cref="ImportCsv"/>), a stray-quote line is rejected ("unclosed quote"), and a row with more
/// or fewer cells than the header is imported with a warning, or rejected when a mapped cell is missing.
/// </summary>
public static class ImportFileReader
{
    public const string DuplicateReason = "Duplicate phone number: a later row of the file has the same number, and the last one wins.";

    public const string UnclosedQuoteReason = "Unclosed quote: a field of this line opens a quote that is never closed, so the line cannot be read. The lines after it are read as rows of their own.";

    public static async Task ReadAsync(ImportReadPlan plan, ChannelWriter<ReadBatch> output, ChannelReader<ReadBatch> empty, CancellationToken ct)
    {
        try
        {
            // Unbuffered: the text stream has its own buffer, and the file's position is then the progress.
            await using var file = new FileStream(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var records = ImportCsv.Open(file, plan.Format);
            var csv = records.Csv;
            var expected = records.Headers.Count > 0 ? records.Headers.Count : Math.Max(plan.LayoutColumns, records.FirstLineCells);
            var shape = new RowShape(plan, records.Headers, expected);
            var row = new RowScratch(plan.Columns.Count);
            var batch = (await empty.ReadAsync(ct)).Reset(plan.AfterRow);
            while (records.Read())
            {
                var number = csv.RowNumber;
                if (number <= plan.AfterRow)
                {
                    continue;
                }

                var line = records.Line;
                var phoneText = CsvFormulaGuard.Restore(records.GetString(plan.PhoneColumn).Trim());
                string? error = null;
                string? warning = null;
                NormalizedPhone phone = default;
                if (records.UnclosedQuote is not null)
                {
                    error = UnclosedQuoteReason;
                }
                else
                {
                    error = shape.Check(csv, out warning);
                    if (error is null)
                    {
                        phone = PhoneNormalizer.Normalize(phoneText, plan.Region);
                        error = phone.Error;
                    }
                }

                var duplicate = error is null && plan.Phones.IsSuperseded(number);
                if (duplicate)
                {
                    error = DuplicateReason;
                }

                error ??= row.Parse(csv, plan.Columns, plan.Today, plan.Dates);
                if (error is null)
                {
                    batch.Rows.AddRow(line, PhonePass.ToKey(phone.E164));
                    row.AddTo(batch.Rows);
                    if (plan.KeepRawLines)
                    {
                        batch.Rows.AddValue(csv.RawRecord, isNull: false);
                    }

                    if (warning is not null)
                    {
                        batch.Warnings.Add(new ImportRejection(line, phoneText, warning, records.RawRecord));
                    }
                }
                else
                {
                    batch.Rows.Rejections.Add(new ImportRejection(line, phoneText, error, records.RawRecord, duplicate));
                }

                batch.Rows.ToRow = number;
                if (batch.Rows.RowCount >= plan.BatchSize)
                {
                    batch.Rows.BytesRead = file.Position;
                    batch.Lines = records.Counts;
                    await output.WriteAsync(batch, ct);
                    batch = (await empty.ReadAsync(ct)).Reset(number);
                }
            }

            plan.Lines = records.Counts;
            if (batch.Rows.RowCount > 0)
            {
                batch.Rows.BytesRead = file.Position;
                batch.Lines = records.Counts;
                await output.WriteAsync(batch, ct);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
    }

    /// <summary>
    /// Whether a row has the cells of the header: a missing mapped cell rejects the row (its value is not in the file);
    /// a missing unmapped cell, or extra cells with something in them, import the row with a warning, so nothing is
    /// cut off without a word. Extra cells that are all empty (a trailing delimiter) say nothing.
    /// </summary>
    private sealed class RowShape(ImportReadPlan plan, IReadOnlyList<string> headers, int expected)
    {
        private readonly string _of = headers.Count > 0 ? "the header has" : "the file's first line has";

        public string? Check(CsvReader csv, out string? warning)
        {
            warning = null;
            var cells = csv.FieldCount;
            if (cells == expected)
            {
                return null;
            }

            if (cells < expected)
            {
                var missing = new List<string>();
                if (plan.PhoneColumn >= cells)
                {
                    missing.Add(Name(plan.PhoneColumn, "Phone Number"));
                }

                missing.AddRange(plan.Columns.Where(c => c.Index >= cells).Select(c => Name(c.Index, c.Target.Label)));
                if (missing.Count > 0)
                {
                    return Limit($"The row has {Cells(cells)} where {_of} {expected}: no value for {string.Join(", ", missing)}.");
                }

                if (Enumerable.Range(cells, expected - cells).All(i => i < headers.Count && headers[i].Trim().Length == 0))
                {
                    return null;
                }

                warning = Limit($"The row has {Cells(cells)} where {_of} {expected}; the missing {(expected - cells == 1 ? "cell is not an imported column and was" : "cells are not imported columns and were")} read as empty.");
                return null;
            }

            for (var i = expected; i < cells; i++)
            {
                if (!csv.IsEmpty(i))
                {
                    warning = Limit($"The row has {Cells(cells)} where {_of} {expected}: cells {expected + 1} to {cells} are in no column and were not imported.");
                    break;
                }
            }

            return null;
        }

        private static string Cells(int count) => count == 1 ? "1 cell" : $"{count} cells";

        private string Name(int index, string field) =>
            index < headers.Count && headers[index].Trim().Length > 0 && !headers[index].Trim().Equals(field, StringComparison.OrdinalIgnoreCase)
                ? $"{field} (column {index + 1}, \"{headers[index].Trim()}\")"
                : $"{field} (column {index + 1})";

        private static string Limit(string text) => text.Length <= 200 ? text : text[..199] + "…";
    }

    /// <summary>The parsed values of one row, kept until every cell is known to be valid; reused for every row.</summary>
    private sealed class RowScratch(int columns)
    {
        private readonly string?[] _values = new string?[columns];
        private byte[] _utf8 = new byte[1024];

        /// <returns>Why a cell cannot be stored, or null when every cell can.</returns>
        public string? Parse(CsvReader csv, IReadOnlyList<MappedColumn> columns, DateOnly today, DateOrder dates)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                // Our own exports guard formula-like cells with an apostrophe; undo it so they come back as they left.
                var cell = CsvFormulaGuard.Restore(csv.GetString(columns[i].Index));
                if (!ProfileValueParser.TryParse(columns[i].Target, cell, today, dates, out _values[i], out var error))
                {
                    return error;
                }
            }

            return null;
        }

        public void AddTo(ImportBatch batch)
        {
            foreach (var value in _values)
            {
                if (value is null)
                {
                    batch.AddValue(default, isNull: true);
                    continue;
                }

                if (_utf8.Length < Encoding.UTF8.GetMaxByteCount(value.Length))
                {
                    _utf8 = new byte[Math.Max(_utf8.Length * 2, Encoding.UTF8.GetMaxByteCount(value.Length))];
                }

                var bytes = Encoding.UTF8.GetBytes(value, _utf8);
                batch.AddValue(_utf8.AsSpan(0, bytes), isNull: false);
            }
        }
    }
}
