using System.Collections.Concurrent;
using System.Text;
using System.Threading.Channels;
using CsvHelper;
using SmsContacts.Web.Data.BulkImport;
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
    bool KeepRawLines);

/// <summary>
/// The second pass over an import file, on its own thread: each row is validated (phone normalised to E.164,
/// every mapped cell parsed) and becomes either a row to write or a rejected row with its reason; rows go
/// out in batches through a bounded channel, and written batches come back to be filled again, so memory
/// holds a few batches whatever the file's size.
/// </summary>
public static class ImportFileReader
{
    public const string DuplicateReason = "Duplicate phone number: a later row of the file has the same number, and the last one wins.";

    public static async Task ReadAsync(ImportReadPlan plan, ChannelWriter<ImportBatch> output, ConcurrentQueue<ImportBatch> spare, CancellationToken ct)
    {
        try
        {
            // Unbuffered: CsvHelper has its own buffer, and the stream's position is then the progress.
            await using var file = new FileStream(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var csv = CsvReader.Create(file, plan.Format.ReaderOptions(), leaveOpen: true);
            var row = new RowScratch(plan.Columns.Count);
            var batch = Take(spare, plan.AfterRow);
            while (csv.Read())
            {
                var number = csv.RowNumber;
                if (number <= plan.AfterRow)
                {
                    continue;
                }

                var line = csv.LineNumber;
                var phoneText = csv.GetString(plan.PhoneColumn).Trim();
                var phone = PhoneNormalizer.Normalize(phoneText, plan.Region);
                var error = phone.Error;
                if (error is null && plan.Phones.IsSuperseded(number))
                {
                    error = DuplicateReason;
                }

                error ??= row.Parse(csv, plan.Columns);
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
                    batch.Rejections.Add(new ImportRejection(line, phoneText, error, Encoding.UTF8.GetString(csv.RawRecord)));
                }

                batch.ToRow = number;
                if (batch.RowCount >= plan.BatchSize)
                {
                    batch.BytesRead = file.Position;
                    await output.WriteAsync(batch, ct);
                    batch = Take(spare, number);
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

    private static ImportBatch Take(ConcurrentQueue<ImportBatch> spare, long fromRow) =>
        spare.TryDequeue(out var batch) ? batch.Reset(fromRow) : new ImportBatch(fromRow);

    /// <summary>The parsed values of one row, kept until every cell is known to be valid; reused for every row.</summary>
    private sealed class RowScratch(int columns)
    {
        private readonly int[] _start = new int[columns];
        private readonly int[] _length = new int[columns];
        private char[] _cell = new char[256];
        private char[] _values = new char[1024];
        private byte[] _utf8 = new byte[1024];

        /// <returns>Why a cell cannot be stored, or null when every cell can.</returns>
        public string? Parse(CsvReader csv, IReadOnlyList<MappedColumn> columns)
        {
            var used = 0;
            for (var i = 0; i < columns.Count; i++)
            {
                var bytes = csv.GetSpan(columns[i].Index);
                Grow(ref _cell, bytes.Length);
                var chars = Encoding.UTF8.GetChars(bytes, _cell);
                Grow(ref _values, used + ProfileValueParser.OutputLength(chars));
                if (!ProfileValueParser.TryParse(columns[i].Target, _cell.AsSpan(0, chars), _values.AsSpan(used), out var written, out var error))
                {
                    return error;
                }

                _start[i] = used;
                _length[i] = written;
                used += Math.Max(0, written);
            }

            return null;
        }

        public void AddTo(ImportBatch batch)
        {
            for (var i = 0; i < _start.Length; i++)
            {
                if (_length[i] < 0)
                {
                    batch.AddValue(default, isNull: true);
                    continue;
                }

                Grow(ref _utf8, Encoding.UTF8.GetMaxByteCount(_length[i]));
                var bytes = Encoding.UTF8.GetBytes(_values.AsSpan(_start[i], _length[i]), _utf8);
                batch.AddValue(_utf8.AsSpan(0, bytes), isNull: false);
            }
        }

        private static void Grow<T>(ref T[] buffer, int length)
        {
            if (buffer.Length < length)
            {
                Array.Resize(ref buffer, Math.Max(length, buffer.Length * 2));
            }
        }
    }
}
