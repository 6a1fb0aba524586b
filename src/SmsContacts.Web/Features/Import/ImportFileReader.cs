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
/// out in batches through a bounded channel, so at most a couple of batches are ever in memory.
/// </summary>
public static class ImportFileReader
{
    public const string DuplicateReason = "Duplicate phone number: a later row of the file has the same number, and the last one wins.";

    public static async Task ReadAsync(ImportReadPlan plan, ChannelWriter<ImportBatch> output, CancellationToken ct)
    {
        try
        {
            // Unbuffered: CsvHelper has its own buffer, and the stream's position is then the progress.
            await using var file = new FileStream(plan.Path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan);
            using var csv = CsvReader.Create(file, plan.Format.ReaderOptions(), leaveOpen: true);
            var batch = new ImportBatch { FromRow = plan.AfterRow, ToRow = plan.AfterRow };
            var values = new string?[plan.Columns.Count];
            while (csv.Read())
            {
                var row = csv.RowNumber;
                if (row <= plan.AfterRow)
                {
                    continue;
                }

                var line = csv.LineNumber;
                var phoneText = csv.GetString(plan.PhoneColumn).Trim();
                var phone = PhoneNormalizer.Normalize(phoneText, plan.Region);
                var error = phone.Error;
                if (error is null && plan.Phones.IsSuperseded(row))
                {
                    error = DuplicateReason;
                }

                for (var i = 0; error is null && i < plan.Columns.Count; i++)
                {
                    var column = plan.Columns[i];
                    if (!ProfileValueParser.TryParse(column.Target, csv.GetString(column.Index), out values[i], out error))
                    {
                        break;
                    }
                }

                if (error is null)
                {
                    batch.Rows.Add(new ImportRow(line, phone.E164!, [.. values], plan.KeepRawLines ? Raw(csv) : null));
                }
                else
                {
                    batch.Rejections.Add(new ImportRejection(line, phoneText, error, Raw(csv)));
                }

                batch.ToRow = row;
                if (batch.RowCount >= plan.BatchSize)
                {
                    batch.BytesRead = file.Position;
                    await output.WriteAsync(batch, ct);
                    batch = new ImportBatch { FromRow = row, ToRow = row };
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

    private static string Raw(CsvReader csv) => Encoding.UTF8.GetString(csv.RawRecord);
}
