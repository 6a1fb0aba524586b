using SmsContacts.Tests.Infrastructure;
using SmsContacts.Web.Infrastructure.Phone;

namespace SmsContacts.Tests.Infrastructure.Phone;

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
}
