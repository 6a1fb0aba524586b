using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data.BulkImport;

/// <summary>
/// How the lines of an import file were read (up to a batch's last row, or of the whole file): the numbers Contact Import
/// Status reconciles with. Every line of a file is a header line (the column names, Excel's <c>sep=</c> line), a blank
/// line (empty, or every cell empty), the first line of a record, or a continuation line (the second and later lines of a
/// record whose quoted value holds line breaks, such as an address), so
/// <see cref="FileLines"/> = <see cref="HeaderLines"/> + <see cref="BlankLines"/> + records + <see cref="ContinuationLines"/>.
/// </summary>
/// <param name="FileLines">Lines of the whole file as its text was split into lines, apart from the CSV parser; 0 until the file was read to its end.</param>
public readonly record struct ImportLineCounts(int HeaderLines, int BlankLines, int ContinuationLines, int FileLines);

/// <summary>
/// A row that is not imported, and why, for the report of rows not imported. <paramref name="IsDuplicate"/>: the number
/// comes again later in the file (counted as Duplicates, not Rejected).
/// </summary>
public sealed record ImportRejection(long Line, string Phone, string Reason, string RawLine, bool IsDuplicate = false);

/// <summary>
/// Consecutive rows of the file, from data row <see cref="FromRow"/> (exclusive) to <see cref="ToRow"/> (inclusive),
/// written together with the import's checkpoint in one transaction.
///
/// The valid rows are kept compactly, since a batch is the bulk of an import's memory: per row a small entry
/// (line, phone as a number, offset), and the values of its mapped fields as UTF-8 in one buffer that is reused
/// from batch to batch. The writers bind those bytes as they are.
/// </summary>
public sealed class ImportBatch
{
    private readonly List<Entry> _rows = [];
    private byte[] _buffer = new byte[1 << 16];
    private int _used;

    public ImportBatch(long fromRow) => Reset(fromRow);

    public List<ImportRejection> Rejections { get; } = [];

    /// <summary>
    /// Valid rows imported with a warning (more or fewer cells than the header). The writer saves a warning only for a row
    /// it imports: a row it skips or ignores is not "imported with a warning".
    /// </summary>
    public List<ImportRejection> Warnings { get; } = [];

    /// <summary>The file's lines up to the batch's last row (and of the whole file, with its last batch).</summary>
    public ImportLineCounts Lines { get; set; }

    /// <summary>The import's checkpoint this batch continues from; the write is refused if the import is elsewhere.</summary>
    public long FromRow { get; private set; }

    public long ToRow { get; set; }

    /// <summary>Bytes of the file read when the batch was complete: the progress bar.</summary>
    public long BytesRead { get; set; }

    /// <summary>Rows of the file the batch covers: valid ones and rejected ones.</summary>
    public int RowCount => (int)(ToRow - FromRow);

    /// <summary>Valid rows, to write.</summary>
    public int Count => _rows.Count;

    /// <summary>Empties the batch for the rows after <paramref name="fromRow"/>, keeping its buffers.</summary>
    public ImportBatch Reset(long fromRow)
    {
        _rows.Clear();
        Rejections.Clear();
        Warnings.Clear();
        Lines = default;
        _used = 0;
        FromRow = ToRow = fromRow;
        BytesRead = 0;
        return this;
    }

    /// <summary>Starts a valid row; its values follow with <see cref="AddValue"/>, in the plan's target order.</summary>
    public void AddRow(long line, long phone) => _rows.Add(new Entry(line, phone, _used));

    /// <summary>One value of the row being added: its UTF-8 bytes, or null for an empty cell.</summary>
    public void AddValue(ReadOnlySpan<byte> utf8, bool isNull)
    {
        Reserve(4 + utf8.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(_used), isNull ? -1 : utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_used + 4));
        _used += 4 + utf8.Length;
    }

    /// <summary>Line of the file where row <paramref name="row"/> starts (1-based, the header included), as an editor shows it.</summary>
    public long Line(int row) => _rows[row].Line;

    /// <summary>The row's number, E.164 without its '+'.</summary>
    public long PhoneKey(int row) => _rows[row].Phone;

    public string Phone(int row) => "+" + _rows[row].Phone.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Value <paramref name="index"/> of the row (after the values, the raw line when one was kept); false for an empty cell.</summary>
    public bool TryGetValue(int row, int index, out ReadOnlySpan<byte> utf8)
    {
        var at = _rows[row].Offset;
        for (var i = 0; i < index; i++)
        {
            at += 4 + Math.Max(0, System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at)));
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(_buffer.AsSpan(at));
        utf8 = length < 0 ? default : _buffer.AsSpan(at + 4, length);
        return length >= 0;
    }

    public string? ValueString(int row, int index) => TryGetValue(row, index, out var utf8) ? System.Text.Encoding.UTF8.GetString(utf8) : null;

    /// <summary>Puts the rows in phone order, so that the writer fills the phone indexes in order.</summary>
    public void SortByPhone() => _rows.Sort(static (a, b) => a.Phone.CompareTo(b.Phone));

    /// <summary>The row index of each line, for the writer's rejections.</summary>
    public Dictionary<long, int> RowsByLine() => Enumerable.Range(0, _rows.Count).ToDictionary(i => _rows[i].Line);

    private void Reserve(int bytes)
    {
        if (_used + bytes > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _used + bytes));
        }
    }

    private readonly record struct Entry(long Line, long Phone, int Offset);
}

/// <summary>What happened to the rows of a batch (or of a whole import); the fields of <see cref="ImportOutcomeCounts"/> of the same names.</summary>
public readonly record struct ImportCounts(
    int Processed,
    int OptedIn,
    int OptedInWithFieldUpdates,
    int Updated,
    int Unchanged,
    int OptedOut,
    int IgnoredOptedOut,
    int IgnoredBanned,
    int Skipped,
    int Rejected,
    int Duplicates,
    int AwaitingConfirmation,
    int WarningRows)
{
    /// <summary>
    /// The SET list of the checkpoint statement (both writers): each count of the batch added to the import's, and the
    /// file's lines up to the batch's last row (running totals of the reader, so they are set, not added).
    /// </summary>
    internal const string AddToImport = """
        Processed = Processed + @processed, OptedIn = OptedIn + @optedIn, OptedInWithFieldUpdates = OptedInWithFieldUpdates + @optedInWithFieldUpdates,
        Updated = Updated + @updated, Unchanged = Unchanged + @unchanged, OptedOut = OptedOut + @optedOut,
        IgnoredOptedOut = IgnoredOptedOut + @ignoredOptedOut, IgnoredBanned = IgnoredBanned + @ignoredBanned, Skipped = Skipped + @skipped,
        Rejected = Rejected + @rejected, Duplicates = Duplicates + @duplicates, AwaitingConfirmation = AwaitingConfirmation + @awaitingConfirmation,
        WarningRows = WarningRows + @warningRows,
        HeaderLines = @headerLines, BlankLines = @blankLines, ContinuationLines = @continuationLines, FileLines = @fileLines
        """;

    /// <summary>The counts of a written batch: its staged outcomes (indexed by <see cref="StagedOutcome"/>) and the reader's rejections.</summary>
    internal static ImportCounts Of(ImportBatch batch, int[] outcomes, int optedInWithFieldUpdates, int awaitingConfirmation, int warningRows)
    {
        var duplicates = batch.Rejections.Count(r => r.IsDuplicate);
        return new ImportCounts(
            Processed: batch.RowCount,
            OptedIn: outcomes[(int)StagedOutcome.OptedIn],
            OptedInWithFieldUpdates: optedInWithFieldUpdates,
            Updated: outcomes[(int)StagedOutcome.Updated],
            Unchanged: outcomes[(int)StagedOutcome.Unchanged],
            OptedOut: outcomes[(int)StagedOutcome.OptedOut],
            IgnoredOptedOut: outcomes[(int)StagedOutcome.IgnoredOptedOut],
            IgnoredBanned: outcomes[(int)StagedOutcome.IgnoredBanned],
            Skipped: outcomes[(int)StagedOutcome.Skipped],
            Rejected: batch.Rejections.Count - duplicates,
            Duplicates: duplicates,
            AwaitingConfirmation: awaitingConfirmation,
            WarningRows: warningRows);
    }

    /// <summary>The parameters of <see cref="AddToImport"/>.</summary>
    internal (string Name, object? Value)[] Parameters(ImportLineCounts lines) =>
    [
        ("@processed", Processed), ("@optedIn", OptedIn), ("@optedInWithFieldUpdates", OptedInWithFieldUpdates), ("@updated", Updated),
        ("@unchanged", Unchanged), ("@optedOut", OptedOut), ("@ignoredOptedOut", IgnoredOptedOut), ("@ignoredBanned", IgnoredBanned),
        ("@skipped", Skipped), ("@rejected", Rejected), ("@duplicates", Duplicates), ("@awaitingConfirmation", AwaitingConfirmation),
        ("@warningRows", WarningRows), ("@headerLines", lines.HeaderLines), ("@blankLines", lines.BlankLines),
        ("@continuationLines", lines.ContinuationLines), ("@fileLines", lines.FileLines),
    ];
}

/// <param name="Committed">False when another run of the same import had already written this part of the file.</param>
/// <param name="Locked">How long the batch's write transaction held the database (what other writers may have waited).</param>
public readonly record struct ImportBatchResult(bool Committed, ImportCounts Counts, TimeSpan Locked = default);

/// <summary>What a staged (valid) row of a batch turns out to be; the same codes in every provider's staging table.</summary>
internal enum StagedOutcome
{
    Unclassified = 0,

    /// <summary>A new subscription to the list.</summary>
    OptedIn = 1,

    /// <summary>On the list already, and something of it differed from the file.</summary>
    Updated = 2,

    OptedOut = 3,
    IgnoredOptedOut = 4,
    IgnoredBanned = 5,

    /// <summary>Update existing contacts: not a contact on the list.</summary>
    Skipped = 6,

    /// <summary>On the list already, and nothing of it differed from the file.</summary>
    Unchanged = 7,
}

internal static class StagedOutcomes
{
    /// <summary>Outcomes of valid rows the import does not take in: their warnings are not "imported with a warning".</summary>
    public static readonly string NotImported = $"{(int)StagedOutcome.Skipped}, {(int)StagedOutcome.IgnoredOptedOut}, {(int)StagedOutcome.IgnoredBanned}";
}
