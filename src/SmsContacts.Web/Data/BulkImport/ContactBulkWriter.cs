using System.Data.Common;
using System.Diagnostics;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The batch sequence both bulk writers share, in one place: stage the batch, begin its transaction, claim the import's
/// checkpoint, classify the rows, apply them (contacts, then subscriptions and the override boxes, or the opt-outs), write the
/// journal of what they changed (Undo import's), save the rows not imported and the warnings, count the outcomes, and move
/// the checkpoint with the counts, all in one
/// transaction, so an import that is killed resumes after its last committed batch with nothing written twice. Each
/// statement is the provider's (<see cref="ImportSql"/>: <see cref="SqliteImportSql"/>, <see cref="SqlServerImportSql"/>, the
/// same members in the same order) and bound here with the same parameters. Each provider
/// (<see cref="SqliteContactBulkWriter"/>, <see cref="SqlServerContactBulkWriter"/>) supplies what it does its own way: the
/// steps declared abstract below, in the order they run, implemented in that order in each writer.
/// </summary>
public abstract class ContactBulkWriter(ImportPlan plan, ImportSql sql, TimeProvider clock, Func<ValueTask> release) : IContactBulkWriter
{
    /// <summary>The import this writer runs; fixed for the run.</summary>
    protected ImportPlan Plan { get; } = plan;

    /// <summary>The import's id as the provider's SQL compares it (EF stores a Guid differently in each).</summary>
    protected abstract object ImportId { get; }

    /// <summary>
    /// Writes one batch and the import's checkpoint in one transaction. Not committed (and nothing written) when the import's
    /// checkpoint is not where the batch starts: another run of the same import got there first.
    /// </summary>
    public async Task<ImportBatchResult> WriteBatchAsync(ImportBatch batch, CancellationToken ct)
    {
        batch.SortByPhone();
        await StageAsync(batch, ct);
        if (Plan.PreviewRun is { } run)
        {
            return await PreviewBatchAsync(batch, run, ct);
        }

        var committed = false;
        try
        {
            await using var transaction = await BeginAsync(ct);

            // From here the batch holds the lock: the time it takes sizes the next batch (a wait for another writer does not).
            var locked = Stopwatch.StartNew();
            var now = clock.GetUtcNow().UtcDateTime;
            if (!await ClaimCheckpointAsync(batch.FromRow, ct))
            {
                await transaction.RollbackAsync(ct);
                return new ImportBatchResult(false, default);
            }

            await ClassifyAsync(ct);
            await StageJournalAsync(ct);
            var asked = await ApplyAsync(now, ct);
            await JournalAsync(now, ct);

            var notImported = new List<ImportRejection>(batch.Rejections);
            notImported.AddRange(await SkippedRowsAsync(batch, ct));
            await InsertRejectionsAsync(notImported, ct);
            var warned = await InsertWarningsAsync(batch, ct);

            var (outcomes, optedInWithFieldUpdates) = await OutcomeCountsAsync(ct);
            var counts = ImportCounts.Of(batch, outcomes, optedInWithFieldUpdates, asked, warned);
            var advanced = await RunAsync(sql.AdvanceCheckpoint, ct,
                [.. counts.Parameters(batch.Lines), ("@to", batch.ToRow), ("@bytes", batch.BytesRead), ("@import", ImportId), ("@from", batch.FromRow)]);
            if (advanced != 1)
            {
                await transaction.RollbackAsync(ct);
                return new ImportBatchResult(false, default);
            }

            await transaction.CommitAsync(ct);
            committed = true;
            return new ImportBatchResult(true, counts, locked.Elapsed);
        }
        finally
        {
            await EndBatchAsync(committed, ct);
        }
    }

    /// <summary>
    /// Preview mode (<see cref="ImportPlan.PreviewRun"/>): the batch is staged and classified exactly as
    /// <see cref="WriteBatchAsync"/> does it, with the same statements, in a transaction that only reads the app's tables
    /// (the classification writes the connection's own staging table) and is rolled back. Nothing is applied or journaled.
    /// Then a short write transaction saves only what the preview keeps: the batch's counts and the preview's checkpoint
    /// (refused, and nothing saved, when another run or a newer Preview request is there), the examples still missing and
    /// the rejected rows. Every number is in one batch only (<c>PhonePass</c> leaves the last valid row of each), so no batch's
    /// outcome depends on what an earlier batch would have written: the counts add up to the import's.
    /// </summary>
    private async Task<ImportBatchResult> PreviewBatchAsync(ImportBatch batch, Guid run, CancellationToken ct)
    {
        ImportCounts counts;
        List<PreviewRow> rows;
        await using (var read = await BeginReadAsync(ct))
        {
            try
            {
                await ClassifyAsync(ct);
                var skipped = await SkippedRowsAsync(batch, ct);
                var (outcomes, optedInWithFieldUpdates) = await OutcomeCountsAsync(ct);
                counts = ImportCounts.Of(batch, outcomes, optedInWithFieldUpdates, 0, 0);
                _examples ??= await ExampleCountsAsync(ct);
                rows = await PreviewRowsAsync(batch, skipped, _examples, ct);
                await read.RollbackAsync(ct);
            }
            finally
            {
                await EndBatchAsync(false, ct);
            }
        }

        var committed = false;
        try
        {
            await using var transaction = await BeginAsync(ct);
            var locked = Stopwatch.StartNew();
            var advanced = await RunAsync(ImportSql.AdvancePreview, ct,
                [.. counts.Parameters(batch.Lines), ("@to", batch.ToRow), ("@bytes", batch.BytesRead), ("@import", ImportId), ("@from", batch.FromRow), ("@run", Key(run))]);
            if (advanced != 1)
            {
                await transaction.RollbackAsync(ct);
                return new ImportBatchResult(false, default);
            }

            foreach (var row in rows)
            {
                await RunAsync(ImportSql.InsertPreviewRow, ct, ("@import", ImportId), ("@outcome", (int)row.Outcome), ("@line", row.Line),
                    ("@phone", ImportRejectionLimits.Phone(row.Phone)), ("@detail", ImportRejectionLimits.Detail(row.Detail)));
            }

            await transaction.CommitAsync(ct);
            committed = true;
            foreach (var row in rows)
            {
                _examples[(int)row.Outcome]++;
            }

            return new ImportBatchResult(true, counts, locked.Elapsed);
        }
        finally
        {
            await EndBatchAsync(committed, ct);
        }
    }

    /// <summary>The preview's examples saved so far per outcome (indexed by <see cref="ImportPreviewOutcome"/>); null until the first batch read them.</summary>
    private int[]? _examples;

    private async Task<int[]> ExampleCountsAsync(CancellationToken ct)
    {
        var counts = new int[Enum.GetValues<ImportPreviewOutcome>().Max(o => (int)o) + 1];
        await using var reader = await ReadAsync(ImportSql.PreviewExampleCounts, ct, ("@import", ImportId));
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
        }

        return counts;
    }

    /// <summary>
    /// What the preview keeps of a classified batch: every rejected row with its reason, and of each other outcome the
    /// examples still missing (<see cref="ImportPreviewRow.ExamplesPerOutcome"/>), each saying what the import would do to it.
    /// </summary>
    private async Task<List<PreviewRow>> PreviewRowsAsync(ImportBatch batch, List<ImportRejection> skipped, int[] saved, CancellationToken ct)
    {
        var rows = new List<PreviewRow>();
        var taken = new int[saved.Length];
        bool Wants(ImportPreviewOutcome outcome) =>
            outcome == ImportPreviewOutcome.Rejected || saved[(int)outcome] + taken[(int)outcome] < ImportPreviewRow.ExamplesPerOutcome;
        void Add(ImportPreviewOutcome outcome, long line, string phone, string detail)
        {
            if (Wants(outcome))
            {
                rows.Add(new PreviewRow(outcome, line, phone, detail));
                taken[(int)outcome]++;
            }
        }

        foreach (var rejection in batch.Rejections)
        {
            Add(rejection.IsDuplicate ? ImportPreviewOutcome.Duplicate : ImportPreviewOutcome.Rejected, rejection.Line, rejection.Phone, rejection.Reason);
        }

        foreach (var row in skipped)
        {
            Add(ImportPreviewOutcome.Skipped, row.Line, row.Phone, row.Reason);
        }

        ImportPreviewOutcome[] staged = [ImportPreviewOutcome.OptedIn, ImportPreviewOutcome.Updated, ImportPreviewOutcome.Unchanged, ImportPreviewOutcome.OptedOut,
            ImportPreviewOutcome.IgnoredOptedOut, ImportPreviewOutcome.IgnoredBanned];
        if (!staged.Any(Wants))
        {
            return rows;
        }

        var fields = Plan.Settings.Action == ImportAction.OptOut ? 0 : Plan.Targets.Count;
        await using var reader = await ReadAsync(sql.PreviewExamples, ct);
        while (await reader.ReadAsync(ct))
        {
            var outcome = (ImportPreviewOutcome)reader.GetInt32(2);
            if (outcome != ImportPreviewOutcome.Skipped && Wants(outcome))
            {
                Add(outcome, reader.GetInt64(0), reader.GetString(1), ImportPreviewDetails.Describe(Plan, outcome, reader, fields));
            }
        }

        return rows;
    }

    /// <summary>One row the preview keeps.</summary>
    private sealed record PreviewRow(ImportPreviewOutcome Outcome, long Line, string Phone, string Detail);

    /// <summary>Ends the run: the provider's <see cref="CloseAsync"/>, then the connection goes back, whatever happened.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await CloseAsync();
        }
        finally
        {
            await release();
        }
    }

    /// <summary>Finds each row's contact and list membership, decides its outcome, and what the apply steps need to know of it.</summary>
    private async Task ClassifyAsync(CancellationToken ct)
    {
        await RunAsync(sql.ResolveContacts, ct, ("@senderCode", Plan.SenderCodeId));
        if (Plan.List is { } list && Plan.Settings.Action != ImportAction.OptOut)
        {
            await RunAsync(sql.ResolveListMembership, ct, ("@list", list.Id));
        }

        await RunAsync(sql.Classify, ct);
        if (Plan.Settings.Action == ImportAction.OptOut)
        {
            // An opt-out is an event of the whole sender code: the state words of ContactConsent.StateOf.
            await RunAsync(sql.StateBefore, ct, ("@notSubscribed", ConsentStates.NotSubscribed), ("@subscribed", ConsentStates.Subscribed),
                ("@pending", ConsentStates.Pending), ("@other", ConsentStates.OtherContact));
            return;
        }

        // FieldsChanged where a profile or custom field would change under the field update mode; then rows on the list
        // of which neither a field nor a box's opt-in status or consent would change become Unchanged, which nothing after writes.
        if (sql.FieldsChanged is { } fieldsChanged)
        {
            await RunAsync(fieldsChanged, ct);
        }

        await RunAsync(sql.Unchanged, ct);
    }

    /// <summary>Writes the classified rows as the action says; returns how many were asked to confirm (double opt-in).</summary>
    private async Task<int> ApplyAsync(DateTime now, CancellationToken ct)
    {
        await WriteContactsAsync(now, ct);
        switch (Plan.Settings.Action)
        {
            case ImportAction.AddOrUpdate:
                return await SubscribeAsync(now, ct) + await ApplyListOverridesAsync(now, ct);
            case ImportAction.UpdateExisting:
                return await ApplyListOverridesAsync(now, ct);
            default:
                await OptOutAsync(now, ct);
                return 0;
        }
    }

    /// <summary>
    /// Before the batch writes: the journal's before-values of the mapped custom fields, for the contacts whose fields the
    /// file changes (the system fields' were staged with the contacts, <see cref="ImportSql.ResolveContacts"/>).
    /// </summary>
    private async Task StageJournalAsync(CancellationToken ct)
    {
        if (Plan.Settings.Action == ImportAction.OptOut)
        {
            return;
        }

        foreach (var (index, field) in CustomFields())
        {
            await RunAsync(sql.StageCustomFieldBefore(index), ct, field);
        }
    }

    /// <summary>
    /// After the batch wrote: the journal (Undo import's) of every contact it wrote, from what the tables now hold and the
    /// staged before-values; an opt-out import's subscriptions were journaled before it deleted them (<see cref="OptOutAsync"/>).
    /// </summary>
    private async Task JournalAsync(DateTime now, CancellationToken ct)
    {
        await RunAsync(sql.JournalContacts, ct, ("@import", ImportId), ("@now", now), ("@list", Plan.List?.Id));
        if (Plan.Settings.Action == ImportAction.OptOut)
        {
            return;
        }

        foreach (var (index, field) in CustomFields())
        {
            await RunAsync(sql.JournalCustomField(index), ct, ("@import", ImportId), field);
        }
    }

    /// <summary>The mapped custom fields: each one's index among the targets, and its @field parameter.</summary>
    private IEnumerable<(int Index, (string Name, object? Value) Field)> CustomFields() =>
        Plan.Targets.Select((t, i) => (t, i)).Where(x => x.t.IsCustom).Select(x => (x.i, ("@field", (object?)x.t.CustomFieldId!.Value)));

    /// <summary>
    /// Add/Update: puts the rows counted as opted-in on the list and records it; then queues the list's "Reply Y to
    /// confirm" text to each pending one (double opt-in), or its journey message to each active one (journeys on).
    /// Returns how many were asked to confirm.
    /// </summary>
    private async Task<int> SubscribeAsync(DateTime now, CancellationToken ct)
    {
        var list = Plan.List!;
        var pending = Plan.Settings.StoreAsDoubleOptIn;
        await RunAsync(sql.Subscribe, ct, ("@senderCode", Plan.SenderCodeId), ("@list", list.Id), ("@status", (int)Plan.Settings.SubscriptionStatus), ("@now", now),
            ("@cart", Plan.Settings.CartAbandonmentConsent), ("@confirmed", pending ? null : now));

        // The number was on no such list and is not opted out: its state on the list was "Not subscribed".
        await InsertEventsAsync(now, OptedInRows, ConsentChanges.OfNewSubscription(pending), list,
            ConsentStates.NotSubscribed, ConsentStates.Of(Plan.Settings.SubscriptionStatus), SubscribeMethod.Import, ct);
        if (pending)
        {
            return await QueueTextsAsync(now, OptedInRows, list.ConfirmationRequest, ct);
        }

        if (list.JourneyMessage is { } message)
        {
            await QueueTextsAsync(now, OptedInRows, message, ct);
        }

        return 0;
    }

    /// <summary>
    /// For contacts already on the list: the override boxes. "Override opt-in status" gives their subscription this
    /// import's status (recorded as such, and a subscription it makes pending is asked to confirm); marketing and cart
    /// abandonment consent are given, and with the override box also taken back. Opted-out and banned numbers never
    /// reach this (they are Ignored). Returns how many were asked to confirm.
    /// </summary>
    private async Task<int> ApplyListOverridesAsync(DateTime now, CancellationToken ct)
    {
        var list = Plan.List!;
        var asked = 0;
        if (Plan.Settings.OverrideOptInStatus)
        {
            var target = Plan.Settings.SubscriptionStatus;
            var other = target == SubscriptionStatus.Active ? SubscriptionStatus.Pending : SubscriptionStatus.Active;
            var overridden = $"s.Outcome = {(int)StagedOutcome.Updated} AND s.ListStatus <> {(int)target}";
            await InsertEventsAsync(now, overridden, ConsentChanges.OptInStatusOverridden, list, ConsentStates.Of(other), ConsentStates.Of(target), null, ct);
            if (target == SubscriptionStatus.Pending)
            {
                asked = await QueueTextsAsync(now, overridden, list.ConfirmationRequest, ct);
            }

            await RunAsync(sql.OverrideStatus, ct, ("@list", list.Id), ("@status", (int)target), ("@confirmed", target == SubscriptionStatus.Active ? now : null));
        }

        var cart = Plan.Settings.CartAbandonmentConsent;
        if (Plan.Settings.OverrideMarketingConsent)
        {
            await InsertFlagEventsAsync(now, list, "sub.MarketingConsent = 0", ConsentChanges.MarketingConsentGiven, ct);
            await InsertFlagEventsAsync(now, list, $"sub.CartAbandonmentConsent <> {(cart ? 1 : 0)}",
                cart ? ConsentChanges.CartAbandonmentConsentGiven : ConsentChanges.CartAbandonmentConsentWithdrawn, ct);
            await RunAsync(sql.OverrideConsent, ct, ("@list", list.Id), ("@cart", cart));
        }
        else if (cart)
        {
            await InsertFlagEventsAsync(now, list, "sub.CartAbandonmentConsent = 0", ConsentChanges.CartAbandonmentConsentGiven, ct);
            await RunAsync(sql.GiveCartConsent, ct, ("@list", list.Id));
        }

        return asked;
    }

    /// <summary>
    /// Opt-out contacts, like ContactConsent.OptOut (the contacts themselves were opted out by <see cref="WriteContactsAsync"/>):
    /// the active lists they leave are remembered for START, each list they leave records the leaving, then the sender
    /// code's event of every number opted out, and their subscriptions go.
    /// </summary>
    private async Task OptOutAsync(DateTime now, CancellationToken ct)
    {
        var after = ConsentStates.OptedOut(OptOutReason.Import);
        await RunAsync(sql.SuspendSubscriptions, ct, ("@now", now));
        await RunAsync(sql.InsertListOptOutEvents, ct,
            [.. EventParameters(now, ConsentChanges.OptedOut, null), ("@after", after), ("@pending", ConsentStates.Pending), ("@subscribed", ConsentStates.Subscribed)]);
        await InsertEventsAsync(now, $"s.Outcome = {(int)StagedOutcome.OptedOut}", ConsentChanges.OptedOut, null, before: null, after, null, ct);

        // What undoing the import (confirmed number by number) puts back.
        await RunAsync(sql.JournalOptedOutSubscriptions, ct, ("@import", ImportId));
        await RunAsync(sql.DeleteOptedOutSubscriptions, ct);
    }

    /// <summary>Update existing contacts adds no one: rows whose number is not a contact on the list are reported as skipped, with their line.</summary>
    private async Task<List<ImportRejection>> SkippedRowsAsync(ImportBatch batch, CancellationToken ct)
    {
        var skipped = new List<ImportRejection>();
        if (Plan.Settings.Action != ImportAction.UpdateExisting)
        {
            return skipped;
        }

        Dictionary<long, int>? byLine = null;
        await using var reader = await ReadAsync(sql.SkippedRows, ct);
        while (await reader.ReadAsync(ct))
        {
            byLine ??= batch.RowsByLine();
            var row = byLine[reader.GetInt64(0)];
            var reason = reader.GetInt32(1) == 1 ? ImportRejectionReasons.NoContact : ImportRejectionReasons.NotOnList(Plan.List!.Name);
            skipped.Add(new ImportRejection(batch.Line(row), batch.Phone(row), reason, batch.ValueString(row, Plan.Targets.Count) ?? ""));
        }

        return skipped;
    }

    /// <summary>Staged rows per outcome (indexed by <see cref="StagedOutcome"/>), and how many opted-in rows also changed fields.</summary>
    private async Task<(int[] Outcomes, int OptedInWithFieldUpdates)> OutcomeCountsAsync(CancellationToken ct)
    {
        var counts = new int[Enum.GetValues<StagedOutcome>().Length];
        var optedInWithFieldUpdates = 0;
        await using var reader = await ReadAsync(sql.OutcomeCounts, ct);
        while (await reader.ReadAsync(ct))
        {
            counts[reader.GetInt32(0)] = reader.GetInt32(1);
            if (reader.GetInt32(0) == (int)StagedOutcome.OptedIn)
            {
                optedInWithFieldUpdates = reader.GetInt32(2);
            }
        }

        return (counts, optedInWithFieldUpdates);
    }

    /// <summary>
    /// One consent event for each staged row matching <paramref name="where"/>: <paramref name="before"/> and <paramref name="after"/>
    /// are state words (a null <paramref name="before"/>: the row's staged StateBefore); <paramref name="method"/> the
    /// subscribe method of events that start a subscription.
    /// </summary>
    private Task<int> InsertEventsAsync(DateTime now, string where, string change, ImportList? list, string? before, string after, SubscribeMethod? method, CancellationToken ct) =>
        RunAsync(sql.InsertEvents(where, before is null ? "s.StateBefore" : "@before"), ct,
            [.. EventParameters(now, change, list), .. before is null ? [] : new[] { ("@before", (object?)before) }, ("@after", after),
             ("@method", method is { } m ? (int)m : null)]);

    /// <summary>A consent event for each row on the list whose subscription matches <paramref name="where"/> (over "sub"); its state is unchanged.</summary>
    private Task<int> InsertFlagEventsAsync(DateTime now, ImportList list, string where, string change, CancellationToken ct) =>
        RunAsync(sql.InsertFlagEvents(where), ct, [.. EventParameters(now, change, list), ("@pending", ConsentStates.Pending), ("@subscribed", ConsentStates.Subscribed)]);

    /// <summary>Queues one outbound text to each staged row matching <paramref name="where"/>; returns how many.</summary>
    private Task<int> QueueTextsAsync(DateTime now, string where, string body, CancellationToken ct) =>
        RunAsync(sql.QueueTexts(where), ct, ("@senderCode", Plan.SenderCodeId), ("@body", body), ("@now", now), ("@import", ImportId));

    /// <summary>The parameters every consent event of the import binds.</summary>
    private (string Name, object? Value)[] EventParameters(DateTime now, string change, ImportList? list) =>
    [
        ("@senderCode", Plan.SenderCodeId), ("@now", now), ("@change", change), ("@list", list?.Id), ("@listName", list?.Name),
        ("@user", Plan.UserId), ("@userName", Plan.UserName), ("@import", ImportId),
    ];

    /// <summary>The staged rows counted as opted in (new subscriptions to the list).</summary>
    private static readonly string OptedInRows = $"s.Outcome = {(int)StagedOutcome.OptedIn}";

    // What each provider does its own way, in the order it runs. A staged row is "s" in every condition.

    /// <summary>Puts the batch's valid rows (sorted by phone) in the staging table, in place of the last batch's.</summary>
    protected abstract Task StageAsync(ImportBatch batch, CancellationToken ct);

    /// <summary>Begins the batch's write transaction; every statement up to the checkpoint's runs in it.</summary>
    protected abstract Task<DbTransaction> BeginAsync(CancellationToken ct);

    /// <summary>Preview: begins a transaction that reads the app's tables and writes only the staging table (it takes no write lock).</summary>
    protected abstract Task<DbTransaction> BeginReadAsync(CancellationToken ct);

    /// <summary>A Guid as the provider's SQL compares it (as <see cref="ImportId"/>).</summary>
    protected abstract object Key(Guid value);

    /// <summary>True when the import is running and its checkpoint is at <paramref name="fromRow"/> (and holds it until commit).</summary>
    protected abstract Task<bool> ClaimCheckpointAsync(long fromRow, CancellationToken ct);

    /// <summary>
    /// The contacts: new numbers become contacts (opted out already for an opt-out import) with their custom field values;
    /// existing ones that subscribe or change get the file's fields as the field update mode says (an opt-out import only
    /// opts them out). Each written contact's version moves on.
    /// </summary>
    protected abstract Task WriteContactsAsync(DateTime now, CancellationToken ct);

    /// <summary>Saves the rows not imported, each once (a replayed batch adds nothing).</summary>
    protected abstract Task InsertRejectionsAsync(List<ImportRejection> rejections, CancellationToken ct);

    /// <summary>
    /// Saves the warnings of the batch's rows that the import took in (opted in, updated, unchanged or opted out); a row that
    /// turned out skipped or ignored is reported as such, not as imported with a warning. Returns how many were saved.
    /// </summary>
    protected abstract Task<int> InsertWarningsAsync(ImportBatch batch, CancellationToken ct);

    /// <summary>After the batch's transaction ended, committed or not.</summary>
    protected abstract Task EndBatchAsync(bool committed, CancellationToken ct);

    /// <summary>Drops the run's staging table (<see cref="ImportSql.DropStage"/>) and frees what the writer holds.</summary>
    protected abstract Task CloseAsync();

    /// <summary>Runs one statement in the batch's transaction; returns the rows it changed.</summary>
    protected abstract Task<int> RunAsync(string statement, CancellationToken ct, params (string Name, object? Value)[] parameters);

    /// <summary>Runs one query in the batch's transaction.</summary>
    protected abstract Task<DbDataReader> ReadAsync(string query, CancellationToken ct, params (string Name, object? Value)[] parameters);
}
