namespace SmsContacts.Web.Domain;

public enum ExportKind
{
    Contacts = 0,
    OptedOut = 1,
}

/// <summary>
/// Where an export is. Queued → Running (writing the file) → Sending (file written, link stored, email on its
/// way) → Completed; Failed from Running or Sending; Expired when the link's three days are over.
/// </summary>
public enum ExportStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
    Expired = 4,
    Sending = 5,
}

/// <summary>An export request: what to export, who receives the link, and the link's secret (hashed).</summary>
public class ExportRecord
{
    public Guid Id { get; set; }

    public int SenderCodeId { get; set; }

    public ExportKind Kind { get; set; }

    public int? ListId { get; set; }

    public OptOutReason? Reason { get; set; }

    public string? PhoneSearch { get; set; }

    public string RequestedByUserId { get; set; } = "";

    public string RecipientUserId { get; set; } = "";

    public string RecipientEmail { get; set; } = "";

    public ExportStatus Status { get; set; }

    public int RowCount { get; set; }

    /// <summary>SHA-256 of the download token; the token itself only travels in the email.</summary>
    public byte[]? TokenHash { get; set; }

    public string? StoredFileName { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the job began writing the file; with CompletedUtc, how long the export took.</summary>
    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public DateTime? ExpiresUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>
    /// While Running or Sending: when the run last showed it was alive (UTC). A run whose heartbeat is older than
    /// Export:LeaseSeconds is taken as interrupted (the process died), by any instance.
    /// </summary>
    public DateTime? HeartbeatUtc { get; set; }

    /// <summary>Completed, but the app stopped while the email was being sent: whether it arrived is not known.</summary>
    public bool EmailUnconfirmed { get; set; }

    /// <summary>The export that Retry queued in place of this one (same filters and recipient, the data as it was then).</summary>
    public Guid? RetriedAsExportId { get; set; }
}
