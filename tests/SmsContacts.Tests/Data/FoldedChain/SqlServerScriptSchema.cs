using System.Text.RegularExpressions;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace SmsContacts.Tests.Data.FoldedChain;

/// <summary>
/// The SQL Server schema a migration script leaves, read without a server: every statement parsed with SQL Server's own
/// parser (ScriptDom) and played in order on a model of tables, columns, constraints, indexes and triggers (a statement
/// run through EXEC(N'...') is parsed and played too). Rows are not followed (INSERT, UPDATE, MERGE are skipped), nor are
/// DEFAULT constraints: EF adds a NOT NULL column with a DEFAULT to fill the rows already there, the model has none and EF
/// writes every column. A DDL statement this reader does not know fails it, so nothing the chain did goes unseen.
/// </summary>
public sealed partial class SqlServerScriptSchema
{
    private readonly Dictionary<string, Dictionary<string, string>> _columns = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Table, string Definition)> _constraints = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, string> _indexes = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, (string Table, string Definition)> _triggers = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Plays <paramref name="script"/> (GO-separated batches, as <c>dotnet ef migrations script</c> writes). EF runs each
    /// statement of a migration as a command of its own, but its script writes them into one batch, where a CREATE TRIGGER
    /// not run through EXEC (the chain's first two) would swallow what follows: such a line is played as a batch of its own.
    /// </summary>
    public static SqlServerScriptSchema Of(string script)
    {
        var schema = new SqlServerScriptSchema();
        schema.Play(RawTrigger().Replace(script, "GO\n$1\nGO"));
        return schema;
    }

    /// <summary>One line per object, sorted: tables with their columns, constraints, indexes and triggers.</summary>
    public IReadOnlyList<string> Lines() =>
    [
        .. _columns.SelectMany(t => t.Value.Select(c => $"column {t.Key}.{c.Key} {c.Value}")),
        .. _constraints.Select(c => $"constraint {c.Key} ON {c.Value.Table}: {c.Value.Definition}"),
        .. _indexes.Select(i => $"index {i.Key}: {i.Value}"),
        .. _triggers.Select(t => $"trigger {t.Key} ON {t.Value.Table}: {t.Value.Definition}"),
    ];

    /// <summary>The names of the tables, columns, indexes, constraints and triggers (to say the comparison saw them).</summary>
    public (int Tables, int Columns, int Constraints, int Indexes, int Triggers) Counts =>
        (_columns.Count, _columns.Sum(t => t.Value.Count), _constraints.Count, _indexes.Count, _triggers.Count);

    private void Play(string script)
    {
        var parsed = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }

        foreach (var statement in parsed.Batches.SelectMany(b => b.Statements))
        {
            Apply(statement);
        }
    }

    private void Apply(TSqlStatement statement)
    {
        switch (statement)
        {
            case CreateTableStatement create:
                var table = create.SchemaObjectName.BaseIdentifier.Value;
                _columns.Add(table, new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));
                AddElements(table, create.Definition);
                break;
            case AlterTableAddTableElementStatement add:
                AddElements(add.SchemaObjectName.BaseIdentifier.Value, add.Definition);
                break;
            case AlterTableDropTableElementStatement drop:
                foreach (var element in drop.AlterTableDropTableElements)
                {
                    var removed = element.TableElementType switch
                    {
                        TableElementType.Column => _columns[drop.SchemaObjectName.BaseIdentifier.Value].Remove(element.Name.Value),
                        TableElementType.Constraint => _constraints.Remove(element.Name.Value) || element.Name.Value.StartsWith("DF_", StringComparison.Ordinal),
                        _ => throw new InvalidOperationException($"Cannot play: {Text(drop)}"),
                    };
                    if (!removed)
                    {
                        throw new InvalidOperationException($"Drops what is not there: {Text(drop)}");
                    }
                }

                break;
            case AlterTableAlterColumnStatement alter:
                var columns = _columns[alter.SchemaObjectName.BaseIdentifier.Value];
                var name = alter.ColumnIdentifier.Value;
                if (!columns.ContainsKey(name) || alter.DataType is null)
                {
                    throw new InvalidOperationException($"Cannot play: {Text(alter)}");
                }

                columns[name] = Column(Text(alter.DataType), nullable: !Normalise(Text(alter)).EndsWith("NOT NULL", StringComparison.Ordinal), alter.Collation?.Value, identity: false);
                break;
            case DropTableStatement dropTable:
                foreach (var o in dropTable.Objects)
                {
                    var t = o.BaseIdentifier.Value;
                    _columns.Remove(t);
                    Forget(_constraints, t);
                    Forget(_triggers, t);
                    foreach (var key in _indexes.Keys.Where(k => k.StartsWith(t + ".", StringComparison.OrdinalIgnoreCase)).ToList())
                    {
                        _indexes.Remove(key);
                    }
                }

                break;
            case CreateIndexStatement index:
                _indexes.Add($"{index.OnName.BaseIdentifier.Value}.{index.Name.Value}", Normalise(
                    $"{(index.Unique ? "UNIQUE " : "")}{(index.Clustered == true ? "CLUSTERED " : "")}({string.Join(", ", index.Columns.Select(Text))})"
                    + (index.IncludeColumns.Count > 0 ? $" INCLUDE ({string.Join(", ", index.IncludeColumns.Select(Text))})" : "")
                    + (index.FilterPredicate is null ? "" : $" WHERE {Text(index.FilterPredicate)}")));
                break;
            case DropIndexStatement dropIndex:
                foreach (var clause in dropIndex.DropIndexClauses.Cast<DropIndexClause>())
                {
                    if (!_indexes.Remove($"{clause.Object.BaseIdentifier.Value}.{clause.Index.Value}"))
                    {
                        throw new InvalidOperationException($"Drops what is not there: {Text(dropIndex)}");
                    }
                }

                break;
            case CreateTriggerStatement trigger:
                _triggers.Add(trigger.Name.BaseIdentifier.Value, (trigger.TriggerObject.Name.BaseIdentifier.Value, Normalise(Text(trigger))));
                break;
            case DropTriggerStatement dropTrigger:
                foreach (var o in dropTrigger.Objects)
                {
                    if (!_triggers.Remove(o.BaseIdentifier.Value) && !dropTrigger.IsIfExists)
                    {
                        throw new InvalidOperationException($"Drops what is not there: {Text(dropTrigger)}");
                    }
                }

                break;
            case ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableStringList list } when list.Strings.All(s => s is StringLiteral):
                Play(string.Concat(list.Strings.Cast<StringLiteral>().Select(s => s.Value)));
                break;
            case ExecuteStatement { ExecuteSpecification.ExecutableEntity: ExecutableStringList }:
                // EF's drop of a column's DEFAULT constraint, named at run time (EXEC(N'ALTER TABLE ... DROP CONSTRAINT ' + @var)).
                break;
            case IfStatement @if:
                Apply(@if.ThenStatement);
                break;
            case BeginEndBlockStatement block:
                foreach (var s in block.StatementList.Statements)
                {
                    Apply(s);
                }

                break;
            case InsertStatement or UpdateStatement or DeleteStatement or MergeStatement or SelectStatement or DeclareVariableStatement
                or SetVariableStatement or BeginTransactionStatement or CommitTransactionStatement or PredicateSetStatement:
                break;
            default:
                throw new InvalidOperationException($"Cannot play {statement.GetType().Name}: {Text(statement)}");
        }
    }

    private void AddElements(string table, TableDefinition definition)
    {
        foreach (var column in definition.ColumnDefinitions)
        {
            var nullable = column.Constraints.OfType<NullableConstraintDefinition>().SingleOrDefault()?.Nullable ?? true;
            _columns[table].Add(column.ColumnIdentifier.Value, Column(Text(column.DataType), nullable, column.Collation?.Value, column.IdentityOptions is not null));
        }

        foreach (var constraint in definition.TableConstraints)
        {
            _constraints.Add(constraint.ConstraintIdentifier.Value, (table, Normalise(Text(constraint)[(Text(constraint).IndexOf(']', StringComparison.Ordinal) + 1)..])));
        }
    }

    private static void Forget(Dictionary<string, (string Table, string Definition)> objects, string table)
    {
        foreach (var key in objects.Where(o => o.Value.Table.Equals(table, StringComparison.OrdinalIgnoreCase)).Select(o => o.Key).ToList())
        {
            objects.Remove(key);
        }
    }

    private static string Column(string type, bool nullable, string? collation, bool identity) =>
        Normalise($"{type}{(identity ? " IDENTITY" : "")}{(collation is null ? "" : $" COLLATE {collation}")} {(nullable ? "NULL" : "NOT NULL")}");

    private static string Text(TSqlFragment fragment) =>
        string.Concat(Enumerable.Range(fragment.FirstTokenIndex, fragment.LastTokenIndex - fragment.FirstTokenIndex + 1).Select(i => fragment.ScriptTokenStream[i].Text));

    /// <summary>Whitespace runs made one space, brackets of identifiers dropped, a trailing semicolon dropped.</summary>
    private static string Normalise(string sql) => Whitespace().Replace(sql.Replace("[", "", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal), " ").Trim().TrimEnd(';').Trim();

    [GeneratedRegex(@"^(CREATE TRIGGER .* END;?)\r?$", RegexOptions.Multiline)]
    private static partial Regex RawTrigger();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
