using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;
using static SmsContacts.Tests.Features.Import.ImportUndoTests;

namespace SmsContacts.Tests.Features.Import;

/// <summary>An app whose undos go two contacts per batch (the one setting that differs), so an undo has several.</summary>
public sealed class SmallUndoBatchesFixture() : ImportAppFixture(new Dictionary<string, string?> { ["Import:UndoBatchSize"] = "2" });

/// <summary>
/// Undo import is durable like the import: killed mid-way it resumes from its checkpoint to the end state of an undo that
/// never stopped, and a second run (at once, or after it ended) changes nothing.
/// </summary>
public sealed class ImportUndoResumeTests(SmallUndoBatchesFixture fixture) : IClassFixture<SmallUndoBatchesFixture>
{
    private static readonly Case Scenario = new(
        [Kind.OnVip, Kind.Other, Kind.Bare, Kind.OnVipPending, Kind.OnPromotions, Kind.Bare, Kind.OnVip, Kind.Bare],
        [.. Enumerable.Range(0, 11).Select(n => new Row(n, $"k{n}@example.com", "Kay", "", n % 2 == 0 ? "Mall" : ""))],
        ImportAction.AddOrUpdate, FieldUpdateMode.Overwrite, false, true, true, true, true);

    private readonly ImportUndoTests _scenarios = new(fixture);

    private AppFactory App => fixture.App;

    [Fact]
    public async Task AnUndoKilledMidway_ResumesFromItsCheckpoint_ToTheEndStateOfAnUndoThatNeverStopped()
    {
        var (killed, killedImport, killedBefore, killedAfterImport) = await _scenarios.ImportForUndoAsync(Scenario);
        var (whole, wholeImport, _, _) = await _scenarios.ImportForUndoAsync(Scenario);

        Assert.Null(await ImportUndoRuns.RequestAsync(App, killedImport.Id));
        await ImportUndoRuns.RunBatchesAsync(App, killedImport.Id, batches: 2);
        var stopped = await App.WithDbAsync(db => db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == killedImport.Id));
        Assert.Equal((ImportUndoStatus.Running, 4, 11), (stopped.Status, stopped.ContactsDone, stopped.Contacts));

        // At the next start the unfinished undo is queued again (ImportRecovery); its job then goes on.
        await using (var scope = App.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ImportRecovery>().QueueUnfinishedAsync(default);
        }

        await ImportUndoRuns.RunAsync(App, killedImport.Id);
        var resumed = await App.WithDbAsync(db => db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == killedImport.Id));
        var once = await ImportUndoRuns.UndoAsync(App, wholeImport.Id);

        Assert.Equal(ImportUndoStatus.Completed, resumed.Status);
        Assert.Equal(Counts(once), Counts(resumed));
        var killedAfter = await ImportUndoSnapshot.TakeAsync(App, killed.Code.Id);
        killedAfter.AssertIsBeforeExceptAppendedHistory(killedBefore, killedAfterImport);
        Assert.Equal(Comparable(await ImportUndoSnapshot.TakeAsync(App, whole.Code.Id)), Comparable(killedAfter));
    }

    [Fact]
    public async Task RunningAnUndoTwice_AtOnce_OrAfterItEnded_EqualsRunningItOnce()
    {
        var (twice, twiceImport, before, afterImport) = await _scenarios.ImportForUndoAsync(Scenario);
        var (single, singleImport, _, _) = await _scenarios.ImportForUndoAsync(Scenario);
        var once = await ImportUndoRuns.UndoAsync(App, singleImport.Id);

        // Two runs at once: only the one that finds the checkpoint where it expects it commits a batch.
        Assert.Null(await ImportUndoRuns.RequestAsync(App, twiceImport.Id));
        await App.WithDbAsync(db => db.ImportUndos.Where(u => u.ImportId == twiceImport.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Status, ImportUndoStatus.Running)));
        var plan = new ImportUndoPlan(twiceImport.Id, twice.Code.Id, ImportAction.AddOrUpdate, twice.Vip.Id, twice.Vip.Name, SubscriptionStatus.Active,
            "test.csv", ImportUndoRuns.AdminId, ImportUndoRuns.AdminName, false, 2);
        await using (var firstScope = App.Services.CreateAsyncScope())
        await using (var secondScope = App.Services.CreateAsyncScope())
        await using (var first = await firstScope.ServiceProvider.GetRequiredService<IImportUndoWriterFactory>().OpenAsync(plan, default))
        await using (var second = await secondScope.ServiceProvider.GetRequiredService<IImportUndoWriterFactory>().OpenAsync(plan, default))
        {
            Assert.True((await first.UndoBatchAsync(0, default)).Committed);
            Assert.False((await second.UndoBatchAsync(0, default)).Committed);
        }

        await ImportUndoRuns.RunAsync(App, twiceImport.Id);
        var afterTwice = await ImportUndoSnapshot.TakeAsync(App, twice.Code.Id);

        // The job once more after it ended (a re-queued job), and the undo asked for again.
        await ImportUndoRuns.RunAsync(App, twiceImport.Id);
        Assert.Equal("This import has been undone.", await ImportUndoRuns.RequestAsync(App, twiceImport.Id));

        var afterAll = await ImportUndoSnapshot.TakeAsync(App, twice.Code.Id);
        Assert.Equal(Comparable(afterTwice), Comparable(afterAll));
        afterAll.AssertIsBeforeExceptAppendedHistory(before, afterImport);
        Assert.Equal(Comparable(await ImportUndoSnapshot.TakeAsync(App, single.Code.Id)), Comparable(afterAll));
        Assert.Equal(Counts(once), Counts(await App.WithDbAsync(db => db.ImportUndos.AsNoTracking().SingleAsync(u => u.ImportId == twiceImport.Id))));
    }
}
