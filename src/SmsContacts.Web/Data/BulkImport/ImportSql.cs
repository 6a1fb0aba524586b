using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// The statements of one import's run that both providers have, by name, in the order <see cref="ContactBulkWriter"/> runs
/// them: <see cref="SqliteImportSql"/> and <see cref="SqlServerImportSql"/> write each one in their own SQL, with the same
/// parameters, so "what does this step do on SQL Server?" is answered by the member of the same name in the other file.
/// Each provider adds the statements of its own way of writing contacts (SQLite numbers and inserts new contacts itself;
/// SQL Server MERGEs) and of its staging. Conditions passed in (<c>where</c>) are over the staged row "s" (and its
/// subscription "sub").
/// </summary>
/// <param name="plan">The import; statements that depend on its settings (action, mapped fields, boxes) are built from it.</param>
public abstract class ImportSql(ImportPlan plan)
{
    protected ImportPlan Plan { get; } = plan;

    /// <summary>The staging table of the run (and the provider's other temp tables).</summary>
    public abstract string CreateStage { get; }

    public abstract string DropStage { get; }

    public abstract string ClearStage { get; }

    /// <summary>@import, @from: the import's checkpoint, if it is running and where the batch starts.</summary>
    public abstract string ClaimCheckpoint { get; }

    /// <summary>@senderCode: each staged row's contact and its opt-out reason.</summary>
    public abstract string ResolveContacts { get; }

    /// <summary>@list: whether each staged row's contact is on the list, its subscription's status and consent flags.</summary>
    public abstract string ResolveListMembership { get; }

    /// <summary>Each staged row's outcome (<see cref="OutcomeOfRow"/>).</summary>
    public abstract string Classify { get; }

    /// <summary>@notSubscribed, @subscribed, @pending, @other: an opt-out's state before, the words of ContactConsent.StateOf (an event of the whole sender code).</summary>
    public abstract string StateBefore { get; }

    /// <summary>Existing contacts whose profile or custom fields the file changes under the field update mode (<see cref="ImportFieldRules"/>); null when no field is mapped.</summary>
    public abstract string? FieldsChanged { get; }

    /// <summary>Rows on the list of which neither a field nor a box's opt-in status or consent changes: nothing after writes them.</summary>
    public abstract string Unchanged { get; }

    /// <summary>@senderCode, @list, @status, @now, @cart, @confirmed: the rows counted as opted in join the list.</summary>
    public abstract string Subscribe { get; }

    /// <summary>@senderCode, @body, @now: one queued outbound text (a journey's welcome, or a "Reply Y to confirm") to each staged row matching <paramref name="where"/>.</summary>
    public abstract string QueueTexts(string where);

    /// <summary>
    /// The event parameters, @after and @method: consent events for the staged rows matching <paramref name="where"/>;
    /// <paramref name="before"/> is an SQL expression (<c>@before</c>, or the staged <c>s.StateBefore</c>).
    /// </summary>
    public abstract string InsertEvents(string where, string before);

    /// <summary>@list, @status, @confirmed: the subscriptions of the rows on the list take the import's status.</summary>
    public abstract string OverrideStatus { get; }

    /// <summary>The event parameters, @pending, @subscribed: events for changes of a subscription's consent flags; the state is the subscription's, unchanged.</summary>
    public abstract string InsertFlagEvents(string where);

    /// <summary>@list, @cart: marketing consent given, cart abandonment consent as the box says.</summary>
    public abstract string OverrideConsent { get; }

    /// <summary>@list: cart abandonment consent given where it was not.</summary>
    public abstract string GiveCartConsent { get; }

    /// <summary>@now: opt-out contacts' active subscriptions are remembered for START (an unconfirmed double opt-in is not).</summary>
    public abstract string SuspendSubscriptions { get; }

    /// <summary>
    /// The event parameters, @after, @pending, @subscribed: one event per list each existing number an opt-out import opts
    /// out leaves, as ContactConsent.OptOut records; run before the subscriptions are deleted and before the sender code's events.
    /// </summary>
    public abstract string InsertListOptOutEvents { get; }

    public abstract string DeleteOptedOutSubscriptions { get; }

    /// <summary>The skipped rows: each one's line, and 1 when the number is no contact at all (0: not on the list).</summary>
    public abstract string SkippedRows { get; }

    /// <summary>@import (and the rows, as the provider passes them): the rows not imported, each saved once.</summary>
    public abstract string InsertRejections { get; }

    /// <summary>@import (and the rows, as the provider passes them): the warnings of rows imported, each saved once.</summary>
    public abstract string InsertWarnings { get; }

    /// <summary>Staged rows per outcome: outcome, count, and how many of them changed fields.</summary>
    public abstract string OutcomeCounts { get; }

    /// <summary>The counts' parameters (<see cref="ImportCounts.AddToImport"/>), @to, @bytes, @import, @from: the checkpoint moves on with the counts.</summary>
    public abstract string AdvanceCheckpoint { get; }

    /// <summary>
    /// A staged row's outcome, the same CASE in both dialects: banned and opted-out numbers first, whatever the action and
    /// the boxes say; then as the action says (rows on the list are Updated until <see cref="Unchanged"/>).
    /// </summary>
    protected string OutcomeOfRow
    {
        get
        {
            var byAction = Plan.Settings.Action switch
            {
                ImportAction.AddOrUpdate => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.OptedIn}",
                ImportAction.UpdateExisting => $"WHEN OnList = 1 THEN {(int)StagedOutcome.Updated} ELSE {(int)StagedOutcome.Skipped}",
                _ => $"ELSE {(int)StagedOutcome.OptedOut}",
            };
            return $"""
                CASE
                    WHEN OptOutReason = {(int)OptOutReason.Banned} THEN {(int)StagedOutcome.IgnoredBanned}
                    WHEN OptOutReason IS NOT NULL THEN {(int)StagedOutcome.IgnoredOptedOut}
                    {byAction} END
                """;
        }
    }
}
