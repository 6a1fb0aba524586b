using System.Globalization;
using System.Text;
using PhoneNumbers;
using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>What the text typed into Search asks for (see <see cref="PhoneSearch"/>).</summary>
public enum PhoneSearchKind
{
    /// <summary>Nothing to search for (empty, or only separators such as "+" or "()"): every row.</summary>
    None,

    /// <summary>The text has letters or symbols no phone number has: no row matches, and the page says search is by phone number.</summary>
    NotAPhone,

    /// <summary>Numbers that start with the typed digits: one or two digits, or any digits after a leading "+".</summary>
    StartsWith,

    /// <summary>Numbers that contain the typed digits anywhere: three digits or more without a leading "+".</summary>
    Contains,
}

/// <summary>
/// An interval of E.164 numbers in ordinal order: <see cref="Low"/> included, <see cref="High"/> excluded
/// (null: no upper end). Every number that starts with a prefix is one such interval, so "starts with" is
/// an index range on the phone column, on SQLite and on SQL Server alike.
/// </summary>
public readonly record struct PhoneRange(string Low, string? High)
{
    public bool Contains(string e164) =>
        string.CompareOrdinal(e164, Low) >= 0 && (High is null || string.CompareOrdinal(e164, High) < 0);
}

/// <summary>
/// Search by phone number, the seed's "partial or full phone number", as people type it. Only the digits
/// count (and a leading "+"); spaces, dashes, dots, slashes and parentheses are ignored:
/// - three digits or more match a number that contains them anywhere, as the grid shows it in E.164:
///   "415", "555-0134", "(415) 555-0134" and "14155550134" all find +14155550134;
/// - a leading "+" means the number starts with them: "+1415" finds the 415 area code, "+44" the UK;
/// - one or two digits match the start of the number, with or without the sender code's country code:
///   "4" finds +4… and +1 4…, "41" finds +41… and +1 41… (a single digit "anywhere" would match nearly
///   every number, and people type a number from its start);
/// - a full number typed the national way with a trunk prefix (UK "07700 900123") finds that number;
/// - letters or symbols ("john", "*", "%", "_", emoji) are not a phone search: nothing matches, and the
///   grid says "Search is by phone number" instead of quietly showing every row.
/// <see cref="Matches"/> is the rule in C#; the grid (<see cref="ContactRepository"/>) answers it from
/// indexes (phone ranges, and for "contains" SQLite's FTS5 trigram index or SQL Server's suffix table),
/// and tests run both on the same generated numbers.
/// </summary>
public sealed class PhoneSearch
{
    public const string NotAPhoneMessage = "Search is by phone number";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private PhoneSearch(PhoneSearchKind kind, string typed, string digits, IReadOnlyList<PhoneRange> ranges, IReadOnlyList<PhoneRange>? leadingRanges = null)
    {
        Kind = kind;
        Typed = typed;
        Digits = digits;
        Ranges = ranges;
        LeadingRanges = leadingRanges ?? [];
    }

    /// <summary>No search: every row.</summary>
    public static PhoneSearch None { get; } = new(PhoneSearchKind.None, "", "", []);

    public PhoneSearchKind Kind { get; }

    /// <summary>The text as typed, trimmed.</summary>
    public string Typed { get; }

    /// <summary><see cref="PhoneSearchKind.Contains"/>: the digits a number must contain; <see cref="PhoneSearchKind.StartsWith"/>: the typed digits.</summary>
    public string Digits { get; }

    /// <summary><see cref="PhoneSearchKind.StartsWith"/>: the ranges of matching numbers, ascending and disjoint (one or two).</summary>
    public IReadOnlyList<PhoneRange> Ranges { get; }

    /// <summary>
    /// <see cref="PhoneSearchKind.Contains"/>: the numbers that start with the digits, right after the "+" or after the
    /// sender code's country code ("130": +130… and +1 130…), ascending and disjoint. Every one of them matches, and they
    /// are ranges of the phone index: where numbers cluster (an area code, a country) most matches are here, and the rest
    /// (the digits further in) are few.
    /// </summary>
    public IReadOnlyList<PhoneRange> LeadingRanges { get; }

    /// <summary>True when the search narrows the rows (starts with or contains).</summary>
    public bool Filters => Kind is PhoneSearchKind.StartsWith or PhoneSearchKind.Contains;

    /// <param name="typed">What was typed into Search (null or empty: no search).</param>
    /// <param name="senderCodeRegion">The sender code's country (ISO 3166 alpha-2, e.g. "US"): its calling code is the one people leave out.</param>
    public static PhoneSearch Parse(string? typed, string senderCodeRegion)
    {
        var text = (typed ?? "").Trim();
        if (text.Length == 0)
        {
            return None;
        }

        var digits = new StringBuilder(text.Length);
        var plus = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.GetUnicodeCategory(rune) == UnicodeCategory.DecimalDigitNumber)
            {
                // Any script's digits (Arabic-Indic, full-width...) are the same digits.
                digits.Append((char)('0' + (int)Rune.GetNumericValue(rune)));
            }
            else if (rune.Value is '+' or '\uFF0B')
            {
                plus |= digits.Length == 0;
            }
            else if (!IsSeparator(rune))
            {
                return new PhoneSearch(PhoneSearchKind.NotAPhone, text, "", []);
            }
        }

        if (digits.Length == 0)
        {
            return new PhoneSearch(PhoneSearchKind.None, text, "", []);
        }

        var typedDigits = digits.ToString();
        if (plus)
        {
            return new PhoneSearch(PhoneSearchKind.StartsWith, text, typedDigits, [RangeOf("+" + typedDigits)]);
        }

        if (typedDigits.Length <= 2)
        {
            return new PhoneSearch(PhoneSearchKind.StartsWith, text, typedDigits, DisjointRanges(PrefixesOf(typedDigits, senderCodeRegion)));
        }

        // A full number typed the national way ("07700 900123" in the UK) has a trunk prefix the stored
        // number does not: search for the number it spells instead.
        var find = typedDigits;
        if (PhoneNormalizer.Normalize(text, senderCodeRegion).E164 is { } e164 && !e164.Contains(typedDigits, StringComparison.Ordinal))
        {
            find = e164[1..];
        }

        return new PhoneSearch(PhoneSearchKind.Contains, text, find, [], DisjointRanges(PrefixesOf(find, senderCodeRegion)));
    }

    /// <summary>The rule itself: does this E.164 number match? (The grid answers the same from indexes.)</summary>
    public bool Matches(string e164) => Kind switch
    {
        PhoneSearchKind.None => true,
        PhoneSearchKind.StartsWith => Ranges.Any(r => r.Contains(e164)),
        PhoneSearchKind.Contains => e164.Contains(Digits, StringComparison.Ordinal),
        _ => false,
    };

    /// <summary>The search in words, as the grid's status line and Configure Export say it: "phone numbers containing 415".</summary>
    public string Describe() => Kind switch
    {
        PhoneSearchKind.StartsWith => "phone numbers starting with " + string.Join(" or ", Ranges.Select(r => r.Low)),
        PhoneSearchKind.Contains => "phone numbers containing " + Digits,
        PhoneSearchKind.NotAPhone => $"{NotAPhoneMessage} (\"{Typed}\" has no phone number in it)",
        _ => "",
    };

    /// <summary>The E.164 numbers that start with <paramref name="prefix"/> ("+" and digits).</summary>
    public static PhoneRange RangeOf(string prefix)
    {
        // The first string after every string that starts with the prefix: its last digit moved up by one
        // (with carry: "+19" -> "+2"). Only "+" and digits are compared, which order the same in every collation.
        var chars = prefix.ToCharArray();
        for (var i = chars.Length - 1; i > 0; i--)
        {
            if (chars[i] < '9')
            {
                chars[i]++;
                return new PhoneRange(prefix, new string(chars, 0, i + 1));
            }
        }

        return new PhoneRange(prefix, null);
    }

    /// <summary>The digits as the start of a number: right after the "+", and after the sender code's country code.</summary>
    private static List<string> PrefixesOf(string digits, string senderCodeRegion)
    {
        var countryCode = Util.GetCountryCodeForRegion(senderCodeRegion);
        var prefixes = new List<string> { "+" + digits };
        if (countryCode != 0)
        {
            prefixes.Add("+" + countryCode.ToString(CultureInfo.InvariantCulture) + digits);
        }

        return prefixes;
    }

    private static List<PhoneRange> DisjointRanges(IEnumerable<string> prefixes)
    {
        var kept = new List<string>();
        foreach (var prefix in prefixes.Distinct().OrderBy(p => p.Length))
        {
            if (!kept.Any(k => prefix.StartsWith(k, StringComparison.Ordinal)))
            {
                kept.Add(prefix);
            }
        }

        return kept.Select(RangeOf).OrderBy(r => r.Low, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What a typed number may hold between its digits: the normaliser's separators (every Unicode space and dash,
    /// the invisible formatting characters, . ( ) /), so a number pasted from anywhere the import accepts is searched
    /// the same, plus line breaks and tabs a paste can carry.
    /// </summary>
    private static bool IsSeparator(Rune rune) => Rune.IsWhiteSpace(rune) || PhoneNormalizer.IsSeparator(rune);
}
