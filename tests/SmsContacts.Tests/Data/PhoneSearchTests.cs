using System.Text;
using SmsContacts.Web.Data;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Data;

public sealed class PhoneSearchTests
{
    [Theory]
    [InlineData("", PhoneSearchKind.None, "")]
    [InlineData("   ", PhoneSearchKind.None, "")]
    [InlineData("+", PhoneSearchKind.None, "")]
    [InlineData("( ) -", PhoneSearchKind.None, "")]
    [InlineData("1", PhoneSearchKind.StartsWith, "+1")]
    [InlineData("14", PhoneSearchKind.StartsWith, "+114 +14")]
    [InlineData("4", PhoneSearchKind.StartsWith, "+14 +4")]
    [InlineData("+1 (4", PhoneSearchKind.StartsWith, "+14")]
    [InlineData("+1415", PhoneSearchKind.StartsWith, "+1415")]
    [InlineData("+1 (415) 555-0134", PhoneSearchKind.StartsWith, "+14155550134")]
    [InlineData("141", PhoneSearchKind.Contains, "141")]
    [InlineData("415-", PhoneSearchKind.Contains, "415")]
    [InlineData("(415)", PhoneSearchKind.Contains, "415")]
    [InlineData("4155550", PhoneSearchKind.Contains, "4155550")]
    [InlineData("555-0134", PhoneSearchKind.Contains, "5550134")]
    [InlineData("(415) 555-0134", PhoneSearchKind.Contains, "4155550134")]
    [InlineData("1 415 555 0134", PhoneSearchKind.Contains, "14155550134")]
    [InlineData("415.555.0134", PhoneSearchKind.Contains, "4155550134")]
    [InlineData("415/555 0134", PhoneSearchKind.Contains, "4155550134")]
    [InlineData("４１５", PhoneSearchKind.Contains, "415")]
    [InlineData("٤١٥", PhoneSearchKind.Contains, "415")]
    [InlineData("415\u2013555", PhoneSearchKind.Contains, "415555")]
    [InlineData("john", PhoneSearchKind.NotAPhone, "")]
    [InlineData("415a", PhoneSearchKind.NotAPhone, "")]
    [InlineData("*", PhoneSearchKind.NotAPhone, "")]
    [InlineData("%", PhoneSearchKind.NotAPhone, "")]
    [InlineData("_", PhoneSearchKind.NotAPhone, "")]
    [InlineData("41%5", PhoneSearchKind.NotAPhone, "")]
    [InlineData("📞", PhoneSearchKind.NotAPhone, "")]
    [InlineData("415 😀", PhoneSearchKind.NotAPhone, "")]
    [InlineData("\"415\"", PhoneSearchKind.NotAPhone, "")]
    public void Parse_ReadsWhatPeopleType(string typed, PhoneSearchKind kind, string expected)
    {
        var search = PhoneSearch.Parse(typed, "US");

        Assert.Equal(kind, search.Kind);
        var got = kind == PhoneSearchKind.StartsWith ? string.Join(" ", search.Ranges.Select(r => r.Low)) : search.Digits;
        Assert.Equal(expected, got);
    }

    /// <summary>
    /// Every character the import's normaliser reads as a separator (all of Unicode's: spaces, dashes, invisible
    /// formatting) is one in Search too, so a number pasted from a file the import accepted is found the same way.
    /// </summary>
    [Fact]
    public void EverySeparatorTheNormaliserAccepts_IsASeparatorInSearch()
    {
        var separators = Enumerable.Range(0, 0x30000)
            .Where(Rune.IsValid)
            .Select(v => new Rune(v))
            .Where(PhoneNormalizer.IsSeparator)
            .ToList();
        Assert.True(separators.Count > 40, $"only {separators.Count} separators");

        Assert.All(separators, separator =>
        {
            var typed = $"(415){separator}555{separator}0134";
            var search = PhoneSearch.Parse(typed, "US");
            Assert.True(search.Kind == PhoneSearchKind.Contains && search.Digits == "4155550134", $"U+{separator.Value:X4}: {search.Kind} {search.Digits}");
        });
    }

    [Fact]
    public void Parse_AFullNumberWithATrunkPrefix_SearchesForTheNumberItSpells()
    {
        var search = PhoneSearch.Parse("07911 123456", "GB");

        Assert.Equal(PhoneSearchKind.Contains, search.Kind);
        Assert.True(search.Matches("+447911123456"));
        Assert.False(search.Matches("+14155550134"));
    }

    [Fact]
    public void StartsWith_RangesHoldExactlyTheNumbersWithThePrefix_AcrossADigitCarry()
    {
        var search = PhoneSearch.Parse("+199", "US");
        var range = Assert.Single(search.Ranges);
        Assert.Equal(new PhoneRange("+199", "+2"), range);
        Assert.Equal(new PhoneRange("+99", null), PhoneSearch.RangeOf("+99"));

        Assert.True(search.Matches("+19912345678"));
        Assert.False(search.Matches("+19812345678"));
        Assert.False(search.Matches("+2012345678"));
    }

    [Theory]
    [InlineData("4", "phone numbers starting with +14 or +4")]
    [InlineData("+1415", "phone numbers starting with +1415")]
    [InlineData("(415) 555", "phone numbers containing 415555")]
    public void Describe_SaysWhatTheSearchDoes(string typed, string words)
    {
        Assert.Equal(words, PhoneSearch.Parse(typed, "US").Describe());
    }

    /// <summary>
    /// The rule on generated numbers and generated searches: whatever separators a search is typed with,
    /// "contains" means the digits are a substring of the E.164 number, "starts with" that it begins with
    /// "+" and the digits (or the country code and the digits), and letters match nothing.
    /// </summary>
    [Fact]
    public void Matches_AgreesWithThePlainMeaning_OnGeneratedNumbersAndSearches()
    {
        var random = new Random(1309);
        var separators = new[] { "", " ", "-", ".", "(", ")", " - ", "/" };
        var checkedCases = 0;
        for (var i = 0; i < 2_000; i++)
        {
            var phone = i % 5 == 0 ? $"+44{random.NextInt64(7_000_000_000, 7_999_999_999)}" : $"+1{random.Next(201, 990)}{random.Next(200, 999)}{random.Next(0, 10_000):D4}";
            var digits = phone[1..];
            var start = random.Next(0, digits.Length);
            var length = random.Next(1, Math.Min(8, digits.Length - start) + 1);
            var piece = i % 3 == 0 ? random.Next(0, 1000).ToString("D3", System.Globalization.CultureInfo.InvariantCulture) : digits.Substring(start, length);
            var typed = string.Concat(piece.Select(c => c + separators[random.Next(separators.Length)]));
            var plus = random.Next(4) == 0;
            if (plus)
            {
                typed = "+" + typed;
            }

            var search = PhoneSearch.Parse(typed, "US");
            var expected = plus
                ? phone.StartsWith("+" + piece, StringComparison.Ordinal)
                : piece.Length >= 3
                    ? digits.Contains(piece, StringComparison.Ordinal)
                    : phone.StartsWith("+" + piece, StringComparison.Ordinal) || phone.StartsWith("+1" + piece, StringComparison.Ordinal);
            Assert.True(expected == search.Matches(phone), $"\"{typed}\" on {phone}: expected {expected}");
            Assert.False(PhoneSearch.Parse(typed + "x", "US").Matches(phone));
            checkedCases++;
        }

        Assert.Equal(2_000, checkedCases);
    }
}
