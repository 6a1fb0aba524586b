using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using SmsContacts.Web.Data;

namespace SmsContacts.Web.Infrastructure.Persistence;

/// <summary>
/// The migrations folded into <see cref="Into"/> before the first release (README: "Folding migrations before a release").
/// Names without their timestamps: the two providers' ids differ only there.
/// </summary>
public static class FoldedMigrations
{
    /// <summary>The migration that makes, on an empty database, the schema the chain made.</summary>
    public const string Into = "InitialSchema";

    /// <summary>The folded chain, in the order it ran; a database that applied all of it has InitialSchema's schema.</summary>
    public static readonly IReadOnlyList<string> Chain =
    [
        "InitialCreate", "Issue5Exports", "GridSearchIndexes", "PartialIndexesForOptedOutAndOther", "Issue6OutboundQueue",
        "ImportDateOrder", "ImportOutcomeCounts", "FillAndGuardPhoneDigitsReversed", "AddSignInThrottles",
        "AddImportLineCountsAndWarningRows", "OptOutWordsReviewsAndStoredInboundTexts", "GridIndexesPhoneSearchAndCounts",
        "AddImportLineTotalsSettingsStepAndReportRetention", "AddListActivityAndConsentNotes", "AddExportHeartbeatAndRetry",
        "AddUserSenderCodes", "AddUserTimeZones", "WholeInboundTextBody", "AddSubscribeAndOptOutDateCounts",
        "AddSavedImportLayouts", "AddSubscriptionPhoneCounts", "AddHourlyListActivity", "AddImportJournalAndUndo",
    ];

    /// <summary>The name of a migration id ("20261126064542_InitialCreate" → "InitialCreate").</summary>
    public static string NameOf(string migrationId) => migrationId[(migrationId.IndexOf('_', StringComparison.Ordinal) + 1)..];
}

/// <summary>
/// Lets a database made by the folded chain (a developer's data folder, a test server) run the app that ships InitialSchema:
/// run at start-up before Migrate. Its schema is InitialSchema's (tests/.../Data/FoldedChain holds both and
/// FoldedChainSchemaTests compares them), so only the history changes: the chain's rows become the one InitialSchema row,
/// in one transaction, and Migrate then applies what came after InitialSchema. Rows of no folded migration stay.
/// A database with only part of the chain is refused: InitialSchema cannot finish it, and the missing migrations are gone
/// from this build. Run the last build before the fold (git c139591) once against it, then this one.
/// </summary>
public static class FoldedChainAdoption
{
    /// <summary>What to do with a database's history.</summary>
    public abstract record Plan
    {
        /// <summary>Nothing of the chain (a new database, or one past the fold): Migrate as always.</summary>
        public sealed record Nothing : Plan;

        /// <summary>The whole chain and no InitialSchema: replace the history rows <paramref name="ChainIds"/> with one for <paramref name="InitialSchemaId"/>.</summary>
        public sealed record Adopt(IReadOnlyList<string> ChainIds, string InitialSchemaId) : Plan;

        /// <summary>Part of the chain: the app must not start on it.</summary>
        public sealed record Refuse(string Message) : Plan;
    }

    /// <summary>Decides from the applied migration ids and the id of this build's InitialSchema.</summary>
    public static Plan Decide(IReadOnlyCollection<string> applied, string initialSchemaId)
    {
        var chainIds = applied.Where(id => FoldedMigrations.Chain.Contains(FoldedMigrations.NameOf(id))).ToList();
        if (chainIds.Count == 0 || applied.Contains(initialSchemaId))
        {
            return new Plan.Nothing();
        }

        var missing = FoldedMigrations.Chain.Except(chainIds.Select(FoldedMigrations.NameOf)).ToList();
        return missing.Count == 0
            ? new Plan.Adopt(chainIds, initialSchemaId)
            : new Plan.Refuse(
                $"This database has {chainIds.Count} of the {FoldedMigrations.Chain.Count} migrations that this version ships folded into one, "
                + $"{FoldedMigrations.Into}, and lacks {string.Join(", ", missing)}. This version cannot finish it: start the last version "
                + "before the fold (git c139591) against this database once, so it applies them, then start this one again.");
    }

    /// <summary>Reads the history, and adopts or refuses as <see cref="Decide"/> says; throws InvalidOperationException to refuse.</summary>
    public static async Task AdoptAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        if (!await history.ExistsAsync(cancellationToken))
        {
            return;
        }

        var applied = (await history.GetAppliedMigrationsAsync(cancellationToken)).Select(r => r.MigrationId).ToList();
        var initialSchemaId = db.Database.GetMigrations().Single(id => FoldedMigrations.NameOf(id) == FoldedMigrations.Into);
        switch (Decide(applied, initialSchemaId))
        {
            case Plan.Refuse refuse:
                throw new InvalidOperationException(refuse.Message);
            case Plan.Adopt adopt:
                // The insert runs only while no InitialSchema row exists, so a second instance adopting at the same moment
                // changes nothing (its delete waits for the first's, then finds no rows).
                var insert = history.GetInsertScript(new HistoryRow(adopt.InitialSchemaId, ProductInfo.GetVersion()));
                await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
                {
                    foreach (var id in adopt.ChainIds)
                    {
                        await db.Database.ExecuteSqlRawAsync(history.GetDeleteScript(id), cancellationToken);
                    }

                    var initial = (await history.GetAppliedMigrationsAsync(cancellationToken)).Any(r => r.MigrationId == adopt.InitialSchemaId);
                    if (!initial)
                    {
                        await db.Database.ExecuteSqlRawAsync(insert, cancellationToken);
                    }

                    await transaction.CommitAsync(cancellationToken);
                }

                break;
        }
    }
}
