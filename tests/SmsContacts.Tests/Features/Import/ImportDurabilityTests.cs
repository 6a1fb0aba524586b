using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Import;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HangfireServerCollection
{
    /// <summary>Tests that start a Hangfire server: its JobStorage.Current is process-wide, so they run alone.</summary>
    public const string Name = "Hangfire server";
}

/// <summary>
/// An import is safe to run twice and survives the app stopping in the middle: after a restart it finishes
/// with the same counts as an import that never stopped, and nothing written twice.
/// </summary>
[Collection(HangfireServerCollection.Name)]
public class ImportDurabilityTests : IDisposable
{
    private const string BatchSize = "7";
    private static readonly string[] Mapping = ["phone", "email", "first_name"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "smscontacts-tests", "restart-" + Guid.NewGuid().ToString("N"));

    /// <summary>60 rows: 50 numbers, 5 of them twice (the earlier row a duplicate), 5 invalid; batches of 7 rows.</summary>
    private static readonly string Csv = BuildCsv();

    private static string BuildCsv()
    {
        var csv = new StringBuilder("Phone,Email,First Name\n");
        for (var i = 0; i < 60; i++)
        {
            var line = i switch
            {
                < 50 => $"{TestPhones.UsTyped(i)},p{i}@example.com,Person {i}",
                < 55 => $"{TestPhones.Us((i - 50) * 7)},again{i}@example.com,Again {i}",
                _ => $"12{i},bad{i}@example.com,Bad {i}",
            };
            csv.Append(line).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The database the tests' apps run on (the subclass at the end of this file runs them on SQL Server).</summary>
    protected virtual TestProvider Provider => TestProvider.Sqlite;

    public void Dispose()
    {
        GC.SuppressFinalize(this);

        // The apps of a test share the data folder (a restart), and so their SQL Server database: it is the test's to drop.
        if (Provider == TestProvider.SqlServer)
        {
            AppFactory.DropSqlServerDatabaseAsync(_dataDirectory).GetAwaiter().GetResult();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a finishing background thread; the OS temp cleaner gets it.
        }
    }

    [Fact]
    public async Task Import_KilledAfterTwoBatches_FinishesAfterARestart_WithTheSameCountsAndNoDuplicates()
    {
        var expected = await UninterruptedAsync();

        Guid importId;
        var stopper = new Stopper(afterBatches: 2);
        await using (var first = new StoppableAppFactory(Settings(runServer: false), stopper, Provider))
        {
            var code = await first.Data.SenderCodeAsync();
            var list = await first.Data.ListAsync(code.Id, "VIP");
            importId = await QueuedImports.QueueAsync(first, code.Id, list, Csv, Mapping);
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => QueuedImports.RunAsync(first, importId, stopper.Token));
            var stopped = await first.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));
            Assert.Equal((ImportStatus.Running, 14L), (stopped.Status, stopped.CheckpointRow));
        }

        // The restarted app queues the unfinished import itself, and its Hangfire server runs it.
        await using var second = new AppFactory(Settings(runServer: true), provider: Provider);
        var finished = await WaitForAsync(second, importId);

        Assert.Equal(ImportStatus.Completed, finished.Status);
        Assert.Equal(expected.Counts, Counts(finished.Counts));
        Assert.Equal(expected.Contacts, await ContactsAsync(second));
        Assert.Equal(expected.Events, await second.WithDbAsync(db => db.ConsentEvents.CountAsync()));
        Assert.Equal(expected.Rejected, await second.WithDbAsync(db => db.ImportRejectedRows.OrderBy(r => r.LineNumber).Select(r => r.LineNumber).ToListAsync()));
    }

    [Fact]
    public async Task Import_RunAgainAfterItCompleted_ChangesNothing()
    {
        await using var app = new AppFactory(Settings(runServer: false), provider: Provider);
        var code = await app.Data.SenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        var importId = await QueuedImports.QueueAsync(app, code.Id, list, Csv, Mapping);
        await QueuedImports.RunAsync(app, importId);
        var once = Counts((await app.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId))).Counts);
        var events = await app.WithDbAsync(db => db.ConsentEvents.CountAsync());

        await QueuedImports.RunAsync(app, importId);

        Assert.Equal(once, Counts((await app.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId))).Counts));
        Assert.Equal(events, await app.WithDbAsync(db => db.ConsentEvents.CountAsync()));
        Assert.Equal(50, await app.WithDbAsync(db => db.Contacts.CountAsync()));
    }

    [Fact]
    public async Task ABatch_IsWrittenOnlyByTheRunThatFindsTheCheckpointWhereItExpects()
    {
        await using var app = new AppFactory(Settings(runServer: false), provider: Provider);
        var code = await app.Data.SenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        var importId = await QueuedImports.QueueAsync(app, code.Id, list, Csv, Mapping, i => i.Status = ImportStatus.Running);
        var plan = new ImportPlan(importId, code.Id, new ImportSettings(), new ImportList(list.Id, list.Name, null, "Reply Y"), "US", 0, [], 1,
            QueuedImports.UserId, QueuedImports.UserName);

        ImportBatch Batch()
        {
            var batch = new ImportBatch(fromRow: 0) { ToRow = 2 };
            batch.AddRow(2, PhonePassKey(TestPhones.Us(1)));
            batch.AddRow(3, PhonePassKey(TestPhones.Us(2)));
            return batch;
        }

        await using var firstScope = app.Services.CreateAsyncScope();
        await using var secondScope = app.Services.CreateAsyncScope();
        await using var firstRun = await firstScope.ServiceProvider.GetRequiredService<IContactBulkWriterFactory>().OpenAsync(plan, default);
        await using var secondRun = await secondScope.ServiceProvider.GetRequiredService<IContactBulkWriterFactory>().OpenAsync(plan, default);

        var first = await firstRun.WriteBatchAsync(Batch(), default);
        var second = await secondRun.WriteBatchAsync(Batch(), default);

        Assert.Equal((true, 2), (first.Committed, first.Counts.OptedIn));
        Assert.False(second.Committed);
        var import = await app.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));
        Assert.Equal((2L, 2, 2), (import.CheckpointRow, import.Counts.Processed, import.Counts.OptedIn));
        Assert.Equal(2, await app.WithDbAsync(db => db.Contacts.CountAsync()));
        Assert.Equal(2, await app.WithDbAsync(db => db.ConsentEvents.CountAsync()));
    }

    private static long PhonePassKey(string e164) => SmsContacts.Web.Features.Import.PhonePass.ToKey(e164);

    private Dictionary<string, string?> Settings(bool runServer) => new()
    {
        ["Storage:DataDirectory"] = _dataDirectory,
        ["Jobs:RunServer"] = runServer ? "true" : "false",
        ["Import:BatchSize"] = BatchSize,
    };

    private sealed record Expected(string Counts, List<string> Contacts, int Events, List<long> Rejected);

    /// <summary>The same file imported in one go, in an app of its own.</summary>
    private async Task<Expected> UninterruptedAsync()
    {
        await using var app = new AppFactory(new() { ["Import:BatchSize"] = BatchSize }, provider: Provider);
        var code = await app.Data.SenderCodeAsync();
        var list = await app.Data.ListAsync(code.Id, "VIP");
        var import = await QueuedImports.QueueAndRunAsync(app, code.Id, list, Csv, Mapping);
        Assert.Equal((60, 50, 5, 5), (import.Counts.Processed, import.Counts.OptedIn, import.Counts.Rejected, import.Counts.Duplicates));
        return new Expected(
            Counts(import.Counts),
            await ContactsAsync(app),
            await app.WithDbAsync(db => db.ConsentEvents.CountAsync()),
            await app.WithDbAsync(db => db.ImportRejectedRows.OrderBy(r => r.LineNumber).Select(r => r.LineNumber).ToListAsync()));
    }

    private static string Counts(ImportOutcomeCounts c) =>
        $"{c.Processed} {c.OptedIn} {c.OptedInWithFieldUpdates} {c.Updated} {c.Unchanged} {c.OptedOut} {c.IgnoredOptedOut} {c.IgnoredBanned} {c.Skipped} {c.Rejected} {c.Duplicates} {c.AwaitingConfirmation}";

    private static Task<List<string>> ContactsAsync(AppFactory app) =>
        app.WithDbAsync(db => db.Contacts.AsNoTracking().OrderBy(c => c.Phone)
            .Select(c => c.Phone + " " + c.Email + " " + c.FirstName + " " + c.Subscriptions.Count).ToListAsync());

    private static async Task<ImportRecord> WaitForAsync(AppFactory app, Guid importId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var import = await app.WithDbAsync(db => db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId));
            if (import.Status is ImportStatus.Completed or ImportStatus.Failed || DateTime.UtcNow > deadline)
            {
                return import;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>Stands for the app being stopped: the job's token is cancelled once enough batches are committed.</summary>
    private sealed class Stopper(int afterBatches)
    {
        private readonly CancellationTokenSource _source = new();
        private int _committed;

        public CancellationToken Token => _source.Token;

        public void Committed()
        {
            if (Interlocked.Increment(ref _committed) == afterBatches)
            {
                _source.Cancel();
            }
        }
    }

    private sealed class StoppableAppFactory(Dictionary<string, string?> settings, Stopper stopper, TestProvider provider) : AppFactory(settings, provider: provider)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
            {
                services.AddScoped<ContactBulkWriterFactory>();
                services.AddScoped<IContactBulkWriterFactory>(sp => new CountingWriterFactory(sp.GetRequiredService<ContactBulkWriterFactory>(), stopper));
            });
        }
    }

    private sealed class CountingWriterFactory(IContactBulkWriterFactory inner, Stopper stopper) : IContactBulkWriterFactory
    {
        public async Task<IContactBulkWriter> OpenAsync(ImportPlan plan, CancellationToken ct) => new CountingWriter(await inner.OpenAsync(plan, ct), stopper);
    }

    private sealed class CountingWriter(IContactBulkWriter inner, Stopper stopper) : IContactBulkWriter
    {
        public async Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken ct)
        {
            var result = await inner.WriteBatchAsync(batch, ct);
            stopper.Committed();
            return result;
        }

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}

/// <summary>The same on SQL Server; skipped, and labelled, where <c>SMSCONTACTS_TEST_SQLSERVER</c> is not set.</summary>
[RunsOnSqlServer]
[Collection(HangfireServerCollection.Name)]
public sealed class ImportDurabilityTestsOnSqlServer : ImportDurabilityTests
{
    protected override TestProvider Provider => TestProvider.SqlServer;
}
