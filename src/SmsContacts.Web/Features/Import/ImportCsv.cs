using System.Text;
using CsvHelper;
using SmsContacts.Web.Data.BulkImport;

namespace SmsContacts.Web.Features.Import;

/// <summary>
/// The records of an import file, read through <see cref="ImportTextStream"/> and CsvHelper as its format says, with
/// every line of the file accounted for: each line is the header (or Excel's <c>sep=</c> line), blank (empty, or
/// every cell empty), or part of a record; a record that is a stray-quote line says so (<see cref="UnclosedQuote"/>).
/// Every pass over the file (the wizard's sample, the duplicate check and the import itself) reads it through here,
/// so they number the rows alike.
/// </summary>
public sealed class ImportCsv : IDisposable
{
    private readonly ImportTextStream _text;
    private readonly int _headerLines;
    private long _nextLine;
    private int _blankLines;
    private int _continuationLines;
    private bool _done;

    private ImportCsv(Stream file, ImportFileFormat format, bool leaveOpen)
    {
        _text = new ImportTextStream(file, format, leaveOpen);
        Csv = CsvReader.Create(_text, format.ReaderOptions(), leaveOpen: false);
        if (format.HasHeader)
        {
            Headers = [.. Csv.Headers];
            var separatorLine = _text.SeparatorLine is null ? 0 : 1;
            if (Headers.Count == 0)
            {
                // No header because the file has no line with anything on it.
                _headerLines = separatorLine;
                _blankLines = (int)Math.Max(0, _text.LinesRead - separatorLine);
                _nextLine = _text.LinesRead + 1;
            }
            else
            {
                var headerLine = Csv.LineNumber;
                _headerLines = 1 + separatorLine;
                _blankLines = (int)Math.Max(0, headerLine - 1 - separatorLine);
                _nextLine = headerLine + 1;
            }
        }
        else
        {
            Headers = [];
            _nextLine = 1;
        }
    }

    public static ImportCsv Open(string path, ImportFileFormat format) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan), format, leaveOpen: false);

    /// <summary>Reads <paramref name="file"/> (left open), whose position is the progress of the read.</summary>
    public static ImportCsv Open(Stream file, ImportFileFormat format) => new(file, format, leaveOpen: true);

    public CsvReader Csv { get; }

    /// <summary>The header's cells, or none without a header.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>The delimiter of a <c>sep=</c> first line, if the file has one.</summary>
    public char? SeparatorLine => _text.SeparatorLine;

    /// <summary>The first line of the record read last (1-based, as an editor numbers the file's lines).</summary>
    public long Line { get; private set; }

    /// <summary>When the record read last is a line with a stray quote: the line as the file has it.</summary>
    public string? UnclosedQuote { get; private set; }

    /// <summary>Cells of the file's first line (header or record).</summary>
    public int FirstLineCells => _text.ExpectedCells;

    /// <summary>
    /// Header, blank and continuation lines up to the record read last; once <see cref="Read"/> returned false, of the whole
    /// file, with the file's lines as the text stream counted them (apart from the parser), so that
    /// lines = header + blank + records + continuation lines can be checked.
    /// </summary>
    public ImportLineCounts Counts => new(_headerLines, _blankLines, _continuationLines, _done ? (int)_text.LinesRead : 0);

    public ImportTextStream Text => _text;

    public bool Read()
    {
        if (!Csv.Read())
        {
            if (!_done)
            {
                _done = true;
                _blankLines += (int)Math.Max(0, _text.LinesRead - (_nextLine - 1) - (_nextLine == 1 && _text.SeparatorLine is not null ? 1 : 0));
            }

            UnclosedQuote = null;
            return false;
        }

        var line = Csv.LineNumber;
        var skipped = line - _nextLine;
        if (_nextLine == 1 && _text.SeparatorLine is not null)
        {
            skipped--;
        }

        _blankLines += (int)Math.Max(0, skipped);
        Line = line;
        var breaks = LineBreaks(Csv.RawRecord);
        _continuationLines += breaks;
        _nextLine = line + breaks + 1;

        UnclosedQuote = null;
        var stray = _text.UnclosedQuotes;
        while (stray.TryPeek(out var next) && next.Line <= line)
        {
            stray.Dequeue();
            if (next.Line == line)
            {
                UnclosedQuote = next.Text;
            }
        }

        return true;
    }

    /// <summary>A cell of the current record as the file has it: quote characters of a stray-quote line given back.</summary>
    public string GetString(int index)
    {
        var value = Csv.GetString(index);
        return UnclosedQuote is null || !value.Contains('\uFFFD', StringComparison.Ordinal) ? value : value.Replace('\uFFFD', Csv.Options.Quote);
    }

    /// <summary>The record as the file has it (a stray-quote line with its quotes).</summary>
    public string RawRecord => UnclosedQuote ?? Encoding.UTF8.GetString(Csv.RawRecord);

    public void Dispose() => Csv.Dispose();

    /// <summary>CR, LF and CR LF each end a line.</summary>
    private static int LineBreaks(ReadOnlySpan<byte> record)
    {
        if (record.IndexOfAny((byte)'\r', (byte)'\n') < 0)
        {
            return 0;
        }

        var count = 0;
        for (var i = 0; i < record.Length; i++)
        {
            if (record[i] == '\n' || (record[i] == '\r' && (i + 1 == record.Length || record[i + 1] != '\n')))
            {
                count++;
            }
        }

        return count;
    }
}
