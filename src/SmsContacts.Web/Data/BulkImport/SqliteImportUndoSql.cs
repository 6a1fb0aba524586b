namespace SmsContacts.Web.Data.BulkImport;

/// <summary>The SQLite pieces of <see cref="ImportUndoSql"/>: the stage is the connection's temp.undo_stage.</summary>
public sealed class SqliteImportUndoSql(ImportUndoPlan plan) : ImportUndoSql(plan)
{
    protected override string Stage => "temp.undo_stage";

    public override string CreateStage => $"""
        DROP TABLE IF EXISTS temp.undo_stage;
        CREATE TEMP TABLE undo_stage (
            ContactId INTEGER PRIMARY KEY{string.Concat(StageColumns().Select(c => $", {c.Name} {c.Sqlite}"))}{string.Concat(Decisions.Select(d => $", {d} INTEGER NOT NULL DEFAULT 0"))});
        """;

    public override string DropStage => "DROP TABLE IF EXISTS temp.undo_stage";

    public override string ClearStage => "DELETE FROM temp.undo_stage";

    public override string BatchEnd => """
        SELECT MAX(ContactId) FROM (SELECT ContactId FROM ImportJournal WHERE ImportId = @import AND ContactId > @from ORDER BY ContactId LIMIT @n)
        """;

    protected override string Same(string a, string b) => $"{a} IS {b}";

    protected override string UpdateFrom(string table, string alias, string set, string from, string where) =>
        $"UPDATE {table} AS {alias} SET {set} FROM {from} WHERE {where}";

    protected override string UpdateStage(string set) => $"UPDATE temp.undo_stage AS u SET {set}";
}
