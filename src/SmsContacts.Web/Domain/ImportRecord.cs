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

    /// <summary>What the import did with the rows and lines of its file, batch by batch.</summary>
    public ImportOutcomeCounts Counts { get; set; } = new();

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
