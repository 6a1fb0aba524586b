using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SmsContacts.Web.Data;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Data.Migrations;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// No SQL Server runs on the development machine, so the hand-written SQL Server statements (the bulk
/// writer's, and the migrations' triggers) are checked here instead of executed: each must parse with SQL
/// Server's own parser, and every table and column it names must exist in the SQL Server model or in the
/// staging tables the writer creates.
/// </summary>
public sealed class SqlServerSqlTests
{
    /// <summary>Every action and field update mode, with each combination of the four boxes (bits of <c>boxes</c>), with and without mapped fields.</summary>
    public static TheoryData<ImportAction, FieldUpdateMode, int, bool> Plans()
    {
        var data = new TheoryData<ImportAction, FieldUpdateMode, int, bool>();
        foreach (var action in Enum.GetValues<ImportAction>())
        {
            foreach (var mode in Enum.GetValues<FieldUpdateMode>())
            {
                for (var boxes = 0; boxes < 16; boxes++)
                {
                    data.Add(action, mode, boxes, boxes % 3 != 0);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Plans))]
    public void EveryImportStatement_ParsesAsTSql_AndNamesOnlyTablesAndColumnsThatExist(ImportAction action, FieldUpdateMode mode, int boxes, bool fields)
    {
        var statements = new SqlServerImportSql(Plan(action, mode, boxes, fields));
        var known = KnownColumns(statements.CreateStage);

        foreach (var sql in statements.All())
        {
            AssertValid(sql, known);
        }
    }

    [Theory]
    [InlineData(ImportAction.AddOrUpdate)]
    [InlineData(ImportAction.UpdateExisting)]
    [InlineData(ImportAction.OptOut)]
    public void EveryUndoStatement_ParsesAsTSql_AndNamesOnlyTablesAndColumnsThatExist(ImportAction action)
    {
        var plan = new ImportUndoPlan(Guid.NewGuid(), 1, action, action == ImportAction.OptOut ? null : 1, action == ImportAction.OptOut ? null : "VIP",
            SubscriptionStatus.Pending, "file.csv", "admin", "admin@example.com", action == ImportAction.OptOut, 5000);
        var statements = new SqlServerImportUndoSql(plan);
        var known = KnownColumns(statements.CreateStage);

        foreach (var sql in statements.All())
        {
            AssertValid(sql, known);
        }
    }

    [Fact]
    public void EveryMigrationStatement_ParsesAsTSql_AndNamesOnlyTablesThatExist()
    {
        var known = KnownColumns(stagingTables: null);

        Assert.NotEmpty(InitialSchemaSql.SqlServer.Statements);
        foreach (var sql in InitialSchemaSql.SqlServer.Statements.Concat([SqlServerSql.SubscriptionsCountByPhoneLeadTrigger, SqlServerSql.SubscriptionCountsByPhoneLeadFill, SqlServerSql.SubscriptionsDayCountTrigger, SqlServerSql.SubscribeDayCountsFill]))
        {
            AssertValid(sql, known);
        }
    }

    [Fact]
    public void EveryInboundStatement_ParsesAsTSql_AndNamesOnlyColumnsThatExist()
    {
        var known = KnownColumns(stagingTables: null);

        Assert.NotEmpty(SqlServerSql.InboundStatements);
        foreach (var sql in SqlServerSql.InboundStatements)
        {
            AssertValid(sql, known);
        }
    }

    [Fact]
    public void ADeferredStatement_ParsesAsTSql_AndRunsTheStatementUnchanged()
    {
        var deferred = SqlServerSql.Deferred("UPDATE [ListKeywords] SET [Keyword] = N'it''s';");

        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(deferred), out var errors);
        Assert.Empty(errors);
        Assert.Equal("EXEC(N'UPDATE [ListKeywords] SET [Keyword] = N''it''''s'';')", deferred);
    }

    [Fact]
    public void MigrationStatements_AsTheMigrationRunsThem_AreValidInsideTheIdempotentScriptsIfBlock()
    {
        foreach (var statement in InitialSchemaSql.SqlServer.Statements)
        {
            // What `dotnet ef migrations script --idempotent` writes around each statement.
            var wrapped = $"IF NOT EXISTS (SELECT * FROM [__EFMigrationsHistory] WHERE [MigrationId] = N'x')\nBEGIN\n{SqlServerSql.AsMigrationSql(statement)}\nEND;";
            new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(wrapped), out var errors);
            Assert.True(errors.Count == 0, $"{string.Join("; ", errors.Select(e => e.Message))}\n{wrapped}");
        }
    }

    /// <summary>For statements built elsewhere (the grid's): parses and checks names against the model and the suffix table.</summary>
    internal static void AssertValidTSql(string sql) => AssertValid(sql, KnownColumns(stagingTables: null));

    [Fact]
    public void DeferredStatements_ParseAsOneExec_WhoseTextIsTheStatement()
    {
        foreach (var sql in InitialSchemaSql.SqlServer.Statements)
        {
            var fragment = (TSqlScript)new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(SqlServerSql.Deferred(sql)), out var errors);
            Assert.Empty(errors);
            var exec = Assert.IsType<ExecuteStatement>(Assert.Single(Assert.Single(fragment.Batches).Statements));
            var text = Assert.IsType<StringLiteral>(Assert.Single(Assert.IsType<ExecutableStringList>(exec.ExecuteSpecification.ExecutableEntity).Strings));
            Assert.Equal(sql, text.Value);
        }
    }

    private static void AssertValid(string sql, Dictionary<string, HashSet<string>> known)
    {
        var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);
        Assert.True(errors.Count == 0, $"{string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}"))}\n{sql}");

        var names = new NameCollector();
        fragment.Accept(names);
        if (names.TriggerTable is { } triggerTable)
        {
            known = new Dictionary<string, HashSet<string>>(known, StringComparer.OrdinalIgnoreCase) { ["inserted"] = known[triggerTable], ["deleted"] = known[triggerTable] };
        }

        foreach (var table in names.Tables.Values.Distinct())
        {
            Assert.True(known.ContainsKey(table), $"Unknown table {table} in\n{sql}");
        }

        foreach (var (qualifier, column) in names.Columns)
        {
            // INSERTED and DELETED (an OUTPUT clause) hold the columns of the table the statement writes.
            var candidates = qualifier is null || qualifier.Equals("INSERTED", StringComparison.OrdinalIgnoreCase) || qualifier.Equals("DELETED", StringComparison.OrdinalIgnoreCase)
                ? names.Tables.Values.SelectMany(t => known.GetValueOrDefault(t) ?? []).Concat(names.DerivedColumns.Values.SelectMany(c => c))
                : names.Tables.TryGetValue(qualifier, out var table) ? known[table] : names.DerivedColumns.GetValueOrDefault(qualifier) ?? [];
            Assert.True(candidates.Contains(column, StringComparer.OrdinalIgnoreCase), $"Unknown column {qualifier}.{column} in\n{sql}");
        }
    }

    private static ImportPlan Plan(ImportAction action, FieldUpdateMode mode, int boxes, bool fields) => new(
        Guid.NewGuid(),
        1,
        new ImportSettings
        {
            Action = action,
            FieldUpdateMode = mode,
            StoreAsDoubleOptIn = (boxes & 1) != 0,
            OverrideOptInStatus = (boxes & 2) != 0,
            CartAbandonmentConsent = (boxes & 4) != 0,
            OverrideMarketingConsent = (boxes & 8) != 0,
        },
        action == ImportAction.OptOut ? null : new ImportList(1, "VIP", "Welcome!", "Code: Reply Y to confirm VIP texts."),
        "US",
        0,
        fields
            ?
            [
                new MappedColumn(1, new ImportTarget("email", "Email", nameof(Contact.Email), null, null)),
                new MappedColumn(2, new ImportTarget("birthday", "Birthday", nameof(Contact.Birthday), null, null)),
                new MappedColumn(3, new ImportTarget("custom:3", "Store", null, 3, CustomFieldType.Text)),
            ]
            : [],
        fields ? 4 : 1,
        "user",
        "user@example.com");

    /// <summary>Tables and columns of the SQL Server model, plus the #staging tables a script creates.</summary>
    private static Dictionary<string, HashSet<string>> KnownColumns(string? stagingTables)
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>().UseSqlServer("Server=unused;Database=unused").Options;
        using var db = new SqlServerAppDbContext(options);
        var known = new Dictionary<string, HashSet<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is not { } table)
            {
                continue;
            }

            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var columns = known.TryGetValue(table, out var existing) ? existing : known[table] = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            // Flattened: the columns of complex properties too (an import's settings and counts).
            foreach (var property in entity.GetFlattenedProperties())
            {
                if (property.GetColumnName(store) is { } column)
                {
                    columns.Add(column);
                }
            }
        }

        // Tables created by hand-written SQL rather than by the model: the phone suffix table, and a script's #staging tables.
        var create = new TSql160Parser(true).Parse(new StringReader(SqlServerSql.CreatePhoneSuffixes + "\n" + (stagingTables ?? "")), out _);
        foreach (var statement in ((TSqlScript)create).Batches.SelectMany(b => b.Statements).OfType<CreateTableStatement>())
        {
            known[statement.SchemaObjectName.BaseIdentifier.Value] = statement.Definition.ColumnDefinitions
                .Select(c => c.ColumnIdentifier.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        }

        return known;
    }

    /// <summary>Tables by name and alias, derived tables with their column names, and every column reference.</summary>
    private sealed class NameCollector : TSqlFragmentVisitor
    {
        public Dictionary<string, string> Tables { get; } = new(StringComparer.OrdinalIgnoreCase);

        public Dictionary<string, List<string>> DerivedColumns { get; } = new(StringComparer.OrdinalIgnoreCase);

        public List<(string? Qualifier, string Column)> Columns { get; } = [];

        public override void Visit(NamedTableReference node)
        {
            var table = node.SchemaObject.BaseIdentifier.Value;

            // In a trigger, inserted and deleted have the columns of the trigger's table.
            if (_triggerTable is not null && table is "inserted" or "deleted")
            {
                Tables[node.Alias?.Value ?? table] = _triggerTable;
                return;
            }

            Tables[node.Alias?.Value ?? table] = table;
            Tables[table] = table;
        }

        private string? _triggerTable;

        public override void Visit(AlterTableStatement node)
        {
            // ALTER TABLE ... ADD CONSTRAINT CHECK (...): the check's columns are the altered table's.
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            Tables[table] = table;
        }

        public override void Visit(TriggerObject node)
        {
            var table = node.Name.BaseIdentifier.Value;
            Tables[table] = table;
            _triggerTable = table;
            TriggerTable = table;
        }

        public override void Visit(CreateTableStatement node)
        {
            var table = node.SchemaObjectName.BaseIdentifier.Value;
            Tables[table] = table;
        }

        public override void Visit(InlineDerivedTable node)
        {
            // (VALUES (2), (3)) AS n (Start)
            if (node.Alias is { } alias)
            {
                DerivedColumns[alias.Value] = node.Columns.Select(c => c.Value).ToList();
            }
        }

        /// <summary>The table of a CREATE TRIGGER: its <c>inserted</c> and <c>deleted</c> have that table's columns.</summary>
        public string? TriggerTable { get; private set; }

        public override void Visit(MergeSpecification node)
        {
            // OUTPUT inserted.* refers to the merge's target.
            if (node.Target is NamedTableReference target)
            {
                Tables["inserted"] = target.SchemaObject.BaseIdentifier.Value;
                if (node.TableAlias is { } alias)
                {
                    Tables[alias.Value] = target.SchemaObject.BaseIdentifier.Value;
                }
            }
        }

        public override void Visit(QueryDerivedTable node)
        {
            // A UNION's columns are named by its first query.
            var first = node.QueryExpression;
            while (first is BinaryQueryExpression union)
            {
                first = union.FirstQueryExpression;
            }

            if (first is QuerySpecification query && node.Alias is { } alias)
            {
                DerivedColumns[alias.Value] = query.SelectElements.OfType<SelectScalarExpression>()
                    .Select(e => e.ColumnName?.Value ?? (e.Expression as ColumnReferenceExpression)?.MultiPartIdentifier.Identifiers[^1].Value ?? "")
                    .ToList();
            }
        }

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.ColumnType != ColumnType.Regular || node.MultiPartIdentifier is null)
            {
                return;
            }

            var parts = node.MultiPartIdentifier.Identifiers;
            Columns.Add((parts.Count > 1 ? parts[^2].Value : null, parts[^1].Value));
        }
    }
}
