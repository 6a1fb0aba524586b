namespace SmsContacts.Web.Domain;

public enum ImportStatus
{
    /// <summary>File stored; the wizard is still being filled in.</summary>
    Draft = 0,
    Queued = 1,
    Running = 2,
    Completed = 3,
    Failed = 4,
}

/// <summary>One run of the import wizard: its file, its settings, its progress and its counts.</summary>
public class ImportRecord
{
    public Guid Id { get; set; }

    public int SenderCodeId { get; set; }

    public string UserId { get; set; } = "";

    public string UserName { get; set; } = "";

    public string OriginalFileName { get; set; } = "";

    /// <summary>Generated name of the upload in the data folder's imports directory.</summary>
    public string StoredFileName { get; set; } = "";

    public long FileSize { get; set; }

    /// <summary>What step 2 (Import Settings) chose: how to read the file and what to do with its rows.</summary>
    public ImportSettings Settings { get; set; } = new();

    /// <summary>The name of the list (<see cref="ImportSettings.ListId"/>) when the settings were saved, for the history and status pages.</summary>
    public string? ListName { get; set; }

    /// <summary>JSON: column index to field key ("phone", "email", "custom:12", ...).</summary>
    public string ColumnMapping { get; set; } = "[]";

    public ImportStatus Status { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>Bytes of the file consumed by committed batches: progress, and where a restarted job resumes.</summary>
    public long CheckpointBytes { get; set; }

    /// <summary>
    /// The number of the last record written by a committed batch, as the CSV reader numbers records (ImportBatch.ToRow):
    /// where a restarted job resumes. A row number, not a line of the file (a record may span lines); stored in the column
    /// CheckpointLine.
    /// </summary>
    public long CheckpointRow { get; set; }

    /// <summary>
    /// Records of the file read so far (the header line not included). Every one is counted once in exactly one of
    /// the outcomes below, so Processed always equals <see cref="AccountedFor"/>.
    /// </summary>
    public int Processed { get; set; }

    /// <summary>New subscriptions to the list: new contacts, and existing contacts that were not on it.</summary>
    public int OptedIn { get; set; }

    /// <summary>Of <see cref="OptedIn"/>: existing contacts whose profile fields the file also changed.</summary>
    public int OptedInWithFieldUpdates { get; set; }

    /// <summary>Contacts already on the list of which something changed: a profile field, or a box's opt-in status or consent.</summary>
    public int Updated { get; set; }

    /// <summary>Contacts already on the list of which nothing differed from the file: nothing was written.</summary>
    public int Unchanged { get; set; }

    /// <summary>Opt-out contacts: numbers opted out by this import.</summary>
    public int OptedOut { get; set; }

    public int IgnoredOptedOut { get; set; }

    public int IgnoredBanned { get; set; }

    /// <summary>Update existing contacts: numbers that are not a contact on the list, which that action never adds.</summary>
    public int Skipped { get; set; }

    /// <summary>Rows that cannot be imported (a bad number, a bad value), each reported with its line and reason.</summary>
    public int Rejected { get; set; }

    /// <summary>Rows whose number comes again later in the file: the last row wins, the earlier ones are reported.</summary>
    public int Duplicates { get; set; }

    /// <summary>Double opt-in: subscriptions this import left pending and asked to reply Y (a "Reply Y to confirm" text each).</summary>
    public int AwaitingConfirmation { get; set; }

    /// <summary>The sum of the outcomes, which must equal <see cref="Processed"/>.</summary>
    public int AccountedFor =>
        OptedIn + Updated + Unchanged + OptedOut + IgnoredOptedOut + IgnoredBanned + Skipped + Rejected + Duplicates;

    /// <summary>
    /// Lines of the whole file as its text splits into lines (CR, LF or CR LF; a last line without a line break counts),
    /// set when the import has read the file to its end; 0 before. Equals <see cref="LinesAccountedFor"/>.
    /// </summary>
    public int FileLines { get; set; }

    /// <summary>Lines of the file that are not rows: the header and Excel's <c>sep=</c> line.</summary>
    public int HeaderLines { get; set; }

    /// <summary>Empty lines, and lines whose every cell is empty; skipped, and counted so the file reconciles.</summary>
    public int BlankLines { get; set; }

    /// <summary>The second and later lines of records whose quoted values hold line breaks (an address on two lines).</summary>
    public int ContinuationLines { get; set; }

    /// <summary>Header, blank and continuation lines plus one line per record: equals <see cref="FileLines"/> once the file is read.</summary>
    public int LinesAccountedFor => HeaderLines + BlankLines + Processed + ContinuationLines;

    /// <summary>
    /// Rows imported with a warning (more or fewer cells than the header); each is in ImportWarningRows. A row the import
    /// skipped or ignored in the end is not one of them.
    /// </summary>
    public int WarningRows { get; set; }

    /// <summary>When step 2 (Import Settings) was last saved: step 3 and the import need it.</summary>
    public DateTime? SettingsSavedUtc { get; set; }

    /// <summary>
    /// When the retention deleted this import's rejected and warning rows (Import:RowReportRetention after it ended);
    /// null while they are kept.
    /// </summary>
    public DateTime? RowReportsDeletedUtc { get; set; }

    /// <summary>
    /// The bulk writers keep a journal of what this import changes (Undo import needs it). False for imports made before
    /// the journal existed (kept in a database adopted from the chain folded into InitialSchema): those cannot be undone.
    /// </summary>
    public bool Journaled { get; set; } = true;

    /// <summary>
    /// When the retention deleted this import's journal (Import:UndoDays after it ended, when it can no longer be undone;
    /// the contacts an undo listed as changed since are kept); null while it is kept.
    /// </summary>
    public DateTime? JournalDeletedUtc { get; set; }

    /// <summary>What the upload found out about the file and why (encoding, delimiter, quotes, header), for Import Settings.</summary>
    public string? DetectionNotes { get; set; }
}

/// <summary>A row of an import file that was imported with a warning (its shape differs from the header's), and why.</summary>
public class ImportWarningRow
{
    public long Id { get; set; }

    public Guid ImportId { get; set; }

    public long LineNumber { get; set; }

    public string Phone { get; set; } = "";

    public string Message { get; set; } = "";

    public string RawLine { get; set; } = "";
}

/// <summary>A row of an import file that was not imported, and why.</summary>
public class ImportRejectedRow
{
    public long Id { get; set; }

    public Guid ImportId { get; set; }

    public long LineNumber { get; set; }

    public string Phone { get; set; } = "";

    public string Reason { get; set; } = "";

    public string RawLine { get; set; } = "";
}
