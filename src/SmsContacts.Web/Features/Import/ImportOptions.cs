using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Features.Import;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Largest file the wizard accepts; bigger ones are refused before they are read.</summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>
    /// Most rows written (and checkpointed) per transaction. Batches are sized by <see cref="BatchMilliseconds"/> below this;
    /// larger batches are a little faster, smaller ones let other writers in sooner and lose less work to a crash.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 25_000;

    /// <summary>
    /// About how long one batch may hold the database's write lock: users' writes (a ban, an edit, an inbound STOP) made
    /// during an import wait for at most one batch. The import sizes its batches to it (<see cref="ImportPace"/>).
    /// </summary>
    [Range(10, 60_000)]
    public int BatchMilliseconds { get; set; } = 100;

    /// <summary>
    /// Rows whose phone numbers are sorted in memory when looking for duplicates (16 bytes each: 16 MB at the
    /// default); longer files spill sorted runs to disk, so the memory is the same whatever the file's size.
    /// </summary>
    [Range(1, 100_000_000)]
    public int DuplicateCheckRowsInMemory { get; set; } = 1_000_000;

    /// <summary>
    /// Minutes an uploaded file may wait at Import Settings or Configure Import Layout: after that the draft and its file
    /// are deleted (the wizard then says so). An import started in time is not a draft any more.
    /// </summary>
    [Range(1, 7 * 24 * 60)]
    public int DraftRetentionMinutes { get; set; } = 60;

    /// <summary>
    /// Bytes of uploads one user may have waiting in drafts (wizards not finished) at once; an upload that would pass it is
    /// refused with what to do. Two files of the largest size by default.
    /// </summary>
    [Range(1024, 100L * 1024 * 1024 * 1024)]
    public long MaxDraftBytesPerUser { get; set; } = 400L * 1024 * 1024;

    /// <summary>
    /// Days the rows an import did not take (the rejected-rows report) and the rows it took with a warning are kept after it
    /// ended; then they are deleted, and the import history says when. The import's counts stay.
    /// </summary>
    [Range(1, 36500)]
    public int RowReportRetentionDays { get; set; } = 90;

    /// <summary>Days the file of a failed import is kept for Retry after it failed; then it is deleted.</summary>
    [Range(1, 36500)]
    public int FailedFileRetentionDays { get; set; } = 7;

    /// <summary>
    /// Days after an import ended during which an admin may undo it (Undo import). Its journal (what it changed and what was
    /// there before) is kept that long, then deleted with the rest of what the retention deletes.
    /// </summary>
    [Range(1, 365)]
    public int UndoDays { get; set; } = 7;

    /// <summary>Contacts of an import's journal undone (and checkpointed) per transaction.</summary>
    [Range(1, 1_000_000)]
    public int UndoBatchSize { get; set; } = 5_000;

    public string MaxUploadText => Size(MaxUploadBytes);

    public string MaxDraftText => Size(MaxDraftBytesPerUser);

    public string DraftRetentionText => DraftRetentionMinutes % 60 == 0
        ? (DraftRetentionMinutes == 60 ? "an hour" : $"{DraftRetentionMinutes / 60} hours")
        : $"{DraftRetentionMinutes} minutes";

    /// <summary>"200 MB", "64 KB": sizes as the upload page and its messages say them.</summary>
    public static string Size(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / (1024 * 1024)} MB"
        : $"{Math.Max(1, bytes / 1024)} KB";
}
