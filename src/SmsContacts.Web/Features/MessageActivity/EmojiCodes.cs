using System.Globalization;
using System.Text;

namespace SmsContacts.Web.Features.MessageActivity;

/// <summary>
/// The seed's rule for the activity export: an emoji in an outbound message is written as its Unicode
/// number (<c>U+1F600</c>), so the file reads the same in any spreadsheet, whatever its fonts.
/// </summary>
public static class EmojiCodes
{
    public static string Replace(string text)
    {
        if (!text.EnumerateRunes().Any(IsEmoji))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsEmoji(rune))
            {
                builder.Append("U+").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Emoji are outside the Basic Multilingual Plane (U+1F600...), or in the BMP's symbol blocks that
    /// render as emoji (☀ ✅ ⭐), or the joiners and selectors that build them up (ZWJ, U+FE0F, keycaps).
    /// </summary>
    public static bool IsEmoji(Rune rune) => rune.Value switch
    {
        >= 0x1F000 and <= 0x1FAFF => true,
        >= 0x2300 and <= 0x23FF => true,
        >= 0x2600 and <= 0x27BF => true,
        >= 0x2B00 and <= 0x2BFF => true,
        0x200D or 0xFE0F or 0x20E3 or 0x3030 or 0x303D or 0x3297 or 0x3299 => true,
        >= 0xE0020 and <= 0xE007F => true,
        _ => false,
    };
}
