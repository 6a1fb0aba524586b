using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Domain;

public enum ImportAction
{
    [Display(Name = "Add/Update contacts")]
    AddOrUpdate = 0,

    [Display(Name = "Update existing contacts")]
    UpdateExisting = 1,

    [Display(Name = "Opt-out contacts")]
    OptOut = 2,
}

public enum FieldUpdateMode
{
    /// <summary>Change the fields whose cell in the file is not empty.</summary>
    [Display(Name = "Update fields")]
    Update = 0,

    /// <summary>Fill only the fields that are empty on the contact.</summary>
    [Display(Name = "Append new fields")]
    Append = 1,

    /// <summary>Replace every mapped field; an empty cell clears it.</summary>
    [Display(Name = "Overwrite fields")]
    Overwrite = 2,
}

public enum TextQualifier
{
    None = 0,

    [Display(Name = "Double Quotes")]
    DoubleQuotes = 1,

    [Display(Name = "Single Quotes")]
    SingleQuotes = 2,
}

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

    public string Encoding { get; set; } = "utf-8";

    public char Delimiter { get; set; } = ',';

    public bool EnterJourneys { get; set; }

    public ImportAction Action { get; set; }

    public int? ListId { get; set; }

    public string? ListName { get; set; }

    public FieldUpdateMode FieldUpdateMode { get; set; }

    public bool StoreAsDoubleOptIn { get; set; }

    public bool OverrideOptInStatus { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public bool OverrideMarketingConsent { get; set; }

    public TextQualifier TextQualifier { get; set; } = TextQualifier.DoubleQuotes;

    public bool FirstLineHasColumnNames { get; set; } = true;

    /// <summary>How the file writes dates that are not year-month-day (birthdays, date custom fields).</summary>
    public DateOrder DateOrder { get; set; } = DateOrder.YearMonthDay;

    /// <summary>JSON: column index to field key ("phone", "email", "custom:12", ...).</summary>
    public string ColumnMapping { get; set; } = "[]";

    public ImportStatus Status { get; set; }

    public DateTime CreatedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>Bytes of the file consumed by committed batches: progress, and where a restarted job resumes.</summary>
    public long CheckpointBytes { get; set; }

    public long CheckpointLine { get; set; }

    public int Processed { get; set; }

    public int OptedIn { get; set; }

    public int Updated { get; set; }

    public int OptedOut { get; set; }

    public int IgnoredOptedOut { get; set; }

    public int IgnoredBanned { get; set; }

    public int Rejected { get; set; }

    /// <summary>Lines of the file that are not rows: the header and Excel's <c>sep=</c> line.</summary>
    public int HeaderLines { get; set; }

    /// <summary>Empty lines, and lines whose every cell is empty; skipped, and counted so the file reconciles.</summary>
    public int BlankLines { get; set; }

    /// <summary>Rows imported with a warning (more or fewer cells than the header); each is in ImportWarningRows.</summary>
    public int WarningRows { get; set; }

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
