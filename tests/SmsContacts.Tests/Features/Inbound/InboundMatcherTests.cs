using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

public sealed class InboundMatcherTests
{
    public static TheoryData<string, string, InboundMeaning> Table()
    {
        var data = new TheoryData<string, string, InboundMeaning>();
        foreach (var (text, language, expected) in InboundMatcherCases.All)
        {
            data.Add(text, language, expected);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public void EveryTableText_ReadsAsExpected(string text, string language, InboundMeaning expected)
    {
        var reading = InboundMatcher.For(InboundMatcherCases.WordsOf(language)).Read(text);

        Assert.True(expected == reading.Meaning, $"\"{text}\" ({(language == "" ? "English" : language)}) read as {reading.Meaning} ({reading.Matched}; {reading.Why}), expected {expected}.");
    }

    [Fact]
    public void TheTable_HoldsAtLeastAHundredTexts_OfEveryKind()
    {
        Assert.True(InboundMatcherCases.All.Count >= 100, $"{InboundMatcherCases.All.Count} texts");
        foreach (var meaning in new[] { InboundMeaning.OptOut, InboundMeaning.Review, InboundMeaning.Other })
        {
            Assert.True(InboundMatcherCases.All.Count(c => c.Expected == meaning) >= 15, $"too few {meaning} texts");
        }

        Assert.Contains(InboundMatcherCases.All, c => c.Language == InboundMatcherCases.Spanish && c.Expected == InboundMeaning.OptOut);
        Assert.Contains(InboundMatcherCases.All, c => c.Language == InboundMatcherCases.French && c.Expected == InboundMeaning.OptOut);
    }
}
