using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>A contact the undo left as it is, because it was changed after the import.</summary>
public sealed record ChangedSinceContact(long ContactId, string Phone);

/// <summary>
/// The Undo import section of Contact Import Status: the undo asked for (null when none), or, when none was, whether it
/// can be and until when; the contacts an undo left as they are.
/// </summary>
/// <param name="Refusal">Why this import cannot be undone (now or any more); null when an admin can undo it.</param>
/// <param name="Until">The end of the undo window (UTC): <see cref="ImportOptions.UndoDays"/> after the import ended.</param>
/// <param name="ChangedSince">The first of the contacts changed since the import (<see cref="ImportUndo.ContactsChangedSince"/> of them).</param>
public sealed record ImportUndoView(ImportRecord Import, ImportUndo? Undo, string? Refusal, DateTime? Until, IReadOnlyList<ChangedSinceContact> ChangedSince)
{
    public bool IsOptOut => Import.Settings.Action == ImportAction.OptOut;

    public bool Running => Undo?.Status is ImportUndoStatus.Queued or ImportUndoStatus.Running;
}

/// <summary>
/// Undo import: who may ask for it and when, the asking (a durable job, <see cref="UndoImportJob"/>), and what the status
/// page shows of it. The rules (the issue "Import you can trust"; README, Undo import):
/// <list type="bullet">
/// <item>admins only (the controller's policy), on an import of the sender code that ended (completed, or failed part way),
/// within <see cref="ImportOptions.UndoDays"/> of its end, and kept a journal (imports made before the journal existed did not);</item>
/// <item>once per import: a second ask is refused, except to go on with an undo that failed (within the same days);</item>
/// <item>an Opt-out contacts import only with the admin's confirmation that each number it opted out agreed again, which
/// each number's consent history then records.</item>
/// </list>
/// </summary>
public sealed class ImportUndos(AppDbContext db, IBackgroundJobClient jobs, TimeProvider clock, IOptions<ImportOptions> options)
{
    /// <summary>How many contacts changed since the import the status page lists.</summary>
    public const int ChangedSinceShown = 100;

    public const string ConfirmationRequired = "Tick the confirmation that each number agreed again to receive texts: undoing an opt-out import opts them back in.";

    /// <summary>The end of the import's undo window (UTC), or null while it has not ended.</summary>
    public DateTime? Until(ImportRecord import) => import.CompletedUtc?.AddDays(options.Value.UndoDays);

    /// <summary>Why <paramref name="import"/> cannot be undone now; null when it can (by an admin).</summary>
    public string? Refusal(ImportRecord import, ImportUndo? undo)
    {
        // A failed undo may go on, but only as a new one may start: within the undo days, while the journal is kept (after
        // them the retention deletes it, and a run would find nothing left to undo and say the import was undone).
        if (undo is not null && undo.Status != ImportUndoStatus.Failed)
        {
            return undo.Status == ImportUndoStatus.Completed ? "This import has been undone." : "This import is being undone.";
        }

        if (import.Status is not (ImportStatus.Completed or ImportStatus.Failed))
        {
            return "An import can be undone once it has ended.";
        }

        if (!import.Journaled || import.JournalDeletedUtc is not null)
        {
            return import.Journaled
                ? $"An import can be undone for {options.Value.UndoDays} days after it ended; this one's changes are no longer kept."
                : "This import was made before imports kept what they changed, so it cannot be undone.";
        }

        return clock.GetUtcNow().UtcDateTime > Until(import)
            ? $"An import can be undone for {options.Value.UndoDays} days after it ended; that time is over for this one."
            : null;
    }

    public async Task<ImportUndoView> ViewAsync(ImportRecord import, CancellationToken ct)
    {
        var undo = await db.ImportUndos.AsNoTracking().SingleOrDefaultAsync(u => u.ImportId == import.Id, ct);
        var changed = undo is null || undo.ContactsChangedSince == 0
            ? []
            : await (from j in db.ImportJournal
                     join c in db.Contacts on j.ContactId equals c.Id
                     where j.ImportId == import.Id && j.ChangedSince
                     orderby c.Phone
                     select new ChangedSinceContact(c.Id, c.Phone)).Take(ChangedSinceShown).ToListAsync(ct);
        return new ImportUndoView(import, undo, Refusal(import, undo), Until(import), changed);
    }

    /// <summary>The undos of some imports (the history's page), by import.</summary>
    public Task<Dictionary<Guid, ImportUndo>> OfAsync(IReadOnlyCollection<Guid> importIds, CancellationToken ct) =>
        db.ImportUndos.AsNoTracking().Where(u => importIds.Contains(u.ImportId)).ToDictionaryAsync(u => u.ImportId, ct);

    /// <summary>
    /// Asks for the undo of <paramref name="import"/> (found on the page's sender code) by the admin <paramref name="userId"/>,
    /// and queues it; an undo that failed goes on from where it stopped. Returns why not, or null when it is queued.
    /// </summary>
    public async Task<string?> RequestAsync(ImportRecord import, string userId, string userName, bool confirmedAgreedAgain, CancellationToken ct)
    {
        var undo = await db.ImportUndos.SingleOrDefaultAsync(u => u.ImportId == import.Id, ct);
        if (Refusal(import, undo) is { } refusal)
        {
            return refusal;
        }

        if (import.Settings.Action == ImportAction.OptOut && !confirmedAgreedAgain)
        {
            return ConfirmationRequired;
        }

        if (undo is not null)
        {
            // A failed undo goes on from its checkpoint, with the confirmation it was asked with or this one.
            var requeued = await db.ImportUndos.Where(u => u.ImportId == import.Id && u.Status == ImportUndoStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Queued).SetProperty(u => u.Error, (string?)null)
                    .SetProperty(u => u.CompletedUtc, (DateTime?)null).SetProperty(u => u.ConfirmedAgreedAgain, u => u.ConfirmedAgreedAgain || confirmedAgreedAgain), ct);
            if (requeued == 1)
            {
                Enqueue(import.Id);
            }

            return null;
        }

        db.ImportUndos.Add(new ImportUndo
        {
            ImportId = import.Id,
            Status = ImportUndoStatus.Queued,
            UserId = userId,
            UserName = userName,
            RequestedUtc = clock.GetUtcNow().UtcDateTime,
            ConfirmedAgreedAgain = confirmedAgreedAgain,
            Contacts = await db.ImportJournal.CountAsync(j => j.ImportId == import.Id, ct),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request (a second click, another admin) got there first: that one runs.
            return "This import is being undone.";
        }

        Enqueue(import.Id);
        return null;
    }

    private void Enqueue(Guid importId) => jobs.Enqueue<UndoImportJob>(job => job.RunAsync(importId, CancellationToken.None));
}
