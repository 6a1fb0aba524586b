using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace SmsContacts.Web.Domain;

public readonly record struct NormalizedPhone(string? E164, string? Error)
{
    public bool IsValid => E164 is not null;
}

/// <summary>
/// Every path that accepts a phone number (Single Contact, File Import and its first pass, inbound texts and
/// the simulator, search) goes through here, so a number typed three ways is stored one way: E.164.
///
/// The rule is "never invent a number": the digits stored are the digits typed, nothing else.
/// <list type="bullet">
/// <item>Digits are decimal digits of any script (Unicode category Nd): ASCII, full-width (４１５), Arabic-Indic
/// (٤١٥), Devanagari and so on. Each is the digit someone typed in their script, and libphonenumber reads them
/// the same way; nothing is guessed.</item>
/// <item>A letter anywhere rejects the number ("contains letters"). libphonenumber's Parse would turn letters
/// into keypad digits (<c>415-555-0ABC</c> becomes +14155550222), or drop an extension, and store a number
/// nobody typed; a typo such as the letter O for zero is the same kind.</item>
/// <item>Separators are ignored: every space (Unicode category Zs, such as U+00A0, U+202F narrow no-break space,
/// U+2009 thin space, U+2007 figure space, U+3000), the invisible formatting characters text copied from web
/// pages and right-to-left documents carries (U+00AD soft hyphen, U+061C, U+180E, U+200B–U+200F, U+2028–U+202E,
/// U+2060–U+2064, U+2066–U+2069, U+FEFF), every dash (category Pd, U+2010 to U+2015, U+2212 minus...), and
/// <c>. ( ) /</c> with their full-width forms.</item>
/// <item>A plus sign (or the full-width ＋) is allowed in front of the first digit only.</item>
/// <item>An extension ("x123", "ext. 5", "#12") rejects the number with that reason: a text cannot reach it.</item>
/// <item>A spreadsheet's text mark, one apostrophe in front of the number (<c>'+14155550134</c>), is not part of it.</item>
/// <item>Scientific notation (<c>1.4155550134E+10</c>, how a spreadsheet saves a long number) is read when every digit is
/// there, and rejected with that reason when the spreadsheet rounded some away (<c>4.15556E+09</c>).</item>
/// <item>Anything else (<c>#</c>, <c>*</c>, <c>;</c>, control characters, emoji...) rejects the number and names
/// the character as U+XXXX.</item>
/// </list>
/// Then libphonenumber (Google's metadata) decides, with the sender code's country for numbers without a
/// country code, whether the digits are a valid number, and formats it as E.164.
/// </summary>
public static partial class PhoneNormalizer
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly System.Buffers.SearchValues<char> PlainCharacters = System.Buffers.SearchValues.Create("0123456789+ .-()/");

    /// <param name="input">As people write it: "(415) 555-0134", "415.555.0134", "+1 415 555 0134".</param>
    /// <param name="defaultRegion">The sender code's country (ISO 3166 alpha-2), used when the number has no country code.</param>
    /// <returns>The E.164 number, or why the text is not one (the text shown with invisible characters as U+XXXX).</returns>
    public static NormalizedPhone Normalize(string? input, string defaultRegion)
    {
        var cleaned = Clean(input, out var problem);
        if (problem is not null)
        {
            return new NormalizedPhone(null, problem);
        }

        if (cleaned.Length == 0)
        {
            return new NormalizedPhone(null, IsBlank(input) ? "Phone number is required." : $"\"{MakeVisible(input!.Trim())}\" is not a phone number.");
        }

        try
        {
            var parsed = Util.Parse(cleaned, defaultRegion);
            if (!Util.IsValidNumber(parsed))
            {
                return new NormalizedPhone(null, $"\"{MakeVisible(input!.Trim())}\" is not a valid phone number.");
            }

            return new NormalizedPhone(Util.Format(parsed, PhoneNumberFormat.E164), null);
        }
        catch (NumberParseException)
        {
            return new NormalizedPhone(null, $"\"{MakeVisible(input!.Trim())}\" is not a phone number.");
        }
    }

    /// <summary>
    /// The number as ASCII digits, with a leading '+' when one was typed and single spaces where separators were;
    /// empty when there are no digits. <paramref name="problem"/> says why the text cannot be a number typed as it is.
    /// </summary>
    internal static string Clean(string? input, out string? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        input = WithoutTextMark(input);
        if (ScientificNotation(input, out var scientificDigits, out problem))
        {
            return scientificDigits;
        }

        if (problem is not null)
        {
            return "";
        }

        if (ExtensionPattern().Match(input) is { Success: true } extension)
        {
            problem = $"\"{MakeVisible(input.Trim())}\" has an extension (\"{extension.Groups["ext"].Value.Trim()}\"): a text message cannot reach an extension, and the number is not stored without it.";
            return "";
        }

        // Most cells are written with ASCII digits and punctuation only: they go to libphonenumber as they are.
        var span = input.AsSpan();
        if (span.IndexOfAnyExcept(PlainCharacters) < 0)
        {
            var firstDigit = span.IndexOfAnyInRange('0', '9');
            var plus = span.IndexOf('+');
            if (plus < 0 || (plus == span.LastIndexOf('+') && plus < firstDigit))
            {
                return firstDigit < 0 ? "" : input.Trim();
            }
        }

        var output = new StringBuilder(input.Length);
        var digits = 0;
        foreach (var rune in input.EnumerateRunes())
        {
            if (Rune.IsDigit(rune))
            {
                output.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
                digits++;
            }
            else if (rune.Value is '+' or '\uFF0B')
            {
                if (digits > 0 || output.ToString().Contains('+', StringComparison.Ordinal))
                {
                    problem = $"\"{MakeVisible(input.Trim())}\" has a plus sign after its first digit: the + goes in front of the country code.";
                    return "";
                }

                output.Append('+');
            }
            else if (IsSeparator(rune))
            {
                if (output.Length > 0 && output[^1] != ' ')
                {
                    output.Append(' ');
                }
            }
            else if (Rune.IsLetter(rune))
            {
                problem = $"\"{MakeVisible(input.Trim())}\" contains letters: a phone number is digits only (letters are not turned into keypad digits).";
                return "";
            }
            else
            {
                problem = $"\"{MakeVisible(input.Trim())}\" contains {Describe(rune)}, which is not part of a phone number.";
                return "";
            }
        }

        return digits == 0 ? "" : output.ToString().Trim();
    }

    /// <summary>
    /// A spreadsheet's mark that a cell is text: one apostrophe (or the typographic ’ or ‘ a word processor turns it into)
    /// in front of the number, as in <c>'4155550134</c> or <c>'+14155550134</c> (typed in a cell to keep the leading zero
    /// or plus, and written by exports that guard cells starting with + against formulas). It is not part of the number;
    /// anywhere else an apostrophe still rejects it.
    /// </summary>
    private static string WithoutTextMark(string input)
    {
        var trimmed = input.AsSpan().TrimStart();
        if (trimmed.Length > 1 && trimmed[0] is '\'' or '\u2019' or '\u2018' && trimmed[1] is not ('\'' or '\u2019' or '\u2018'))
        {
            return trimmed[1..].ToString();
        }

        return input;
    }

    /// <summary>
    /// A number in scientific notation, as Excel shows and saves a long number in a General cell (<c>1.4155550134E+10</c>,
    /// <c>4.15556E+09</c>). When the mantissa holds every digit the exponent calls for, those are the digits typed and
    /// <paramref name="digits"/> has them; when it holds fewer, the rest were rounded away (Excel keeps 6 significant
    /// digits in General), so <paramref name="problem"/> says so and nothing is guessed. False, with no problem, for any
    /// other text.
    /// </summary>
    private static bool ScientificNotation(string input, out string digits, out string? problem)
    {
        digits = "";
        problem = null;
        var match = ScientificPattern().Match(input);
        if (!match.Success)
        {
            return false;
        }

        var mantissa = match.Groups["int"].Value + match.Groups["frac"].Value;
        var exponent = int.Parse(match.Groups["exp"].Value, CultureInfo.InvariantCulture);
        if (mantissa.Length != exponent + 1 || mantissa[0] == '0')
        {
            problem = $"\"{MakeVisible(input.Trim())}\" is a number in scientific notation, as a spreadsheet shows a long number: its digits are not all there. In the spreadsheet, format the column as Text (or Number with no decimals) before saving the file, and import it again.";
            return false;
        }

        digits = match.Groups["plus"].Value + mantissa;
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*(?<plus>\+?)(?<int>[0-9])(?:[.,](?<frac>[0-9]+))?[eE]\+?(?<exp>[0-9]{1,2})\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ScientificPattern();

    /// <summary>
    /// Whether a cell is written like a phone number, valid or not: at least 5 digits (any script) and no letter, or
    /// scientific notation. Column names have letters, so Import uses it to tell a first line that is a contact with a
    /// mistyped number from a header.
    /// </summary>
    public static bool LooksLikeANumber(string? input)
    {
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        if (ScientificPattern().IsMatch(input))
        {
            return true;
        }

        var digits = 0;
        foreach (var rune in input.EnumerateRunes())
        {
            if (Rune.IsLetter(rune))
            {
                return false;
            }

            digits += Rune.IsDigit(rune) ? 1 : 0;
        }

        return digits >= 5;
    }

    /// <summary>An extension after the number, as written in address books: " x123", "ext. 5", "extension 12", "#12", ";ext=9" (a lone x needs a space before it).</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"[0-9)](?:\s+(?<ext>(?:x|ext\.?|extn\.?|extension)\s*[0-9]{1,6})|\s*(?<ext>(?:ext\.?|extn\.?|extension|#|;\s*ext=)\s*[0-9]{1,6}))\s*$", System.Text.RegularExpressions.RegexOptions.CultureInvariant | System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex ExtensionPattern();

    /// <summary>Spaces, dashes, the usual punctuation of written numbers and invisible formatting characters.</summary>
    public static bool IsSeparator(Rune rune)
    {
        var value = rune.Value;
        if (value is ' ' or '\t' or '.' or '(' or ')' or '/' or '\uFF0E' or '\uFF08' or '\uFF09' or '\uFF0F' or '\u2212')
        {
            return true;
        }

        if (IsInvisibleFormatting(value))
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation;
    }

    /// <summary>
    /// Text that shows every character a reader cannot see or cannot tell from a space as U+XXXX: every space
    /// but the ordinary one (U+00A0, U+202F...), control characters, line and paragraph separators and
    /// formatting characters (U+200B, U+200E, U+FEFF...). "415 555 1004" typed with narrow no-break spaces
    /// becomes "415U+202F555U+202F1004".
    /// </summary>
    public static string MakeVisible(string text)
    {
        if (!text.EnumerateRunes().Any(IsHidden))
        {
            return text;
        }

        var output = new StringBuilder(text.Length + 16);
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsHidden(rune))
            {
                output.Append(CultureInfo.InvariantCulture, $"U+{rune.Value:X4}");
            }
            else
            {
                output.Append(rune.ToString());
            }
        }

        return output.ToString();
    }

    private static bool IsHidden(Rune rune) =>
        rune.Value != ' ' && (IsInvisibleFormatting(rune.Value) || Rune.GetUnicodeCategory(rune) is
            UnicodeCategory.SpaceSeparator or UnicodeCategory.Control or UnicodeCategory.Format
            or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator);

    private static bool IsInvisibleFormatting(int value) => value is 0x00AD or 0x061C or 0x180E or 0xFEFF
        or (>= 0x200B and <= 0x200F) or (>= 0x2028 and <= 0x202E) or (>= 0x2060 and <= 0x2064) or (>= 0x2066 and <= 0x2069);

    private static bool IsBlank(string? input) => input is null || input.EnumerateRunes().All(r => IsSeparator(r) || Rune.IsWhiteSpace(r));

    private static string Describe(Rune rune) => IsHidden(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.OtherNotAssigned
        ? $"the character U+{rune.Value:X4}"
        : $"\"{rune}\" (U+{rune.Value:X4})";

    /// <summary>The digits of what someone typed into Search; E.164 minus its '+' is all digits, so they match on digits.</summary>
    public static string DigitsOf(string? input)
    {
        if (string.IsNullOrEmpty(input))
        {
            return "";
        }

        return string.Create(input.Count(char.IsAsciiDigit), input, (span, source) =>
        {
            var i = 0;
            foreach (var c in source)
            {
                if (char.IsAsciiDigit(c))
                {
                    span[i++] = c;
                }
            }
        });
    }
}
