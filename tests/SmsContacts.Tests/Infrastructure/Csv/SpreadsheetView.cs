using System.Globalization;
using System.Text.RegularExpressions;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Infrastructure.Csv;

/// <summary>
/// How a spreadsheet may see one cell of a CSV file we wrote: the whole cell, or the pieces of it between
/// any one kind of separator (<c>, ; tab | CR LF</c>: a file opened with another separator, or a person's
/// Text to Columns), each trimmed of blanks (white space, controls, zero-width and other format characters),
/// and a piece after a separator also of double quotes (a quoted value's quote). None may start with a
/// formula trigger (<c>= + - @</c> and their full-width forms) unless it is a plain number, and the cell
/// itself never starts with a tab, CR, LF or NUL (OWASP's and ASVS's lists).
/// </summary>
public static partial class SpreadsheetView
{
    private const string Triggers = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    /// <summary>Null when no view of the cell starts a formula; otherwise which piece does, in words.</summary>
    public static string? FormulaPiece(string cell)
    {
        if (cell.Length > 0 && cell[0] is '\t' or '\r' or '\n' or '\0')
        {
            return $"the cell {Show(cell)} starts with a control character";
        }

        var pieces = CsvFormulaGuard.Separators.SelectMany(s => cell.Split(s).Skip(1)).Select(p => (Piece: p, Inner: true)).Prepend((cell, false));
        foreach (var (piece, inner) in pieces)
        {
            var trimmed = Trim(piece, inner);
            if (trimmed.Length > 0 && Triggers.Contains(trimmed[0]) && !PlainNumber().IsMatch(trimmed))
            {
                return $"its piece {Show(piece)} starts a formula";
            }
        }

        return null;
    }

    /// <summary>Fails with the cell and the piece when a view of the cell starts a formula.</summary>
    public static void AssertNoFormula(string cell, string where)
    {
        if (FormulaPiece(cell) is { } problem)
        {
            Assert.Fail($"{where}: {Show(cell)}: {problem}");
        }
    }

    /// <summary>The value with invisible and non-ASCII characters spelled out, for failure messages.</summary>
    public static string Show(string value) =>
        "\"" + string.Concat(value.Select(c => c is < ' ' or > '~' ? $"\\u{(int)c:X4}" : c.ToString())) + "\"";

    private static string Trim(string piece, bool quotesToo)
    {
        var start = 0;
        while (start < piece.Length && (char.IsWhiteSpace(piece[start]) || char.IsControl(piece[start])
            || CharUnicodeInfo.GetUnicodeCategory(piece[start]) == UnicodeCategory.Format || (quotesToo && piece[start] == '"')))
        {
            start++;
        }

        return piece[start..];
    }

    [GeneratedRegex(@"^[+-]?[0-9]+(\.[0-9]+)?$")]
    private static partial Regex PlainNumber();
}
