using System.Text;
using System.Text.Unicode;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>A line of the file that opens a quote it never closes, as the file has it; read as a rejected row.</summary>
public readonly record struct UnclosedQuoteLine(long Line, string Text);

/// <summary>
/// The import file as CsvHelper reads it: UTF-8 text with the file's own lines, decoded as the import's encoding
/// says, with two things made safe before the CSV parser sees them.
/// <list type="bullet">
/// <item>Excel's <c>sep=;</c> first line becomes an empty line (the line count stays the file's); <see cref="SeparatorLine"/> says it was there.</item>
/// <item>A quote that opens a field and is never closed, or that would make one field take in lines that each look like
/// a record of their own (as many cells as the first line, every quote of them closed), is a stray quote: that one
/// line is passed on with its quote characters replaced by U+FFFD, so it is read as one record that the import rejects
/// ("unclosed quote", <see cref="UnclosedQuotes"/>), and reading goes on at the next line. A real multi-line value
/// (an address with a line break: the quote closes, followed by a delimiter or the line's end, and no line inside it
/// looks like a record) passes unchanged. RFC 4180 allows line breaks in quoted fields; it has nothing to say about
/// files that break it, which is where this decision comes from.</item>
/// </list>
/// The quote rules mirror CsvHelper's RFC 4180 mode with trimming: a quote opens a field only at its start (after
/// spaces or tabs), <c>""</c> inside quotes is a quote, and a quote anywhere else is an ordinary character.
/// Encodings: UTF-8 (a byte order mark dropped), UTF-8 whose lines that are not valid UTF-8 are Windows-1252
/// (decided line by line), single-byte code pages (Windows-1252, Mac Roman, DOS 437) through a table, and UTF-16 through
/// .NET's transcoding stream.
/// </summary>
public sealed class ImportTextStream : Stream
{
    /// <summary>Lines a quoted value may span before its quote counts as stray.</summary>
    public const int MaxLinesInAValue = 1000;

    private const int Chunk = 1 << 16;
    private static readonly byte[] Replacement = [0xEF, 0xBF, 0xBD];

    private readonly Stream _source;
    private readonly bool _ownsSource;
    private readonly byte[][]? _table;
    private readonly bool _mixed;
    private readonly byte _quote;
    private readonly byte _separator;
    private readonly bool _hasHeader;
    private readonly Queue<PendingLine> _pending = new();
    private readonly List<long> _windows1252LineNumbers = [];

    private byte[] _raw = new byte[Chunk];
    private int _rawStart;
    private int _rawEnd;
    private bool _sourceDone;
    private byte[] _decoded = new byte[1024];
    private byte[] _out = new byte[Chunk * 2];
    private int _outStart;
    private int _outEnd;
    private long _nextLine = 1;
    private bool _atStart = true;
    private long _headerLine;
    private bool _disposed;

    public ImportTextStream(Stream source, ImportFileFormat format, bool leaveOpen = false)
    {
        var encoding = ImportEncodings.Get(format.EncodingName);
        _mixed = format.EncodingName == ImportEncodings.Utf8WithWindows1252Lines;
        if (encoding is UTF8Encoding || _mixed)
        {
            _source = source;
            _ownsSource = !leaveOpen;
        }
        else if (encoding.IsSingleByte)
        {
            _source = source;
            _ownsSource = !leaveOpen;
            _table = ImportEncodings.Utf8Table(encoding);
        }
        else
        {
            _source = Encoding.CreateTranscodingStream(source, encoding, Encoding.UTF8, leaveOpen);
            _ownsSource = true;
        }

        if (_mixed)
        {
            _table = ImportEncodings.Utf8Table(ImportEncodings.Get(ImportEncodings.Windows1252));
        }

        _quote = format.Qualifier switch
        {
            TextQualifier.DoubleQuotes => (byte)'"',
            TextQualifier.SingleQuotes => (byte)'\'',
            _ => 0,
        };
        _separator = (byte)format.Delimiter;
        _hasHeader = format.HasHeader;
    }

    /// <summary>The delimiter a <c>sep=</c> first line named, or null when the file has none.</summary>
    public char? SeparatorLine { get; private set; }

    /// <summary>Stray-quote lines in file order, for the reader to reject as it reaches them.</summary>
    public Queue<UnclosedQuoteLine> UnclosedQuotes { get; } = new();

    /// <summary>Lines of the file read so far (a last line without a line break included).</summary>
    public long LinesRead => _nextLine - 1;

    /// <summary>Cells of the first line (the header, or the first record): what a line must have to look like a record.</summary>
    public int ExpectedCells { get; private set; }

    /// <summary>With the UTF-8 and Windows-1252 lines encoding: how many lines were not UTF-8.</summary>
    public int Windows1252Lines { get; private set; }

    /// <summary>The first few of those lines, for the settings page.</summary>
    public IReadOnlyList<long> Windows1252LineNumbers => _windows1252LineNumbers;

    public override bool CanRead => !_disposed;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (buffer.IsEmpty)
        {
            return 0;
        }

        while (_outEnd - _outStart < buffer.Length && ProduceLine())
        {
            if (_outEnd - _outStart >= Chunk)
            {
                break;
            }
        }

        var n = Math.Min(buffer.Length, _outEnd - _outStart);
        _out.AsSpan(_outStart, n).CopyTo(buffer);
        _outStart += n;
        if (_outStart == _outEnd)
        {
            _outStart = _outEnd = 0;
        }

        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed && _ownsSource)
        {
            _source.Dispose();
        }

        _disposed = true;
        base.Dispose(disposing);
    }

    /// <summary>Passes one line (or one multi-line record) on to the output; false at the end of the file.</summary>
    private bool ProduceLine()
    {
        if (!NextLine(out var number, out var text, out var lineBreak))
        {
            return false;
        }

        if (_atStart)
        {
            _atStart = false;
            if (SeparatorHint(text) is { } separator)
            {
                SeparatorLine = separator;
                Emit([], lineBreak);
                return true;
            }
        }

        if (ExpectedCells == 0 && !IsBlank(text))
        {
            // A first line with a stray quote of its own is counted as it will be read: without its quotes.
            var firstLine = Scan(text, State.FieldStart);
            ExpectedCells = firstLine.End == State.Quoted ? text.Count(_separator) + 1 : firstLine.Cells;
            _headerLine = _hasHeader ? number : 0;
        }

        if (_quote == 0 || text.IndexOf(_quote) < 0 || Scan(text, State.FieldStart).End != State.Quoted)
        {
            Emit(text, lineBreak);
            return true;
        }

        var first = new PendingLine(number, text.ToArray(), lineBreak.ToArray());
        var record = new List<PendingLine> { first };
        if (ContinuesAsOneValue(record))
        {
            foreach (var part in record)
            {
                Emit(part.Text, part.Break);
            }

            return true;
        }

        // A stray quote: this line alone is one (rejected) record; the lines looked at after it are read again on their own.
        if (first.Number == _headerLine)
        {
            Emit(first.Text.Where(b => b != _quote).ToArray(), first.Break);
        }
        else
        {
            UnclosedQuotes.Enqueue(new UnclosedQuoteLine(first.Number, Encoding.UTF8.GetString(first.Text)));
            EmitNeutralized(first.Text, first.Break);
        }

        var requeue = record.Skip(1).Concat(_pending).ToList();
        _pending.Clear();
        foreach (var again in requeue)
        {
            _pending.Enqueue(again);
        }

        return true;
    }

    /// <summary>
    /// Reads the lines after the first of <paramref name="record"/> (which ends inside a quoted field) into it until the
    /// record ends, and says whether they make one record with real multi-line values.
    /// </summary>
    private bool ContinuesAsOneValue(List<PendingLine> record)
    {
        var bytes = record[0].Text.Length;
        var state = State.Quoted;
        while (true)
        {
            if (record.Count > MaxLinesInAValue || bytes > ImportFileFormat.MaxRecordBytes || !NextLine(out var number, out var text, out var lineBreak))
            {
                return false;
            }

            var line = new PendingLine(number, text.ToArray(), lineBreak.ToArray());
            record.Add(line);
            bytes += line.Text.Length;
            var scan = Scan(line.Text, state);
            if (scan.TextAfterClosingQuote)
            {
                return false;
            }

            if (ExpectedCells >= 2)
            {
                if (!scan.Closed && scan.End == State.Quoted)
                {
                    // Wholly inside the value: a value does not hold lines that look like rows of the file.
                    var alone = Scan(line.Text, State.FieldStart);
                    if (alone.End != State.Quoted && alone.Cells == ExpectedCells)
                    {
                        return false;
                    }
                }
                else
                {
                    var alone = Scan(line.Text, State.FieldStart);
                    if (alone is { End: not State.Quoted, StrayQuote: false, TextAfterClosingQuote: false } && alone.Cells == ExpectedCells)
                    {
                        return false;
                    }
                }
            }

            if (scan.End != State.Quoted)
            {
                return true;
            }

            state = State.Quoted;
        }
    }

    private enum State
    {
        FieldStart,
        Unquoted,
        Quoted,
        AfterClosingQuote,
    }

    private readonly record struct ScanResult(State End, int Cells, bool Closed, bool StrayQuote, bool TextAfterClosingQuote);

    /// <summary>Follows the quoting of one line from <paramref name="start"/>, as CsvHelper's RFC 4180 mode with trimming reads it.</summary>
    private ScanResult Scan(ReadOnlySpan<byte> line, State start)
    {
        var state = start;
        var cells = 1;
        bool closed = false, stray = false, textAfter = false;
        for (var i = 0; i < line.Length; i++)
        {
            var b = line[i];
            switch (state)
            {
                case State.FieldStart:
                    if (b == _separator)
                    {
                        cells++;
                    }
                    else if (b == _quote)
                    {
                        state = State.Quoted;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t'))
                    {
                        state = State.Unquoted;
                    }

                    break;
                case State.Unquoted:
                    if (b == _separator)
                    {
                        cells++;
                        state = State.FieldStart;
                    }
                    else if (b == _quote)
                    {
                        stray = true;
                    }

                    break;
                case State.Quoted:
                    if (b == _quote)
                    {
                        if (i + 1 < line.Length && line[i + 1] == _quote)
                        {
                            i++;
                        }
                        else
                        {
                            closed = true;
                            state = State.AfterClosingQuote;
                        }
                    }

                    break;
                case State.AfterClosingQuote:
                    if (b == _separator)
                    {
                        cells++;
                        state = State.FieldStart;
                    }
                    else if (b is not ((byte)' ' or (byte)'\t'))
                    {
                        textAfter = true;
                        state = State.Unquoted;
                    }

                    break;
            }
        }

        return new ScanResult(state, cells, closed, stray, textAfter);
    }

    private static bool IsBlank(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    /// <summary>Excel's <c>sep=;</c> (also quoted, or with the delimiters a re-save adds after it).</summary>
    private static char? SeparatorHint(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line).Trim();
        if (text.StartsWith('"') && text.IndexOf('"', 1) is var close and > 0)
        {
            text = text[1..close];
        }

        if (!text.StartsWith("sep=", StringComparison.OrdinalIgnoreCase) || text.Length < 5)
        {
            return null;
        }

        var separator = text[4];
        var rest = text[5..];
        return separator is ',' or ';' or '\t' or '|' && rest.All(c => c == separator || c is ' ' or '\t') ? separator : null;
    }

    private void Emit(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lineBreak)
    {
        Reserve(text.Length + lineBreak.Length);
        text.CopyTo(_out.AsSpan(_outEnd));
        _outEnd += text.Length;
        lineBreak.CopyTo(_out.AsSpan(_outEnd));
        _outEnd += lineBreak.Length;
    }

    private void EmitNeutralized(ReadOnlySpan<byte> text, ReadOnlySpan<byte> lineBreak)
    {
        Reserve((text.Length * 3) + lineBreak.Length);
        foreach (var b in text)
        {
            if (b == _quote)
            {
                Replacement.CopyTo(_out.AsSpan(_outEnd));
                _outEnd += Replacement.Length;
            }
            else
            {
                _out[_outEnd++] = b;
            }
        }

        lineBreak.CopyTo(_out.AsSpan(_outEnd));
        _outEnd += lineBreak.Length;
    }

    private void Reserve(int bytes)
    {
        if (_outEnd + bytes <= _out.Length)
        {
            return;
        }

        var live = _outEnd - _outStart;
        var target = _out.Length;
        while (live + bytes > target)
        {
            target *= 2;
        }

        var next = target == _out.Length ? _out : new byte[target];
        _out.AsSpan(_outStart, live).CopyTo(next);
        _out = next;
        _outStart = 0;
        _outEnd = live;
    }

    /// <summary>A line of the file, decoded to UTF-8, with its line break (CR, LF, CR LF, or none at the end).</summary>
    private readonly record struct PendingLine(long Number, byte[] Text, byte[] Break);

    /// <summary>The next line, decoded to UTF-8: one put back after a look ahead, or the source's; valid until the next call.</summary>
    private bool NextLine(out long number, out ReadOnlySpan<byte> text, out ReadOnlySpan<byte> lineBreak)
    {
        if (_pending.TryDequeue(out var pending))
        {
            number = pending.Number;
            text = pending.Text;
            lineBreak = pending.Break;
            return true;
        }

        if (!ReadRawLine(out var raw, out lineBreak))
        {
            number = 0;
            text = default;
            return false;
        }

        number = _nextLine++;
        text = Decode(raw, number);
        return true;
    }

    private ReadOnlySpan<byte> Decode(ReadOnlySpan<byte> raw, long number)
    {
        if (_table is null || raw.IndexOfAnyInRange((byte)0x80, (byte)0xFF) < 0 || (_mixed && Utf8.IsValid(raw)))
        {
            return raw;
        }

        if (_mixed)
        {
            Windows1252Lines++;
            if (_windows1252LineNumbers.Count < 10)
            {
                _windows1252LineNumbers.Add(number);
            }
        }

        var length = 0;
        foreach (var b in raw)
        {
            length += b < 0x80 ? 1 : _table[b].Length;
        }

        if (_decoded.Length < length)
        {
            _decoded = new byte[Math.Max(length, _decoded.Length * 2)];
        }

        var at = 0;
        foreach (var b in raw)
        {
            if (b < 0x80)
            {
                _decoded[at++] = b;
            }
            else
            {
                _table[b].CopyTo(_decoded, at);
                at += _table[b].Length;
            }
        }

        return _decoded.AsSpan(0, length);
    }

    /// <summary>The next line of the source as it is, without its line break; the spans are valid until the next call.</summary>
    private bool ReadRawLine(out ReadOnlySpan<byte> text, out ReadOnlySpan<byte> lineBreak)
    {
        while (true)
        {
            var available = _raw.AsSpan(_rawStart, _rawEnd - _rawStart);
            if (_nextLine == 1 && _rawStart == 0 && available.Length >= 3 && available.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            {
                _rawStart += 3;
                continue;
            }

            var end = available.IndexOfAny((byte)'\r', (byte)'\n');
            if (end >= 0 && (available[end] == '\n' || end + 1 < available.Length || _sourceDone))
            {
                var breakLength = available[end] == '\r' && end + 1 < available.Length && available[end + 1] == '\n' ? 2 : 1;
                text = available[..end];
                lineBreak = available.Slice(end, breakLength);
                _rawStart += end + breakLength;
                return true;
            }

            if (_sourceDone)
            {
                if (available.IsEmpty)
                {
                    text = lineBreak = default;
                    return false;
                }

                text = available;
                lineBreak = default;
                _rawStart = _rawEnd;
                return true;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (_rawStart > 0)
        {
            _raw.AsSpan(_rawStart, _rawEnd - _rawStart).CopyTo(_raw);
            _rawEnd -= _rawStart;
            _rawStart = 0;
        }

        if (_rawEnd == _raw.Length)
        {
            Array.Resize(ref _raw, _raw.Length * 2);
        }

        var read = _source.Read(_raw, _rawEnd, _raw.Length - _rawEnd);
        if (read == 0)
        {
            _sourceDone = true;
        }

        _rawEnd += read;
    }
}
