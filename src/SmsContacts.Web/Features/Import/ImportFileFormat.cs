using System.Text;
using CsvHelper;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Features.Import;

/// <summary>The encodings the wizard reads, by the names stored on the import.</summary>
public static class ImportEncodings
{
    public const string Utf8 = "utf-8";
    public const string Utf16 = "utf-16";
    public const string Utf16BigEndian = "utf-16BE";
    public const string Windows1252 = "windows-1252";

    public static readonly IReadOnlyList<(string Name, string Label)> All =
    [
        (Utf8, "UTF-8"),
        (Utf16, "UTF-16 (little endian)"),
        (Utf16BigEndian, "UTF-16 (big endian)"),
        (Windows1252, "Windows-1252 (Western European)"),
    ];

    static ImportEncodings() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static bool IsKnown(string? name) => All.Any(e => e.Name == name);

    public static Encoding Get(string name) => name switch
    {
        Utf16 => Encoding.Unicode,
        Utf16BigEndian => Encoding.BigEndianUnicode,
        Windows1252 => Encoding.GetEncoding(1252),
        _ => new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
    };

    /// <summary>
    /// A byte order mark names the encoding; UTF-16 without one shows as zero bytes every other byte; otherwise
    /// the file is UTF-8 when every byte of it decodes as UTF-8 (plain ASCII included), and Windows-1252 when not.
    /// </summary>
    public static string Detect(string path)
    {
        using var file = File.OpenRead(path);
        var buffer = new byte[1 << 20];
        var read = file.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        var head = buffer.AsSpan(0, read);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Utf8;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Utf16;
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Utf16BigEndian;
        }

        var sample = head[..Math.Min(head.Length, 4096)];
        int zerosOdd = 0, zerosEven = 0;
        for (var i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                _ = i % 2 == 1 ? zerosOdd++ : zerosEven++;
            }
        }

        if (sample.Length >= 4 && zerosOdd > sample.Length / 4)
        {
            return Utf16;
        }

        if (sample.Length >= 4 && zerosEven > sample.Length / 4)
        {
            return Utf16BigEndian;
        }

        return IsUtf8(file, buffer, read) ? Utf8 : Windows1252;
    }

    /// <summary>Checks the whole file chunk by chunk; a sequence cut by the chunk's end is carried into the next.</summary>
    private static bool IsUtf8(FileStream file, byte[] buffer, int read)
    {
        var carried = 0;
        while (true)
        {
            var length = carried + read;
            var atEnd = read == 0 || file.Position == file.Length;
            var chunk = buffer.AsSpan(0, length);
            var tail = atEnd ? 0 : IncompleteTail(chunk);
            if (!System.Text.Unicode.Utf8.IsValid(chunk[..(length - tail)]))
            {
                return false;
            }

            if (atEnd)
            {
                return true;
            }

            chunk[(length - tail)..].CopyTo(buffer);
            carried = tail;
            read = file.Read(buffer, carried, buffer.Length - carried);
        }
    }

    /// <summary>Bytes at the end that start a multi-byte sequence the chunk does not finish (at most 3).</summary>
    private static int IncompleteTail(ReadOnlySpan<byte> chunk)
    {
        for (var back = 1; back <= Math.Min(3, chunk.Length); back++)
        {
            var b = chunk[^back];
            if ((b & 0xC0) == 0x80)
            {
                continue;
            }

            var needed = (b & 0xE0) == 0xC0 ? 2 : (b & 0xF0) == 0xE0 ? 3 : (b & 0xF8) == 0xF0 ? 4 : 1;
            return needed > back ? back : 0;
        }

        return 0;
    }
}

/// <summary>How to read an import's file: what the upload detected and the user confirmed or changed.</summary>
public sealed record ImportFileFormat(string EncodingName, char Delimiter, TextQualifier Qualifier, bool HasHeader)
{
    /// <summary>Guards memory against an unclosed quote that would otherwise swallow the rest of the file as one field.</summary>
    public const int MaxRecordBytes = 1 << 20;

    public static readonly IReadOnlyList<(char Delimiter, string Label)> Delimiters =
    [
        (',', "Comma (,)"),
        (';', "Semicolon (;)"),
        ('\t', "Tab"),
        ('|', "Pipe (|)"),
    ];

    public static ImportFileFormat Of(ImportRecord import) =>
        new(import.Encoding, import.Delimiter, import.TextQualifier, import.FirstLineHasColumnNames);

    public CsvReaderOptions ReaderOptions() => CsvReaderOptions.Default with
    {
        Separator = Delimiter,
        HasHeader = HasHeader,
        Mode = Qualifier == TextQualifier.None ? CsvMode.NoEscape : CsvMode.Rfc4180,
        Quote = Qualifier == TextQualifier.SingleQuotes ? '\'' : '"',
        Encoding = ImportEncodings.Get(EncodingName),
        TrimWhitespace = true,
        SkipEmptyLines = true,
        TrackLineNumbers = true,
        DetectSeparatorHint = false,
        MaxRecordSize = MaxRecordBytes,
    };

    /// <summary>The file's separator as CsvHelper detects it from its first lines (comma, semicolon, tab or pipe).</summary>
    public static char DetectDelimiter(string path, string encodingName)
    {
        using var reader = CsvReader.FromFile(path, CsvReaderOptions.Default with
        {
            Separator = null,
            HasHeader = false,
            Encoding = ImportEncodings.Get(encodingName),
            MaxRecordSize = MaxRecordBytes,
        });
        try
        {
            return reader.Separator is ',' or ';' or '\t' or '|' ? reader.Separator : ',';
        }
        catch (CsvFormatException)
        {
            return ',';
        }
    }
}
