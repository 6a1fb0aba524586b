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
    DateOrder Dates);

/// <summary>
/// The second pass over an import file, on its own thread: each row is validated (phone normalised to E.164,
/// every mapped cell parsed) and becomes either a row to write or a rejected row with its reason; rows go
/// out in batches through a bounded channel, and written batches come back to be filled again, so memory
/// holds the same two batches whatever the file's size.
/// </summary>
public static class ImportFileReader
{
    public const string DuplicateReason = "Duplicate phone number: a later row of the file has the same number, and the last one wins.";

    public static async Task ReadAsync(ImportReadPlan plan, ChannelWriter<ImportBatch> output, ChannelReader<ImportBatch> empty, CancellationToken ct)
    {
        try
        {
            // Unbuffered: CsvHelper has its own buffer, and the stream's position is then the progress.
            await using var file = new FileStream(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var csv = CsvReader.Create(file, plan.Format.ReaderOptions(), leaveOpen: true);
            var row = new RowScratch(plan.Columns.Count);
            var batch = (await empty.ReadAsync(ct)).Reset(plan.AfterRow);
            while (csv.Read())
            {
                var number = csv.RowNumber;
                if (number <= plan.AfterRow)
                {
                    continue;
                }

                var line = csv.LineNumber;
                var phoneText = CsvFormulaGuard.Restore(csv.GetString(plan.PhoneColumn).Trim());
                var phone = PhoneNormalizer.Normalize(phoneText, plan.Region);
                var error = phone.Error;
                var duplicate = error is null && plan.Phones.IsSuperseded(number);
                if (duplicate)
                {
                    error = DuplicateReason;
                }

                error ??= row.Parse(csv, plan.Columns, plan.Today, plan.Dates);
                if (error is null)
                {
                    batch.AddRow(line, PhonePass.ToKey(phone.E164));
                    row.AddTo(batch);
                    if (plan.KeepRawLines)
                    {
                        batch.AddValue(csv.RawRecord, isNull: false);
                    }
                }
                else
                {
                    batch.Rejections.Add(new ImportRejection(line, phoneText, error, Encoding.UTF8.GetString(csv.RawRecord), duplicate));
                }

                batch.ToRow = number;
                if (batch.RowCount >= plan.BatchSize)
                {
                    batch.BytesRead = file.Position;
                    await output.WriteAsync(batch, ct);
                    batch = (await empty.ReadAsync(ct)).Reset(number);
                }
            }

            if (batch.RowCount > 0)
            {
                batch.BytesRead = file.Position;
                await output.WriteAsync(batch, ct);
            }

            output.Complete();
        }
        catch (Exception ex)
        {
            output.Complete(ex);
        }
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
