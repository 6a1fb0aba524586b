using System.Diagnostics;
using System.Threading.Channels;
using CsvHelper;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Configuration;
using SmsContacts.Web.Infrastructure.Hosting;
using SmsContacts.Web.Infrastructure.Security;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// Runs one import in the background: a first pass finds the numbers that are in the file twice, then a reader thread validates
/// rows into batches while this thread writes them through the bulk writer, each batch committed with the
/// import's counts and checkpoint. Safe to run twice and to kill at any moment: a run starts after the last
/// committed batch, and a batch is only committed by the run that finds the checkpoint where it expects it.
/// </summary>
public sealed class ImportContactsJob(
    AppDbContext db,
    IContactBulkWriterFactory writers,
    DataDirectory data,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    SenderCodeAccess access,
    ILogger<ImportContactsJob> logger)
{
    /// <summary>Imports running in this process; a second run here (a re-queued job) has nothing to add.</summary>
    private static readonly OncePerProcess RunningHere = new();

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Import contacts {0}")]
    public async Task RunAsync(Guid id, CancellationToken ct)
    {
        using var running = RunningHere.TryEnter(id);
        if (running is null)
        {
            logger.LogInformation("Import {ImportId} is already running in this process", id);
            return;
        }

        await RunOnceAsync(id, ct);
    }

    /// <summary>Previews running in this process (a preview and its import never run at once: the import starts from a completed preview).</summary>
    private static readonly OncePerProcess PreviewingHere = new();

    /// <summary>
    /// The wizard's Preview of a draft import: the same passes and the same bulk writer as <see cref="RunAsync"/>, in preview
    /// mode (<see cref="ImportPlan.PreviewRun"/>), which classifies every batch and saves only the preview's counts, examples
    /// and rejected rows. Durable like the import: a run killed midway resumes from the preview's checkpoint; a run of a
    /// Preview request replaced since (Back, then Preview again) writes nothing.
    /// </summary>
    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Preview import {0}")]
    public async Task PreviewAsync(Guid id, CancellationToken ct)
    {
        using var running = PreviewingHere.TryEnter(id);
        if (running is null)
        {
            logger.LogInformation("The preview of import {ImportId} is already running in this process", id);
            return;
        }

        await PreviewOnceAsync(id, ct);
    }

    private async Task PreviewOnceAsync(Guid id, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var preview = await db.ImportPreviews.AsNoTracking().SingleOrDefaultAsync(p => p.ImportId == id, ct);
        if (preview is not { Status: ImportPreviewStatus.Queued or ImportPreviewStatus.Running })
        {
            return;
        }

        var run = preview.RunId;
        var started = await db.ImportPreviews
            .Where(p => p.ImportId == id && p.RunId == run && (p.Status == ImportPreviewStatus.Queued || p.Status == ImportPreviewStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ImportPreviewStatus.Running).SetProperty(p => p.StartedUtc, p => p.StartedUtc ?? startedAt), ct);
        var import = await db.Imports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
        if (started == 0 || import is null)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (import.Status != ImportStatus.Draft || import.ColumnMapping != preview.ColumnMapping || import.SettingsSavedUtc != preview.SettingsSavedUtc)
            {
                throw new ImportFailedException("The import's settings or columns changed after this preview was asked for. Preview it again.");
            }

            if (!await access.MayUseAsync(import.UserId, import.SenderCodeId, ct))
            {
                throw new ImportFailedException($"{import.UserName} may no longer use this sender code.");
            }

            var path = Path.Combine(data.Imports, import.StoredFileName);
            var plan = await ImportPlanner.LoadAsync(db, import, path, DateOnly.FromDateTime(startedAt), ct) with { AfterRow = preview.CheckpointRow, PreviewRun = run };
            if (!File.Exists(path))
            {
                throw new ImportFailedException("The uploaded file is no longer on the server. Upload it again.");
            }

            var limits = options.Value;
            var pace = new ImportPace(limits.BatchSize, limits.BatchMilliseconds);
            var phones = await Task.Run(() => PhonePass.Run(plan, limits.DuplicateCheckRowsInMemory, data.Imports, ct), ct);
            if (await WriteAsync(plan, pace, phones, ct) is not { } lines)
            {
                return;
            }

            var completedAt = clock.GetUtcNow().UtcDateTime;
            await db.ImportPreviews.Where(p => p.ImportId == id && p.RunId == run && p.Status == ImportPreviewStatus.Running)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(p => p.Status, ImportPreviewStatus.Completed).SetProperty(p => p.CompletedUtc, completedAt)
                        .SetProperty(p => p.Counts.HeaderLines, lines.HeaderLines).SetProperty(p => p.Counts.BlankLines, lines.BlankLines)
                        .SetProperty(p => p.Counts.ContinuationLines, lines.ContinuationLines).SetProperty(p => p.Counts.FileLines, lines.FileLines),
                    CancellationToken.None);
            logger.LogInformation("Preview of import {ImportId} completed in {Seconds:F1} s", id, stopwatch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            logger.LogInformation("The preview of import {ImportId} was paused by shutdown; it resumes at the next start", id);
            throw;
        }
        catch (Exception ex)
        {
            if (FailureMessage(ex) is not { } message)
            {
                logger.LogError(ex, "The preview of import {ImportId} failed", id);
                message = $"The preview stopped on an error: {ex.Message} Preview again to continue where it stopped.";
            }

            var at = clock.GetUtcNow().UtcDateTime;
            await db.ImportPreviews.Where(p => p.ImportId == id && p.RunId == run && p.Status == ImportPreviewStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, ImportPreviewStatus.Failed).SetProperty(p => p.Error, Cut(message)).SetProperty(p => p.CompletedUtc, at));
        }
    }

    /// <summary>The reason shown for a failure the user can act on (a file that cannot be read, a plan that no longer holds); null for a bug.</summary>
    private static string? FailureMessage(Exception ex) => ex switch
    {
        ImportFailedException => ex.Message,
        CsvFormatException or IOException => $"The file could not be read: {ex.Message}",
        _ => null,
    };

    private static string Cut(string message) => message.Length > 2000 ? message[..2000] : message;

    private async Task RunOnceAsync(Guid id, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var started = await db.Imports
            .Where(i => i.Id == id && (i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Running).SetProperty(i => i.StartedUtc, i => i.StartedUtc ?? startedAt), ct);
        if (started == 0)
        {
            return;
        }

        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id, ct);
        var path = Path.Combine(data.Imports, import.StoredFileName);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            if (!await access.MayUseAsync(import.UserId, import.SenderCodeId, ct))
            {
                throw new ImportFailedException($"{import.UserName} may no longer use this sender code, so nothing more was imported.");
            }

            var plan = await ImportPlanner.LoadAsync(db, import, path, DateOnly.FromDateTime(startedAt), ct);
            if (!File.Exists(path))
            {
                throw new ImportFailedException("The uploaded file is no longer on the server. Upload it again.");
            }

            var limits = options.Value;
            var pace = new ImportPace(limits.BatchSize, limits.BatchMilliseconds);
            var phones = await Task.Run(() => PhonePass.Run(plan, limits.DuplicateCheckRowsInMemory, data.Imports, ct), ct);
            if (await WriteAsync(plan, pace, phones, ct) is not { } lines)
            {
                return;
            }

            // The lines of the whole file (its last batch may have come before the blank lines at its end).
            var completedAt = clock.GetUtcNow().UtcDateTime;
            await db.Imports.Where(i => i.Id == id && i.Status == ImportStatus.Running)
                .ExecuteUpdateAsync(
                    s => s.SetProperty(i => i.Status, ImportStatus.Completed).SetProperty(i => i.CompletedUtc, completedAt)
                        .SetProperty(i => i.Counts.HeaderLines, lines.HeaderLines).SetProperty(i => i.Counts.BlankLines, lines.BlankLines)
                        .SetProperty(i => i.Counts.ContinuationLines, lines.ContinuationLines).SetProperty(i => i.Counts.FileLines, lines.FileLines),
                    CancellationToken.None);
            await WarnUnlessReconciledAsync(id);
            File.Delete(path);
            logger.LogInformation("Import {ImportId} completed in {Seconds:F1} s", id, stopwatch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping: the import stays Running and resumes from its checkpoint at the next start.
            logger.LogInformation("Import {ImportId} paused by shutdown; it resumes at the next start", id);
            throw;
        }
        catch (Exception ex) when (FailureMessage(ex) is { } message)
        {
            await FailAsync(id, message);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import {ImportId} failed", id);
            await FailAsync(id, $"The import stopped on an error: {ex.Message} Retry it to continue where it stopped.");
        }
    }

    /// <returns>The lines of the whole file, or null when another run of the same import turned out to be ahead of this one.</returns>
    private async Task<ImportLineCounts?> WriteAsync(ImportPlan plan, ImportPace pace, PhonePass phones, CancellationToken ct)
    {
        await using var writer = await writers.OpenAsync(plan, ct);
        // Two batches: one being written while the other is read (then waits for the writer). Reading a batch is
        // much faster than writing it, so a third would only be memory; written batches go back to be filled again.
        var channel = Channel.CreateBounded<ImportBatch>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var empty = Channel.CreateUnbounded<ImportBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        empty.Writer.TryWrite(new ImportBatch(0));
        empty.Writer.TryWrite(new ImportBatch(0));
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var reading = Task.Run(() => ImportFileReader.ReadAsync(plan, pace, phones, channel.Writer, empty.Reader, stopReading.Token), CancellationToken.None);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(ct))
            {
                // The batch's rows, rejected rows, warnings, counts, lines and checkpoint commit together.
                var result = await writer.WriteBatchAsync(batch, ct);
                if (!result.Committed)
                {
                    logger.LogInformation("Import {ImportId}: another run is ahead of this one; leaving it to that run", plan.ImportId);
                    return null;
                }

                pace.Written(batch.RowCount, result.Locked);

                empty.Writer.TryWrite(batch);
                NativeHeap.ReleaseFreeMemory();
            }

            // The reader has completed the channel, so it has returned.
            return await reading;
        }
        catch (ChannelClosedException ex) when (ex.InnerException is { } readError)
        {
            // The reader thread's failure (a malformed file), not the channel's.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(readError);
            throw;
        }
        finally
        {
            await stopReading.CancelAsync();
            await reading;
        }
    }

    /// <summary>
    /// Every line of the file is a header, blank or continuation line or a record's first, and every record has one
    /// outcome: the status page shows both sums for a person to check. A file that does not add up is a bug, logged loudly.
    /// </summary>
    private async Task WarnUnlessReconciledAsync(Guid id)
    {
        var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == id);
        if (import.Counts.Processed != import.Counts.AccountedFor || import.Counts.FileLines != import.Counts.LinesAccountedFor)
        {
            logger.LogError(
                "Import {ImportId} does not reconcile: {Processed} records, {AccountedFor} outcomes; {FileLines} lines, {LinesAccountedFor} accounted for",
                id, import.Counts.Processed, import.Counts.AccountedFor, import.Counts.FileLines, import.Counts.LinesAccountedFor);
        }
    }

    private async Task FailAsync(Guid id, string message)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        var error = Cut(message);
        await db.Imports.Where(i => i.Id == id && i.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Failed).SetProperty(i => i.Error, error).SetProperty(i => i.CompletedUtc, at));
    }
}
