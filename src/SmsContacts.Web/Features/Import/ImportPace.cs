namespace SmsContacts.Web.Features.Import;

/// <summary>
/// How many rows of the file go into the next batch, so that writing one holds the database's write lock for about
/// <see cref="ImportOptions.BatchMilliseconds"/>: a user's write that comes during an import waits for at most the batch
/// being written (SqliteUserWrites), so the batch's length is that wait. After each batch the size moves towards the size
/// that would have taken the target time, between <see cref="MinRows"/> and <see cref="ImportOptions.BatchSize"/>: a quiet
/// machine writes bigger batches, a busy one smaller ones. It goes down at once (a batch over the target made a user wait
/// longer than it should, so the next one is cut to the target) and up halfway (one fast batch on a busy machine does not
/// make the next one long). Each batch is committed with its checkpoint, whatever its size. Set by the writing thread,
/// read by the reading thread.
/// </summary>
public sealed class ImportPace
{
    /// <summary>Below this the statements of a batch cost more than its rows.</summary>
    public const int MinRows = 500;

    private readonly int _maxRows;
    private readonly double _targetMs;
    private volatile int _rows;

    public ImportPace(int maxRows, int targetMilliseconds)
    {
        _maxRows = Math.Max(1, maxRows);
        _targetMs = targetMilliseconds;
        _rows = Math.Min(_maxRows, 2_000);
    }

    /// <summary>Rows of the file the reader puts in its next batch.</summary>
    public int NextBatchRows => _rows;

    /// <summary>A batch of <paramref name="rows"/> rows of the file held the lock for <paramref name="locked"/>.</summary>
    public void Written(int rows, TimeSpan locked)
    {
        if (rows <= 0 || locked <= TimeSpan.Zero)
        {
            return;
        }

        var ideal = rows * _targetMs / Math.Max(1, locked.TotalMilliseconds);
        var next = locked.TotalMilliseconds > _targetMs ? Math.Min(ideal, _rows) : (_rows + ideal) / 2;
        _rows = (int)Math.Clamp(next, Math.Min(MinRows, _maxRows), _maxRows);
    }
}
