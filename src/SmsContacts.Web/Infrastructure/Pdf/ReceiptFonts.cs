using System.Globalization;
using System.Text;
using PdfSharp.Fonts;

namespace SmsContacts.Web.Infrastructure.Pdf;

/// <summary>
/// The fonts of the app's PDFs: DejaVu Sans (regular and bold), shipped inside the app (Fonts/, with its licence), so a
/// PDF looks the same on a fresh Linux machine with no fonts installed. PDFsharp 6 finds fonts only through a resolver,
/// set once per process (<see cref="Use"/>); any family asked for gets DejaVu Sans.
/// </summary>
public sealed class ReceiptFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";
    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lazy<ReceiptFonts> Instance = new(() => new ReceiptFonts());
    private static readonly object Gate = new();

    private readonly Dictionary<string, byte[]> _fonts = new()
    {
        [Regular] = Load(Regular),
        [Bold] = Load(Bold),
    };

    private ReceiptFonts() => Coverage = GlyphCoverage.Read(_fonts[Regular]);

    /// <summary>The characters DejaVu Sans can draw (its cmap), so text outside it is written as code points, never as empty boxes.</summary>
    public IReadOnlySet<int> Coverage { get; }

    /// <summary>Installs the resolver for the process (PDFsharp allows one, set before any font is used).</summary>
    public static ReceiptFonts Use()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is not ReceiptFonts)
            {
                GlobalFontSettings.FontResolver = Instance.Value;
            }
        }

        return Instance.Value;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) => new(bold ? Bold : Regular);

    public byte[]? GetFont(string faceName) => _fonts.GetValueOrDefault(faceName);

    private static byte[] Load(string name)
    {
        using var stream = typeof(ReceiptFonts).Assembly.GetManifestResourceStream($"SmsContacts.Web.{name}.ttf")
            ?? throw new InvalidOperationException($"The font {name}.ttf is not embedded in the app.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}

/// <summary>
/// Makes any text printable with a font of known coverage, without losing what it says:
/// - a character the font has no glyph for (an emoji, CJK in DejaVu Sans) is written as its code point, "[U+1F600]";
/// - invisible format characters (bidirectional marks, zero-width joiners) are dropped;
/// - right-to-left runs (Hebrew, Arabic, Syriac, Thaana, N'Ko...) are put in visual order, because PDFsharp draws
///   characters left to right as stored: within a line, each run of right-to-left letters (with the spaces and
///   punctuation between them) is reversed, digits and left-to-right text keep their order. This is a simplification of
///   the Unicode bidirectional algorithm (UAX #9): numbers inside right-to-left text and nested brackets may not land
///   where a browser puts them, and Arabic letters are drawn in their isolated forms (PDFsharp does not shape them).
///   The CSV keeps the text exactly as stored.
/// </summary>
public static class PrintableText
{
    public static string For(string? text, IReadOnlySet<int> coverage)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var runes = new List<Rune>();
        foreach (var rune in text.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category == UnicodeCategory.Format)
            {
                continue;
            }

            if (category == UnicodeCategory.Control)
            {
                runes.Add(new Rune(' '));
                continue;
            }

            runes.Add(rune);
        }

        var visual = Visual(runes);
        var builder = new StringBuilder(text.Length);
        foreach (var rune in visual)
        {
            if (rune.Value == ' ' || coverage.Contains(rune.Value))
            {
                builder.Append(rune.ToString());
            }
            else
            {
                builder.Append(CultureInfo.InvariantCulture, $"[U+{rune.Value:X4}]");
            }
        }

        return builder.ToString();
    }

    /// <summary>Right-to-left runs reversed in place; a run starts and ends on a right-to-left letter and takes in the neutral characters between two of them.</summary>
    private static List<Rune> Visual(List<Rune> runes)
    {
        var result = new List<Rune>(runes);
        var i = 0;
        while (i < result.Count)
        {
            if (!IsRightToLeft(result[i]))
            {
                i++;
                continue;
            }

            var end = i;
            for (var j = i + 1; j < result.Count; j++)
            {
                if (IsRightToLeft(result[j]))
                {
                    end = j;
                }
                else if (!IsNeutral(result[j]))
                {
                    break;
                }
            }

            result.Reverse(i, end - i + 1);
            for (var k = i; k <= end; k++)
            {
                result[k] = Mirror(result[k]);
            }

            i = end + 1;
        }

        return result;
    }

    /// <summary>Hebrew, Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic and their presentation forms.</summary>
    public static bool IsRightToLeft(Rune rune) => rune.Value is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF)
        or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);

    private static bool IsNeutral(Rune rune) => Rune.IsWhiteSpace(rune) || Rune.IsPunctuation(rune) || Rune.IsSymbol(rune);

    /// <summary>Paired punctuation turns round inside a reversed run, as the Unicode bidirectional algorithm mirrors it.</summary>
    private static Rune Mirror(Rune rune) => rune.Value switch
    {
        '(' => new Rune(')'),
        ')' => new Rune('('),
        '[' => new Rune(']'),
        ']' => new Rune('['),
        '{' => new Rune('}'),
        '}' => new Rune('{'),
        '<' => new Rune('>'),
        '>' => new Rune('<'),
        '«' => new Rune('»'),
        '»' => new Rune('«'),
        _ => rune,
    };
}

/// <summary>Reads which characters a TrueType font maps to glyphs, from its 'cmap' table (formats 4 and 12).</summary>
public static class GlyphCoverage
{
    public static IReadOnlySet<int> Read(byte[] font)
    {
        var covered = new HashSet<int>();
        var tables = U16(font, 4);
        var cmap = -1;
        for (var t = 0; t < tables; t++)
        {
            var record = 12 + (t * 16);
            if (Encoding.ASCII.GetString(font, record, 4) == "cmap")
            {
                cmap = (int)U32(font, record + 8);
            }
        }

        if (cmap < 0)
        {
            return covered;
        }

        var subtables = U16(font, cmap + 2);
        for (var s = 0; s < subtables; s++)
        {
            var offset = cmap + (int)U32(font, cmap + 4 + (s * 8) + 4);
            switch (U16(font, offset))
            {
                case 4:
                    ReadFormat4(font, offset, covered);
                    break;
                case 12:
                    ReadFormat12(font, offset, covered);
                    break;
            }
        }

        return covered;
    }

    private static void ReadFormat4(byte[] font, int offset, HashSet<int> covered)
    {
        var segments = U16(font, offset + 6) / 2;
        var ends = offset + 14;
        var starts = ends + (segments * 2) + 2;
        var deltas = starts + (segments * 2);
        var rangeOffsets = deltas + (segments * 2);
        for (var i = 0; i < segments; i++)
        {
            int end = U16(font, ends + (i * 2)), start = U16(font, starts + (i * 2));
            var delta = (short)U16(font, deltas + (i * 2));
            var rangeOffset = U16(font, rangeOffsets + (i * 2));
            for (var c = start; c <= end && c != 0xFFFF; c++)
            {
                var glyph = rangeOffset == 0
                    ? (c + delta) & 0xFFFF
                    : U16(font, rangeOffsets + (i * 2) + rangeOffset + ((c - start) * 2)) is var g and not 0 ? (g + delta) & 0xFFFF : 0;
                if (glyph != 0)
                {
                    covered.Add(c);
                }
            }
        }
    }

    private static void ReadFormat12(byte[] font, int offset, HashSet<int> covered)
    {
        var groups = U32(font, offset + 12);
        for (var i = 0; i < groups; i++)
        {
            var group = offset + 16 + (int)(i * 12);
            var start = U32(font, group);
            var end = U32(font, group + 4);
            for (var c = start; c <= end; c++)
            {
                covered.Add((int)c);
            }
        }
    }

    private static int U16(byte[] data, int at) => (data[at] << 8) | data[at + 1];

    private static uint U32(byte[] data, int at) => ((uint)data[at] << 24) | ((uint)data[at + 1] << 16) | ((uint)data[at + 2] << 8) | data[at + 3];
}
