using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;

namespace SmsContacts.Web.Features.Import;

/// <summary>The first rows of a file as the chosen settings read them.</summary>
public sealed record ImportSample(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows, int ColumnCount);

/// <summary>One column of step 3: its name, sample values and the field chosen for it.</summary>
public sealed record LayoutColumn(int Index, string Header, IReadOnlyList<string> Samples, string Selected);

/// <summary>The Preview step: the draft, its preview, the examples of each outcome and the first rejected rows.</summary>
public sealed record ImportPreviewPage(ImportRecord Import, ImportPreview Preview, IReadOnlyList<ImportPreviewRow> Examples, IReadOnlyList<ImportPreviewRow> Rejected);

/// <param name="SettingsStamp">The settings this layout was drawn for (<see cref="ImportWizard.SettingsStamp"/>), posted back with it.</param>
/// <param name="Remembered">The saved layout the columns were chosen from, or null when they were guessed (or chosen on this draft before).</param>
public sealed record ImportLayoutModel(ImportRecord Import, IReadOnlyList<LayoutColumn> Columns, ImportFields Fields, string SettingsStamp, RememberedLayout? Remembered);

/// <summary>
/// Steps 2 and 3 of the wizard, and starting (or retrying) the import. The steps are taken in order whatever the
/// browser sends: step 3 needs the settings of step 2 saved (<see cref="ImportRecord.SettingsSavedUtc"/>), a layout
/// posted from a page drawn for other settings (another tab saved step 2 since) is shown again instead of imported, and
/// an import is queued once, by the first post that finds it a draft.
/// </summary>
public sealed class ImportWizard(AppDbContext db, DataDirectory data, IBackgroundJobClient jobs, TimeProvider clock, RememberedLayouts layouts)
{
    public const int SampleRows = 3;

    /// <summary>
    /// The widest file the wizard takes. The layout page shows one dropdown per column and posts the choices as one value,
    /// so this is not a form limit; past it the page itself grows beyond what a browser handles well.
    /// </summary>
    public const int MaxColumns = 10_000;

    /// <summary>
    /// Identifies the saved settings (everything step 2 sets): the layout page carries it, so a layout posted after another
    /// tab changed the settings is recognised as drawn for settings that no longer hold.
    /// </summary>
    public static string SettingsStamp(ImportRecord import)
    {
        var text = $"{import.SettingsSavedUtc?.Ticks}|{System.Text.Json.JsonSerializer.Serialize(import.Settings)}";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>Why step 3 (or the import) cannot go on yet, or null: the settings of step 2 were never saved.</summary>
    public static string? MissingStep(ImportRecord import) =>
        import.SettingsSavedUtc is null ? "Save the Import Settings first: the list and the way to read the file are chosen there." : null;

    public Task<ImportRecord?> FindAsync(Guid id, int senderCodeId, CancellationToken ct) =>
        db.Imports.SingleOrDefaultAsync(i => i.Id == id && i.SenderCodeId == senderCodeId, ct);

    public Task<List<ContactList>> ListsAsync(int senderCodeId, CancellationToken ct) =>
        db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).OrderBy(l => l.Name).ToListAsync(ct);

    /// <summary>Saves the settings (as the import keeps them); returns why the file cannot be imported with them, or null.</summary>
    public async Task<string?> SaveSettingsAsync(ImportRecord import, ImportSettings settings, CancellationToken ct)
    {
        var format = ImportFileFormat.Of(settings);
        var sample = ReadSample(import, format, 1);
        if (sample.Error is not null)
        {
            return sample.Error;
        }

        if (sample.Sample!.ColumnCount > MaxColumns)
        {
            return $"The file has {sample.Sample.ColumnCount:N0} columns; File Import takes up to {MaxColumns:N0}. Save it with fewer columns (only the phone number and the fields to import are needed).";
        }

        if (sample.Sample.Rows.Count == 0)
        {
            return settings.FirstLineHasColumnNames
                ? "The file has a header line and no rows below it: there are no contacts to import."
                : "The file has no rows to import.";
        }

        var list = settings.ListId is { } listId ? await db.Lists.SingleAsync(l => l.Id == listId, ct) : null;
        if (ImportFileFormat.Of(import.Settings) != format)
        {
            // Other columns now: the layout is chosen again.
            import.ColumnMapping = "[]";
        }

        import.Settings = settings;
        import.ListName = list?.Name;
        import.SettingsSavedUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task<(ImportLayoutModel? Model, string? Error)> LayoutAsync(ImportRecord import, CancellationToken ct)
    {
        var fields = await ImportFields.ForSenderCodeAsync(db, import.SenderCodeId, ct);
        var (sample, error) = ReadSample(import, ImportFileFormat.Of(import.Settings), SampleRows);
        if (sample is null)
        {
            return (null, error);
        }

        if (sample.ColumnCount > MaxColumns)
        {
            return (null, $"The file has {sample.ColumnCount:N0} columns; File Import takes up to {MaxColumns:N0}.");
        }

        var saved = ImportPlanner.ReadMapping(import);
        var headers = import.Settings.FirstLineHasColumnNames && sample.Headers.Count == sample.ColumnCount ? sample.Headers : [];

        // The choices made on this draft before come first; then a layout saved for a file with these column names; else a guess.
        var remembered = saved.Length == sample.ColumnCount || headers.Count == 0 ? null : await layouts.FindAsync(import.SenderCodeId, headers, fields, ct);
        var region = await db.SenderCodes.Where(s => s.Id == import.SenderCodeId).Select(s => s.CountryCode).SingleAsync(ct);
        IReadOnlyList<string> selected = saved.Length == sample.ColumnCount ? saved : remembered?.Selected ?? Guess(sample, fields, region);
        var columns = Enumerable.Range(0, sample.ColumnCount)
            .Select(i => new LayoutColumn(
                i,
                i < sample.Headers.Count && sample.Headers[i].Trim().Length > 0 ? sample.Headers[i].Trim() : $"Column {i + 1}",
                sample.Rows.Select(r => i < r.Count ? r[i] : "").ToList(),
                selected[i]))
            .ToList();
        return (new ImportLayoutModel(import, columns, fields, SettingsStamp(import), remembered), null);
    }

    /// <summary>
    /// Step 3's Preview: saves the layout and queues the preview (<see cref="ImportContactsJob.PreviewAsync"/>), in place of any
    /// earlier one, only if the import is still a draft with the settings the layout was drawn for. The layout is remembered
    /// for the next file with the same column names only when the import starts (<see cref="ImportAsync"/>): a preview of a
    /// file never imported must not replace the layout of one that was. Returns false when it was not a draft any more (or its
    /// settings were saved again meanwhile).
    /// </summary>
    public async Task<bool> PreviewAsync(ImportRecord import, IReadOnlyList<string> columns, CancellationToken ct)
    {
        var mapping = ImportPlanner.WriteMapping(columns);
        var now = clock.GetUtcNow().UtcDateTime;
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            var saved = await db.Imports
                .Where(i => i.Id == import.Id && i.Status == ImportStatus.Draft && i.SettingsSavedUtc == import.SettingsSavedUtc)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ColumnMapping, mapping), ct);
            if (saved == 0)
            {
                return false;
            }

            // A run of the preview this one replaces finds its run id gone and saves nothing more.
            await db.ImportPreviewRows.Where(r => r.ImportId == import.Id).ExecuteDeleteAsync(ct);
            await db.ImportPreviews.Where(p => p.ImportId == import.Id).ExecuteDeleteAsync(ct);
            db.ImportPreviews.Add(new ImportPreview
            {
                ImportId = import.Id,
                RunId = Guid.NewGuid(),
                Status = ImportPreviewStatus.Queued,
                SettingsSavedUtc = import.SettingsSavedUtc,
                ColumnMapping = mapping,
                RequestedUtc = now,
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
        }

        jobs.Enqueue<ImportContactsJob>(job => job.PreviewAsync(import.Id, CancellationToken.None));
        return true;
    }

    /// <summary>
    /// The Preview step of <paramref name="import"/>: its preview, if one was asked for with the settings and layout the draft
    /// has now (a preview made before step 2 or 3 was saved again is stale: null), with its examples and the first
    /// <paramref name="rejectedShown"/> rejected rows.
    /// </summary>
    public async Task<ImportPreviewPage?> PreviewPageAsync(ImportRecord import, int rejectedShown, CancellationToken ct)
    {
        var preview = await db.ImportPreviews.AsNoTracking().SingleOrDefaultAsync(p => p.ImportId == import.Id, ct);
        if (preview is null || preview.SettingsSavedUtc != import.SettingsSavedUtc || preview.ColumnMapping != import.ColumnMapping)
        {
            return null;
        }

        var rows = preview.Status != ImportPreviewStatus.Completed
            ? []
            : await db.ImportPreviewRows.AsNoTracking().Where(r => r.ImportId == import.Id && r.Outcome != ImportPreviewOutcome.Rejected)
                .OrderBy(r => r.Outcome).ThenBy(r => r.LineNumber).ToListAsync(ct);
        var rejected = preview.Status != ImportPreviewStatus.Completed
            ? []
            : await db.ImportPreviewRows.AsNoTracking().Where(r => r.ImportId == import.Id && r.Outcome == ImportPreviewOutcome.Rejected)
                .OrderBy(r => r.LineNumber).Take(rejectedShown).ToListAsync(ct);
        return new ImportPreviewPage(import, preview, rows, rejected);
    }

    /// <summary>
    /// The Preview step's Import: queues the import, only if it is still a draft, and <paramref name="run"/> (the preview the
    /// page showed) is its completed preview, made with the settings and layout the draft still has; the import that starts
    /// remembers its layout for the next file with the same column names (a file without a header row: none). Returns why
    /// not, or null when it was queued (or another tab queued it first).
    /// </summary>
    public async Task<string?> ImportAsync(ImportRecord import, Guid run, CancellationToken ct)
    {
        var preview = await db.ImportPreviews.AsNoTracking().SingleOrDefaultAsync(p => p.ImportId == import.Id, ct);
        if (preview is null || preview.RunId != run || preview.SettingsSavedUtc != import.SettingsSavedUtc || preview.ColumnMapping != import.ColumnMapping)
        {
            return "The settings or the layout were changed (in another tab or window) after this preview. Check the new preview, then Import.";
        }

        if (preview.Status != ImportPreviewStatus.Completed)
        {
            return "The preview has not finished.";
        }

        var started = await db.Imports
            .Where(i => i.Id == import.Id && i.Status == ImportStatus.Draft && i.SettingsSavedUtc == preview.SettingsSavedUtc && i.ColumnMapping == preview.ColumnMapping)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Queued), ct);
        if (started == 1)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(import.Id, CancellationToken.None));
            var (sample, _) = ReadSample(import, ImportFileFormat.Of(import.Settings), 0);
            if (sample is not null)
            {
                await layouts.RememberAsync(import, sample.Headers, ImportPlanner.ReadMapping(import), clock.GetUtcNow().UtcDateTime, ct);
            }
        }

        return null;
    }

    /// <summary>
    /// A failed import goes on from its last committed batch, if what made it fail can have changed: its file must still be
    /// here and its plan (list, phone column, settings) must hold now; otherwise it would only fail again. Returns why it
    /// cannot be retried, or null when it was queued.
    /// </summary>
    public async Task<string?> RetryAsync(ImportRecord import, CancellationToken ct)
    {
        if (import.Status != ImportStatus.Failed)
        {
            return "Only a failed import can be retried.";
        }

        if (await db.ImportUndos.AnyAsync(u => u.ImportId == import.Id, ct))
        {
            return "It has been undone.";
        }

        var path = Path.Combine(data.Imports, import.StoredFileName);
        if (!File.Exists(path))
        {
            return "Its file is no longer on the server (files of failed imports are kept for a while, then deleted). Upload the file again.";
        }

        try
        {
            await ImportPlanner.LoadAsync(db, import, path, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), ct);
        }
        catch (ImportFailedException ex)
        {
            return $"{ex.Message} Import the file again with other settings.";
        }

        // An import being undone (or undone) is not written to again.
        var queued = await db.Imports.Where(i => i.Id == import.Id && i.Status == ImportStatus.Failed && !db.ImportUndos.Any(u => u.ImportId == i.Id))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Queued).SetProperty(i => i.Error, (string?)null).SetProperty(i => i.CompletedUtc, (DateTime?)null), ct);
        if (queued == 1)
        {
            jobs.Enqueue<ImportContactsJob>(job => job.RunAsync(import.Id, CancellationToken.None));
        }

        return null;
    }

    /// <summary>Cancel on step 2 or 3: the draft and its file go (they would after <see cref="ImportOptions.DraftRetentionMinutes"/> anyway).</summary>
    public async Task CancelAsync(ImportRecord import, CancellationToken ct)
    {
        if (await db.Imports.Where(i => i.Id == import.Id && i.Status == ImportStatus.Draft).ExecuteDeleteAsync(ct) == 1)
        {
            File.Delete(Path.Combine(data.Imports, import.StoredFileName));
        }
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
    /// Headers that name a field are mapped to it (each field once, first column first). When no header names the
    /// phone number, the column whose sample values are most often valid numbers (at least half) becomes the phone column.
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

        // A mistyped number among the samples does not hide the column (it is rejected with its reason when imported):
        // the phone column is the free column with the most valid numbers, if at least half of its samples are.
        if (!taken.Contains(ImportFields.PhoneKey) && sample.Rows.Count > 0)
        {
            var best = Enumerable.Range(0, sample.ColumnCount)
                .Where(i => selected[i] == ImportFields.DoNotImport)
                .Select(i => (Column: i, Valid: sample.Rows.Count(r => i < r.Count && PhoneNormalizer.Normalize(r[i], region).IsValid)))
                .OrderByDescending(c => c.Valid).ThenBy(c => c.Column).FirstOrDefault();
            if (best.Valid > 0 && best.Valid * 2 >= sample.Rows.Count)
            {
                selected[best.Column] = ImportFields.PhoneKey;
            }
        }

        return selected;
    }
}
