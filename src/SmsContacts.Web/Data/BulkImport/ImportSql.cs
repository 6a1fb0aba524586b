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

    /// <summary>@senderCode, @body, @now, @import: one queued outbound text (a journey's welcome, or a "Reply Y to confirm") to each staged row matching <paramref name="where"/>.</summary>
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

    /// <summary>
    /// @field: the journal's before-value of a mapped custom field (<paramref name="index"/>), staged for the existing contacts
    /// whose fields the file changes, before the batch writes them (system fields' are staged by <see cref="ResolveContacts"/>).
    /// </summary>
    public abstract string StageCustomFieldBefore(int index);

    /// <summary>
    /// @import, @now, @list: the journal's row of every contact the batch wrote (opted in, updated or opted out): created or
    /// not, its version now, the subscription it added, and what the fields, the list's status and consent were before and are
    /// after. Run after every write of the batch, so the after-values are what the tables hold.
    /// </summary>
    public abstract string JournalContacts { get; }

    /// <summary>@import, @field: the journal's before- and after-value of a mapped custom field, for the existing contacts whose value the batch changed.</summary>
    public abstract string JournalCustomField(int index);

    /// <summary>@import: Opt-out contacts: the subscriptions of the existing numbers it opts out, as they are; run before they are deleted.</summary>
    public abstract string JournalOptedOutSubscriptions { get; }

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
    /// Preview: up to <see cref="ImportPreviewRow.ExamplesPerOutcome"/> staged rows of each outcome, in line order, each with
    /// Line, Phone, Outcome, ListStatus, ListMarketing, ListCart, StateBefore, then three columns per mapped field (none for an
    /// opt-out import, which writes no field of an existing contact): 1 when the import would change it (the rule of
    /// <see cref="FieldsChanged"/>, under which the new value is always the file's, else 0), its value now, the file's.
    /// </summary>
    public abstract string PreviewExamples { get; }

    /// <summary>
    /// The counts' parameters (<see cref="ImportCounts.AddToImport"/>), @to, @bytes, @import, @from, @run: a preview batch's
    /// counts and checkpoint, only for the preview run that is still running from where the batch starts (a replayed batch,
    /// or a run of a Preview request that was replaced since, changes nothing). The same SQL in both dialects.
    /// </summary>
    public static string AdvancePreview => $"""
        UPDATE ImportPreviews SET CheckpointLine = @to, CheckpointBytes = @bytes, {ImportCounts.AddToImport}
        WHERE ImportId = @import AND CheckpointLine = @from AND RunId = @run AND Status = {(int)ImportPreviewStatus.Running}
        """;

    /// <summary>@import, @outcome, @line, @phone, @detail: one example (or rejected row) of the preview.</summary>
    public const string InsertPreviewRow = """
        INSERT INTO ImportPreviewRows (ImportId, Outcome, LineNumber, Phone, Detail) VALUES (@import, @outcome, @line, @phone, @detail)
        """;

    /// <summary>@import: the examples the preview has kept so far, per outcome (a resumed run goes on filling them).</summary>
    public const string PreviewExampleCounts = "SELECT Outcome, COUNT(*) FROM ImportPreviewRows WHERE ImportId = @import GROUP BY Outcome";

    /// <summary>The staged column that holds the before-value of mapped field <paramref name="index"/> (the journal's).</summary>
    protected static string Before(int index) => $"b{index}";

    /// <summary>
    /// The stage's before-values of the mapped system fields, as <see cref="ResolveContacts"/> sets them from the contact
    /// ("alias.Column"): none for an opt-out import, which changes no profile; Add/Update also stages the Other Contact's
    /// reply, which subscribing clears.
    /// </summary>
    protected string StageBeforeAssignments(string contact)
    {
        if (Plan.Settings.Action == ImportAction.OptOut)
        {
            return "";
        }

        var assignments = Plan.Targets.Select((t, i) => (Target: t, Index: i)).Where(x => !x.Target.IsCustom)
            .Select(x => $", {Before(x.Index)} = {contact}.{x.Target.ContactColumn}").ToList();
        if (Plan.Settings.Action == ImportAction.AddOrUpdate)
        {
            assignments.Add($", OtherReplyBefore = {contact}.OtherReply, OtherReplyBeforeUtc = {contact}.OtherReplyUtc");
        }

        return string.Concat(assignments);
    }

    /// <summary>
    /// <see cref="JournalContacts"/> in either dialect: <paramref name="stage"/> is the staging table, <paramref name="order"/>
    /// its phone order, <paramref name="distinct"/> a NULL-safe "differs" of two values of the same type, and
    /// <paramref name="distinctText"/> the same for text, byte for byte. A field the batch left as it was is journaled as
    /// NULL → NULL (nothing to set back), which keeps the rows of an update that changes one field of many small.
    /// </summary>
    protected string JournalContactsSql(string stage, string order, Func<string, string, string> distinct, Func<string, string, string> distinctText)
    {
        var written = $"{(int)StagedOutcome.OptedIn}, {(int)StagedOutcome.Updated}, {(int)StagedOutcome.OptedOut}";
        var updated = $"s.Outcome = {(int)StagedOutcome.Updated}";
        var onList = Plan.List is not null && Plan.Settings.Action != ImportAction.OptOut;
        string Flag(string condition) => $"CASE WHEN {condition} THEN 1 ELSE 0 END";

        (string Before, string Confirmed) status = Plan.Settings.OverrideOptInStatus && onList
            ? ($"CASE WHEN {updated} AND {distinct("sub.Status", "s.ListStatus")} THEN s.ListStatus END",
               $"CASE WHEN {updated} AND {distinct("sub.Status", "s.ListStatus")} THEN s.ListConfirmed END")
            : ("NULL", "NULL");

        var consentChanged = $"{updated} AND ({distinct("sub.MarketingConsent", "s.ListMarketing")} OR {distinct("sub.CartAbandonmentConsent", "s.ListCart")})";
        var consent = (Plan.Settings.OverrideMarketingConsent || Plan.Settings.CartAbandonmentConsent) && onList
            ? $"CASE WHEN {consentChanged} THEN s.ListMarketing END, CASE WHEN {consentChanged} THEN s.ListCart END, "
              + $"CASE WHEN {consentChanged} THEN sub.MarketingConsent END, CASE WHEN {consentChanged} THEN sub.CartAbandonmentConsent END"
            : "NULL, NULL, NULL, NULL";

        var otherReply = Plan.Settings.Action == ImportAction.AddOrUpdate
            ? $"CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN s.OtherReplyBefore END, CASE WHEN s.Outcome = {(int)StagedOutcome.OptedIn} THEN s.OtherReplyBeforeUtc END"
            : "NULL, NULL";

        string[] columns = [nameof(Contact.Email), nameof(Contact.FirstName), nameof(Contact.LastName), nameof(Contact.Birthday), nameof(Contact.PostalCode)];
        var fields = columns.Select(column =>
        {
            var index = Plan.Settings.Action == ImportAction.OptOut ? -1 : Plan.Targets.ToList().FindIndex(t => !t.IsCustom && t.ContactColumn == column);
            if (index < 0)
            {
                return "NULL, NULL";
            }

            var changed = $"s.IsNew = 0 AND {(column == nameof(Contact.Birthday) ? distinct : distinctText)($"s.{Before(index)}", $"c.{column}")}";
            return $"CASE WHEN {changed} THEN s.{Before(index)} END, CASE WHEN {changed} THEN c.{column} END";
        });

        var join = onList && (Plan.Settings.OverrideOptInStatus || Plan.Settings.OverrideMarketingConsent || Plan.Settings.CartAbandonmentConsent)
            ? " LEFT JOIN Subscriptions AS sub ON sub.ContactId = s.ContactId AND sub.ListId = @list"
            : "";
        return $"""
            INSERT INTO ImportJournal (ImportId, ContactId, Created, WrittenUtc, VersionAfter, Subscribed, StatusBefore, ConfirmedBeforeUtc,
                MarketingBefore, CartBefore, MarketingAfter, CartAfter, OtherReplyBefore, OtherReplyBeforeUtc, OptedOut,
                EmailBefore, EmailAfter, FirstNameBefore, FirstNameAfter, LastNameBefore, LastNameAfter, BirthdayBefore, BirthdayAfter,
                PostalCodeBefore, PostalCodeAfter, ChangedSince)
            SELECT @import, s.ContactId, s.IsNew, @now, c.Version, {Flag($"s.Outcome = {(int)StagedOutcome.OptedIn}")}, {status.Before}, {status.Confirmed},
                {consent}, {otherReply}, {Flag($"s.Outcome = {(int)StagedOutcome.OptedOut}")},
                {string.Join(", ", fields)}, 0
            FROM {stage} AS s JOIN Contacts AS c ON c.Id = s.ContactId{join}
            WHERE s.Outcome IN ({written}) ORDER BY {order}
            """;
    }

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
