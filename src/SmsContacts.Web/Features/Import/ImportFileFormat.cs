using System.Text;
using CsvHelper;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>The encodings the wizard reads, by the names stored on the import.</summary>
public static class ImportEncodings
{
    public const string Utf8 = "utf-8";
    public const string Utf8WithWindows1252Lines = "utf-8+windows-1252";
    public const string Utf16 = "utf-16";
    public const string Utf16BigEndian = "utf-16BE";
    public const string Windows1252 = "windows-1252";
    public const string MacRoman = "macintosh";
    public const string Dos437 = "ibm437";

    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (Utf8, "UTF-8"),
        (Utf8WithWindows1252Lines, "UTF-8, with some lines in Windows-1252 (read line by line)"),
        (Utf16, "UTF-16 (little endian)"),
        (Utf16BigEndian, "UTF-16 (big endian)"),
        (Windows1252, "Windows-1252 (Western European, Excel for Windows \"CSV\")"),
        (MacRoman, "Mac Roman (Excel for Mac \"CSV (Macintosh)\")"),
        (Dos437, "DOS, code page 437 (Excel \"CSV (MS-DOS)\")"),
    ];

    static ImportEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsKnown(string? name) => All.Any(e => e.Name == name);

    public static string Label(string name) => All.FirstOrDefault(e => e.Name == name).Label ?? name;

    public static Encoding Get(string name) => name switch
    {
        Utf16 => Encoding.Unicode,
        Utf16BigEndian => Encoding.BigEndianUnicode,
        Windows1252 => Encoding.GetEncoding(1252),
        MacRoman => Encoding.GetEncoding(10000),
        Dos437 => Encoding.GetEncoding(437),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    /// <summary>For a single-byte encoding: the UTF-8 bytes of each byte value (ASCII is itself).</summary>
    public static byte[][] Utf8Table(Encoding singleByte)
    {
        var table = new byte[256][];
        for (var b = 0; b < 256; b++)
        {
            table[b] = Encoding.UTF8.GetBytes(singleByte.GetString([(byte)b]));
        }

        return table;
    }
}

/// <summary>How to read an import's file: what the upload detected and the user confirmed or changed.</summary>
public sealed record ImportFileFormat(string EncodingName, char Delimiter, TextQualifier Qualifier, bool HasHeader)
{
    /// <summary>Guards memory against an unclosed quote that would otherwise swallow the rest of the file as one field.</summary>
    public const int MaxRecordBytes = 1 << 20;

    /// <summary>How the settings say to read the file.</summary>
    public static ImportFileFormat Of(ImportSettings settings) =>
        new(settings.Encoding, DelimiterNames.Parse(settings.Delimiter), settings.TextQualifier, settings.FirstLineHasColumnNames);

    /// <summary>The settings with this way of reading the file (what the upload detected), the other settings as they were.</summary>
    public ImportSettings ApplyTo(ImportSettings settings) => settings with
    {
        Encoding = EncodingName,
        Delimiter = DelimiterNames.Of(Delimiter),
        TextQualifier = Qualifier,
        FirstLineHasColumnNames = HasHeader,
    };

    /// <summary>
    /// CsvHelper's options for the UTF-8 text <see cref="ImportTextStream"/> makes of the file. Empty lines, and lines
    /// whose every cell is empty (a spreadsheet's blank row, <c>,,,</c>), are skipped here and counted as blank lines
    /// by <see cref="ImportCsv"/>.
    /// </summary>
    public CsvReaderOptions ReaderOptions() => CsvReaderOptions.Default with
    {
        Separator = Delimiter,
        HasHeader = HasHeader,
        Mode = Qualifier == TextQualifier.None ? CsvMode.NoEscape : CsvMode.Rfc4180,
        Quote = Qualifier == TextQualifier.SingleQuotes ? '\'' : '"',
        Encoding = null,
        TrimWhitespace = true,
        SkipEmptyLines = true,
        ShouldSkipRecord = IsBlank,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        MaxRecordSize = MaxRecordBytes,
    };

    private static bool IsBlank(CsvRow row)
    {
        for (var i = 0; i < row.FieldCount; i++)
        {
            if (!row.GetSpan(i).IsEmpty)
            {
                return false;
            }
        }

        return true;
    }
}
