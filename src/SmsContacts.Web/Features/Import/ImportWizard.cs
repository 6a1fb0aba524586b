using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Import;

/// <summary>The first rows of a file as the chosen settings read them.</summary>
public sealed record ImportSample(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, int ColumnCount);

/// <summary>One column of step 3: its name, sample values and the field chosen for it.</summary>
public sealed record LayoutColumn(int Index, string Header, IReadOnlyList<string> Samples, string Selected);

public sealed record ImportLayoutModel(ImportRecord Import, IReadOnlyList<LayoutColumn> Columns, ImportFields Fields);

/// <summary>Steps 2 and 3 of the wizard, and starting (or retrying) the import.</summary>
public sealed class ImportWizard(AppDbContext db, DataDirectory data, IBackgroundJobClient jobs)
{
    public const int SampleRows = 3;

    public Task<ImportRecord?> FindAsync(Guid id, int senderCodeId, CancellationToken ct) =>
        db.Imports.SingleOrDefaultAsync(i => i.Id == id && i.SenderCodeId == senderCodeId, ct);

    public Task<List<ContactList>> ListsAsync(int senderCodeId, CancellationToken ct) =>
        db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).OrderBy(l => l.Name).ToListAsync(ct);

    /// <summary>Saves the settings; returns why the file cannot be imported with them, or null.</summary>
    public async Task<string?> SaveSettingsAsync(ImportRecord import, ImportSettingsForm form, CancellationToken ct)
    {
        var sample = ReadSample(import, form.Format, 1);
        if (sample.Error is not null)
        {
            return sample.Error;
        }

        if (sample.Sample!.Rows.Count == 0)
        {
            return form.FirstLineHasColumnNames
                ? "The file has a header line and no rows below it: there are no contacts to import."
                : "The file has no rows to import.";
        }

        var list = form.Action == ImportAction.OptOut ? null : await db.Lists.SingleAsync(l => l.Id == form.ListId, ct);
        var formatChanged = ImportFileFormat.Of(import) != form.Format;
        import.EnterJourneys = form.EnterJourneys;
        import.Action = form.Action;
        import.ListId = list?.Id;
        import.ListName = list?.Name;
        import.FieldUpdateMode = form.FieldUpdateMode;
        import.StoreAsDoubleOptIn = form.StoreAsDoubleOptIn;
        import.OverrideOptInStatus = form.OverrideOptInStatus;
        import.CartAbandonmentConsent = form.CartAbandonmentConsent;
        import.OverrideMarketingConsent = form.OverrideMarketingConsent;
        import.TextQualifier = form.EffectiveQualifier;
        import.FirstLineHasColumnNames = form.FirstLineHasColumnNames;
        import.DateOrder = form.DateOrder;
        import.ConsentNote = ConsentNotes.Normalize(form.ConsentNote);
        import.Delimiter = DelimiterNames.Parse(form.Delimiter);
        import.Encoding = form.Encoding;
        if (formatChanged)
        {
            // Other columns now: the layout is chosen again.
            import.ColumnMapping = "[]";
        }

        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<(ImportLayoutModel? Model, string? Error)> LayoutAsync(ImportRecord import, CancellationToken ct)
    {
        var fields = await ImportFields.ForSenderCodeAsync(db, import.SenderCodeId, ct);
        var (sample, error) = ReadSample(import, ImportFileFormat.Of(import), SampleRows);
        if (sample is null)
        {
            return (null, error);
        }

        var saved = ImportRunPlan.ReadMapping(import);
        var region = await db.SenderCodes.Where(s => s.Id == import.SenderCodeId).Select(s => s.CountryCode).SingleAsync(ct);
        var selected = saved.Length == sample.ColumnCount ? saved : Guess(sample, fields, region);
        var columns = Enumerable.Range(0, sample.ColumnCount)
            .Select(i => new LayoutColumn(
                i,
                i < sample.Headers.Count && sample.Headers[i].Trim().Length > 0 ? sample.Headers[i].Trim() : $"Column {i + 1}",
                sample.Rows.Select(r => i < r.Count ? r[i] : "").ToList(),
                selected[i]))
            .ToList();
        return (new ImportLayoutModel(import, columns, fields), null);
    }

    /// <summary>Saves the layout and queues the import.</summary>
    public async Task StartAsync(ImportRecord import, IReadOnlyList<string> columns, CancellationToken ct)
    {
        import.ColumnMapping = ImportRunPlan.WriteMapping(columns);
        import.Status = ImportStatus.Queued;
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(import.Id, CancellationToken.None));
    }

    /// <summary>A failed import goes on from its last committed batch.</summary>
    public async Task<bool> RetryAsync(ImportRecord import, CancellationToken ct)
    {
        if (import.Status != ImportStatus.Failed || !File.Exists(Path.Combine(data.Imports, import.StoredFileName)))
        {
            return false;
        }

        import.Status = ImportStatus.Queued;
        import.Error = null;
        import.CompletedUtc = null;
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(import.Id, CancellationToken.None));
        return true;
    }

    private (ImportSample? Sample, string? Error) ReadSample(ImportRecord import, ImportFileFormat format, int rows)
    {
        var path = Path.Combine(data.Imports, import.StoredFileName);
        if (!File.Exists(path))
        {
            return (null, "The uploaded file is no longer on the server. Upload it again.");
        }

        try
        {
            using var records = ImportCsv.Open(path, format);
            var headers = records.Headers;
            var sample = new List<IReadOnlyList<string>>();
            var columnCount = headers.Count;
            while (sample.Count < rows && records.Read())
            {
                if (records.UnclosedQuote is not null)
                {
                    continue;
                }

                var csv = records.Csv;
                var values = Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToList();
                sample.Add(values);
                columnCount = Math.Max(columnCount, values.Count);
            }

            return (new ImportSample(headers, sample, columnCount), null);
        }
        catch (CsvFormatException ex)
        {
            return (null, $"The file cannot be read with these settings: {ex.Message}");
        }
    }

    /// <summary>
    /// Headers that name a field are mapped to it (each field once, first column first). Without a header,
    /// a column whose sample values are all phone numbers becomes the phone column.
    /// </summary>
    private static string[] Guess(ImportSample sample, ImportFields fields, string region)
    {
        var selected = Enumerable.Repeat(ImportFields.DoNotImport, sample.ColumnCount).ToArray();
        var taken = new HashSet<string>();
        for (var i = 0; i < sample.Headers.Count && i < sample.ColumnCount; i++)
        {
            if (fields.Guess(sample.Headers[i]) is { } field && taken.Add(field.Key))
            {
                selected[i] = field.Key;
            }
        }

        if (!taken.Contains(ImportFields.PhoneKey))
        {
            for (var i = 0; i < sample.ColumnCount; i++)
            {
                var values = sample.Rows.Select(r => i < r.Count ? r[i] : "").ToList();
                if (selected[i] == ImportFields.DoNotImport && values.Count > 0 && values.All(v => PhoneNormalizer.Normalize(v, region).IsValid))
                {
                    selected[i] = ImportFields.PhoneKey;
                    break;
                }
            }
        }

        return selected;
    }
}
