using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data;

/// <summary>
/// The SQL Server migrations as CI ships them: the idempotent script (artifacts/
/// sqlserver-migrations.sql) puts each migration in one batch (one transaction, GO only after COMMIT). SQL Server compiles
/// a whole batch before running it: a statement that names a column of an existing table that an ALTER TABLE ... ADD
/// earlier in the same batch adds fails to compile ("Invalid column name"), and the batch runs nothing. Deferred name
/// resolution covers missing tables, not missing columns; EXEC(N'...') (SqlServerSql.Deferred) compiles when it runs.
/// </summary>
public sealed class SqlServerScriptBatchesTests
{
    [Fact]
    public void NoBatchOfTheIdempotentScript_NamesAColumnItAddsOutsideExec()
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(options, "Server=none;Database=SmsContacts;Integrated Security=true;TrustServerCertificate=true");
        using var db = new SqlServerAppDbContext(options.Options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var batches = System.Text.RegularExpressions.Regex.Split(script, @"^\s*GO\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
        var failures = new List<string>();
        foreach (var batch in batches)
        {
            var fragment = new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(batch), out var errors);
            Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => e.Message)));
            var visitor = new AddedThenUsed();
            fragment.Accept(visitor);
            failures.AddRange(visitor.Failures);
        }

        Assert.True(failures.Count == 0, "Columns added and used in the same batch (Msg 207 when the script runs):\n" + string.Join("\n", failures));
    }

    /// <summary>Columns added by ALTER TABLE ... ADD, then named by a later DML statement of the batch (not inside EXEC).</summary>
    private sealed class AddedThenUsed : TSqlFragmentVisitor
    {
        private readonly HashSet<string> _added = new(StringComparer.OrdinalIgnoreCase);

        public List<string> Failures { get; } = [];

        public override void Visit(AlterTableAddTableElementStatement node)
        {
            foreach (var column in node.Definition.ColumnDefinitions)
            {
                _added.Add(column.ColumnIdentifier.Value);
            }
        }

        public override void Visit(InsertStatement node) => Check(node, "INSERT");

        public override void Visit(UpdateStatement node) => Check(node, "UPDATE");

        public override void Visit(MergeStatement node) => Check(node, "MERGE");

        private void Check(TSqlFragment statement, string kind)
        {
            var names = new ColumnNames();
            statement.Accept(names);
            foreach (var name in names.Names.Where(_added.Contains).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                Failures.Add($"{kind} at line {statement.StartLine} of its batch names [{name}], added earlier in the same batch");
            }
        }
    }

    private sealed class ColumnNames : TSqlFragmentVisitor
    {
        public List<string> Names { get; } = [];

        public override void Visit(ColumnReferenceExpression node)
        {
            if (node.MultiPartIdentifier is { Count: > 0 } parts)
            {
                Names.Add(parts.Identifiers[^1].Value);
            }
        }
    }
}
