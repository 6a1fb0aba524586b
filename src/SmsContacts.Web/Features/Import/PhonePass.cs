using System.Buffers.Binary;
using CsvHelper;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The first pass over an import file reads only the phone column. Numbers are normalised once, on every
/// core, and written in row order to a side file of 64-bit integers that the second pass reads instead of
/// normalising again. The pass also finds the rows that a later row with the same number supersedes ("last
/// row wins, the earlier counted"): (number, row) pairs are sorted in memory, or, for files longer than the
/// in-memory limit, in sorted runs on disk that are merged, so memory stays flat whatever the file size.
/// The result is one bit per row plus the side file.
/// </summary>
public sealed class PhonePass : IDisposable
{
    private const int NormalizeChunk = 16_384;

    private readonly List<ulong> _superseded = [];

    private PhonePass(string phonesFile) => PhonesFile = phonesFile;

    /// <summary>One little-endian long per row read (after the resume point): the number without its '+', 0 when invalid.</summary>
    public string PhonesFile { get; }

    public int Duplicates { get; private set; }

    public bool IsSuperseded(long row)
    {
        var word = (int)(row >> 6);
        return word < _superseded.Count && (_superseded[word] & (1UL << (int)(row & 63))) != 0;
    }

    public void Dispose() => File.Delete(PhonesFile);

    /// <summary>E.164 without its '+' is at most 15 digits: it fits a long. 0 means "not a valid number".</summary>
    public static long ToKey(string? e164) => e164 is null ? 0 : long.Parse(e164.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    public static string ToE164(long key) => "+" + key.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <param name="afterRow">Rows up to this one were imported by an earlier run: a resumed import only looks at the rest.</param>
    public static PhonePass Run(string path, ImportFileFormat format, int phoneColumn, string region, long afterRow, int rowsInMemory, string workFolder, CancellationToken ct)
    {
        var pass = new PhonePass(Path.Combine(workFolder, $"phones-{Guid.NewGuid():N}.bin"));
        var runs = new List<string>();
        var capacity = Math.Max(1, rowsInMemory);
        var keys = new long[Math.Min(capacity, 1 << 16)];
        var rows = new long[keys.Length];
        var filled = 0;
        var texts = new string[NormalizeChunk];
        var textRows = new long[NormalizeChunk];
        var normalized = new long[NormalizeChunk];
        var pending = 0;
        Span<byte> eight = stackalloc byte[8];

        try
        {
            using (var phones = new BufferedStream(File.Create(pass.PhonesFile), 1 << 16))
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
                            Flush(phones, eight);
                        }
                    }
                }

                Flush(phones, eight);
            }

            if (runs.Count == 0)
            {
                Array.Sort(keys, rows, 0, filled);
                pass.MarkEarlierDuplicates(Sorted(keys, rows, filled));
            }
            else
            {
                SpillRun();
                pass.MarkEarlierDuplicates(Merge(runs));
            }
        }
        catch
        {
            pass.Dispose();
            throw;
        }
        finally
        {
            foreach (var run in runs)
            {
                File.Delete(run);
            }
        }

        return pass;

        void Flush(Stream phones, Span<byte> buffer)
        {
            ct.ThrowIfCancellationRequested();
            var count = pending;
            Parallel.For(0, count, i => normalized[i] = ToKey(PhoneNormalizer.Normalize(texts[i], region).E164));
            for (var i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(buffer, normalized[i]);
                phones.Write(buffer);
                if (normalized[i] == 0)
                {
                    continue;
                }

                if (filled == keys.Length)
                {
                    if (keys.Length < capacity)
                    {
                        Array.Resize(ref keys, (int)Math.Min(capacity, keys.Length * 2L));
                        Array.Resize(ref rows, keys.Length);
                    }
                    else
                    {
                        SpillRun();
                    }
                }

                keys[filled] = normalized[i];
                rows[filled++] = textRows[i];
            }

            pending = 0;
        }

        void SpillRun()
        {
            Array.Sort(keys, rows, 0, filled);
            var run = Path.Combine(workFolder, $"duplicates-{Guid.NewGuid():N}.run");
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

    /// <summary>Pairs come sorted by number; within one number, every row but the last is superseded.</summary>
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
        while (_superseded.Count <= word)
        {
            _superseded.Add(0);
        }

        _superseded[word] |= 1UL << (int)(row & 63);
        Duplicates++;
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
            for (var i = 0; i < readers.Count; i++)
            {
                if (TryRead(readers[i], out var head))
                {
                    queue.Enqueue(i, head);
                }
            }

            while (queue.TryDequeue(out var run, out var pair))
            {
                yield return pair;
                if (TryRead(readers[run], out var next))
                {
                    queue.Enqueue(run, next);
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
