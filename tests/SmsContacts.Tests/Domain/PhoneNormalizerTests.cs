using System.Globalization;
using System.Text;
using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Domain;
using SmsContacts.Web.Features.Import;

namespace SmsContacts.Tests.Domain;

public sealed class PhoneNormalizerTests
{
    [Theory]
    [InlineData("(212) 200-0003")]
    [InlineData("212.200.0003")]
    [InlineData("+1 212 200 0003")]
    [InlineData("2122000003")]
    [InlineData("1-212-200-0003")]
    public void Normalize_MapsHowPeopleTypeANumber_ToOneE164(string typed) =>
        Assert.Equal("+12122000003", PhoneNormalizer.Normalize(typed, "US").E164);

    /// <summary>The examples in Single Contact's placeholder (Features/SingleContact/Start.cshtml) are numbers the app accepts.</summary>
    [Theory]
    [InlineData("(212) 555-0134", "+12125550134")]
    [InlineData("+44 7911 123456", "+447911123456")]
    public void ThePlaceholderExamples_AreAccepted(string typed, string e164)
    {
        var placeholder = File.ReadAllText(Path.Combine(RepositoryRoot(), "src", "SmsContacts.Web", "Features", "SingleContact", "Start.cshtml"));
        Assert.Contains(typed, placeholder, StringComparison.Ordinal);
        Assert.Equal(e164, PhoneNormalizer.Normalize(typed, "US").E164);
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "SmsContacts.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("SmsContacts.sln not found above the test folder.");
    }

    [Fact]
    public void Normalize_UsesTheSenderCodesCountry_WhenTheNumberHasNoCountryCode() =>
        Assert.Equal("+447911123456", PhoneNormalizer.Normalize("07911 123456", "GB").E164);

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("123")]
    [InlineData("+1 555 0100")]
    public void Normalize_RefusesWhatIsNotAValidNumber(string typed)
    {
        var result = PhoneNormalizer.Normalize(typed, "US");
        Assert.False(result.IsValid);
        Assert.False(string.IsNullOrEmpty(result.Error));
    }

    [Theory]
    [InlineData("(415) 555-0134", "4155550134")]
    [InlineData("+1415", "1415")]
    [InlineData("abc", "")]
    [InlineData(null, "")]
    public void DigitsOf_KeepsOnlyDigits(string? typed, string digits) =>
        Assert.Equal(digits, PhoneNormalizer.DigitsOf(typed));

    [Fact]
    public void TestPhones_AreAllValidNumbers()
    {
        foreach (var n in new[] { 0, 1, 59, 100, 203, 302, 600, 9999, 25_000 })
        {
            Assert.Equal(TestPhones.Us(n), PhoneNormalizer.Normalize(TestPhones.Us(n), "US").E164);
            Assert.Equal(TestPhones.Us(n), PhoneNormalizer.Normalize(TestPhones.UsTyped(n), "US").E164);
        }
    }

    private static IEnumerable<Rune> AllRunes() =>
        Enumerable.Range(0, 0x110000).Where(v => v is < 0xD800 or > 0xDFFF).Select(v => new Rune(v));

    /// <summary>Every space (Zs), every dash (Pd), the minus sign U+2212 (typeset numbers use it as a dash; it is Sm, not Pd) and every invisible formatting character the normaliser names, between the groups of a number.</summary>
    [Fact]
    public void EverySpaceDashAndInvisibleCharacter_IsASeparator()
    {
        var separators = AllRunes().Where(r => Rune.GetUnicodeCategory(r) is UnicodeCategory.SpaceSeparator or UnicodeCategory.DashPunctuation)
            .Concat(new[] { 0x00AD, 0x061C, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0x2066, 0x2067, 0x2068, 0x2069, 0xFEFF, 0x2212 }.Select(v => new Rune(v)))
            .ToList();
        Assert.True(separators.Count > 60, $"{separators.Count} separators");
        foreach (var separator in separators)
        {
            var s = separator.ToString();
            foreach (var typed in new[] { $"415{s}555{s}1004", $"{s}+1{s}415{s}555{s}1004{s}", $"({s}415{s}){s}555{s}{s}1004" })
            {
                var result = PhoneNormalizer.Normalize(typed, "US");
                Assert.True(result.E164 == "+14155551004", $"U+{separator.Value:X4}: {result.Error}");
            }
        }
    }

    /// <summary>Decimal digits of every script are the digits someone typed (full-width, Arabic-Indic, Devanagari...): the same number as ASCII.</summary>
    [Fact]
    public void DecimalDigitsOfEveryScript_AreTheSameNumber()
    {
        var zeros = AllRunes().Where(r => Rune.GetUnicodeCategory(r) == UnicodeCategory.DecimalDigitNumber && Rune.GetNumericValue(r) == 0).ToList();
        Assert.True(zeros.Count > 50, $"{zeros.Count} digit sets");
        foreach (var zero in zeros)
        {
            var typed = string.Concat("4155551004".Select(d => new Rune(zero.Value + (d - '0')).ToString()));
            var result = PhoneNormalizer.Normalize(typed, "US");
            Assert.True(result.E164 == "+14155551004", $"digits from U+{zero.Value:X4}: {result.Error}");
        }

        Assert.Equal("+14155551002", PhoneNormalizer.Normalize("\uFF0B１ ４１５ ５５５ １００２", "US").E164);
    }

    /// <summary>A letter anywhere (Latin, Greek, Cyrillic, full-width, a letter O for a zero) rejects the number: libphonenumber would turn it into a keypad digit.</summary>
    [Fact]
    public void ALetterInAnyPosition_RejectsTheNumber_NeverAKeypadDigit()
    {
        const string number = "+1 415-555-1004";
        var letters = new[] { "A", "b", "O", "o", "l", "I", "x", "é", "Ω", "Ж", "Ａ", "ß" };
        var cases = 0;
        foreach (var letter in letters)
        {
            for (var at = 0; at <= number.Length; at++)
            {
                foreach (var typed in new[] { number.Insert(at, letter), at < number.Length && char.IsAsciiDigit(number[at]) ? number.Remove(at, 1).Insert(at, letter) : null })
                {
                    if (typed is null)
                    {
                        continue;
                    }

                    var result = PhoneNormalizer.Normalize(typed, "US");
                    Assert.True(result.E164 is null && result.Error!.Contains("contains letters", StringComparison.Ordinal), $"{typed}: {result.E164} {result.Error}");
                    cases++;
                }
            }
        }

        Assert.True(cases > 300);
        Assert.Null(PhoneNormalizer.Normalize("1-800-FLOWERS", "US").E164);
        Assert.Null(PhoneNormalizer.Normalize("415-555-1004 ext. 12", "US").E164);
    }

    [Theory]
    [InlineData("415-555-1004#", "\"#\" (U+0023)")]
    [InlineData("*67 415 555 1004", "\"*\" (U+002A)")]
    [InlineData("415 555 1004 😀", "\"😀\" (U+1F600)")]
    [InlineData("415\u0007555\u00071004", "the character U+0007")]
    public void OtherCharacters_RejectTheNumber_AndAreNamed(string typed, string named)
    {
        var result = PhoneNormalizer.Normalize(typed, "US");
        Assert.Null(result.E164);
        Assert.Contains(named, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("415+5551004")]
    [InlineData("++1 415 555 1004")]
    public void APlusSignAfterTheStart_RejectsTheNumber(string typed) =>
        Assert.Contains("plus sign", PhoneNormalizer.Normalize(typed, "US").Error, StringComparison.Ordinal);

    [Theory]
    [InlineData("415\u202F555\u202F1004", "415U+202F555U+202F1004")]
    [InlineData("\u200E+1 415\u00A0555 1004\uFEFF", "U+200E+1 415U+00A0555 1004U+FEFF")]
    [InlineData("plain 415 555", "plain 415 555")]
    public void MakeVisible_ShowsWhatAReaderCannotSee_AsUPlus(string text, string shown) =>
        Assert.Equal(shown, PhoneNormalizer.MakeVisible(text));

    [Fact]
    public void ARejectedNumber_IsShownWithItsInvisibleCharacters()
    {
        var error = PhoneNormalizer.Normalize("415\u202F555\u202F100", "US").Error;
        Assert.Equal("\"415U+202F555U+202F100\" is not a valid phone number.", error);
    }

    /// <summary>The import's first pass keys numbers without libphonenumber where it can: every spelling above gets the key the normaliser's number has.</summary>
    [Fact]
    public void TheFirstPassKey_AgreesWithTheNormaliser_OnUnicodeSpellings()
    {
        foreach (var typed in new[] { "415\u202F555\u202F1004", "４１５５５５１００４", "415–555–1004", "\u200E+1 415 555 1004\u200E", "415-555-0ABC", "415 555 1004 😀" })
        {
            Assert.Equal(PhonePass.ToKey(PhoneNormalizer.Normalize(typed, "US").E164), PhonePass.KeyOf(typed, "US", northAmerican: true));
        }
    }

    /// <summary>
    /// A spreadsheet's text mark in front of the number is not part of it (Excel's <c>'</c>, turned into ’ or ‘ by a word
    /// processor; formula-guarded exports write <c>'+1...</c>); anywhere else, or doubled, an apostrophe still rejects it.
    /// </summary>
    [Theory]
    [InlineData("'4155551004", "+14155551004")]
    [InlineData("'+1 415 555 1004", "+14155551004")]
    [InlineData("  \u2019(415) 555-1004", "+14155551004")]
    [InlineData("\u2018+14155551004", "+14155551004")]
    [InlineData("415'555'1004", null)]
    [InlineData("''4155551004", null)]
    [InlineData("4155551004'", null)]
    public void ASpreadsheetTextMark_InFrontOfTheNumber_IsNotPartOfIt(string typed, string? e164) =>
        Assert.Equal(e164, PhoneNormalizer.Normalize(typed, "US").E164);

    /// <summary>
    /// Scientific notation, as a spreadsheet writes a long number in a General cell, over generated numbers at every
    /// precision: the number comes back exactly when every digit is in the mantissa, and is rejected as scientific
    /// notation (never another number, never "letters") when the spreadsheet rounded digits away.
    /// </summary>
    [Fact]
    public void ScientificNotation_GivesTheNumber_OnlyWhenEveryDigitIsThere()
    {
        var random = new Random(20260312);
        var cases = 0;
        for (var n = 0; n < 200; n++)
        {
            var e164 = TestPhones.Us(random.Next(0, 1_000_000));
            var digits = e164[1..];
            var value = decimal.Parse(digits, CultureInfo.InvariantCulture);
            for (var precision = 1; precision <= digits.Length; precision++)
            {
                foreach (var format in new[] { "E", "e" })
                {
                    var mantissaDigits = precision - 1;
                    var written = value.ToString($"0.{new string('#', mantissaDigits)}{format}+00", CultureInfo.InvariantCulture);
                    foreach (var typed in new[] { written, "+" + written, written.Replace(".", ",", StringComparison.Ordinal) })
                    {
                        var result = PhoneNormalizer.Normalize(typed, "US");
                        var rounded = decimal.Parse(written, NumberStyles.Float, CultureInfo.InvariantCulture);
                        if (rounded == value && written.Split(format)[0].Replace(".", "", StringComparison.Ordinal).Length == digits.Length)
                        {
                            Assert.True(result.E164 == e164, $"{typed}: {result.E164} {result.Error}");
                        }
                        else
                        {
                            Assert.True(result.E164 is null && result.Error!.Contains("scientific notation", StringComparison.Ordinal), $"{typed}: {result.E164} {result.Error}");
                        }

                        cases++;
                    }
                }
            }
        }

        Assert.True(cases > 10_000, $"{cases} cases");
        Assert.Equal("+14155551004", PhoneNormalizer.Normalize("1.4155551004E+10", "US").E164);
        Assert.Contains("scientific notation", PhoneNormalizer.Normalize("4.15556E+09", "US").Error, StringComparison.Ordinal);
    }

    /// <summary>An extension is named as such (a text cannot reach it), whatever way it is written; a letter that is not one is "letters".</summary>
    [Theory]
    [InlineData("415-555-1004 x123", "x123")]
    [InlineData("415-555-1004 X 12", "X 12")]
    [InlineData("(415) 555-1004 ext. 5", "ext. 5")]
    [InlineData("415.555.1004ext12", "ext12")]
    [InlineData("+1 415 555 1004 extension 77", "extension 77")]
    [InlineData("415-555-1004 #12", "#12")]
    [InlineData("+1-415-555-1004;ext=9", ";ext=9")]
    public void AnExtension_RejectsTheNumber_AndSaysSo(string typed, string extension)
    {
        var result = PhoneNormalizer.Normalize(typed, "US");
        Assert.Null(result.E164);
        Assert.Contains($"has an extension (\"{extension}\")", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("415555028", true)]
    [InlineData("+44 20 7946 0958", true)]
    [InlineData("4.15556E+09", true)]
    [InlineData("Phone 1 - Value", false)]
    [InlineData("Phone", false)]
    [InlineData("1234", false)]
    [InlineData("", false)]
    public void LooksLikeANumber_TellsANumberFromAColumnName(string cell, bool looks) =>
        Assert.Equal(looks, PhoneNormalizer.LooksLikeANumber(cell));
}
