using System.Text;
using System.Threading.Channels;
using CsvHelper;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The second pass over an import file, on its own thread: each row is validated by <see cref="ImportRowRules"/> (phone
/// normalised to E.164, every mapped cell parsed) and becomes either a row to write or a rejected row with its reason; rows
/// go out in batches through a bounded channel, and written batches come back to be filled again, so memory holds the same
/// two batches whatever the file's size. Every line is accounted for: the header, blank and continuation lines are counted
/// (<see cref="ImportCsv"/>), a stray-quote line is rejected ("unclosed quote"), and a row with more or fewer cells than the
/// header is imported with a warning (kept with the batch, saved by the writer if the row is imported), or rejected when a
/// mapped cell is missing. A row is a duplicate when the first pass (<see cref="PhonePass"/>) found a later valid row of its
/// number.
/// </summary>
public static class ImportFileReader
{
    public const string DuplicateReason = "Duplicate phone number: a later row of the file has the same number, and the last one wins.";

    public const string UnclosedQuoteReason = "Unclosed quote: a field of this line opens a quote that is never closed, so the line cannot be read. The lines after it are read as rows of their own.";

    /// <summary>
    /// Reads the file of <paramref name="plan"/> after its checkpoint into batches of the size <paramref name="pace"/> says,
    /// each taken from <paramref name="empty"/> and sent to <paramref name="output"/> (completed at the end, or with the
    /// exception that stopped the reading).
    /// </summary>
    /// <returns>The lines of the whole file (its header, blank and continuation lines, and its lines); none when the reading failed.</returns>
    public static async Task<ImportLineCounts> ReadAsync(ImportPlan plan, ImportPace pace, PhonePass phones, ChannelWriter<ImportBatch> output, ChannelReader<ImportBatch> empty, CancellationToken ct)
    {
        try
        {
            // Unbuffered: the text stream has its own buffer, and the file's position is then the progress.
            await using var file = new FileStream(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var records = ImportCsv.Open(file, ImportFileFormat.Of(plan.Settings));
            var csv = records.Csv;
            var rules = ImportRowRules.For(plan, records);
            var row = new RowScratch(plan.Columns.Count);
            var batch = (await empty.ReadAsync(ct)).Reset(plan.AfterRow);
            var size = pace.NextBatchRows;
            while (records.Read())
            {
                var number = csv.RowNumber;
                if (number <= plan.AfterRow)
                {
                    continue;
                }

                var line = records.Line;
                var phoneText = rules.PhoneText(records);
                string? error;
                string? warning = null;
                NormalizedPhone phone = default;
                if (records.UnclosedQuote is not null)
                {
                    error = UnclosedQuoteReason;
                }
                else
                {
                    error = rules.CheckShape(csv, out warning);
                    if (error is null)
                    {
                        phone = PhoneNormalizer.Normalize(phoneText, plan.Region);
                        error = phone.Error;
                    }
                }

                error ??= rules.ParseCells(csv, row.Values);

                // Only a valid row can be superseded, and only by a later valid row: the first pass keeps the same rules.
                var duplicate = error is null && phones.IsSuperseded(number);
                if (duplicate)
                {
                    error = DuplicateReason;
                }

                if (error is null)
                {
                    batch.AddRow(line, PhonePass.ToKey(phone.E164));
                    row.AddTo(batch);
                    if (plan.KeepsRawLines)
                    {
                        batch.AddValue(csv.RawRecord, isNull: false);
                    }

                    if (warning is not null)
                    {
                        batch.Warnings.Add(new ImportRejection(line, phoneText, warning, records.RawRecord));
                    }
                }
                else
                {
                    batch.Rejections.Add(new ImportRejection(line, phoneText, error, records.RawRecord, duplicate));
                }

                batch.ToRow = number;
                if (batch.RowCount >= size)
                {
                    batch.BytesRead = file.Position;
                    batch.Lines = records.Counts;
                    await output.WriteAsync(batch, ct);
                    batch = (await empty.ReadAsync(ct)).Reset(number);
                    size = pace.NextBatchRows;
                }
            }

            if (batch.RowCount > 0)
            {
                batch.BytesRead = file.Position;
                batch.Lines = records.Counts;
                await output.WriteAsync(batch, ct);
            }

            output.Complete();
            return records.Counts;
        }
        catch (Exception ex)
        {
            output.Complete(ex);
            return default;
        }
    }

    /// <summary>The parsed values of one row (<see cref="ImportRowRules.ParseCells"/>), kept until the row is known to be valid; reused for every row.</summary>
    private sealed class RowScratch(int columns)
    {
        private byte[] _utf8 = new byte[1024];

        public string?[] Values { get; } = new string?[columns];

        public void AddTo(ImportBatch batch)
        {
            foreach (var value in Values)
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
