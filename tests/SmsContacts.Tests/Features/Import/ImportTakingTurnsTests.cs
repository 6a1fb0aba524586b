using CsCheck;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Users' writes and an import take turns (issue 17, item 11): a user's write made while a batch is written waits for
/// that batch only, and goes before the import's next one; the import sizes its batches so each holds the lock for about
/// <see cref="ImportOptions.BatchMilliseconds"/>. How long a write waits on a real machine is measured by the import bench
/// (user_write_max_ms), not here: these tests check the order and the sizing rule.
/// </summary>
public sealed class ImportTakingTurnsTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    [Fact]
    public async Task AUsersWrite_WaitsForTheBatchBeingWritten_AndGoesBeforeTheImportsNextBatch()
    {
        var app = fixture.App;
        var code = await fixture.NewSenderCodeAsync();

        var batch = await SqliteUserWrites.ImportTurnAsync(CancellationToken.None);
        Task<SmsContacts.Web.Domain.ContactList> write;
        Task<IDisposable> nextBatch;
        try
        {
            write = app.Data.ListAsync(code.Id, "Written during a batch");
            while (SqliteUserWrites.PendingCount == 0 && !write.IsCompleted)
            {
                await Task.Yield();
            }

            // Registered, and held back by the batch being written (for at most LeaseMax, far longer than these lines take).
            Assert.False(write.IsCompleted, "The user's write went while the import's batch held its turn.");

            // The import's next batch does not start while the user's write is waiting.
            nextBatch = SqliteUserWrites.ImportTurnAsync(CancellationToken.None);
            Assert.False(nextBatch.IsCompleted, "The import's next batch went before the user's waiting write.");
        }
        finally
        {
            batch.Dispose();
        }

        var list = await write;
        (await nextBatch).Dispose();
        Assert.True(await app.WithDbAsync(db => db.Lists.AnyAsync(l => l.Id == list.Id && l.SenderCodeId == code.Id)));
    }

    [Fact]
    public void ThePace_StaysBetweenItsBounds_AndSettlesOnTheRowsThatTakeTheTargetTime()
    {
        var cases =
            from maxRows in Gen.Int[1, 100_000]
            from targetMs in Gen.Int[10, 2_000]
            from perRowMicroseconds in Gen.Double[0.5, 500]
            from noise in Gen.Double[0.5, 2.0].Array[1, 40]
            select (maxRows, targetMs, perRowMicroseconds, noise);

        cases.Sample(c =>
        {
            var (maxRows, targetMs, perRow, noise) = c;
            var pace = new ImportPace(maxRows, targetMs);
            var low = Math.Min(ImportPace.MinRows, maxRows);
            Assert.InRange(pace.NextBatchRows, low, maxRows);

            // A busy machine (noisy per-row costs) never pushes the size out of its bounds.
            foreach (var factor in noise)
            {
                var rows = pace.NextBatchRows;
                pace.Written(rows, TimeSpan.FromMilliseconds(rows * perRow * factor / 1000));
                Assert.InRange(pace.NextBatchRows, low, maxRows);
            }

            // A steady machine: the size moves halfway each batch, so 40 batches settle on the ideal (within two rows: sizes are whole rows).
            for (var i = 0; i < 40; i++)
            {
                var rows = pace.NextBatchRows;
                pace.Written(rows, TimeSpan.FromMilliseconds(rows * perRow / 1000));
            }

            var ideal = Math.Clamp(targetMs * 1000 / perRow, low, maxRows);
            Assert.InRange(pace.NextBatchRows, ideal - 2, ideal + 2);

            // Nothing learned from a batch that wrote nothing or took no time.
            var before = pace.NextBatchRows;
            pace.Written(0, TimeSpan.FromMilliseconds(5));
            pace.Written(before, TimeSpan.Zero);
            Assert.Equal(before, pace.NextBatchRows);
        });
    }

    [Fact]
    public void ABatchOverTheTarget_CutsTheNextToTheTargetAtOnce_AndAFastOneGrowsItOnlyHalfway()
    {
        var cases =
            from maxRows in Gen.Int[1, 100_000]
            from targetMs in Gen.Int[10, 2_000]
            from warmUp in Gen.Double[0.5, 500].Array[0, 10]
            from perRowMicroseconds in Gen.Double[0.5, 500]
            select (maxRows, targetMs, warmUp, perRowMicroseconds);

        cases.Sample(c =>
        {
            var (maxRows, targetMs, warmUp, perRow) = c;
            var pace = new ImportPace(maxRows, targetMs);
            foreach (var cost in warmUp)
            {
                pace.Written(pace.NextBatchRows, TimeSpan.FromMilliseconds(pace.NextBatchRows * cost / 1000));
            }

            var rows = pace.NextBatchRows;
            var tookMs = rows * perRow / 1000;
            pace.Written(rows, TimeSpan.FromMilliseconds(tookMs));
            var low = Math.Min(ImportPace.MinRows, maxRows);
            var ideal = targetMs * 1000 / perRow;
            if (tookMs > targetMs)
            {
                // The user who waited for this batch waited too long: the next is what would have taken the target time.
                Assert.InRange(pace.NextBatchRows, low, Math.Max(low, (int)Math.Ceiling(ideal)));
            }
            else
            {
                // A fast batch: halfway to the ideal, never past it.
                Assert.InRange(pace.NextBatchRows, rows, Math.Max(rows, (int)Math.Min(maxRows, Math.Ceiling((rows + ideal) / 2))));
            }
        });
    }
}
