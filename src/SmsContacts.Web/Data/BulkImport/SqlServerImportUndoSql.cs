namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The SQL Server pieces of <see cref="ImportUndoSql"/>: the stage is the session's #undo_stage. Checked as the import's
/// statements are (SqlServerSqlTests: parsed by SQL Server's parser, every table and column known), not executed here.
/// </summary>
public sealed class SqlServerImportUndoSql(ImportUndoPlan plan) : ImportUndoSql(plan)
{
    public const string StageTable = "#undo_stage";

    protected override string Stage => StageTable;

    /// <summary>COLLATE DATABASE_DEFAULT: temp tables take tempdb's collation, which may differ from the database's.</summary>
    public override string CreateStage => $"""
        IF OBJECT_ID('tempdb..#undo_stage') IS NOT NULL DROP TABLE #undo_stage;
        CREATE TABLE #undo_stage (
            ContactId bigint NOT NULL PRIMARY KEY{string.Concat(StageColumns().Select(c => $", {c.Name} {c.SqlServer} NULL"))}{string.Concat(Decisions.Select(d => $", {d} int NOT NULL DEFAULT 0"))});
        """;

    public override string DropStage => "IF OBJECT_ID('tempdb..#undo_stage') IS NOT NULL DROP TABLE #undo_stage;";

    public override string ClearStage => "TRUNCATE TABLE #undo_stage;";

    public override string BatchEnd => """
        SELECT MAX(t.ContactId) FROM (SELECT TOP (@n) ContactId FROM ImportJournal WHERE ImportId = @import AND ContactId > @from ORDER BY ContactId) AS t;
        """;

    /// <summary>NULL-safe, and byte for byte (SQL Server's collations would call "ann" and "Ann" the same; SQLite does not).</summary>
    protected override string Same(string a, string b) =>
        $"EXISTS (SELECT CAST({a} AS varbinary(max)) INTERSECT SELECT CAST({b} AS varbinary(max)))";

    protected override string UpdateFrom(string table, string alias, string set, string from, string where) =>
        $"UPDATE {alias} SET {set} FROM {table} AS {alias}, {from} WHERE {where};";

    protected override string UpdateStage(string set) => $"UPDATE u SET {set} FROM #undo_stage AS u;";

    /// <summary>Every statement a run may execute, for the parser check.</summary>
    public IEnumerable<string> All() =>
    [
        CreateStage, DropStage, ClearStage, BatchEnd, ClaimCheckpoint, StageBatch, Decide, DecideWrites,
        InsertRemovedSubscriptionEvents, InsertForgottenListEvents, InsertStatusEvents, DeleteSubscriptions, DeleteSuspendedSubscriptions,
        SetBackStatuses, InsertConsentEvents, SetBackConsent, DeleteAddedCustomValues, SetBackCustomValues, RestoreClearedCustomValues,
        DeleteRemovedCustomValues, InsertRestoredListEvents, RestoreSubscriptions, DeleteRestoredSuspensions, InsertLiftedOptOutEvents,
        WriteContacts, CancelQueuedTexts, HandOnVersion, MarkChangedSince, Counts, AdvanceCheckpoint,
    ];
}
