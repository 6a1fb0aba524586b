using System.ComponentModel.DataAnnotations;

namespace SmsContacts.Web.Features.Import;

public sealed class ImportOptions
{
    public const string Section = "Import";

    /// <summary>Largest file the wizard accepts; bigger ones are refused before they are read.</summary>
    [Range(1024, 10L * 1024 * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>Rows written (and checkpointed) per transaction. Larger batches are faster; smaller ones lose less work to a crash.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 25_000;

    /// <summary>
    /// Rows whose phone numbers are sorted in memory when looking for duplicates (16 bytes each: 16 MB at the
    /// default); longer files spill sorted runs to disk, so the memory is the same whatever the file's size.
    /// </summary>
    [Range(1, 100_000_000)]
    public int DuplicateCheckRowsInMemory { get; set; } = 1_000_000;

    public string MaxUploadText => MaxUploadBytes >= 1024 * 1024
        ? $"{MaxUploadBytes / (1024 * 1024)} MB"
        : $"{MaxUploadBytes / 1024} KB";
}
