using PhoneNumbers;
using SmsContacts.Web.Data.BulkImport;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The first pass over an import file: which rows a later row with the same number supersedes ("the last valid row
/// wins, the earlier ones are counted as duplicates"). Only rows the second pass will import take part: a row that
/// <see cref="ImportRowRules"/> rejects (a stray-quote line, a missing mapped cell, a cell that cannot be stored) never
/// supersedes anything, so a bad row late in the file cannot make an earlier good row of its number disappear. Each
/// number gets a key, the digits of its E.164 form; the (key, row) pairs are sorted by <see cref="ExternalPairSort"/>, so
/// memory stays flat whatever the file size. The result is one bit per row.
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
    /// <param name="rowsInMemory">Numbers sorted in memory; a longer file is sorted in runs on disk, in <paramref name="workFolder"/>.</param>
    public static PhonePass Run(ImportPlan plan, int rowsInMemory, string workFolder, CancellationToken ct)
    {
        using var pairs = new ExternalPairSort(rowsInMemory, workFolder);
        AddKeys(plan, pairs, ct);
        var pass = new PhonePass();
        pairs.Sorted(pass.Next);
        pass.Next(0, 0);
        return pass;
    }

    /// <summary>The (key, row) of every row after the checkpoint that the second pass will import.</summary>
    private static void AddKeys(ImportPlan plan, ExternalPairSort pairs, CancellationToken ct)
    {
        var region = plan.Region;
        var northAmerican = IsNorthAmerican(region);
        using var records = ImportCsv.Open(plan.Path, ImportFileFormat.Of(plan.Settings));
        var csv = records.Csv;
        var rules = ImportRowRules.For(plan, records);
        var values = new string?[plan.Columns.Count];
        var added = 0;
        while (records.Read())
        {
            // A row the second pass rejects is no one's duplicate and makes no one a duplicate.
            if (csv.RowNumber <= plan.AfterRow || records.UnclosedQuote is not null || rules.CheckShape(csv, out _) is not null)
            {
                continue;
            }

            if ((added & 0xFFFF) == 0)
            {
                ct.ThrowIfCancellationRequested();
            }

            var key = KeyOf(rules.PhoneText(records), region, northAmerican);
            if (key == 0 || rules.ParseCells(csv, values) is not null)
            {
                continue;
            }

            pairs.Add(key, csv.RowNumber);
            added++;
        }
    }

    /// <summary>
    /// Takes the pairs sorted by key (then a final (0, 0)); within one key, every row but the last is
    /// superseded. The rows of a key come in no promised order (<see cref="ExternalPairSort"/>), hence the min and max.
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
}
