using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>A contact profile field an import column is mapped to: a column of Contacts, or a custom field.</summary>
public sealed record ImportTarget(string Key, string Label, string? ContactColumn, int? CustomFieldId, CustomFieldType? CustomFieldType)
{
    public bool IsCustom => CustomFieldId is not null;
}

/// <summary>The list an import subscribes to (or updates), with the welcome message to queue when journeys are on.</summary>
public sealed record ImportList(int Id, string Name, string? JourneyMessage);

/// <summary>Everything the bulk writer needs to know about one import; fixed for the whole run.</summary>
public sealed record ImportPlan(
    Guid ImportId,
    int SenderCodeId,
    ImportAction Action,
    FieldUpdateMode Mode,
    ImportList? List,
    bool StoreAsDoubleOptIn,
    bool OverrideOptInStatus,
    bool CartAbandonmentConsent,
    bool OverrideMarketingConsent,
    IReadOnlyList<ImportTarget> Targets,
    string UserId,
    string UserName)
{
    public ConsentActor Actor => new(ConsentSource.Import, UserId, UserName, ImportId: ImportId);

    /// <summary>The status a subscription gets from this import (and keeps or takes with the override box).</summary>
    public SubscriptionStatus SubscriptionStatus => StoreAsDoubleOptIn ? SubscriptionStatus.Pending : SubscriptionStatus.Active;
}

/// <summary>One valid row of the file: a normalised phone and the parsed values of the mapped fields (null = empty cell).</summary>
public sealed class ImportRow(long line, string phone, string?[] values, string? rawLine)
{
    /// <summary>Line of the file where the row starts (1-based, the header included), as an editor shows it.</summary>
    public long Line { get; } = line;

    /// <summary>E.164.</summary>
    public string Phone { get; } = phone;

    /// <summary>One value per <see cref="ImportPlan.Targets"/>, in invariant form; null for an empty cell.</summary>
    public string?[] Values { get; } = values;

    /// <summary>The row as it is in the file, kept only when the writer may still reject it (Update existing contacts).</summary>
    public string? RawLine { get; } = rawLine;
}

/// <summary>A row that is not imported, and why, for the rejected-rows report.</summary>
public sealed record ImportRejection(long Line, string Phone, string Reason, string RawLine);

/// <summary>
/// Consecutive rows of the file, from data row <see cref="FromRow"/> (exclusive) to <see cref="ToRow"/> (inclusive),
/// written together with the import's checkpoint in one transaction.
/// </summary>
public sealed class ImportBatch
{
    public List<ImportRow> Rows { get; } = [];

    public List<ImportRejection> Rejections { get; } = [];

    /// <summary>The import's checkpoint this batch continues from; the write is refused if the import is elsewhere.</summary>
    public long FromRow { get; init; }

    public long ToRow { get; set; }

    /// <summary>Bytes of the file read when the batch was complete: the progress bar.</summary>
    public long BytesRead { get; set; }

    public int RowCount => (int)(ToRow - FromRow);
}

/// <summary>What happened to the rows of a batch (or of a whole import).</summary>
public readonly record struct ImportCounts(
    int Processed,
    int OptedIn,
    int Updated,
    int OptedOut,
    int IgnoredOptedOut,
    int IgnoredBanned,
    int Rejected);

/// <param name="Committed">False when another run of the same import had already written this part of the file.</param>
public readonly record struct ImportBatchResult(bool Committed, ImportCounts Counts);

/// <summary>What a staged row of a batch turns out to be; the same codes in every provider's staging table.</summary>
internal enum StagedOutcome
{
    Unclassified = 0,
    OptedIn = 1,
    Updated = 2,
    OptedOut = 3,
    IgnoredOptedOut = 4,
    IgnoredBanned = 5,
    Rejected = 6,
}
