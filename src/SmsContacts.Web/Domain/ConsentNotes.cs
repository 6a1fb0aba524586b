using System.Text;

namespace SmsContacts.Web.Domain;

/// <summary>
/// A consent note: where consent came from, in the words of the person who captured it ("paper form at store 12"),
/// typed on Single Contact or once for a whole import. Kept beside the events it explains and printed on consent receipts,
/// which is why it is stored as one tidy line.
/// </summary>
public static class ConsentNotes
{
    public const int MaxLength = 500;

    /// <summary>
    /// The note as stored: line breaks, tabs and other control or invisible format characters become spaces, runs of
    /// spaces one, ends trimmed; null when nothing is left. Longer than <see cref="MaxLength"/> is the validators' to refuse.
    /// </summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var builder = new System.Text.StringBuilder(typed.Length);
        var space = false;
        foreach (var rune in typed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            var blank = Rune.IsWhiteSpace(rune) || category is System.Globalization.UnicodeCategory.Control
                || (category is System.Globalization.UnicodeCategory.Format && rune.Value is not (0x200C or 0x200D));
            if (blank)
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(rune.ToString());
        }

        return builder.Length == 0 ? null : builder.ToString();
    }
}
