using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.ConsentReceipt;
using SmsContacts.Web.Infrastructure.Pdf;

namespace SmsContacts.Tests.Infrastructure.Pdf;

/// <summary>
/// Text on a PDF never silently loses a character: what the shipped font cannot draw is written as its code point,
/// right-to-left runs read in order, invisible marks go; and a receipt with such text in every field renders.
/// </summary>
public sealed class PrintableTextTests
{
    private static readonly IReadOnlySet<int> Coverage = ReceiptFonts.Use().Coverage;

    [Theory]
    [InlineData("VIP 🎉", "VIP [U+1F389]")]
    [InlineData("👍", "[U+1F44D]")]
    [InlineData("👩‍👩‍👧", "[U+1F469][U+1F469][U+1F467]")]
    [InlineData("店舗 12", "[U+5E97][U+8217] 12")]
    [InlineData("Zoë Chloé Björn Ñandú Łódź", "Zoë Chloé Björn Ñandú Łódź")]
    [InlineData("Привет", "Привет")]
    [InlineData("שלום", "םולש")]
    [InlineData("VIP: שלום עולם!", "VIP: םלוע םולש!")]
    [InlineData("list (שלום) end", "list (םולש) end")]
    [InlineData("a\u200Eb\u202Bc\u202C", "abc")]
    [InlineData("line\nbreak\ttab", "line break tab")]
    public void Text_IsPrintable_WithoutLosingWhatItSays(string text, string printed) =>
        Assert.Equal(printed, PrintableText.For(text, Coverage));

    [Fact]
    public void TheShippedFont_DrawsLatinCyrillicGreekHebrewAndArabicLetters_NotEmoji()
    {
        foreach (var c in "AzÄéßŁЖЯΩאתابي€→·“”")
        {
            Assert.Contains((int)c, Coverage);
        }

        Assert.DoesNotContain(0x1F389, Coverage);
    }

    /// <summary>Every printable character a person could type, in every field: the output holds only drawable characters.</summary>
    [Fact]
    public void GeneratedText_PrintsOnlyCharactersTheFontHas()
    {
        var random = new Random(11);
        for (var i = 0; i < 2_000; i++)
        {
            var text = string.Concat(Enumerable.Range(0, random.Next(1, 30)).Select(_ => char.ConvertFromUtf32(RandomScalar(random))));
            var printed = PrintableText.For(text, Coverage);
            foreach (var rune in printed.EnumerateRunes())
            {
                Assert.True(rune.Value == ' ' || Coverage.Contains(rune.Value), $"U+{rune.Value:X4} from {text}");
            }
        }
    }

    [Fact]
    public void AReceipt_WithEmojiRightToLeftAndLongUnbrokenText_Renders()
    {
        var events = Enumerable.Range(1, 120).Select(i => new ReceiptEvent(
            i, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i), "Subscribed", i % 2 == 0 ? "מבצעים 🎉" : "عروض خاصة",
            "Not subscribed", "Subscribed", "Inbound text", "زينب@example.com", null, $"SM{i:D32}", "STOP 🙅‍♀️ בבקשה", null, null,
            new string('x', 400), "Keyword")).ToList();
        var record = new ConsentRecord("+12125550100", "55123", "Acme 🛒", DateTime.UnixEpoch, "Subscribed", [new ReceiptList("מבצעים 🎉", "Subscribed", null)], events);
        var pdf = ConsentReceiptPdf.Write(record, DateTime.UnixEpoch);
        using var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream(pdf), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import);
        Assert.True(document.PageCount >= 10);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("   ", null)]
    [InlineData("  paper form\r\n at store 12 ", "paper form at store 12")]
    [InlineData("a\u200Bb", "a b")]
    [InlineData("טופס נייר", "טופס נייר")]
    [InlineData("👩‍👩‍👧 family", "👩‍👩‍👧 family")]
    public void ConsentNotes_AreStoredAsOneTidyLine(string? typed, string? stored) => Assert.Equal(stored, ConsentNotes.Normalize(typed));

    private static int RandomScalar(Random random)
    {
        while (true)
        {
            var value = random.Next(6) switch
            {
                0 => random.Next(0x20, 0x250),
                1 => random.Next(0x590, 0x700),
                2 => random.Next(0x2000, 0x2100),
                3 => random.Next(0x4E00, 0x4F00),
                4 => random.Next(0x1F300, 0x1FA00),
                _ => random.Next(0x400, 0x500),
            };
            if (value is < 0xD800 or > 0xDFFF)
            {
                return value;
            }
        }
    }
}
