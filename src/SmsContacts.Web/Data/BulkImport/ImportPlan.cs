using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// One import as a run carries it out, fixed for the whole run: its settings, whole (<see cref="ImportSettings"/>, as step 2
/// saved them), what its layout and settings resolved to when the run began (the phone column, the mapped columns and
/// their fields, the list, the sender code's country), who started it, and where in its file the run begins. Made by the
/// import job (Features/Import/ImportPlanner); both passes over the file and the bulk writer take it whole.
/// </summary>
/// <param name="Region">The sender code's country (ISO 3166 code): how a number without a country code is read.</param>
/// <param name="PhoneColumn">The column of the file (0-based) mapped to the phone number.</param>
/// <param name="Columns">The other mapped columns, in the order of the staged values (f0, f1...); a column set to "Do not import" is not one.</param>
/// <param name="LayoutColumns">Columns of the layout the user mapped: what a row must have when the file has no header.</param>
public sealed record ImportPlan(
    Guid ImportId,
    int SenderCodeId,
    ImportSettings Settings,
    ImportList? List,
    string Region,
    int PhoneColumn,
    IReadOnlyList<MappedColumn> Columns,
    int LayoutColumns,
    string UserId,
    string UserName)
{
    /// <summary>The fields of <see cref="Columns"/>, in their order: what each staged value fills.</summary>
    public IReadOnlyList<ImportTarget> Targets { get; } = [.. Columns.Select(c => c.Target)];

    /// <summary>The uploaded file (in the data folder's imports directory).</summary>
    public string Path { get; init; } = "";

    /// <summary>Rows up to this one (as the CSV reader numbers records) were written by an earlier run: this run reads the rest.</summary>
    public long AfterRow { get; init; }

    /// <summary>The day the run began (UTC): a birthday after it is refused.</summary>
    public DateOnly Today { get; init; }

    /// <summary>
    /// Update existing contacts reports the rows it skips with their line as the file has it, so the reader keeps each valid
    /// row's line after its values (<see cref="ImportBatch.ValueString"/> at index <see cref="Targets"/>.Count).
    /// </summary>
    public bool KeepsRawLines => Settings.Action == ImportAction.UpdateExisting;

    /// <summary>
    /// Set for a Preview run (<see cref="ImportPreview.RunId"/>): the writer classifies every batch as the import would and
    /// saves only the preview's counts, examples and rejected rows; it writes nothing else. Null for the import itself.
    /// </summary>
    public Guid? PreviewRun { get; init; }

    public ConsentActor Actor => new(ConsentSource.Import, UserId, UserName, ImportId: ImportId);
}

/// <summary>A contact profile field an import column is mapped to: a column of Contacts, or a custom field.</summary>
public sealed record ImportTarget(string Key, string Label, string? ContactColumn, int? CustomFieldId, CustomFieldType? CustomFieldType)
{
    public bool IsCustom => CustomFieldId is not null;
}

/// <summary>One mapped column: where it is in the file (0-based) and the field it fills.</summary>
public sealed record MappedColumn(int Index, ImportTarget Target);

/// <summary>
/// The list an import subscribes to (or updates), with the welcome message to queue when journeys are on, and the
/// "Reply Y to confirm" text (<see cref="ConsentTexts.ConfirmationRequest"/>) queued to each subscription a double
/// opt-in import leaves pending.
/// </summary>
public sealed record ImportList(int Id, string Name, string? JourneyMessage, string ConfirmationRequest);
