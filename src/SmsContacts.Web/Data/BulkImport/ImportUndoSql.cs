using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>Everything the undo of one import needs to know; fixed for the run.</summary>
/// <param name="Status">The status the import gave the subscriptions it added or overrode (double opt-in: Pending).</param>
/// <param name="UserId">The admin who asked for the undo: its consent events are theirs.</param>
/// <param name="ConfirmedAgreedAgain">Opt-out contacts: the admin confirmed that each number agreed again (without it such an import is not undone).</param>
/// <param name="BatchSize">Journal contacts undone per transaction.</param>
public sealed record ImportUndoPlan(
    Guid ImportId,
    int SenderCodeId,
    ImportAction Action,
    int? ListId,
    string? ListName,
    SubscriptionStatus Status,
    string FileName,
    string UserId,
    string UserName,
    bool ConfirmedAgreedAgain,
    int BatchSize);

/// <summary>
/// The statements of Undo import, by name, in the order <see cref="ImportUndoWriter"/> runs them for each batch of the
/// import's journal (contacts with ids in (@from, @to]). Most are the same text in both providers, built here from a few
/// dialect pieces (<see cref="Same"/>, <see cref="UpdateFrom"/>, the stage's name); <see cref="SqliteImportUndoSql"/> and
/// <see cref="SqlServerImportUndoSql"/> supply those and what differs in kind (the stage, the batch's end).
///
/// The batch's journal rows are staged with each contact as it is now (u), then each row's decisions are made from what the
/// tables hold, then the consent events are written before the changes they record, then the changes. The rule everywhere:
/// something the import wrote is set back only where it still is as the import left it (a field still holds the import's
/// value, a subscription is still the one it added with the status it gave), so a later change is never overwritten; a
/// contact whose version moved since the import is "changed since" and listed. A new contact that nothing touched since is
/// removed: its subscription, fields and custom values go, and the number stays only as the owner of its consent history
/// (contacts are never deleted, and neither is their history). Nothing here adds a subscription, except putting back what an
/// Opt-out contacts import took, which runs only with the admin's confirmation that each number agreed again, and never for
/// a number opted out since by anything else (the opt-out must still be this import's and no text came from the number since).
/// </summary>
public abstract class ImportUndoSql(ImportUndoPlan plan)
{
    protected ImportUndoPlan Plan { get; } = plan;

    /// <summary>The stage's name (a temp table of the connection).</summary>
    protected abstract string Stage { get; }

    public abstract string CreateStage { get; }

    public abstract string DropStage { get; }

    public abstract string ClearStage { get; }

    /// <summary>@import, @from, @n: the highest contact id of the next <c>@n</c> journal rows after <c>@from</c>; NULL when none is left.</summary>
    public abstract string BatchEnd { get; }

    /// <summary>NULL-safe "equal" of two values of the same type (text compares byte for byte, as SQLite compares it).</summary>
    protected abstract string Same(string a, string b);

    /// <summary>UPDATE <paramref name="table"/> AS <paramref name="alias"/> SET ... joined with <paramref name="from"/>.</summary>
    protected abstract string UpdateFrom(string table, string alias, string set, string from, string where);

    /// <summary>UPDATE of the stage (alias u).</summary>
    protected abstract string UpdateStage(string set);

    private string Differ(string a, string b) => $"NOT {Same(a, b)}";

    private const string Batch = "j.ImportId = @import AND j.ContactId > @from AND j.ContactId <= @to";

    /// <summary>The columns the stage has (besides the decisions, which default to 0).</summary>
    protected static readonly string[] Fields = [nameof(Contact.Email), nameof(Contact.FirstName), nameof(Contact.LastName), nameof(Contact.Birthday), nameof(Contact.PostalCode)];

    /// <summary>@import, @from: the import's undo is running and its checkpoint is where the batch starts (and holds it until commit).</summary>
    public string ClaimCheckpoint => $"""
        UPDATE ImportUndos SET CheckpointContactId = CheckpointContactId
        WHERE ImportId = @import AND CheckpointContactId = @from AND Status = {(int)ImportUndoStatus.Running}
        """;

    /// <summary>@import, @from, @to: the batch's journal rows, each with its contact as it is now; Untouched when its version has not moved since.</summary>
    public string StageBatch
    {
        get
        {
            var journal = string.Concat(Fields.Select(f => $", {f}Before, {f}After"));
            var journalValues = string.Concat(Fields.Select(f => $", j.{f}Before, j.{f}After"));
            var current = string.Concat(Fields.Select(f => $", {f}"));
            var currentValues = string.Concat(Fields.Select(f => $", c.{f}"));
            return $"""
                INSERT INTO {Stage} (ContactId, Phone, Created, Untouched, VersionAfter, WrittenUtc, Subscribed, StatusBefore, ConfirmedBeforeUtc,
                    MarketingBefore, CartBefore, MarketingAfter, CartAfter, OtherReplyBefore, OtherReplyBeforeUtc, OptedOut{journal}{current},
                    OtherReplyUtc, OptedOutUtc, OptOutReason)
                SELECT j.ContactId, c.Phone, j.Created, CASE WHEN c.Version = j.VersionAfter THEN 1 ELSE 0 END, j.VersionAfter, j.WrittenUtc, j.Subscribed,
                    j.StatusBefore, j.ConfirmedBeforeUtc, j.MarketingBefore, j.CartBefore, j.MarketingAfter, j.CartAfter, j.OtherReplyBefore,
                    j.OtherReplyBeforeUtc, j.OptedOut{journalValues}{currentValues}, c.OtherReplyUtc, c.OptedOutUtc, c.OptOutReason
                FROM ImportJournal AS j JOIN Contacts AS c ON c.Id = j.ContactId
                WHERE {Batch}
                """;
        }
    }

    /// <summary>
    /// @import, @list, @status, @confirmed: what can be set back for each staged contact. A new contact is removed when nothing
    /// touched it since (an opt-out import's only with the confirmation); the subscription the import added is removed while
    /// it is still the one it added (same list, time, method, status and confirmation: a Y since is the number's own consent,
    /// kept), and so is one whose status it overrode when an import since undone had added it (that undo left it, changed by
    /// this import; setting its status back would subscribe the number again to a list nobody asked it onto); the
    /// list it added is forgotten by an opt-out since (START would put it back); the status and consent the boxes changed
    /// are set back while they are what the import left on the subscription it changed — one made after the import's batch
    /// (the number left the list and joined again) is the number's own consent, never set back: a pending re-join made
    /// active would be consent nobody gave; an opt-out is lifted while it is still this import's and no text
    /// came from the number since (a STOP to a number opted out already changes nothing else).
    /// </summary>
    public string Decide
    {
        get
        {
            var subscription = "sub.ContactId = u.ContactId AND sub.ListId = @list";
            var confirmedAfter = $"CASE WHEN @status = {(int)SubscriptionStatus.Active} THEN u.WrittenUtc END";
            var removable = Plan.Action == ImportAction.OptOut ? " AND @confirmed = 1" : "";
            var fields = string.Join(" + ", Fields.Select(f => $"CASE WHEN u.Created = 0 AND {Differ($"u.{f}Before", $"u.{f}After")} AND {Same($"u.{f}", $"u.{f}After")} THEN 1 ELSE 0 END"));
            return UpdateStage($"""
                Remove = CASE WHEN u.Created = 1 AND u.Untouched = 1{removable} THEN 1 ELSE 0 END,
                RemoveSubscription = CASE WHEN u.Subscribed = 1 AND EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE {subscription}
                    AND sub.SubscribedUtc = u.WrittenUtc AND sub.Method = {(int)SubscribeMethod.Import} AND sub.Status = @status
                    AND {Same("sub.ConfirmedUtc", confirmedAfter)}) THEN 1
                    WHEN u.StatusBefore IS NOT NULL AND EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE {subscription}
                    AND sub.SubscribedUtc <= u.WrittenUtc AND sub.Status = @status AND {Same("sub.ConfirmedUtc", confirmedAfter)}
                    AND {AddedByAnUndoneImport("sub")}) THEN 1 ELSE 0 END,
                RemoveSuspended = CASE WHEN u.Subscribed = 1 AND EXISTS (SELECT 1 FROM SuspendedSubscriptions AS sub WHERE {subscription}
                    AND sub.SubscribedUtc = u.WrittenUtc AND sub.Method = {(int)SubscribeMethod.Import}) THEN 1 ELSE 0 END,
                SetBackStatus = CASE WHEN u.StatusBefore IS NOT NULL AND EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE {subscription}
                    AND sub.SubscribedUtc <= u.WrittenUtc AND sub.Status = @status AND {Same("sub.ConfirmedUtc", confirmedAfter)}) THEN 1 ELSE 0 END,
                SetBackConsent = CASE WHEN u.MarketingBefore IS NOT NULL AND EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE {subscription}
                    AND sub.SubscribedUtc <= u.WrittenUtc AND sub.MarketingConsent = u.MarketingAfter AND sub.CartAbandonmentConsent = u.CartAfter) THEN 1 ELSE 0 END,
                LiftOptOut = CASE WHEN @confirmed = 1 AND u.OptedOut = 1 AND u.OptedOutUtc = u.WrittenUtc AND u.OptOutReason = {(int)OptOutReason.Import}
                    AND NOT EXISTS (SELECT 1 FROM Messages AS m WHERE m.ContactId = u.ContactId AND m.Direction = {(int)MessageDirection.Inbound}
                    AND m.CreatedUtc >= u.WrittenUtc) THEN 1 ELSE 0 END,
                FieldsSetBack = {fields},
                CustomSetBack = CASE WHEN u.Created = 0 AND EXISTS (SELECT 1 FROM ImportJournalFieldValues AS jf
                    LEFT JOIN CustomFieldValues AS v ON v.ContactId = jf.ContactId AND v.FieldId = jf.FieldId
                    WHERE jf.ImportId = @import AND jf.ContactId = u.ContactId AND {Same("v.Value", "jf.After")}) THEN 1 ELSE 0 END
                """);
        }
    }

    /// <summary>
    /// @list: a subscription removed has nothing left to set back; an Other Contact's reply comes back when the subscription that cleared it is removed and nothing else happened
    /// to the number's state (no new reply, no opt-out, no other list); then whether the batch writes the contact at all, and
    /// whether it was changed since (listed): its version moved, or its opt-out could not be lifted.
    /// </summary>
    public string DecideWrites => UpdateStage($"""
        SetBackStatus = CASE WHEN u.RemoveSubscription = 1 THEN 0 ELSE u.SetBackStatus END,
        SetBackConsent = CASE WHEN u.RemoveSubscription = 1 THEN 0 ELSE u.SetBackConsent END,
        RestoreOtherReply = CASE WHEN u.OtherReplyBeforeUtc IS NOT NULL AND u.OtherReplyUtc IS NULL AND u.OptedOutUtc IS NULL AND u.RemoveSubscription = 1
            AND NOT EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = u.ContactId AND sub.ListId <> @list) THEN 1 ELSE 0 END,
        Wrote = CASE WHEN u.Remove = 1 OR u.RemoveSubscription = 1 OR u.RemoveSuspended = 1 OR u.SetBackStatus = 1 OR u.SetBackConsent = 1
            OR u.LiftOptOut = 1 OR u.FieldsSetBack > 0 OR u.CustomSetBack = 1 THEN 1 ELSE 0 END,
        Kept = CASE WHEN u.Untouched = 0 OR (u.OptedOut = 1 AND u.LiftOptOut = 0) THEN 1 ELSE 0 END
        """);

    /// <summary>The columns of every consent event undo writes: the batch's time, "Import undone", the admin, the import (its file), the words of what was set back.</summary>
    private const string EventColumns = "SenderCodeId, ContactId, Phone, OccurredUtc, Change, ListId, ListName, StateBefore, StateAfter, Source, UserId, UserName, MessageSid, ImportId, Detail, Method";

    private static string EventValues(string list, string listName, string before, string after, string detail, string method = "NULL") =>
        $"@senderCode, u.ContactId, u.Phone, @now, @change, {list}, {listName}, {before}, {after}, {(int)ConsentSource.UserAction}, @user, @userName, NULL, @import, {detail}, {method}";

    /// <summary>The event parameters: the list records "Subscribed (or Pending) → Not subscribed" for each subscription removed.</summary>
    public string InsertRemovedSubscriptionEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("@list", "@listName", "@importState", "@notSubscribed", "CASE WHEN u.Subscribed = 1 THEN @removedDetail ELSE @undoneImportDetail END")}
        FROM {Stage} AS u WHERE u.RemoveSubscription = 1 ORDER BY u.ContactId
        """;

    /// <summary>The event parameters: a number opted out since keeps its opt-out; its list records that START no longer puts it back on the list.</summary>
    public string InsertForgottenListEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("@list", "@listName", "@optedOut", "@optedOut", "@forgottenDetail")}
        FROM {Stage} AS u WHERE u.RemoveSuspended = 1 ORDER BY u.ContactId
        """;

    public string InsertStatusEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("@list", "@listName", "@importState", $"CASE u.StatusBefore WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END", "@statusDetail")}
        FROM {Stage} AS u WHERE u.SetBackStatus = 1 ORDER BY u.ContactId
        """;

    /// <summary>Run after the statuses are set back: the list's state is the subscription's, unchanged by consent.</summary>
    public string InsertConsentEvents
    {
        get
        {
            // A subquery per staged contact, not a join: SQLite would start the join from the list's subscriptions (see SetBackOnList).
            var subscription = "FROM Subscriptions AS sub WHERE sub.ContactId = u.ContactId AND sub.ListId = @list";
            var state = $"(SELECT CASE sub.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END {subscription})";
            return $"""
                INSERT INTO ConsentEvents ({EventColumns})
                SELECT {EventValues("@list", "@listName", state, state, "@consentDetail")}
                FROM {Stage} AS u
                WHERE u.SetBackConsent = 1 AND EXISTS (SELECT 1 {subscription}) ORDER BY u.ContactId
                """;
        }
    }

    /// <summary>
    /// The subscriptions an opt-out import took from a number whose opt-out is lifted, on lists that still exist and it is
    /// not on again: put back (<paramref name="putBack"/>), or not, when the subscription was the one an import since undone
    /// had added. That import's undo found the number changed since (this opt-out) and left it; putting its subscription back
    /// now would undo that undo, and add a number to a list nobody asked it onto. It is known by that import's journal (it
    /// subscribed the number to the list at the subscription's own time), or, for an active one, because START no longer
    /// puts the number back on the list (the undo forgot the list this opt-out remembered, and the journal may be gone).
    /// </summary>
    private string Restored(bool putBack) => $"""
        FROM {Stage} AS u JOIN ImportJournalSubscriptions AS js ON js.ImportId = @import AND js.ContactId = u.ContactId
        JOIN Lists AS l ON l.Id = js.ListId
        WHERE u.LiftOptOut = 1 AND NOT EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = js.ContactId AND sub.ListId = js.ListId)
        AND {(putBack ? "NOT " : "")}(
            {AddedByAnUndoneImport("js")}
            OR (js.Status = {(int)SubscriptionStatus.Active} AND NOT EXISTS (SELECT 1 FROM SuspendedSubscriptions AS ss
                WHERE ss.ContactId = js.ContactId AND ss.ListId = js.ListId AND ss.SuspendedUtc = u.WrittenUtc)))
        """;

    /// <summary>
    /// A subscription (row alias <paramref name="sub"/>, of Subscriptions or ImportJournalSubscriptions) that another import,
    /// whose undo has run, had added: by its journal, that import subscribed the number to the list at the subscription's
    /// own time. (After Import:UndoDays that journal is gone and this no longer knows.)
    /// </summary>
    private static string AddedByAnUndoneImport(string sub) => $"""
        ({sub}.Method = {(int)SubscribeMethod.Import} AND EXISTS (SELECT 1 FROM ImportUndos AS ud JOIN Imports AS ia ON ia.Id = ud.ImportId
            JOIN ImportJournal AS ja ON ja.ImportId = ud.ImportId AND ja.ContactId = {sub}.ContactId
            WHERE ud.ImportId <> @import AND ud.Status IN ({(int)ImportUndoStatus.Running}, {(int)ImportUndoStatus.Completed}) AND ia.SenderCodeId = @senderCode
            AND ia.ListId = {sub}.ListId AND ja.Subscribed = 1 AND ja.WrittenUtc = {sub}.SubscribedUtc))
        """;

    /// <summary>Each list a lifted opt-out puts the number back on records "Opted out → Subscribed (or Pending)", with the subscription's method.</summary>
    public string InsertRestoredListEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("js.ListId", "l.Name", "@optedOut", $"CASE js.Status WHEN {(int)SubscriptionStatus.Pending} THEN @pending ELSE @subscribed END", "@agreedDetail", "js.Method")}
        {Restored(putBack: true)} ORDER BY u.ContactId, js.ListId
        """;

    /// <summary>Each list a lifted opt-out does not put the number back on (an import since undone had added it) records why: "Opted out → Not subscribed".</summary>
    public string InsertNotRestoredListEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("js.ListId", "l.Name", "@optedOut", "@notSubscribed", "@notRestoredDetail")}
        {Restored(putBack: false)} ORDER BY u.ContactId, js.ListId
        """;

    public string RestoreSubscriptions => $"""
        INSERT INTO Subscriptions (SenderCodeId, ContactId, ListId, Phone, Status, SubscribedUtc, Method, Keyword, MarketingConsent, CartAbandonmentConsent, ConfirmedUtc)
        SELECT @senderCode, u.ContactId, js.ListId, u.Phone, js.Status, js.SubscribedUtc, js.Method, js.Keyword, js.MarketingConsent, js.CartAbandonmentConsent, js.ConfirmedUtc
        {Restored(putBack: true)} ORDER BY u.ContactId, js.ListId
        """;

    /// <summary>The lists the import's opt-out remembered for START (its own: made at its time) go; the number is on them again.</summary>
    public string DeleteRestoredSuspensions => $"""
        DELETE FROM SuspendedSubscriptions WHERE ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.LiftOptOut = 1)
        AND SuspendedUtc = (SELECT u.WrittenUtc FROM {Stage} AS u WHERE u.ContactId = SuspendedSubscriptions.ContactId)
        """;

    /// <summary>
    /// After the subscriptions are back: the sender code's event of each lifted opt-out, "Opted out (Import)" → the number's
    /// state now (ContactConsent.StateOf's words); a new number the import created opted out is "Not subscribed" again.
    /// </summary>
    public string InsertLiftedOptOutEvents => $"""
        INSERT INTO ConsentEvents ({EventColumns})
        SELECT {EventValues("NULL", "NULL", "@optedOutByImport", $"""
            CASE WHEN EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = u.ContactId AND sub.Status = {(int)SubscriptionStatus.Active}) THEN @subscribed
                WHEN EXISTS (SELECT 1 FROM Subscriptions AS sub WHERE sub.ContactId = u.ContactId) THEN @pending
                WHEN u.OtherReplyUtc IS NOT NULL THEN @other ELSE @notSubscribed END
            """, "@agreedDetail")}
        FROM {Stage} AS u WHERE u.LiftOptOut = 1 ORDER BY u.ContactId
        """;

    public string DeleteSubscriptions => $"""
        DELETE FROM Subscriptions WHERE ListId = @list AND ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.RemoveSubscription = 1)
        """;

    public string DeleteSuspendedSubscriptions => $"""
        DELETE FROM SuspendedSubscriptions WHERE ListId = @list AND ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.RemoveSuspended = 1)
        """;

    public string SetBackStatuses => SetBackOnList("SetBackStatus", ("Status", "StatusBefore"), ("ConfirmedUtc", "ConfirmedBeforeUtc"));

    public string SetBackConsent => SetBackOnList("SetBackConsent", ("MarketingConsent", "MarketingBefore"), ("CartAbandonmentConsent", "CartBefore"));

    /// <summary>
    /// The list's subscriptions of the staged contacts whose <paramref name="decision"/> is set take the stage's values. Written
    /// as "contact in the stage" rather than UPDATE ... FROM a join: SQLite, without statistics, took the join's
    /// "ListId = @list" for the narrower side and read every subscription of the list for each batch (an undo of a
    /// 900,000-row update ran at 1,000 rows/s, quadratic); the IN list seeks (ContactId, ListId) for each staged contact.
    /// </summary>
    private string SetBackOnList(string decision, params (string Column, string Staged)[] values) => $"""
        UPDATE Subscriptions SET {string.Join(", ", values.Select(v => $"{v.Column} = (SELECT u.{v.Staged} FROM {Stage} AS u WHERE u.ContactId = Subscriptions.ContactId)"))}
        WHERE ListId = @list AND ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.{decision} = 1)
        """;

    /// <summary>@import: custom values the import gave a contact that had none, still as it gave them.</summary>
    public string DeleteAddedCustomValues => $"""
        DELETE FROM CustomFieldValues WHERE ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.CustomSetBack = 1)
        AND EXISTS (SELECT 1 FROM ImportJournalFieldValues AS jf WHERE jf.ImportId = @import AND jf.ContactId = CustomFieldValues.ContactId
            AND jf.FieldId = CustomFieldValues.FieldId AND jf.Before IS NULL AND {Same("CustomFieldValues.Value", "jf.After")})
        """;

    /// <summary>@import, @from, @to: custom values the import replaced, still as it left them.</summary>
    public string SetBackCustomValues => UpdateFrom("CustomFieldValues", "v", "Value = jf.Before", "ImportJournalFieldValues AS jf",
        $"jf.ImportId = @import AND jf.ContactId > @from AND jf.ContactId <= @to AND jf.ContactId = v.ContactId AND jf.FieldId = v.FieldId "
        + $"AND jf.Before IS NOT NULL AND {Same("v.Value", "jf.After")}");

    /// <summary>@import, @from, @to: custom values the import cleared (Overwrite, an empty cell) that nothing filled since, on fields that still exist.</summary>
    public string RestoreClearedCustomValues => $"""
        INSERT INTO CustomFieldValues (ContactId, FieldId, Value)
        SELECT jf.ContactId, jf.FieldId, jf.Before FROM ImportJournalFieldValues AS jf JOIN CustomFields AS f ON f.Id = jf.FieldId
        WHERE jf.ImportId = @import AND jf.ContactId > @from AND jf.ContactId <= @to AND jf.After IS NULL AND jf.Before IS NOT NULL
        AND NOT EXISTS (SELECT 1 FROM CustomFieldValues AS v WHERE v.ContactId = jf.ContactId AND v.FieldId = jf.FieldId)
        """;

    /// <summary>The custom values of the new contacts removed.</summary>
    public string DeleteRemovedCustomValues => $"""
        DELETE FROM CustomFieldValues WHERE ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.Remove = 1)
        """;

    /// <summary>
    /// @now: every contact the batch changes, once: fields still as the import left them set back (a removed contact's
    /// cleared), an Other Contact's reply back, a lifted opt-out lifted; its version moves on like any write's.
    /// </summary>
    public string WriteContacts
    {
        get
        {
            var fields = Fields.Select(f => $"{f} = CASE WHEN u.Remove = 1 THEN NULL WHEN {Differ($"u.{f}Before", $"u.{f}After")} AND {Same($"c.{f}", $"u.{f}After")} THEN u.{f}Before ELSE c.{f} END");
            return UpdateFrom("Contacts", "c", $"""
                {string.Join(", ", fields)},
                OtherReply = CASE WHEN u.RestoreOtherReply = 1 THEN u.OtherReplyBefore WHEN u.Remove = 1 THEN NULL ELSE c.OtherReply END,
                OtherReplyUtc = CASE WHEN u.RestoreOtherReply = 1 THEN u.OtherReplyBeforeUtc WHEN u.Remove = 1 THEN NULL ELSE c.OtherReplyUtc END,
                OptedOutUtc = CASE WHEN u.LiftOptOut = 1 THEN NULL ELSE c.OptedOutUtc END,
                OptOutReason = CASE WHEN u.LiftOptOut = 1 THEN NULL ELSE c.OptOutReason END,
                Version = c.Version + 1, UpdatedUtc = @now
                """, $"{Stage} AS u", "c.Id = u.ContactId AND u.Wrote = 1");
        }
    }

    /// <summary>
    /// @import, @from, @to: the texts the import queued (welcomes, "Reply Y to confirm") that have not gone out yet never will:
    /// the sender claims a text by moving it from Queued, so a text is either sent or deleted here, not both.
    /// </summary>
    public string CancelQueuedTexts => $"""
        DELETE FROM Messages WHERE ImportId = @import AND ContactId > @from AND ContactId <= @to AND Status = {(int)DeliveryStatus.Queued}
        """;

    /// <summary>
    /// @import, @senderCode: a contact this undo set back completely (nothing touched it since the import) is as it was
    /// before the import, when an earlier import left it: those imports' journal rows take its new version, so undoing them
    /// too (the newest first) finds it untouched. Each import moved the version on by one, and this undo by one more. The
    /// earlier rows are found by the journal's key, for each import of the sender code that still keeps one (a few: the
    /// journal is kept for the undo days), so the import writes no second index for this.
    /// </summary>
    public string HandOnVersion => $"""
        UPDATE ImportJournal SET VersionAfter = VersionAfter + 2
        WHERE ImportId IN (SELECT i.Id FROM Imports AS i WHERE i.SenderCodeId = @senderCode AND i.Id <> @import AND i.Journaled = 1 AND i.JournalDeletedUtc IS NULL)
        AND ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.Untouched = 1 AND u.Created = 0 AND u.Wrote = 1)
        AND VersionAfter = (SELECT u.VersionAfter - 1 FROM {Stage} AS u WHERE u.ContactId = ImportJournal.ContactId)
        """;

    /// <summary>@import: the contacts changed since the import, for the status page's list.</summary>
    public string MarkChangedSince => $"""
        UPDATE ImportJournal SET ChangedSince = 1
        WHERE ImportId = @import AND ContactId IN (SELECT u.ContactId FROM {Stage} AS u WHERE u.Kept = 1)
        """;

    /// <summary>The batch's counts: contacts, removed, subscriptions removed, fields set back, statuses, consent, opt-outs lifted, changed since.</summary>
    public string Counts => $"""
        SELECT COUNT(*), SUM(u.Remove), SUM(u.RemoveSubscription + u.RemoveSuspended), SUM(u.FieldsSetBack), SUM(u.SetBackStatus),
            SUM(u.SetBackConsent), SUM(CASE WHEN u.LiftOptOut = 1 AND u.Created = 0 THEN 1 ELSE 0 END), SUM(u.Kept)
        FROM {Stage} AS u
        """;

    /// <summary>@import, @from, @to and the counts: the checkpoint moves on with what the batch did.</summary>
    public string AdvanceCheckpoint => $"""
        UPDATE ImportUndos SET CheckpointContactId = @to, ContactsDone = ContactsDone + @done, ContactsRemoved = ContactsRemoved + @removed,
            SubscriptionsRemoved = SubscriptionsRemoved + @subscriptions, FieldsSetBack = FieldsSetBack + @fields,
            StatusesSetBack = StatusesSetBack + @statuses, ConsentSetBack = ConsentSetBack + @consent, OptOutsLifted = OptOutsLifted + @optOuts,
            TextsCancelled = TextsCancelled + @texts, ContactsChangedSince = ContactsChangedSince + @changed
        WHERE ImportId = @import AND CheckpointContactId = @from
        """;

    /// <summary>The stage's columns after ContactId, as each provider declares them: (name, SQLite type, SQL Server type).</summary>
    protected static IEnumerable<(string Name, string Sqlite, string SqlServer)> StageColumns()
    {
        const string Text = "nvarchar(1600) COLLATE DATABASE_DEFAULT";
        yield return ("Phone", "TEXT", "nvarchar(16) COLLATE DATABASE_DEFAULT");
        foreach (var name in new[] { "Created", "Untouched", "Subscribed", "OptedOut" })
        {
            yield return (name, "INTEGER", "bit");
        }

        yield return ("VersionAfter", "INTEGER", "int");
        yield return ("WrittenUtc", "TEXT", "datetime2");
        yield return ("StatusBefore", "INTEGER", "int");
        yield return ("ConfirmedBeforeUtc", "TEXT", "datetime2");
        foreach (var name in new[] { "MarketingBefore", "CartBefore", "MarketingAfter", "CartAfter" })
        {
            yield return (name, "INTEGER", "bit");
        }

        yield return ("OtherReplyBefore", "TEXT", Text);
        yield return ("OtherReplyBeforeUtc", "TEXT", "datetime2");
        foreach (var field in Fields)
        {
            var type = field == nameof(Contact.Birthday) ? "date" : Text;
            yield return ($"{field}Before", "TEXT", type);
            yield return ($"{field}After", "TEXT", type);
            yield return (field, "TEXT", type);
        }

        yield return ("OtherReplyUtc", "TEXT", "datetime2");
        yield return ("OptedOutUtc", "TEXT", "datetime2");
        yield return ("OptOutReason", "INTEGER", "int");
    }

    /// <summary>The decisions <see cref="Decide"/> and <see cref="DecideWrites"/> make, 0 until made.</summary>
    protected static readonly string[] Decisions =
        ["Remove", "RemoveSubscription", "RemoveSuspended", "SetBackStatus", "SetBackConsent", "LiftOptOut", "FieldsSetBack", "CustomSetBack", "RestoreOtherReply", "Wrote", "Kept"];
}
