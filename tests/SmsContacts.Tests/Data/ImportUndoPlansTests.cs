using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Features.Import;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

/// <summary>
/// Undo import works a batch of the journal at a time, so each statement must cost in proportion to the batch, not to the
/// list or the sender code. Measured at 1,000,000 rows: the undo of a 900,000-row update ran at 1,000 rows/s (6,800 at
/// 200,000) because two statements joined the stage with the list's subscriptions, and SQLite, without statistics,
/// started from the list ("ListId = @list") and read all of it for every batch. The kind: SQLite's plan of every statement
/// of the undo (each setting of the plan) starts from the stage or seeks by contact; none scans an app table or reads
/// all of a list or a sender code.
/// </summary>
public sealed partial class ImportUndoPlansTests(ImportAppFixture fixture) : IClassFixture<ImportAppFixture>
{
    [Theory]
    [InlineData(ImportAction.AddOrUpdate, SubscriptionStatus.Active)]
    [InlineData(ImportAction.AddOrUpdate, SubscriptionStatus.Pending)]
    [InlineData(ImportAction.UpdateExisting, SubscriptionStatus.Active)]
    [InlineData(ImportAction.OptOut, SubscriptionStatus.Active)]
    public async Task EveryStatementOfABatch_StartsFromTheStage_OrSeeksByContact(ImportAction action, SubscriptionStatus status)
    {
        var code = await fixture.NewSenderCodeAsync();
        var list = await fixture.App.Data.ListAsync(code.Id, "VIP");
        var sql = new SqliteImportUndoSql(new ImportUndoPlan(Guid.NewGuid(), code.Id, action, list.Id, list.Name, status, "file.csv", "user", "user@example.com", true, 500));
        string[] notABatchStatement = [nameof(ImportUndoSql.CreateStage), nameof(ImportUndoSql.DropStage), nameof(ImportUndoSql.ClearStage)];
        var statements = typeof(SqliteImportUndoSql).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(string) && !notABatchStatement.Contains(p.Name))
            .Select(p => (p.Name, Sql: (string)p.GetValue(sql)!)).ToList();
        Assert.True(statements.Count >= 25, $"only {statements.Count} statements found");

        var failures = await fixture.App.WithDbAsync(async db =>
        {
            await db.Database.OpenConnectionAsync();
            var connection = db.Database.GetDbConnection();
            await using (var create = connection.CreateCommand())
            {
                create.CommandText = sql.CreateStage;
                await create.ExecuteNonQueryAsync();
            }

            var bad = new List<string>();
            foreach (var (name, text) in statements)
            {
                foreach (var step in await SqliteStatements.PlanAsync(connection, text, []))
                {
                    if (WholeTable().IsMatch(step) || WholeListOrSenderCode().IsMatch(step))
                    {
                        bad.Add($"{name}: {step}");
                    }
                }
            }

            await using var drop = connection.CreateCommand();
            drop.CommandText = sql.DropStage;
            await drop.ExecuteNonQueryAsync();
            return bad;
        });

        Assert.Empty(failures);
    }

    /// <summary>A scan of anything but the stage (alias u, or the temp table itself).</summary>
    [GeneratedRegex(@"^SCAN (?!u\b|undo_stage\b|temp\.undo_stage\b)")]
    private static partial Regex WholeTable();

    /// <summary>A search whose only key is the list or the sender code: every subscription or contact of it (the few imports of a sender code, alias i or ia, excepted).</summary>
    [GeneratedRegex(@"^SEARCH (?!i\b|ia\b)\w+ .*\((ListId|SenderCodeId)=\?\)$")]
    private static partial Regex WholeListOrSenderCode();
}
