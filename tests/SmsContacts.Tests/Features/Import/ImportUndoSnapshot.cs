using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// The tables an import (and its undo) writes, of one sender code, as text: each contact's profile and state, its
/// subscriptions, the lists remembered for START, custom values, texts, the grid's counts (kept by triggers) and the consent
/// history in order. Rows are named by phone and list, never by surrogate ids (an undone opt-out puts subscriptions back as
/// new rows); a contact's version and UpdatedUtc are bookkeeping every write moves on, undo's too, and are left out.
/// </summary>
public sealed record ImportUndoSnapshot(
    Dictionary<string, string> Contacts,
    List<string> Subscriptions,
    List<string> Suspended,
    List<string> CustomValues,
    List<string> Messages,
    List<string> Counts,
    List<string> History)
{
    public static Task<ImportUndoSnapshot> TakeAsync(AppFactory app, int senderCodeId) => app.WithDbAsync(async db =>
    {
        static string T(DateTime? at) => at?.ToString("O", CultureInfo.InvariantCulture) ?? "-";
        var contacts = await db.Contacts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId).ToListAsync();
        var phones = contacts.ToDictionary(c => c.Id, c => c.Phone);
        var lists = await db.Lists.AsNoTracking().Where(l => l.SenderCodeId == senderCodeId).ToDictionaryAsync(l => l.Id, l => l.Name);
        var ids = phones.Keys.ToList();
        var subscriptions = await db.Subscriptions.AsNoTracking().Where(s => s.SenderCodeId == senderCodeId).ToListAsync();
        var suspended = await db.SuspendedSubscriptions.AsNoTracking().Where(s => ids.Contains(s.ContactId)).ToListAsync();
        var values = await db.CustomFieldValues.AsNoTracking().Where(v => ids.Contains(v.ContactId)).ToListAsync();
        var messages = await db.Messages.AsNoTracking().Where(m => m.SenderCodeId == senderCodeId).ToListAsync();
        var events = await db.ConsentEvents.AsNoTracking().Where(e => e.SenderCodeId == senderCodeId).OrderBy(e => e.Id).ToListAsync();
        var blocks = await db.SubscriptionCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.Subscriptions != 0).ToListAsync();
        var days = await db.SubscribeDayCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.Subscriptions != 0).ToListAsync();
        var subscribed = await db.SubscribeDateCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.Count != 0).ToListAsync();
        var optedOut = await db.OptOutDateCounts.AsNoTracking().Where(c => c.SenderCodeId == senderCodeId && c.Count != 0).ToListAsync();

        return new ImportUndoSnapshot(
            contacts.ToDictionary(c => c.Phone, c => string.Join('|', c.Email, c.FirstName, c.LastName, c.Birthday, c.PostalCode, T(c.OptedOutUtc), c.OptOutReason, c.OtherReply, T(c.OtherReplyUtc), T(c.LastMessageUtc))),
            [.. subscriptions.Select(s => string.Join('|', phones[s.ContactId], lists[s.ListId], s.Phone, s.Status, T(s.SubscribedUtc), s.Method, s.Keyword, s.MarketingConsent, s.CartAbandonmentConsent, T(s.ConfirmedUtc))).Order(StringComparer.Ordinal)],
            [.. suspended.Select(s => string.Join('|', phones[s.ContactId], lists[s.ListId], T(s.SubscribedUtc), s.Method, s.Keyword, s.MarketingConsent, s.CartAbandonmentConsent, T(s.SuspendedUtc))).Order(StringComparer.Ordinal)],
            [.. values.Select(v => $"{phones[v.ContactId]}|{v.FieldId}|{v.Value}").Order(StringComparer.Ordinal)],
            [.. messages.Select(m => string.Join('|', m.Phone, m.Direction, m.Body, m.Status, T(m.CreatedUtc))).Order(StringComparer.Ordinal)],
            [
                .. blocks.Select(b => $"block|{b.ListId}|{b.HasEmail}|{b.Block}|{b.PhoneLead}|{b.Subscriptions}"),
                .. days.Select(c => $"day|{c.ListId}|{T(c.DayUtc)}|{c.PhoneLead}|{c.Subscriptions}"),
                .. subscribed.Select(c => $"subscribed|{c.ListId}|{c.BucketMinutes}|{T(c.BucketStartUtc)}|{c.Count}"),
                .. optedOut.Select(c => $"opted-out|{c.ListId}|{c.BucketMinutes}|{T(c.BucketStartUtc)}|{c.Reason}|{c.Count}"),
            ],
            [.. events.Select(e => string.Join('|', e.Id, e.Phone, e.Change, e.ListName, e.StateBefore, e.StateAfter, e.Detail))]);
    });

    /// <summary>
    /// This snapshot (after an undo) is <paramref name="before"/> (before the import), except for appended history: each
    /// table as it was, every event of before still there in its place, the events after it the import's and the undo's
    /// ("Import undone"; <paramref name="afterImport"/> holds the import's). A contact the import created is no longer on any list, opted out or anything else: its number
    /// is kept only with its consent history (contacts are never deleted, and neither is their history).
    /// </summary>
    public void AssertIsBeforeExceptAppendedHistory(ImportUndoSnapshot before, ImportUndoSnapshot afterImport)
    {
        foreach (var (phone, contact) in before.Contacts)
        {
            Assert.True(Contacts.TryGetValue(phone, out var now), $"{phone} is gone");
            Assert.Equal(contact, now);
        }

        foreach (var phone in Contacts.Keys.Except(before.Contacts.Keys))
        {
            Assert.Equal("|||||-|||-|-", Contacts[phone]);
        }

        Assert.Equal(before.Subscriptions, Subscriptions);
        Assert.Equal(before.Suspended, Suspended);
        Assert.Equal(before.CustomValues, CustomValues);
        Assert.Equal(before.Messages, Messages);
        Assert.Equal(before.Counts.Order(StringComparer.Ordinal), Counts.Order(StringComparer.Ordinal));
        Assert.Equal(before.History, History.Take(before.History.Count));
        Assert.Equal(afterImport.History, History.Take(afterImport.History.Count));
        Assert.All(History.Skip(afterImport.History.Count), e => Assert.Equal(ConsentChanges.ImportUndone, e.Split('|')[2]));
    }
}

/// <summary>Asks for an undo the way the status page does (<see cref="ImportUndos"/>), then runs its job here, as the tests run imports.</summary>
public static class ImportUndoRuns
{
    public const string AdminId = "undo-test-admin";
    public const string AdminName = "undoer@example.com";

    public static async Task<string?> RequestAsync(AppFactory app, Guid importId, bool confirmedAgreedAgain = false)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var import = await scope.ServiceProvider.GetRequiredService<SmsContacts.Web.Data.AppDbContext>().Imports.AsNoTracking().SingleAsync(i => i.Id == importId);
        return await scope.ServiceProvider.GetRequiredService<ImportUndos>().RequestAsync(import, AdminId, AdminName, confirmedAgreedAgain, default);
    }

    public static async Task RunAsync(AppFactory app, Guid importId, CancellationToken ct = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<UndoImportJob>().RunAsync(importId, ct);
    }

    /// <summary>Asks and runs; fails the test when the undo is refused or does not complete.</summary>
    public static async Task<ImportUndo> UndoAsync(AppFactory app, Guid importId, bool confirmedAgreedAgain = false)
    {
        Assert.Null(await RequestAsync(app, importId, confirmedAgreedAgain));
        await RunAsync(app, importId);
        var undo = await app.WithDbAsync(db => db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == importId));
        Assert.True(undo.Status == ImportUndoStatus.Completed, undo.Error);
        return undo;
    }

    /// <summary>A run that stops (the process killed) after <paramref name="batches"/> committed batches: the undo stays Running at its checkpoint.</summary>
    public static async Task RunBatchesAsync(AppFactory app, Guid importId, int batches)
    {
        await app.WithDbAsync(db => db.ImportUndos.Where(u => u.ImportId == importId).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Running)));
        var (undo, import) = await app.WithDbAsync(async db => (
            await db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == importId),
            await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId)));
        var plan = new ImportUndoPlan(import.Id, import.SenderCodeId, import.Settings.Action, import.Settings.ListId, import.ListName,
            import.Settings.StoreAsDoubleOptIn ? SubscriptionStatus.Pending : SubscriptionStatus.Active, import.OriginalFileName, undo.UserId, undo.UserName,
            undo.ConfirmedAgreedAgain, app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ImportOptions>>().Value.UndoBatchSize);
        await using var scope = app.Services.CreateAsyncScope();
        await using var writer = await scope.ServiceProvider.GetRequiredService<IImportUndoWriterFactory>().OpenAsync(plan, default);
        var checkpoint = undo.CheckpointContactId;
        for (var i = 0; i < batches; i++)
        {
            var batch = await writer.UndoBatchAsync(checkpoint, default);
            Assert.True(batch.Committed && !batch.Done, "the undo should have more batches than the run is stopped after");
            checkpoint = batch.To;
        }
    }
}
