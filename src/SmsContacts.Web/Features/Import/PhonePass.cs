using System.Buffers.Binary;
using System.Runtime.InteropServices;
using PhoneNumbers;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The first pass over an import file: which rows a later row with the same number supersedes ("the last valid row
/// wins, the earlier ones are counted as duplicates"). Only rows the second pass will import take part: a row that
/// <see cref="ImportRowRules"/> rejects (a stray-quote line, a missing mapped cell, a cell that cannot be stored) never
/// supersedes anything, so a bad row late in the file cannot make an earlier good row of its number disappear. Each
/// number gets a key, the digits of its E.164 form; (key, row) pairs are sorted in memory, or, for files longer than the
/// in-memory limit, in sorted runs on disk that are merged, so memory stays flat whatever the file size. The result is
/// one bit per row.
///
/// This pass runs before anything can be written, so it avoids libphonenumber where it safely can: see <see cref="KeyOf"/>.
/// The second pass normalises every number properly. Whether a number is valid depends on the number only, so every row
/// that shares a key is valid in the second pass, or none is, and then none of them is imported anyway.
/// </summary>
public sealed class PhonePass
{
    private readonly List<ulong> _superseded = [];
    // No key yet: keys are positive, and 0 ends the last group (a file without one valid row has nothing before it).
    private long _groupKey = -1;
    private long _groupLastRow;

    private PhonePass()
    {
    }

    public int Duplicates { get; private set; }

    public bool IsSuperseded(long row)
    {
        var word = (int)(row >> 6);
        return word < _superseded.Count && (_superseded[word] & (1UL << (int)(row & 63))) != 0;
    }

    /// <summary>E.164 without its '+' is at most 15 digits: it fits a long. 0 means "not a valid number".</summary>
    public static long ToKey(string? e164) => e164 is null ? 0 : long.Parse(e164.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The number's key. Where the sender code's country calls +1 (US, Canada...), a number written only with
    /// digits, spaces, dots, dashes and brackets, as 10 digits (the first 2-9) or 11 digits starting 1 (or +1),
    /// is "+1" and those 10 digits in E.164: its key is taken from the digits directly. Everything else goes
    /// through <see cref="PhoneNormalizer"/>, 0 when invalid. Two spellings of one valid number always get the
    /// same key; a fast key for an invalid number does no harm, since such rows are rejected as invalid first.
    /// </summary>
    public static long KeyOf(ReadOnlySpan<char> text, string region, bool northAmerican)
    {
        if (northAmerican && TryNorthAmericanKey(text, out var key))
        {
            return key;
        }

        return ToKey(PhoneNormalizer.Normalize(text.ToString(), region).E164);
    }

    public static bool IsNorthAmerican(string region) => PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(region) == 1;

    private static bool TryNorthAmericanKey(ReadOnlySpan<char> text, out long key)
    {
        key = 0;
        var digits = 0;
        var plus = false;
        long value = 0;
        foreach (var c in text.Trim())
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 11)
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }
            else if (c == '+' && digits == 0 && !plus)
            {
                plus = true;
            }
            else if (c is not (' ' or '.' or '-' or '(' or ')'))
            {
                return false;
            }
        }

        var national = digits switch
        {
            10 when !plus => value,
            11 when value / 10_000_000_000 == 1 => value - 10_000_000_000,
            _ => -1,
        };
        if (national < 2_000_000_000)
        {
            return false;
        }

        key = 10_000_000_000 + national;
        return true;
    }

    /// <summary>Reads the file as <paramref name="plan"/> says, after its checkpoint (rows before it were written by an earlier run).</summary>
    public static unsafe PhonePass Run(ImportReadPlan plan, int rowsInMemory, string workFolder, CancellationToken ct)
    {
        var pass = new PhonePass();
        var region = plan.Region;
        var northAmerican = IsNorthAmerican(region);
        var runs = new List<string>();
        var capacity = Math.Max(1, rowsInMemory);

        // Native memory, freed as soon as the pass is done: a few dozen MB that would otherwise wait on the
        // large-object heap for the next full garbage collection.
        var size = Math.Min(capacity, 1 << 16);
        var keys = (long*)NativeMemory.Alloc((nuint)size, sizeof(long));
        var rows = (long*)NativeMemory.Alloc((nuint)size, sizeof(long));
        var filled = 0;
        try
        {
            using (var records = ImportCsv.Open(plan.Path, plan.Format))
            {
                var csv = records.Csv;
                var rules = ImportRowRules.For(plan, records);
                var values = new string?[plan.Columns.Count];
                while (records.Read())
                {
                    // A row the second pass rejects is no one's duplicate and makes no one a duplicate.
                    if (csv.RowNumber <= plan.AfterRow || records.UnclosedQuote is not null || rules.CheckShape(csv, out _) is not null)
                    {
                        continue;
                    }

                    if ((filled & 0xFFFF) == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                    }

                    var key = KeyOf(rules.PhoneText(records), region, northAmerican);
                    if (key == 0 || rules.ParseCells(csv, values) is not null)
                    {
                        continue;
                    }

                    if (filled == size)
                    {
                        if (size < capacity)
                        {
                            size = (int)Math.Min(capacity, size * 2L);
                            keys = (long*)NativeMemory.Realloc(keys, (nuint)size * sizeof(long));
                            rows = (long*)NativeMemory.Realloc(rows, (nuint)size * sizeof(long));
                        }
                        else
                        {
                            runs.Add(SpillRun(new Span<long>(keys, filled), new Span<long>(rows, filled), workFolder));
                            filled = 0;
                        }
                    }

                    keys[filled] = key;
                    rows[filled++] = csv.RowNumber;
                }
            }

            var lastKeys = new Span<long>(keys, filled);
            var lastRows = new Span<long>(rows, filled);
            if (runs.Count == 0)
            {
                lastKeys.Sort(lastRows);
                for (var i = 0; i < filled; i++)
                {
                    pass.Next(lastKeys[i], lastRows[i]);
                }
            }
            else
            {
                runs.Add(SpillRun(lastKeys, lastRows, workFolder));
                NativeMemory.Free(keys);
                NativeMemory.Free(rows);
                keys = rows = null;
                foreach (var (key, row) in Merge(runs))
                {
                    pass.Next(key, row);
                }
            }

            pass.Next(0, 0);
        }
        finally
        {
            NativeMemory.Free(keys);
            NativeMemory.Free(rows);
            foreach (var run in runs)
            {
                File.Delete(run);
            }
        }

        return pass;
    }

    private static string SpillRun(Span<long> keys, Span<long> rows, string workFolder)
    {
        keys.Sort(rows);
        var run = Path.Combine(workFolder, $"duplicates-{Guid.NewGuid():N}.run");
        using var output = new BufferedStream(File.Create(run), 1 << 16);
        Span<byte> pair = stackalloc byte[16];
        for (var i = 0; i < keys.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(pair, keys[i]);
            BinaryPrimitives.WriteInt64LittleEndian(pair[8..], rows[i]);
            output.Write(pair);
        }

        return run;
    }

    /// <summary>
    /// Takes the pairs sorted by key (then a final (0, 0)); within one key, every row but the last is
    /// superseded. Runs on disk come out sorted by row within a key; in-memory sorting does not promise that.
    /// </summary>
    private void Next(long key, long row)
    {
        if (key == _groupKey)
        {
            Mark(Math.Min(row, _groupLastRow));
            _groupLastRow = Math.Max(row, _groupLastRow);
            return;
        }

        _groupKey = key;
        _groupLastRow = row;
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
