namespace SmsContacts.Web.Domain;

/// <summary>
/// One contact an import wrote, and what it was before: the import's journal, written by the bulk writers in the same
/// transaction as each batch (Data/BulkImport), read by Undo import. One row per import and contact (a number is in an
/// import once: duplicates are reduced to the last row). Rows the import only counted (Unchanged, Ignored, Skipped,
/// Rejected) write nothing and have no row.
///
/// "Before" columns hold what the import replaced and "After" columns what it left, read from the tables after the
/// batch's writes (never recomputed from the rules), so Undo can tell a field nobody changed since (it still holds
/// After) from one a later change wrote (it does not). A field the import did not change has neither (both null).
/// </summary>
public class ImportJournalEntry
{
    public Guid ImportId { get; set; }

    public long ContactId { get; set; }

    /// <summary>The import inserted the contact (a new number).</summary>
    public bool Created { get; set; }

    /// <summary>The batch's time (UTC): the SubscribedUtc of the subscription it added, the OptedOutUtc of its opt-out.</summary>
    public DateTime WrittenUtc { get; set; }

    /// <summary>
    /// The contact's <see cref="Contact.Version"/> when the batch committed. Every later write moves the version on, so a
    /// contact at this version was touched by nothing since. The import moved it on by exactly one (a new contact starts at 1).
    /// </summary>
    public int VersionAfter { get; set; }

    /// <summary>The import put the number on its list (Add/Update: opted in).</summary>
    public bool Subscribed { get; set; }

    /// <summary>"Override opt-in status" changed the status of the subscription it had: the status before; null when unchanged.</summary>
    public SubscriptionStatus? StatusBefore { get; set; }

    public DateTime? ConfirmedBeforeUtc { get; set; }

    /// <summary>The consent boxes changed the subscription's consent: the flags before and after; all null when unchanged.</summary>
    public bool? MarketingBefore { get; set; }

    public bool? CartBefore { get; set; }

    public bool? MarketingAfter { get; set; }

    public bool? CartAfter { get; set; }

    /// <summary>An Other Contact's reply, which subscribing it cleared (ContactConsent.Subscribe); null when there was none.</summary>
    public string? OtherReplyBefore { get; set; }

    public DateTime? OtherReplyBeforeUtc { get; set; }

    /// <summary>An Opt-out contacts import opted the number out (a new number: created opted out).</summary>
    public bool OptedOut { get; set; }

    public string? EmailBefore { get; set; }

    public string? EmailAfter { get; set; }

    public string? FirstNameBefore { get; set; }

    public string? FirstNameAfter { get; set; }

    public string? LastNameBefore { get; set; }

    public string? LastNameAfter { get; set; }

    public DateOnly? BirthdayBefore { get; set; }

    public DateOnly? BirthdayAfter { get; set; }

    public string? PostalCodeBefore { get; set; }

    public string? PostalCodeAfter { get; set; }

    /// <summary>Set by Undo import: the contact was changed after the import, and what changed was left as it is.</summary>
    public bool ChangedSince { get; set; }
}

/// <summary>A custom field value an import changed on a contact that existed before it (null: no value).</summary>
public class ImportJournalFieldValue
{
    public Guid ImportId { get; set; }

    public long ContactId { get; set; }

    public int FieldId { get; set; }

    public string? Before { get; set; }

    public string? After { get; set; }
}

/// <summary>
/// A subscription an Opt-out contacts import took away from a number it opted out, as it was (pending ones too, which the
/// opt-out does not remember for START): what undoing that import puts back.
/// </summary>
public class ImportJournalSubscription
{
    public Guid ImportId { get; set; }

    public long ContactId { get; set; }

    public int ListId { get; set; }

    public SubscriptionStatus Status { get; set; }

    public DateTime SubscribedUtc { get; set; }

    public SubscribeMethod Method { get; set; }

    public string? Keyword { get; set; }

    public bool MarketingConsent { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public DateTime? ConfirmedUtc { get; set; }
}

public enum ImportUndoStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// Undo import of one import: who asked and when, its progress (a checkpoint over the journal's contact ids, so a run that
/// is killed resumes after its last committed batch), and what it did.
/// </summary>
public class ImportUndo
{
    public Guid ImportId { get; set; }

    public ImportUndoStatus Status { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public DateTime RequestedUtc { get; set; }

    /// <summary>
    /// An Opt-out contacts import: the admin ticked that each number it opted out agreed again to receive texts (each
    /// number's consent history records it). Without it such an import is not undone.
    /// </summary>
    public bool ConfirmedAgreedAgain { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>Contacts in the import's journal when the undo was asked for: the progress bar's whole.</summary>
    public int Contacts { get; set; }

    /// <summary>The highest contact id of the journal undone by a committed batch: where a restarted run resumes.</summary>
    public long CheckpointContactId { get; set; }

    /// <summary>Journal contacts undone so far (each counted once, whatever it came to).</summary>
    public int ContactsDone { get; set; }

    /// <summary>New contacts of the import that nothing touched since: their data removed, the number kept only in its history.</summary>
    public int ContactsRemoved { get; set; }

    /// <summary>Subscriptions the import added, removed (and lists it added that an opt-out since would have restored at START).</summary>
    public int SubscriptionsRemoved { get; set; }

    /// <summary>Profile and custom field values set back to what they were before the import.</summary>
    public int FieldsSetBack { get; set; }

    /// <summary>Opt-in statuses ("Override opt-in status") set back.</summary>
    public int StatusesSetBack { get; set; }

    /// <summary>Subscriptions whose marketing or cart abandonment consent was set back.</summary>
    public int ConsentSetBack { get; set; }

    /// <summary>Opt-out contacts: numbers whose opt-out by the import was lifted (each confirmed as agreeing again).</summary>
    public int OptOutsLifted { get; set; }

    /// <summary>Texts the import queued that had not gone out yet, and never will.</summary>
    public int TextsCancelled { get; set; }

    /// <summary>Contacts changed after the import: what changed was kept, and they are listed on the status page.</summary>
    public int ContactsChangedSince { get; set; }
}
