using System.Globalization;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Data;
using SmsContacts.Web.Infrastructure.Persistence;

namespace SmsContacts.Tests.Data.FoldedChain;

/// <summary>
/// A developer's database made by the migrations folded into InitialSchema keeps working: built here from the chain's
/// captured schema (dump-sqlite.sql) and history, the app adopts it at start-up and runs on it; part of the chain is
/// refused with what to do.
/// </summary>
public sealed class FoldedChainAdoptionTests : IDisposable
{
    /// <summary>The history the chain left in a SQLite database (its SQL Server ids differ only in their timestamps).</summary>
    private static readonly string[] ChainIds =
    [
        "20261126064542_InitialCreate", "20261126065638_Issue5Exports", "20261126071750_GridSearchIndexes",
        "20261126074238_PartialIndexesForOptedOutAndOther", "20261126075752_Issue6OutboundQueue", "20261126120326_ImportDateOrder",
        "20261130233658_ImportOutcomeCounts", "20261130233723_FillAndGuardPhoneDigitsReversed", "20261130233759_AddSignInThrottles",
        "20261130233923_AddImportLineCountsAndWarningRows", "20261201002710_OptOutWordsReviewsAndStoredInboundTexts",
        "20261201013107_GridIndexesPhoneSearchAndCounts", "20261201013156_AddImportLineTotalsSettingsStepAndReportRetention",
        "20261201013410_AddListActivityAndConsentNotes", "20261201020850_AddExportHeartbeatAndRetry", "20261201031257_AddUserSenderCodes",
        "20261201031944_AddUserTimeZones", "20261201033843_WholeInboundTextBody", "20261201053551_AddSubscribeAndOptOutDateCounts",
        "20261201054227_AddSavedImportLayouts", "20261202021759_AddSubscriptionPhoneCounts", "20261202021940_AddHourlyListActivity",
        "20261202032351_AddImportJournalAndUndo",
    ];

    private readonly string _folder = Directory.CreateTempSubdirectory("folded-chain-adoption-").FullName;

    private string Database => Path.Combine(_folder, "smscontacts.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void TheChainHere_IsTheChainFolded()
    {
        Assert.Equal(FoldedMigrations.Chain, ChainIds.Select(FoldedMigrations.NameOf));
    }

    [Fact]
    public async Task ADatabaseOfTheWholeChain_IsAdoptedAtStartUp_AndTheAppWorksOnIt()
    {
        await MakeOldDatabaseAsync(ChainIds);

        await using (var app = new AppFactory(new() { ["Storage:DataDirectory"] = _folder }))
        {
            var code = await app.Data.SenderCodeAsync("55123");
            var vip = await app.Data.ListAsync(code.Id, "VIP");
            using var client = await app.SignInAsync();
            var picked = await client.PostWithTokenAsync("/sender-code", new() { ["senderCodeId"] = code.Id.ToString(CultureInfo.InvariantCulture), ["returnUrl"] = "/contacts" });
            Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);

            var profile = await TestClient.ReadAsync(await client.SubmitFormAsync("/contacts/add", "main form", new() { ["Phone"] = "(212) 200-0007", ["ListId"] = vip.Id.ToString(CultureInfo.InvariantCulture) }));
            var saved = await client.SubmitFormAsync(profile, "main form", new() { ["FirstName"] = "Ada", ["Email"] = "ada@example.com" });
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

            var row = Assert.Single(Grid.Rows(await client.GetPageAsync("/contacts")));
            Assert.Equal((TestPhones.Us(7), "ada@example.com", "VIP"), (row["Phone"], row["Email"], row["List Name"]));
            var contact = await app.WithDbAsync(db => db.Contacts.AsNoTracking().SingleAsync(c => c.SenderCodeId == code.Id));
            Assert.Equal("Ada", contact.FirstName);

            // The triggers the chain made run as before: the Contacts tab's counts and the dashboard's follow the new row.
            Assert.Equal(1, await app.WithDbAsync(db => db.SubscriptionCounts.Where(c => c.ListId == vip.Id).SumAsync(c => c.Subscriptions)));
            Assert.True(await app.WithDbAsync(db => db.ListActivity.AnyAsync(a => a.ListId == vip.Id)));
        }

        // The chain's rows became the one InitialSchema row; the migrations added since the fold ran after it.
        var history = (await HistoryAsync()).Select(FoldedMigrations.NameOf).ToList();
        Assert.Equal(FoldedMigrations.Into, history[0]);
        Assert.Empty(history.Intersect(FoldedMigrations.Chain));
    }

    [Fact]
    public async Task ADatabaseOfPartOfTheChain_IsRefused_WithWhatToRunFirst_AndLeftAsItWas()
    {
        await MakeOldDatabaseAsync(ChainIds[..^2]);

        var options = new DbContextOptionsBuilder<SqliteAppDbContext>();
        DatabaseSetup.ConfigureSqlite(options, $"Data Source={Database}");
        await using (var db = new SqliteAppDbContext(options.Options))
        {
            var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => DatabaseSetup.MigrateAsync(db, CancellationToken.None));
            Assert.Equal(
                "This database has 21 of the 23 migrations that this version ships folded into one, InitialSchema, and lacks "
                + "AddHourlyListActivity, AddImportJournalAndUndo. This version cannot finish it: start the last version before the "
                + "fold (git c139591) against this database once, so it applies them, then start this one again.",
                refused.Message);
        }

        Assert.Equal(ChainIds[..^2], await HistoryAsync());
    }

    [Fact]
    public void ADatabaseWithoutTheChain_OrPastTheFold_IsLeftToMigrate()
    {
        const string initialSchema = "20261202074336_InitialSchema";
        Assert.IsType<FoldedChainAdoption.Plan.Nothing>(FoldedChainAdoption.Decide([], initialSchema));
        Assert.IsType<FoldedChainAdoption.Plan.Nothing>(FoldedChainAdoption.Decide([initialSchema, "20270101000000_AddSomething"], initialSchema));
        var adopt = Assert.IsType<FoldedChainAdoption.Plan.Adopt>(FoldedChainAdoption.Decide([.. ChainIds, "20261203000000_NotFolded"], initialSchema));
        Assert.Equal(ChainIds, adopt.ChainIds);
    }

    /// <summary>The chain's schema, as dump-sqlite.sql holds it, and the given history rows.</summary>
    private async Task MakeOldDatabaseAsync(IEnumerable<string> history)
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync();
        SqliteSchemaDump.Create(connection, SqliteSchemaDump.Parse(await File.ReadAllTextAsync(Path.Combine(FoldedChainSchemaTests.Fixtures, "dump-sqlite.sql"))));
        foreach (var id in history)
        {
            await using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES (@id, '10.0.15')";
            insert.Parameters.AddWithValue("@id", id);
            await insert.ExecuteNonQueryAsync();
        }
    }

    private async Task<List<string>> HistoryAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={Database}");
        await connection.OpenAsync();
        await using var select = connection.CreateCommand();
        select.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId";
        await using var reader = await select.ExecuteReaderAsync();
        var ids = new List<string>();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
