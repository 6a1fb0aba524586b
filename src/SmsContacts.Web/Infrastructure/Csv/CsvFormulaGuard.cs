using System.Buffers;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace SmsContacts.Web.Infrastructure.Csv;

/// <summary>
/// Spreadsheet formula injection (OWASP "CSV injection", CWE-1236, ASVS 5.0 1.2.10): a cell that starts
/// with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> may run as a formula when the file is opened in Excel,
/// LibreOffice or Google Sheets. Every cell we write goes through <see cref="Neutralize(string)"/>, which
/// puts an apostrophe (spreadsheets show what follows as text) at the start of every place where some
/// spreadsheet could see a cell begin with a formula:
/// <list type="bullet">
/// <item>the start of the cell, also behind leading blanks (spaces, no-break spaces, tabs, line breaks,
/// zero-width and other invisible characters), which some programs trim: <c> =1+1</c> becomes <c>' =1+1</c>;</item>
/// <item>the place right after each <see cref="Separators">separator</see> inside the cell (<c>,</c>
/// <c>;</c> tab <c>|</c> CR LF), also behind blanks and double quotes. OWASP warns that a separator
/// or a quote inside a value can start a new cell: a file we write with commas, opened by a
/// spreadsheet set to split on semicolons (Excel in much of Europe), turns <c>a;=1+1</c> into the cells
/// <c>a</c> and <c>=1+1</c>, and <c>a;"=1+1</c> into a quoted empty value followed by <c>=1+1</c>. So
/// <c>a;=1+1</c> is written <c>a;'=1+1</c>, and every piece of the cell, whichever of these characters
/// it is split on and whether or not it is trimmed, starts with something other than a formula. (At the
/// start of the cell a quote is content: the file's own quoting keeps it, so <c>"=x"</c> needs nothing.)</item>
/// <item>a cell that starts with a tab, CR, LF or NUL (after any apostrophes), which OWASP and ASVS
/// list as triggers in their own right.</item>
/// </list>
/// The triggers are the ASCII <c>= + - @</c> and their full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20).
///
/// Two decisions keep our own files importable without loss:
/// <list type="bullet">
/// <item>A cell whose rest, from a place above to the end of the cell, is only a signed number
/// (<c>+15551234567</c>, <c>-12.5</c>, or the <c>-5</c> of <c>x;-5</c>) is left as it is. A number cannot
/// call a function or reference another cell, so it is not a formula; this is what lets E.164 phone numbers
/// and negative custom-field numbers leave and come back unchanged.</item>
/// <item>The guard is exactly reversible: <see cref="Restore"/> undoes <see cref="Neutralize(string)"/>
/// for every string, so an importer that calls it on each cell reads back the very values we exported.
/// At each place it looks past apostrophes as well as blanks, so a value that already has apostrophes
/// there (<c>'=x</c>, <c>a;'=x</c>) gets one more, and <see cref="Restore"/> removes exactly one, and only
/// at such a place in front of such a value: an ordinary <c>'Tis</c> or <c>O'Brien</c> is never touched.
/// Apostrophes are neither blanks nor separators, so adding one never moves a place or changes the
/// verdict at another place; that is why the two functions are inverses (a property test checks it).</item>
/// </list>
/// </summary>
public static class CsvFormulaGuard
{
    public const char Escape = '\'';

    /// <summary>Characters after which a spreadsheet (or a person re-splitting the file) may start a new cell.</summary>
    public const string Separators = ",;\t|\r\n";

    private static readonly SearchValues<char> SeparatorChars = SearchValues.Create(Separators);
    private static readonly SearchValues<byte> SeparatorBytes = SearchValues.Create(Encoding.ASCII.GetBytes(Separators));

    /// <summary>The value with an apostrophe at every place a spreadsheet could read as the start of a formula.</summary>
    public static string Neutralize(string value)
    {
        if (!NeedsGuard(value.AsSpan()))
        {
            return value;
        }

        var guarded = new StringBuilder(value.Length + 4);
        var copied = 0;
        foreach (var place in Places(value.AsSpan()))
        {
            if (GuardsAt(value.AsSpan(), place, place == 0))
            {
                guarded.Append(value, copied, place - copied).Append(Escape);
                copied = place;
            }
        }

        return guarded.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>The inverse of <see cref="Neutralize(string)"/>: drops each apostrophe it added, and nothing else.</summary>
    public static string Restore(string value)
    {
        if (!value.Contains(Escape))
        {
            return value;
        }

        StringBuilder? restored = null;
        var copied = 0;
        foreach (var place in Places(value.AsSpan()))
        {
            if (place < value.Length && value[place] == Escape && GuardsAt(value.AsSpan(), place + 1, place == 0))
            {
                restored ??= new StringBuilder(value.Length);
                restored.Append(value, copied, place - copied);
                copied = place + 1;
            }
        }

        return restored is null ? value : restored.Append(value, copied, value.Length - copied).ToString();
    }

    /// <summary>True for a value that <see cref="Neutralize(string)"/> changes.</summary>
    public static bool NeedsGuard(ReadOnlySpan<char> value) => NeedsGuardCore(value, SeparatorChars);

    /// <summary>The same test on UTF-8 text (the export writes cells without making strings of them).</summary>
    public static bool NeedsGuard(ReadOnlySpan<byte> utf8) => NeedsGuardCore(utf8, SeparatorBytes);

    /// <summary>Room that <see cref="Neutralize(ReadOnlySpan{byte}, Span{byte})"/> may need for a value of this many bytes.</summary>
    public static int MaxGuardedLength(int length) => (2 * length) + 1;

    /// <summary>
    /// <see cref="Neutralize(string)"/> on UTF-8 text: writes the guarded bytes to <paramref name="destination"/>
    /// (at least <see cref="MaxGuardedLength"/> long) and returns how many it wrote.
    /// </summary>
    public static int Neutralize(ReadOnlySpan<byte> utf8, Span<byte> destination)
    {
        var written = 0;
        var copied = 0;
        var from = 0;
        var place = 0;
        while (true)
        {
            if (GuardsAt(utf8, place, place == 0))
            {
                utf8[copied..place].CopyTo(destination[written..]);
                written += place - copied;
                destination[written++] = (byte)Escape;
                copied = place;
            }

            var next = utf8[from..].IndexOfAny(SeparatorBytes);
            if (next < 0)
            {
                break;
            }

            place = from + next + 1;
            from = place;
        }

        utf8[copied..].CopyTo(destination[written..]);
        return written + utf8.Length - copied;
    }

    private static bool NeedsGuardCore<T>(ReadOnlySpan<T> value, SearchValues<T> separators)
        where T : unmanaged, IBinaryInteger<T>
    {
        if (value.IsEmpty)
        {
            return false;
        }

        if (GuardsAt(value, 0, cellStart: true))
        {
            return true;
        }

        var from = 0;
        while (true)
        {
            var next = value[from..].IndexOfAny(separators);
            if (next < 0)
            {
                return false;
            }

            from += next + 1;
            if (GuardsAt(value, from, cellStart: false))
            {
                return true;
            }
        }
    }

    /// <summary>The places a cell can start at: its own start, and right after each separator in it.</summary>
    private static List<int> Places(ReadOnlySpan<char> value)
    {
        var places = new List<int> { 0 };
        var from = 0;
        int next;
        while ((next = value[from..].IndexOfAny(SeparatorChars)) >= 0)
        {
            from += next + 1;
            places.Add(from);
        }

        return places;
    }

    /// <summary>
    /// Whether a cell read from <paramref name="place"/> could be taken for a formula: past apostrophes and
    /// blanks (and, inside the cell, double quotes) comes a trigger, unless the rest of the value from there is a
    /// plain signed number (with nothing skipped in front of it). At the start of the cell, a tab, CR, LF or NUL
    /// first (past apostrophes) counts too.
    /// </summary>
    private static bool GuardsAt<T>(ReadOnlySpan<T> value, int place, bool cellStart)
        where T : unmanaged, IBinaryInteger<T>
    {
        var i = place;
        var skipped = false;
        var first = true;
        while (i < value.Length)
        {
            var c = Read(value, i, out var width);
            if (c == Escape)
            {
                skipped = true;
                i += width;
                continue;
            }

            if (first && cellStart && c is '\t' or '\r' or '\n' or '\0')
            {
                return true;
            }

            first = false;
            if (IsBlank(c) || (c == '"' && !cellStart))
            {
                skipped = true;
                i += width;
                continue;
            }

            return IsTrigger(c) && (skipped || !IsPlainNumber(value[place..]));
        }

        return false;
    }

    /// <summary>The code point at <paramref name="index"/> (a UTF-16 unit for text; decoded for UTF-8).</summary>
    private static int Read<T>(ReadOnlySpan<T> value, int index, out int width)
        where T : unmanaged, IBinaryInteger<T>
    {
        var unit = int.CreateTruncating(value[index]);
        width = 1;
        if (typeof(T) != typeof(byte) || unit < 0x80)
        {
            return unit;
        }

        var bytes = System.Runtime.InteropServices.MemoryMarshal.Cast<T, byte>(value[index..]);
        Rune.DecodeFromUtf8(bytes, out var rune, out width);
        return rune.Value;
    }

    /// <summary>What a spreadsheet or a person might not see, or might trim: spaces, line breaks, controls, zero-width and other format characters.</summary>
    private static bool IsBlank(int c)
    {
        if (c < 0x80)
        {
            return c <= 0x20 || c == 0x7F;
        }

        return c <= 0xFFFF && CharUnicodeInfo.GetUnicodeCategory((char)c) is UnicodeCategory.SpaceSeparator
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.Control or UnicodeCategory.Format;
    }

    private static bool IsTrigger(int c) => c is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';

    /// <summary>An optional ASCII sign, digits, and at most one decimal point followed by digits.</summary>
    private static bool IsPlainNumber<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        static bool IsDigit(T c) => int.CreateTruncating(c) is >= '0' and <= '9';

        var i = value.Length > 0 && int.CreateTruncating(value[0]) is '+' or '-' ? 1 : 0;
        var digitsBefore = 0;
        while (i < value.Length && IsDigit(value[i]))
        {
            i++;
            digitsBefore++;
        }

        if (digitsBefore == 0)
        {
            return false;
        }

        if (i == value.Length)
        {
            return true;
        }

        if (int.CreateTruncating(value[i]) != '.')
        {
            return false;
        }

        i++;
        var digitsAfter = 0;
        while (i < value.Length && IsDigit(value[i]))
        {
            i++;
            digitsAfter++;
        }

        return digitsAfter > 0 && i == value.Length;
    }
}
