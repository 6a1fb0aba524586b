using System.Diagnostics;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Infrastructure.Hosting;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// Undoes one import in the background (<see cref="ImportUndos"/> queues it): its journal, a batch of contacts at a time,
/// through <see cref="ImportUndoWriter"/>, each batch committed with the undo's counts and checkpoint. Safe to run twice and
/// to kill at any moment, like the import: a run starts after the last committed batch, and only the run that finds the
/// checkpoint where it expects it commits a batch. An undo still queued or running when the app stops is queued again at
/// the next start (<see cref="ImportRecovery"/>).
/// </summary>
public sealed class UndoImportJob(
    AppDbContext db,
    IImportUndoWriterFactory writers,
    TimeProvider clock,
    IOptions<ImportOptions> options,
    ILogger<UndoImportJob> logger)
{
    /// <summary>Undos running in this process; a second run here (a re-queued job) has nothing to add.</summary>
    private static readonly OncePerProcess RunningHere = new();

    [AutomaticRetry(Attempts = 0)]
    [JobDisplayName("Undo import {0}")]
    public async Task RunAsync(Guid importId, CancellationToken ct)
    {
        using var running = RunningHere.TryEnter(importId);
        if (running is null)
        {
            logger.LogInformation("The undo of import {ImportId} is already running in this process", importId);
            return;
        }

        await RunOnceAsync(importId, ct);
    }

    private async Task RunOnceAsync(Guid importId, CancellationToken ct)
    {
        var startedAt = clock.GetUtcNow().UtcDateTime;
        var started = await db.ImportUndos
            .Where(u => u.ImportId == importId && (u.Status == ImportUndoStatus.Queued || u.Status == ImportUndoStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Running).SetProperty(u => u.StartedUtc, u => u.StartedUtc ?? startedAt), ct);
        if (started == 0)
        {
            return;
        }

        var stopwatch = Stopwatch.StartNew();
        try
        {
            var undo = await db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == importId, ct);
            var import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId, ct);
            if (import.Status is not (ImportStatus.Completed or ImportStatus.Failed))
            {
                // A retry of the failed import that started while the undo was being asked for: undoing now would undo
                // batches the import is still writing. Once it has ended, the undo can be asked for again.
                await FailAsync(importId, "The import was started again before its undo began. Undo it again once it has ended.");
                return;
            }

            var listName = import.Settings.ListId is { } listId
                ? await db.Lists.Where(l => l.Id == listId).Select(l => l.Name).SingleOrDefaultAsync(ct) ?? import.ListName
                : null;
            var plan = new ImportUndoPlan(
                import.Id, import.SenderCodeId, import.Settings.Action, import.Settings.ListId, listName,
                import.Settings.StoreAsDoubleOptIn ? SubscriptionStatus.Pending : SubscriptionStatus.Active,
                import.OriginalFileName, undo.UserId, undo.UserName, undo.ConfirmedAgreedAgain, options.Value.UndoBatchSize);
            if (import.Settings.Action == ImportAction.OptOut && !plan.ConfirmedAgreedAgain)
            {
                await FailAsync(importId, ImportUndos.ConfirmationRequired);
                return;
            }

            await using (var writer = await writers.OpenAsync(plan, ct))
            {
                var checkpoint = undo.CheckpointContactId;
                while (true)
                {
                    var batch = await writer.UndoBatchAsync(checkpoint, ct);
                    if (!batch.Committed)
                    {
                        logger.LogInformation("Undo of import {ImportId}: another run is ahead of this one; leaving it to that run", importId);
                        return;
                    }

                    if (batch.Done)
                    {
                        break;
                    }

                    checkpoint = batch.To;

                    // As the import does after each batch: what SQLite and the runtime freed goes back to the system.
                    NativeHeap.ReleaseFreeMemory();
                }
            }

            var completedAt = clock.GetUtcNow().UtcDateTime;
            await db.ImportUndos.Where(u => u.ImportId == importId && u.Status == ImportUndoStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Completed).SetProperty(u => u.CompletedUtc, completedAt), CancellationToken.None);
            logger.LogInformation("Import {ImportId} undone in {Seconds:F1} s", importId, stopwatch.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The app is stopping: the undo stays Running and resumes from its checkpoint at the next start.
            logger.LogInformation("Undo of import {ImportId} paused by shutdown; it resumes at the next start", importId);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Undo of import {ImportId} failed", importId);
            await FailAsync(importId, $"The undo stopped on an error: {ex.Message} Undo the import again to go on where it stopped.");
        }
    }

    private async Task FailAsync(Guid importId, string message)
    {
        var at = clock.GetUtcNow().UtcDateTime;
        var error = message.Length > 2000 ? message[..2000] : message;
        await db.ImportUndos.Where(u => u.ImportId == importId && u.Status == ImportUndoStatus.Running)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Failed).SetProperty(u => u.Error, error).SetProperty(u => u.CompletedUtc, at));
    }
}
