using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data.FoldedChain;

/// <summary>
/// InitialSchema makes what the 23 migrations it folded made (<see cref="FoldedMigrations"/>): the chain's end state was
/// captured before the fold, as the SQLite file's schema (dump-sqlite.sql) and as the SQL Server script of the whole chain
/// (script-sqlserver.sql), and InitialSchema is held to both. This is also what lets a database made by the chain be
/// adopted by rewriting its history alone (FoldedChainAdoptionTests).
/// </summary>
public sealed class FoldedChainSchemaTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("folded-chain-").FullName;

    /// <summary>The folder the fixtures are copied to beside the test assembly.</summary>
    public static string Fixtures => Path.Combine(AppContext.BaseDirectory, "Data", "FoldedChain");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task AFreshSqliteDatabase_MigratedWithInitialSchema_HasTheFoldedChainsSchema()
    {
        var path = Path.Combine(_folder, "fresh.db");
        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={path}");
        await using (var db = new SqliteAppDbContext(options.Options))
        {
            // InitialSchema first; migrations added since the fold come after it and are not the chain's.
            Assert.Equal(FoldedMigrations.Into, FoldedMigrations.NameOf(db.Database.GetMigrations().First()));
            await db.GetService<IMigrator>().MigrateAsync(FoldedMigrations.Into);
        }

        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        var expected = SqliteSchemaDump.Parse(await File.ReadAllTextAsync(Path.Combine(Fixtures, "dump-sqlite.sql")));
        var actual = SqliteSchemaDump.Read(connection);

        Assert.Equal(114, expected.Count);
        AssertSame(expected.Select(SqliteSchemaDump.Comparable), actual.Select(SqliteSchemaDump.Comparable));
    }

    [Fact]
    public void TheSqlServerScriptOfInitialSchema_MakesTheTablesColumnsConstraintsIndexesAndTriggersOfTheFoldedChain()
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(options, "Server=none;Database=SmsContacts;Integrated Security=true;TrustServerCertificate=true");
        using var db = new SqlServerAppDbContext(options.Options);
        var script = db.GetService<IMigrator>().GenerateScript(toMigration: FoldedMigrations.Into);

        var chain = SqlServerScriptSchema.Of(File.ReadAllText(Path.Combine(Fixtures, "script-sqlserver.sql")));
        var folded = SqlServerScriptSchema.Of(script);

        var (tables, columns, constraints, indexes, triggers) = chain.Counts;
        Assert.True(tables > 35 && columns > 300 && constraints > 60 && indexes > 45 && triggers == 10, $"{chain.Counts}");
        AssertSame(chain.Lines(), folded.Lines());
    }

    [Fact]
    public void TheIdempotentSqlServerScript_ParsesAsTSql()
    {
        var options = new DbContextOptionsBuilder<SqlServerAppDbContext>();
        DatabaseSetup.ConfigureSqlServer(options, "Server=none;Database=SmsContacts;Integrated Security=true;TrustServerCertificate=true");
        using var db = new SqlServerAppDbContext(options.Options);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        new Microsoft.SqlServer.TransactSql.ScriptDom.TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);
        Assert.True(errors.Count == 0, string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
    }

    private static void AssertSame(IEnumerable<string> expected, IEnumerable<string> actual)
    {
        var (e, a) = (expected.Order(StringComparer.Ordinal).ToList(), actual.Order(StringComparer.Ordinal).ToList());
        Assert.True(e.SequenceEqual(a), $"Only the chain's:\n{string.Join("\n", e.Except(a))}\nOnly InitialSchema's:\n{string.Join("\n", a.Except(e))}");
    }
}
