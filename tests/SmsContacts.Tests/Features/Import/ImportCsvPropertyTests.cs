using System.Text;
using CsCheck;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Features.Import;

/// <summary>
/// Every line accounted for, on files nobody would write on purpose: random lines of cells, quotes in every place
/// (opening, closing, doubled, stray, never closed), blank lines, and CR, LF and CR LF line ends. Read through
/// <see cref="ImportCsv"/>, every line of the file is a line of a record, the header or blank; a record that spans
/// lines never takes in a line that looks like a record of its own; and reading never fails.
/// </summary>
public sealed class ImportCsvPropertyTests
{
    private static readonly Gen<string> Cell = Gen.OneOf(
        Gen.OneOf("4155550100", "Ann", "O'Neil", "x y", "", " ", "\"", "\"\"", "\"a,b\"", "\"open", "close\"", "\"multi\nline\"", "5'9\" tall", "\"a\"b", "'q'"),
        Gen.Char["ab1 \"',"].Array[0, 6].Select(c => new string(c)));

    private static readonly Gen<string> Line = Gen.OneOf(
        Cell.Array[1, 5].Select(cells => string.Join(',', cells)),
        Gen.OneOf("", "  ", ",,", "4155550101,Bob,Lee"));

    private static readonly Gen<(string Text, bool Header, TextQualifier Qualifier)> Files =
        from lines in Line.Array[1, 30]
        from ends in Gen.OneOf("\n", "\r\n", "\r").Array[30, 30]
        from lastEnd in Gen.Bool
        from header in Gen.Bool
        from qualifier in Gen.OneOf(TextQualifier.DoubleQuotes, TextQualifier.SingleQuotes, TextQualifier.None)
        select (Join(header ? ["Phone,First,Last", .. lines] : lines, ends, lastEnd), header, qualifier);

    private static string Join(string[] lines, string[] ends, bool lastEnd)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            text.Append(lines[i]);
            if (i < lines.Length - 1 || lastEnd)
            {
                text.Append(ends[i % ends.Length]);
            }
        }

        return text.ToString();
    }

    private static int LineBreaks(string text)
    {
        var count = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }

    private static int Lines(string text) => text.Length == 0 ? 0 : LineBreaks(text) + (text[^1] is '\n' or '\r' ? 0 : 1);

    [Fact]
    public void EveryLine_IsARecordsLine_TheHeader_OrBlank()
    {
        Files.Sample(
            file =>
            {
                var format = new ImportFileFormat(ImportEncodings.Utf8, ',', file.Qualifier, file.Header);
                using var stream = new MemoryStream(Encoding.UTF8.GetBytes(file.Text));
                using var records = ImportCsv.Open(stream, format);
                var recordLines = 0;
                while (records.Read())
                {
                    var raw = Encoding.UTF8.GetString(records.Csv.RawRecord);
                    var span = LineBreaks(raw) + 1;
                    recordLines += span;
                    if (span > 2 && records.Csv.FieldCount > 0)
                    {
                        // A value over several lines: none of its inner lines may be a clean line with the first line's cells.
                        var inner = raw.Split(["\r\n", "\r", "\n"], StringSplitOptions.None)[1..^1];
                        Assert.DoesNotContain(inner, l => records.FirstLineCells >= 2 && !l.Contains('"') && !l.Contains('\'') && l.Split(',').Length == records.FirstLineCells);
                    }
                }

                var counts = records.Counts;
                Assert.Equal(Lines(file.Text), recordLines + counts.HeaderLines + counts.BlankLines);
            },
            iter: 3000,
            print: f => $"header={f.Header} {f.Qualifier} \"{f.Text.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)}\"");
    }
}
