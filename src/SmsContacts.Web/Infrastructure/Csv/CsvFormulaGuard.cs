using System.Numerics;

namespace SmsContacts.Web.Infrastructure.Csv;

/// <summary>
/// Spreadsheet formula injection (OWASP "CSV injection"): a cell that starts with <c>=</c>, <c>+</c>,
/// <c>-</c>, <c>@</c>, tab or carriage return may run as a formula when the file is opened in Excel,
/// LibreOffice or Google Sheets. Every cell we export goes through <see cref="Neutralize"/>, which puts
/// an apostrophe in front of such a cell (spreadsheets show it as text).
///
/// Two decisions keep our own files importable without loss:
/// <list type="bullet">
/// <item>A cell that is only a signed number (<c>+15551234567</c>, <c>-12.5</c>) is left as it is. A
/// number cannot call a function or reference another cell, so it is not a formula; this is what lets
/// E.164 phone numbers (<c>+1...</c>) and negative custom-field numbers leave and come back unchanged.</item>
/// <item>The guard is exactly reversible: <see cref="Restore"/> undoes <see cref="Neutralize"/> for every
/// string, so an importer that calls it on each cell reads back the very values we exported. To make that
/// hold, a value that already starts with apostrophes before a trigger character (<c>'=x</c>) gets one
/// more, and <see cref="Restore"/> strips exactly one, and only in front of such a value, so an ordinary
/// <c>'Tis</c> typed by a person is never touched.</item>
/// </list>
/// </summary>
public static class CsvFormulaGuard
{
    public const char Escape = '\'';

    public static string Neutralize(string value) => NeedsGuard(value) ? Escape + value : value;

    /// <summary>The inverse of <see cref="Neutralize"/>: drops the one apostrophe it added, and nothing else.</summary>
    public static string Restore(string value) =>
        value.Length > 1 && value[0] == Escape && NeedsGuard(value.AsSpan(1)) ? value[1..] : value;

    /// <summary>True for a value a spreadsheet could read as a formula (after any leading apostrophes).</summary>
    public static bool NeedsGuard(ReadOnlySpan<char> value) => NeedsGuardCore(value);

    /// <summary>The same test on UTF-8 text; every character it looks at is ASCII.</summary>
    public static bool NeedsGuard(ReadOnlySpan<byte> utf8) => NeedsGuardCore(utf8);

    private static bool NeedsGuardCore<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        var escape = T.CreateTruncating(Escape);
        var start = 0;
        while (start < value.Length && value[start] == escape)
        {
            start++;
        }

        if (start == value.Length || !IsTrigger(AsChar(value[start])))
        {
            return false;
        }

        return start > 0 || !IsPlainNumber(value);
    }

    private static char AsChar<T>(T value)
        where T : unmanaged, IBinaryInteger<T> => (char)ushort.CreateTruncating(value);

    private static bool IsTrigger(char c) => c is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>An optional sign, digits, and at most one decimal point followed by digits.</summary>
    private static bool IsPlainNumber<T>(ReadOnlySpan<T> value)
        where T : unmanaged, IBinaryInteger<T>
    {
        static bool IsDigit(T c) => char.IsAsciiDigit(AsChar(c));

        var i = value.Length > 0 && AsChar(value[0]) is '+' or '-' ? 1 : 0;
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

        if (AsChar(value[i]) != '.')
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
