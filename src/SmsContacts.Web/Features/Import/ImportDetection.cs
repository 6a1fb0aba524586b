using System.Globalization;
using System.Text;
using System.Text.Unicode;
using CsvHelper;
using SmsContacts.Web.Domain;
using UtfUnknown;

namespace SmsContacts.Web.Features.Import;

/// <summary>What the upload found out about a file: how to read it, and the reasons, in words, for Import Settings.</summary>
/// <param name="Refusal">Why the file is not a CSV or text file at all (a workbook, a vCard, binary data); null when it is one.</param>
public sealed record ImportDetectionResult(ImportFileFormat Format, IReadOnlyList<string> Notes, string? Refusal = null);

/// <summary>
/// Upload's detection: encoding, delimiter, text qualifier, Excel's <c>sep=</c> line and whether the first line is a header.
/// Our code makes the decisions; the maintained parts do what they do well: System.Text.Unicode.Utf8 validates UTF-8,
/// CsvHelper detects the delimiter, UTF.Unknown (Mozilla's detector) gives its opinion on files that are not UTF-8, and
/// libphonenumber (through <see cref="PhoneNormalizer"/>) says whether a cell of the first line is a phone number.
///
/// Measured on our test files, UTF.Unknown names Windows-1252 text "ibm852", Mac Roman "windows-1250" and UTF-16 without
/// a byte order mark "windows-1252", so those decisions are ours: zero bytes every other byte are UTF-16; a file that is
/// not UTF-8 is Windows-1252, Mac Roman or DOS code page 437 by which of them reads its accented bytes as plausible letters
/// (<see cref="Plausibility"/>). Where UTF.Unknown is sure of another script (Cyrillic, Greek...), the page says so.
/// </summary>
public static class ImportDetection
{
    /// <summary>Bytes of the start of the file looked at for everything but the UTF-8 check (which reads it all).</summary>
    public const int SampleBytes = 1 << 20;

    /// <summary>Records looked at for the qualifier and the header.</summary>
    public const int SampleLines = 50;

    public static ImportDetectionResult Detect(string path, string region)
    {
        byte[] head;
        using (var file = File.OpenRead(path))
        {
            var buffer = new byte[(int)Math.Min(SampleBytes, file.Length)];
            head = buffer[..file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false)];
        }

        var notes = new List<string>();
        if (Refuse(head) is { } refusal)
        {
            return new ImportDetectionResult(new ImportFileFormat(ImportEncodings.Utf8, ',', TextQualifier.DoubleQuotes, true), notes, refusal);
        }

        var (encoding, binary) = DetectEncoding(path, head, notes);
        if (binary is not null)
        {
            return new ImportDetectionResult(new ImportFileFormat(encoding, ',', TextQualifier.DoubleQuotes, true), notes, binary);
        }

        var probe = new ImportFileFormat(encoding, ',', TextQualifier.DoubleQuotes, HasHeader: false);
        var lines = DecodedLines(path, probe, out var separatorLine, out var lineEnds);
        if (lineEnds == "CR")
        {
            notes.Add("Lines end with CR only, as in files from classic Mac programs (Excel for Mac \"CSV (Macintosh)\").");
        }

        var delimiter = separatorLine ?? DetectDelimiter(path, probe);
        notes.Add(separatorLine is { } hint
            ? $"Delimiter: {DelimiterNames.Label(hint)}, named by the file's first line \"sep={hint}\" (Excel writes it); that line is not read as data."
            : $"Delimiter: {DelimiterNames.Label(delimiter)}.");

        var qualifier = DetectQualifier(lines, delimiter);
        if (qualifier == TextQualifier.SingleQuotes)
        {
            notes.Add("Values are quoted with single quotes ('Smith, Jr.'), so the text qualifier is Single Quotes.");
        }

        var format = new ImportFileFormat(encoding, delimiter, qualifier, HasHeader: true);
        var hasHeader = DetectHeader(path, format with { HasHeader = false }, region, notes);
        return new ImportDetectionResult(format with { HasHeader = hasHeader }, notes);
    }

    /// <summary>Workbooks, archives, documents and vCards renamed .csv, and files with zero bytes that are not UTF-16.</summary>
    private static string? Refuse(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "This file is a zip archive (an Excel .xlsx workbook, a Numbers or OpenDocument file, or zipped files) with a .csv name, not a CSV file. In Excel choose File > Save As > CSV UTF-8; in Numbers, File > Export To > CSV; then upload that file.";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
        {
            return "This file is an Excel 97-2003 workbook (.xls) with a .csv name, not a CSV file. In Excel choose File > Save As > CSV UTF-8, then upload that file.";
        }

        if (head.StartsWith("%PDF"u8))
        {
            return "This file is a PDF document, not a CSV file.";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']) || head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) || head.StartsWith("GIF8"u8))
        {
            return "This file is an image, not a CSV file.";
        }

        var start = head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? head[3..] : head;
        var text = Encoding.ASCII.GetString(start[..Math.Min(start.Length, 64)]).TrimStart();
        if (text.StartsWith("BEGIN:VCARD", StringComparison.OrdinalIgnoreCase))
        {
            return "This file is a vCard (contacts exported from a phone, Outlook or Apple Contacts) with a .csv name, not a CSV file. Export the contacts as CSV, or open them in a spreadsheet and save as CSV UTF-8.";
        }

        return null;
    }

    private static (string Encoding, string? Binary) DetectEncoding(string path, byte[] head, List<string> notes)
    {
        if (head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return (ImportEncodings.Utf8, "This file is in UTF-32, which the import does not read. Save it as CSV UTF-8 and upload it again.");
        }

        if (head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            notes.Add("Encoding: UTF-16 little endian, named by the file's byte order mark (Excel's \"Unicode Text\").");
            return (ImportEncodings.Utf16, null);
        }

        if (head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            notes.Add("Encoding: UTF-16 big endian, named by the file's byte order mark.");
            return (ImportEncodings.Utf16BigEndian, null);
        }

        var sample = head.AsSpan(0, Math.Min(head.Length, 4096));
        int zerosOdd = 0, zerosEven = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                _ = i % 2 == 1 ? zerosOdd++ : zerosEven++;
            }
        }

        // Some characters have a zero in their other byte too (U+0100, U+4E00, the low surrogate of an emoji): mostly one side is enough.
        if (sample.Length >= 4 && zerosOdd > sample.Length / 4 && zerosEven <= zerosOdd / 8)
        {
            notes.Add("Encoding: UTF-16 little endian (no byte order mark; every other byte is zero).");
            return (ImportEncodings.Utf16, null);
        }

        if (sample.Length >= 4 && zerosEven > sample.Length / 4 && zerosOdd <= zerosEven / 8)
        {
            notes.Add("Encoding: UTF-16 big endian (no byte order mark; every other byte is zero).");
            return (ImportEncodings.Utf16BigEndian, null);
        }

        if (zerosOdd + zerosEven > 0 || ControlRatio(head) > 0.01)
        {
            return (ImportEncodings.Utf8, "This file is not text: it has zero bytes or other control characters that no CSV or TXT file has. Upload a CSV file (in Excel: File > Save As > CSV UTF-8).");
        }

        var (utf8Lines, otherLines, otherNumbers) = Utf8Lines(path);
        var bom = head.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (otherLines == 0)
        {
            notes.Add(bom ? "Encoding: UTF-8, named by the file's byte order mark (Excel's \"CSV UTF-8\")." : "Encoding: UTF-8.");
            return (ImportEncodings.Utf8, null);
        }

        if (utf8Lines > 0)
        {
            var which = string.Join(", ", otherNumbers) + (otherLines > otherNumbers.Count ? $" and {otherLines - otherNumbers.Count:N0} more" : "");
            notes.Add($"Encoding: UTF-8, except {otherLines:N0} line{(otherLines == 1 ? "" : "s")} that {(otherLines == 1 ? "is" : "are")} not valid UTF-8 (line {which}): the file is read line by line, each line as UTF-8 when it is valid and as Windows-1252 when it is not.");
            return (ImportEncodings.Utf8WithWindows1252Lines, null);
        }

        if (HighByteRatio(head) > 0.3 && CharsetDetector.DetectFromBytes(head).Detected is null)
        {
            return (ImportEncodings.Utf8, "This file is not text: most of its bytes are not letters of any encoding the import reads. Upload a CSV file (in Excel: File > Save As > CSV UTF-8).");
        }

        // Windows-1252 unless another reads the accented bytes clearly better (Mac Roman also when lines end with CR only).
        var windows = Plausibility(head, ImportEncodings.Get(ImportEncodings.Windows1252));
        var mac = Plausibility(head, ImportEncodings.Get(ImportEncodings.MacRoman));
        var dos = Plausibility(head, ImportEncodings.Get(ImportEncodings.Dos437));
        var crOnly = head.AsSpan().IndexOf((byte)'\n') < 0 && head.AsSpan().IndexOf((byte)'\r') >= 0;
        var (chosen, best) = mac >= dos || crOnly ? (ImportEncodings.MacRoman, mac) : (ImportEncodings.Dos437, dos);
        if (!(best > windows + 1 || (crOnly && chosen == ImportEncodings.MacRoman && best > windows)))
        {
            chosen = ImportEncodings.Windows1252;
        }

        var other = chosen == ImportEncodings.Windows1252 ? (mac >= dos ? ImportEncodings.MacRoman : ImportEncodings.Dos437) : ImportEncodings.Windows1252;
        var examples = Examples(head, ImportEncodings.Get(chosen), ImportEncodings.Get(other));
        notes.Add(chosen switch
        {
            ImportEncodings.MacRoman => $"Encoding: Mac Roman (Excel for Mac \"CSV (Macintosh)\"): the file is not UTF-8, and its accented letters read as letters in Mac Roman{examples}.",
            ImportEncodings.Dos437 => $"Encoding: DOS (code page 437, Excel \"CSV (MS-DOS)\"): the file is not UTF-8, and its accented letters read as letters in the DOS code page{examples}.",
            _ => $"Encoding: Windows-1252 (Excel for Windows \"CSV\"): the file is not UTF-8, and its accented letters and quotes read best in Windows-1252{examples}.",
        });

        var opinion = CharsetDetector.DetectFromBytes(head).Detected;
        if (opinion is { Confidence: >= 0.8f, EncodingName: { } name } && !IsWestern(name))
        {
            notes.Add($"The file may be in {name}, which the import does not read: names may not come out right. If they do not, save the file as CSV UTF-8 and upload it again.");
        }

        return (chosen, null);
    }

    private static bool IsWestern(string name) =>
        name.Equals("ascii", StringComparison.OrdinalIgnoreCase) || name.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("windows-125", StringComparison.OrdinalIgnoreCase) && name[^1] is '0' or '2' or '4' or '7' or '8'
        || name.StartsWith("iso-8859-", StringComparison.OrdinalIgnoreCase) && name[9..] is "1" or "2" or "3" or "4" or "9" or "10" or "13" or "14" or "15" or "16"
        || name.StartsWith("ibm85", StringComparison.OrdinalIgnoreCase) || name.StartsWith("ibm437", StringComparison.OrdinalIgnoreCase)
        || name.Equals("macintosh", StringComparison.OrdinalIgnoreCase) || name.Equals("x-mac-ce", StringComparison.OrdinalIgnoreCase);

    /// <summary>Lines that are UTF-8 with letters beyond ASCII, lines that are not UTF-8 (and the first few of their numbers), over the whole file.</summary>
    private static (long Utf8, long Other, List<long> OtherNumbers) Utf8Lines(string path)
    {
        long utf8 = 0, other = 0, number = 0;
        var numbers = new List<long>();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var buffer = new byte[1 << 16];
        var used = 0;
        var done = false;
        while (!done || used > 0)
        {
            if (!done)
            {
                if (used == buffer.Length)
                {
                    Array.Resize(ref buffer, buffer.Length * 2);
                }

                var read = file.Read(buffer, used, buffer.Length - used);
                done = read == 0;
                used += read;
            }

            var span = buffer.AsSpan(0, used);
            var start = 0;
            while (true)
            {
                var rest = span[start..];
                var end = rest.IndexOfAny((byte)'\r', (byte)'\n');
                if (end < 0 && !done)
                {
                    break;
                }

                var line = end < 0 ? rest : rest[..end];
                number++;
                if (line.IndexOfAnyInRange((byte)0x80, (byte)0xFF) >= 0)
                {
                    if (Utf8.IsValid(line))
                    {
                        utf8++;
                    }
                    else
                    {
                        other++;
                        if (numbers.Count < 5)
                        {
                            numbers.Add(number);
                        }
                    }
                }

                if (end < 0)
                {
                    start = span.Length;
                    break;
                }

                start += end + (rest[end] == '\r' && end + 1 < rest.Length && rest[end + 1] == '\n' ? 2 : 1);
            }

            span[start..].CopyTo(buffer);
            used -= start;
            if (done && used == 0)
            {
                break;
            }
        }

        return (utf8, other, numbers);
    }

    private static double ControlRatio(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return 0;
        }

        var controls = 0;
        foreach (var b in head)
        {
            if (b is < 0x20 and not ((byte)'\t' or (byte)'\r' or (byte)'\n' or 0x0C or 0x1A) or 0x7F)
            {
                controls++;
            }
        }

        return (double)controls / head.Length;
    }

    private static double HighByteRatio(ReadOnlySpan<byte> head)
    {
        if (head.IsEmpty)
        {
            return 0;
        }

        var high = 0;
        foreach (var b in head)
        {
            if (b >= 0x80)
            {
                high++;
            }
        }

        return (double)high / head.Length;
    }

    /// <summary>
    /// How plausible the file's bytes above 0x7F are as text in <paramref name="encoding"/>: a letter that continues a
    /// word in its case scores, a control character, an uppercase letter after a lowercase one, a lowercase letter before
    /// an uppercase one or a symbol inside a word counts against. Windows-1252 reads Mac Roman's ë, ü, é, ç as ‘, Ÿ, Ž and
    /// a control character; Mac Roman reads Windows-1252's é, ü, “ as È, ¸, ì.
    /// </summary>
    internal static int Plausibility(ReadOnlySpan<byte> bytes, Encoding encoding)
    {
        var score = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] < 0x80)
            {
                continue;
            }

            var c = Decode(bytes[i], encoding);
            var prev = i > 0 ? Decode(bytes[i - 1], encoding) : ' ';
            var next = i + 1 < bytes.Length ? Decode(bytes[i + 1], encoding) : ' ';
            score += Score(prev, c, next);
        }

        return score;
    }

    private static char Decode(byte b, Encoding encoding) => b < 0x80 ? (char)b : encoding.GetString([b])[0];

    private static int Score(char prev, char c, char next)
    {
        var category = char.GetUnicodeCategory(c);
        if (category is UnicodeCategory.Control or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse)
        {
            return -3;
        }

        if (char.IsLower(c))
        {
            return char.IsUpper(next) ? -2 : char.IsLetter(prev) || char.IsLetter(next) ? 2 : 0;
        }

        if (char.IsUpper(c))
        {
            if (char.IsLower(prev))
            {
                return -2;
            }

            return !char.IsLetter(prev) ? 1 : char.IsLower(next) ? -1 : 0;
        }

        if (category is UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.DashPunctuation
            || c is '…' or '•' or '€' or '°')
        {
            if (char.IsLetter(prev) && char.IsLetter(next))
            {
                return c == '\u2019' ? 1 : -1;
            }

            return char.IsLetter(prev) || char.IsLetter(next) ? 1 : 0;
        }

        return char.IsLetter(prev) || char.IsLetter(next) ? -2 : 0;
    }

    /// <summary>A few words with accented letters as the chosen encoding reads them, and as the other would.</summary>
    private static string Examples(byte[] head, Encoding chosen, Encoding other)
    {
        var words = new List<(string As, string Else)>();
        var text = chosen.GetString(head);
        var elseText = other.GetString(head);
        var start = 0;
        for (var i = 0; i <= text.Length && words.Count < 3; i++)
        {
            if (i == text.Length || !(char.IsLetter(text[i]) || text[i] is '\'' or '\u2019'))
            {
                var word = text[start..i];
                if (word.Any(ch => ch > 0x7F) && words.All(w => w.As != word))
                {
                    words.Add((word, elseText[start..i]));
                }

                start = i + 1;
            }
        }

        var otherName = other.CodePage switch { 10000 => "Mac Roman", 437 => "DOS code page 437", _ => "Windows-1252" };
        return words.Count == 0 ? ""
            : $": {string.Join(", ", words.Select(w => w.As))} (in {otherName}: {string.Join(", ", words.Select(w => w.Else))})";
    }

    /// <summary>The first lines as the encoding reads them, the <c>sep=</c> line's delimiter, and how lines end (CR, LF, CRLF).</summary>
    private static List<string> DecodedLines(string path, ImportFileFormat format, out char? separatorLine, out string lineEnds)
    {
        using var file = File.OpenRead(path);
        using var text = new ImportTextStream(file, format with { Qualifier = TextQualifier.None }, leaveOpen: true);
        var buffer = new byte[SampleBytes];
        var read = text.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        separatorLine = text.SeparatorLine;
        var decoded = Encoding.UTF8.GetString(buffer, 0, read);
        lineEnds = decoded.Contains("\r\n", StringComparison.Ordinal) ? "CRLF" : decoded.Contains('\n', StringComparison.Ordinal) ? "LF" : decoded.Contains('\r', StringComparison.Ordinal) ? "CR" : "";
        return decoded.Split(["\r\n", "\r", "\n"], StringSplitOptions.None).Where(l => l.Trim().Length > 0).Take(SampleLines).ToList();
    }

    /// <summary>CsvHelper's detection (comma, semicolon, tab or pipe) on the decoded text.</summary>
    private static char DetectDelimiter(string path, ImportFileFormat format)
    {
        try
        {
            using var file = File.OpenRead(path);
            using var text = new ImportTextStream(file, format with { Qualifier = TextQualifier.None }, leaveOpen: true);
            using var reader = CsvReader.Create(text, CsvReaderOptions.Default with { Separator = null, HasHeader = false, MaxRecordSize = ImportFileFormat.MaxRecordBytes });
            return reader.Separator is ',' or ';' or '\t' or '|' ? reader.Separator : ',';
        }
        catch (CsvFormatException)
        {
            return ',';
        }
    }

    /// <summary>Single quotes when more cells are wrapped in them than in double quotes; double quotes otherwise (the usual, and harmless).</summary>
    private static TextQualifier DetectQualifier(List<string> lines, char delimiter)
    {
        int single = 0, @double = 0;
        foreach (var line in lines)
        {
            foreach (var cell in line.Split(delimiter))
            {
                var value = cell.Trim(' ', '\t');
                if (value.Length >= 2 && value[0] == value[^1])
                {
                    _ = value[0] switch
                    {
                        '\'' => single++,
                        '"' => @double++,
                        _ => 0,
                    };
                }
            }
        }

        return single > @double ? TextQualifier.SingleQuotes : TextQualifier.DoubleQuotes;
    }

    /// <summary>
    /// The first line is a header unless a cell of it is a valid phone number in the file's phone column: the column
    /// whose cells in the lines below are most often valid numbers (at least half), or any column of a one-line file.
    /// </summary>
    private static bool DetectHeader(string path, ImportFileFormat format, string region, List<string> notes)
    {
        var rows = new List<string[]>();
        try
        {
            using var records = ImportCsv.Open(path, format);
            while (rows.Count < SampleLines && records.Read())
            {
                // The first line counts even with a stray quote (a header can have one); later such lines say nothing.
                if (records.UnclosedQuote is null || rows.Count == 0)
                {
                    rows.Add(Enumerable.Range(0, records.Csv.FieldCount).Select(i => CsvFormulaGuardRestore(records.GetString(i))).ToArray());
                }
            }
        }
        catch (CsvFormatException)
        {
            return true;
        }

        if (rows.Count == 0)
        {
            return true;
        }

        var first = rows[0];
        var below = rows.Skip(1).ToList();
        int? phoneColumn = null;
        if (below.Count > 0)
        {
            var best = Enumerable.Range(0, first.Length)
                .Select(i => (Column: i, Valid: below.Count(r => i < r.Length && PhoneNormalizer.Normalize(r[i], region).IsValid)))
                .OrderByDescending(c => c.Valid).ThenBy(c => c.Column).FirstOrDefault();
            if (best.Valid * 2 >= below.Count && best.Valid > 0)
            {
                phoneColumn = best.Column;
            }
        }

        var candidates = phoneColumn is { } column ? [column] : below.Count == 0 ? Enumerable.Range(0, first.Length).ToArray() : [];
        foreach (var i in candidates)
        {
            if (i < first.Length && PhoneNormalizer.Normalize(first[i], region).IsValid)
            {
                notes.Add($"The first line is a contact, not column names: its cell \"{first[i]}\" (column {i + 1}) is a valid phone number{(below.Count > 0 ? ", like the rest of that column" : "")}. So \"First line of file contains column names\" is unticked; tick it if the line is a header after all.");
                return false;
            }
        }

        // A column name has letters; a first line whose phone cell is digits without letters is a contact whose number is
        // mistyped (too short, another country's...). Read as a header, that contact would vanish as "column names"; read
        // as a row, it is rejected with its line and the reason.
        foreach (var i in candidates)
        {
            if (i < first.Length && PhoneNormalizer.LooksLikeANumber(first[i]))
            {
                notes.Add($"The first line is a contact, not column names: its cell \"{PhoneNormalizer.MakeVisible(first[i])}\" (column {i + 1}) is written like a phone number{(below.Count > 0 ? ", as the rest of that column is" : "")}, though not a valid one (the import rejects that row and says why). So \"First line of file contains column names\" is unticked; tick it if the line is a header after all.");
                return false;
            }
        }

        return true;
    }

    private static string CsvFormulaGuardRestore(string value) => Infrastructure.Csv.CsvFormulaGuard.Restore(value.Trim());
}
