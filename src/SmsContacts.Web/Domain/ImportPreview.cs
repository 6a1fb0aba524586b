namespace SmsContacts.Web.Domain;

public enum ImportPreviewStatus
{
    Queued = 0,
    Running = 1,
    Completed = 2,
    Failed = 3,
}

/// <summary>
/// The wizard's last step for one draft import: what the import would do with the file as things are now, computed by the
/// import's own job and bulk writer in preview mode, which classifies every row and writes none of them. Its counts are
/// the import's (<see cref="ImportOutcomeCounts"/>), so the real import is compared with them when it completes. One per
/// import; a new Preview (after Back) replaces it. Kept with the import, so the status page can say how many rows came
/// out differently from the preview.
/// </summary>
public class ImportPreview
{
    public Guid ImportId { get; set; }

    /// <summary>Each Preview request gets a new one: the Import button names the preview it was shown, and a run of an older request writes nothing.</summary>
    public Guid RunId { get; set; }

    public ImportPreviewStatus Status { get; set; }

    /// <summary>The settings (<see cref="ImportRecord.SettingsSavedUtc"/>) the preview was made with: saving step 2 again makes it stale.</summary>
    public DateTime? SettingsSavedUtc { get; set; }

    /// <summary>The column mapping the preview was made with (<see cref="ImportRecord.ColumnMapping"/>).</summary>
    public string ColumnMapping { get; set; } = "[]";

    public DateTime RequestedUtc { get; set; }

    public DateTime? StartedUtc { get; set; }

    public DateTime? CompletedUtc { get; set; }

    public string? Error { get; set; }

    /// <summary>Bytes of the file previewed by committed batches: the progress bar.</summary>
    public long CheckpointBytes { get; set; }

    /// <summary>The last record previewed by a committed batch (as the import's CheckpointRow): where a restarted run resumes. Column CheckpointLine.</summary>
    public long CheckpointRow { get; set; }

    /// <summary>What the import would do with the rows and lines of the file, as far as the preview has read it.</summary>
    public ImportOutcomeCounts Counts { get; set; } = new();
}

/// <summary>The outcome an <see cref="ImportPreviewRow"/> is an example of (the counts of <see cref="ImportPreview"/>).</summary>
public enum ImportPreviewOutcome
{
    OptedIn = 1,
    Updated = 2,
    OptedOut = 3,
    IgnoredOptedOut = 4,
    IgnoredBanned = 5,
    Skipped = 6,
    Unchanged = 7,
    Rejected = 8,
    Duplicate = 9,
}

/// <summary>
/// A row of the file as the preview found it: up to <see cref="ImportPreviewRow.ExamplesPerOutcome"/> examples of each
/// outcome, and every rejected row, each with its line, number and what the import would do to it (the fields it would
/// change, before → after) or why it would not import it.
/// </summary>
public class ImportPreviewRow
{
    /// <summary>Examples kept of each outcome (every rejected row is kept).</summary>
    public const int ExamplesPerOutcome = 10;

    public long Id { get; set; }

    public Guid ImportId { get; set; }

    public ImportPreviewOutcome Outcome { get; set; }

    public long LineNumber { get; set; }

    public string Phone { get; set; } = "";

    /// <summary>"Email: a@example.com → b@example.com; First name: (empty) → Ann", or the reason a row is not imported.</summary>
    public string Detail { get; set; } = "";
}
