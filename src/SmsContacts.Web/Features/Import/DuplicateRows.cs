using System.Buffers.Binary;
using CsvHelper;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The first pass over an import file: which rows a later row with the same phone number supersedes
/// ("last row wins, the earlier counted"). Only the phone column is read; numbers are normalised on every
/// core and kept as 64-bit integers with their row number, sorted in memory, or, for files longer than
/// the in-memory limit, in sorted runs on disk that are merged, so memory stays flat whatever the file size.
/// The result is one bit per row.
/// </summary>
public sealed class DuplicateRows
{
    private const int NormalizeChunk = 16_384;

    private readonly List<ulong> _bits = [];

    private DuplicateRows()
    {
    }

    public int Count { get; private set; }

    public bool IsSuperseded(long row)
    {
        var word = (int)(row >> 6);
        return word < _bits.Count && (_bits[word] & (1UL << (int)(row & 63))) != 0;
    }

    /// <param name="afterRow">Rows up to this one were imported by an earlier run: a resumed import only looks at the rest.</param>
    public static DuplicateRows Find(string path, ImportFileFormat format, int phoneColumn, string region, long afterRow, int rowsInMemory, string spillFolder, CancellationToken ct)
    {
        var result = new DuplicateRows();
        var runs = new List<string>();
        var keys = new long[Math.Max(1, rowsInMemory)];
        var rows = new long[keys.Length];
        var filled = 0;
        var texts = new string[NormalizeChunk];
        var textRows = new long[NormalizeChunk];
        var normalized = new long[NormalizeChunk];
        var pending = 0;

        try
        {
            using (var csv = CsvReader.FromFile(path, format.ReaderOptions()))
            {
                while (csv.Read())
                {
                    if (csv.RowNumber <= afterRow)
                    {
                        continue;
                    }

                    texts[pending] = csv.GetString(phoneColumn);
                    textRows[pending++] = csv.RowNumber;
                    if (pending == NormalizeChunk)
                    {
                        Flush();
                    }
                }
            }

            Flush();
            if (runs.Count == 0)
            {
                Array.Sort(keys, rows, 0, filled);
                result.MarkEarlierDuplicates(Sorted(keys, rows, filled));
            }
            else
            {
                SpillRun();
                result.MarkEarlierDuplicates(Merge(runs));
            }
        }
        finally
        {
            foreach (var run in runs)
            {
                File.Delete(run);
            }
        }

        return result;

        void Flush()
        {
            ct.ThrowIfCancellationRequested();
            var count = pending;
            Parallel.For(0, count, i => normalized[i] = ToKey(PhoneNormalizer.Normalize(texts[i], region).E164));
            for (var i = 0; i < count; i++)
            {
                if (normalized[i] == 0)
                {
                    continue;
                }

                if (filled == keys.Length)
                {
                    SpillRun();
                }

                keys[filled] = normalized[i];
                rows[filled++] = textRows[i];
            }

            pending = 0;
        }

        void SpillRun()
        {
            Array.Sort(keys, rows, 0, filled);
            Directory.CreateDirectory(spillFolder);
            var run = Path.Combine(spillFolder, $"duplicates-{Guid.NewGuid():N}.run");
            runs.Add(run);
            using var output = new BufferedStream(File.Create(run), 1 << 16);
            Span<byte> pair = stackalloc byte[16];
            for (var i = 0; i < filled; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(pair, keys[i]);
                BinaryPrimitives.WriteInt64LittleEndian(pair[8..], rows[i]);
                output.Write(pair);
            }

            filled = 0;
        }
    }

    /// <summary>E.164 without its '+' is at most 15 digits: it fits a long. 0 means "not a valid number".</summary>
    private static long ToKey(string? e164) => e164 is null ? 0 : long.Parse(e164.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Pairs come sorted by phone; within one phone, every row but the last is superseded.</summary>
    private void MarkEarlierDuplicates(IEnumerable<(long Key, long Row)> sortedByKey)
    {
        long currentKey = 0, lastRow = 0;
        var group = new List<long>();
        foreach (var (key, row) in sortedByKey)
        {
            if (key != currentKey)
            {
                Close();
                currentKey = key;
                lastRow = row;
                continue;
            }

            group.Add(Math.Min(row, lastRow));
            lastRow = Math.Max(row, lastRow);
        }

        Close();

        void Close()
        {
            foreach (var superseded in group)
            {
                Mark(superseded);
            }

            group.Clear();
        }
    }

    private void Mark(long row)
    {
        var word = (int)(row >> 6);
        while (_bits.Count <= word)
        {
            _bits.Add(0);
        }

        _bits[word] |= 1UL << (int)(row & 63);
        Count++;
    }

    private static IEnumerable<(long Key, long Row)> Sorted(long[] keys, long[] rows, int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return (keys[i], rows[i]);
        }
    }

    private static IEnumerable<(long Key, long Row)> Merge(List<string> runs)
    {
        var readers = runs.Select(r => new BinaryReader(new BufferedStream(File.OpenRead(r), 1 << 16))).ToList();
        try
        {
            var queue = new PriorityQueue<int, (long Key, long Row)>();
            var heads = new (long Key, long Row)[readers.Count];
            for (var i = 0; i < readers.Count; i++)
            {
                if (TryRead(readers[i], out heads[i]))
                {
                    queue.Enqueue(i, heads[i]);
                }
            }

            while (queue.TryDequeue(out var run, out var pair))
            {
                yield return pair;
                if (TryRead(readers[run], out heads[run]))
                {
                    queue.Enqueue(run, heads[run]);
                }
            }
        }
        finally
        {
            foreach (var reader in readers)
            {
                reader.Dispose();
            }
        }
    }

    private static bool TryRead(BinaryReader reader, out (long Key, long Row) pair)
    {
        if (reader.BaseStream.Position >= reader.BaseStream.Length)
        {
            pair = default;
            return false;
        }

        pair = (reader.ReadInt64(), reader.ReadInt64());
        return true;
    }
}
