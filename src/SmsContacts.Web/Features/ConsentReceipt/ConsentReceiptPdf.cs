using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using SmsContacts.Web.Infrastructure.Pdf;

namespace SmsContacts.Web.Features.ConsentReceipt;

/// <summary>
/// The consent receipt as a PDF a person reads: US Letter pages, the number and its sender code, its status now per list,
/// every consent event oldest first (numbered as in the CSV), then the record's SHA-256 and how to check it. Text goes
/// through <see cref="PrintableText"/>, so characters the font cannot draw appear as code points and right-to-left text
/// reads in order. Each page says whose receipt it is and which page of how many.
/// </summary>
public static class ConsentReceiptPdf
{
    private const double Margin = 50;
    private const double FooterHeight = 30;

    public static byte[] Write(ConsentRecord record, DateTime generatedUtc)
    {
        var fonts = ReceiptFonts.Use();
        using var document = new PdfDocument();
        document.Info.Title = $"Consent receipt {record.Phone}";
        document.Info.Subject = $"Consent history of {record.Phone} on sender code {record.SenderCode}";
        document.Info.Creator = "SmsContacts";

        var writer = new PageWriter(document, fonts.Coverage);
        writer.Line($"Consent receipt", writer.Title);
        writer.Line($"Phone Number: {record.Phone}", writer.Bold);
        writer.Line($"Sender code: {record.SenderCode} {record.SenderCodeName}");
        writer.Line($"Contact since: {Time(record.ContactSinceUtc)}");
        writer.Line($"Status now: {record.StatusNow}");
        writer.Line($"Generated: {Time(generatedUtc)} (not part of the record the digest covers)", writer.Small);
        writer.Gap();

        writer.Line("Current status per list", writer.Heading);
        if (record.Lists.Count == 0)
        {
            writer.Line("Never on a list.");
        }

        foreach (var list in record.Lists)
        {
            writer.Line($"{list.Name}: {list.Status}{(list.SinceUtc is { } since ? $" since {Time(since)}" : "")}");
        }

        writer.Gap();
        writer.Line($"Consent history: {record.Events.Count} {(record.Events.Count == 1 ? "event" : "events")}, oldest first (times in UTC)", writer.Heading);
        if (record.Events.Count == 0)
        {
            writer.Line("No consent event is recorded for this number.");
        }

        foreach (var e in record.Events)
        {
            writer.KeepTogether(4);
            writer.Line($"#{e.Number}  {Time(e.OccurredUtc)}  {e.Change}{(e.ListName is { } list ? $" · list {list}" : " · whole sender code")}", writer.Bold);
            writer.Line($"{e.Before} → {e.After}", indent: 14);
            var source = new List<string> { $"Source: {e.Source}" };
            if (e.Method is { } method)
            {
                source.Add($"subscribe method {method}");
            }

            if (e.UserName is { } user)
            {
                source.Add($"by {user}{(e.UserId is { } id ? $" (user {id})" : "")}");
            }

            if (e.MessageSid is { } sid)
            {
                source.Add($"message {sid}");
            }

            writer.Line(string.Join(" · ", source), indent: 14);
            if (e.MessageText is { } text)
            {
                writer.Line($"Text received: “{text}”", indent: 14);
            }

            if (e.ImportId is { } import)
            {
                writer.Line($"Import {import}{(e.ImportFile is { } file ? $", file {file}" : "")}", indent: 14);
            }

            if (e.ConsentNote is { } note)
            {
                writer.Line($"Consent note: {note}", indent: 14);
            }

            writer.Gap(4);
        }

        writer.Gap();
        writer.KeepTogether(6);
        writer.Line("SHA-256 of this record", writer.Heading);
        writer.Line(record.Digest(), writer.Mono);
        writer.Line(
            "The digest is the SHA-256 of the consent receipt CSV of this number (Contact Details > Consent receipt > CSV) without its last line: "
            + "the UTF-8 bytes, no byte order mark, every line ending CR LF. The CSV's last line carries the same digest. To check it: "
            + "head -n -1 receipt.csv | sha256sum. It covers every fact on this receipt except the time it was generated and the page layout.",
            writer.Small);

        writer.Footers($"Consent receipt · {record.Phone} · sender code {record.SenderCode}");
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>Lines top to bottom, wrapped to the page's width, a new page when one is full.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument _document;
        private readonly IReadOnlySet<int> _coverage;
        private XGraphics _graphics = null!;
        private PdfPage _page = null!;
        private double _y;

        public PageWriter(PdfDocument document, IReadOnlySet<int> coverage)
        {
            _document = document;
            _coverage = coverage;
            Title = new XFont(ReceiptFonts.Family, 16, XFontStyleEx.Bold);
            Heading = new XFont(ReceiptFonts.Family, 11.5, XFontStyleEx.Bold);
            Bold = new XFont(ReceiptFonts.Family, 9.5, XFontStyleEx.Bold);
            Body = new XFont(ReceiptFonts.Family, 9.5, XFontStyleEx.Regular);
            Small = new XFont(ReceiptFonts.Family, 8, XFontStyleEx.Regular);
            Mono = new XFont(ReceiptFonts.Family, 9, XFontStyleEx.Regular);
            NewPage();
        }

        public XFont Title { get; }

        public XFont Heading { get; }

        public XFont Bold { get; }

        public XFont Body { get; }

        public XFont Small { get; }

        public XFont Mono { get; }

        private double Bottom => _page.Height.Point - Margin - FooterHeight;

        private double Width => _page.Width.Point - (2 * Margin);

        public void Line(string text, XFont? font = null, double indent = 0)
        {
            font ??= Body;
            var height = font.GetHeight() * 1.15;
            foreach (var line in Wrap(PrintableText.For(text, _coverage), font, Width - indent))
            {
                if (_y + height > Bottom)
                {
                    NewPage();
                }

                _graphics.DrawString(line, font, XBrushes.Black, new XPoint(Margin + indent, _y + font.GetHeight()));
                _y += height;
            }
        }

        public void Gap(double points = 10) => _y += points;

        /// <summary>Starts a new page unless <paramref name="lines"/> body lines still fit on this one.</summary>
        public void KeepTogether(int lines)
        {
            if (_y + (lines * Body.GetHeight() * 1.15) > Bottom)
            {
                NewPage();
            }
        }

        public void Footers(string text)
        {
            _graphics.Dispose();
            var count = _document.PageCount;
            for (var i = 0; i < count; i++)
            {
                var page = _document.Pages[i];
                using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
                var footer = PrintableText.For($"{text} · page {i + 1} of {count}", _coverage);
                graphics.DrawString(footer, Small, XBrushes.DimGray, new XPoint(Margin, page.Height.Point - Margin + 10));
            }
        }

        private void NewPage()
        {
            _graphics?.Dispose();
            _page = _document.AddPage();
            _page.Size = PageSize.Letter;
            _graphics = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        /// <summary>Greedy word wrap by measured width; a word wider than the line is cut by characters.</summary>
        private List<string> Wrap(string text, XFont font, double width)
        {
            var lines = new List<string>();
            var current = "";
            foreach (var word in text.Split(' '))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                if (_graphics.MeasureString(candidate, font).Width <= width)
                {
                    current = candidate;
                    continue;
                }

                if (current.Length > 0)
                {
                    lines.Add(current);
                }

                current = word;
                while (current.Length > 1 && _graphics.MeasureString(current, font).Width > width)
                {
                    var fit = current.Length - 1;
                    while (fit > 1 && _graphics.MeasureString(current[..fit], font).Width > width)
                    {
                        fit--;
                    }

                    // Never split a surrogate pair.
                    if (char.IsHighSurrogate(current[fit - 1]))
                    {
                        fit--;
                    }

                    lines.Add(current[..fit]);
                    current = current[fit..];
                }
            }

            lines.Add(current);
            return lines;
        }
    }
}
