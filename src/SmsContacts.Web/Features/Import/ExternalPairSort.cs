using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// Sorts (key, row) pairs of longs by key with memory that stays flat whatever their number: up to
/// <c>rowsInMemory</c> pairs are kept in native memory (grown by doubling from 65,536); past that, each full buffer is
/// sorted and written to <c>workFolder</c> as a run (16 bytes a pair, little-endian), and the runs are merged. Pairs of one
/// key come out together, their rows in no promised order (the in-memory sort is not stable). Dispose frees the memory
/// and deletes the runs.
///
/// Native memory rather than arrays: a few dozen MB freed as soon as the sort is done, instead of waiting on the
/// large-object heap for the next full garbage collection. This class is the import's one piece of unsafe code.
/// </summary>
public sealed unsafe class ExternalPairSort : IDisposable
{
    private const int FirstSize = 1 << 16;
    private readonly int _capacity;
    private readonly string _workFolder;
    private readonly List<string> _runs = [];
    private long* _keys;
    private long* _rows;
    private int _size;
    private int _filled;

    /// <param name="rowsInMemory">Pairs kept in memory before a run is written to disk (at least 1).</param>
    /// <param name="workFolder">Where the runs go; an existing folder.</param>
    public ExternalPairSort(int rowsInMemory, string workFolder)
    {
        _capacity = Math.Max(1, rowsInMemory);
        _workFolder = workFolder;
        _size = Math.Min(_capacity, FirstSize);
        _keys = (long*)NativeMemory.Alloc((nuint)_size, sizeof(long));
        _rows = (long*)NativeMemory.Alloc((nuint)_size, sizeof(long));
    }

    /// <summary>Runs written to disk so far.</summary>
    public int Runs => _runs.Count;

    public void Add(long key, long row)
    {
        if (_filled == _size)
        {
            if (_size < _capacity)
            {
                _size = (int)Math.Min(_capacity, _size * 2L);
                _keys = (long*)NativeMemory.Realloc(_keys, (nuint)_size * sizeof(long));
                _rows = (long*)NativeMemory.Realloc(_rows, (nuint)_size * sizeof(long));
            }
            else
            {
                Spill();
            }
        }

        _keys[_filled] = key;
        _rows[_filled++] = row;
    }

    /// <summary>Every pair added, by key, to <paramref name="visit"/>. Call once, after the last <see cref="Add"/>.</summary>
    public void Sorted(Action<long, long> visit)
    {
        if (_runs.Count == 0)
        {
            var keys = new Span<long>(_keys, _filled);
            var rows = new Span<long>(_rows, _filled);
            keys.Sort(rows);
            for (var i = 0; i < _filled; i++)
            {
                visit(keys[i], rows[i]);
            }

            return;
        }

        Spill();
        FreeMemory();
        foreach (var (key, row) in Merge(_runs))
        {
            visit(key, row);
        }
    }

    public void Dispose()
    {
        FreeMemory();
        foreach (var run in _runs)
        {
            File.Delete(run);
        }

        _runs.Clear();
    }

    private void Spill()
    {
        var keys = new Span<long>(_keys, _filled);
        var rows = new Span<long>(_rows, _filled);
        keys.Sort(rows);
        var run = Path.Combine(_workFolder, $"duplicates-{Guid.NewGuid():N}.run");
        _runs.Add(run);
        using var output = new BufferedStream(File.Create(run), 1 << 16);
        Span<byte> pair = stackalloc byte[16];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(pair, keys[i]);
            BinaryPrimitives.WriteInt64LittleEndian(pair[8..], rows[i]);
            output.Write(pair);
        }

        _filled = 0;
    }

    private void FreeMemory()
    {
        NativeMemory.Free(_keys);
        NativeMemory.Free(_rows);
        _keys = _rows = null;
        _filled = _size = 0;
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
