using System.Text;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>
/// Generated cases: every opt-out word of every family (built-in, and the Spanish and French words once a sender
/// code has them), dressed the ways phones and people dress words, must read as an opt-out; inside a long text it
/// must at least wait for review; and the everyday texts must read as nothing.
/// </summary>
public sealed class InboundMatcherPropertyTests
{
    /// <summary>The ways a word reaches us: case, spacing, punctuation, emoji, other Unicode forms, emphasis, politeness.</summary>
    private static readonly (string Name, Func<string, string?> Dress)[] Dressings =
    [
        ("as listed", w => w),
        ("lower case", w => w.ToLowerInvariant()),
        ("title case", w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()),
        ("surrounding spaces and new lines", w => $"  {w}\r\n"),
        ("full stop", w => w + "."),
        ("exclamation marks", w => w + "!!!"),
        ("quotes", w => $"\"{w}\""),
        ("stop sign emoji", w => w + " 🛑"),
        ("leading emoji", w => "🙏 " + w),
        ("full-width letters", w => new string(w.Select(c => c is >= 'A' and <= 'Z' ? (char)(c - 'A' + 'Ａ') : c).ToArray())),
        ("letters spaced out", w => string.Join(' ', w.Replace(" ", "", StringComparison.Ordinal).ToCharArray())),
        ("letters dotted", w => string.Join('.', w.Replace(" ", "", StringComparison.Ordinal).ToCharArray())),
        ("letters hyphenated", w => string.Join('-', w.Replace(" ", "", StringComparison.Ordinal).ToCharArray())),
        ("zero-width space inside", w => w.Length > 1 ? w[..1] + "\u200B" + w[1..] : null),
        ("soft hyphen inside", w => w.Length > 2 ? w[..2] + "\u00AD" + w[2..] : null),
        ("last letter stretched", w => w + new string(w[^1], 3)),
        ("mathematical bold", w => MapLetters(w, 0x1D400)),
        ("circled letters", w => MapLetters(w, 0x24B6)),
        ("negative squared emoji letters", w => MapLetters(w, 0x1F170)),
        ("accented", w => w.Replace("E", "É", StringComparison.Ordinal).Replace("A", "À", StringComparison.Ordinal).Replace("O", "Ô", StringComparison.Ordinal)),
        ("with please", w => $"{w} please"),
        ("please first", w => $"Please {w}"),
        ("with thank you", w => $"{w}. Thank you"),
        ("said twice", w => $"{w} {w}"),
        ("with now", w => $"{w} now!"),
    ];

    public static TheoryData<string, string> OptOutWords()
    {
        var data = new TheoryData<string, string>();
        foreach (var word in InboundKeywords.OptOut)
        {
            data.Add(word, InboundMatcherCases.English);
        }

        foreach (var language in InboundKeywords.Languages)
        {
            foreach (var word in language.OptOut)
            {
                data.Add(word, language.Code);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OptOutWords))]
    public void EveryOptOutWord_HoweverDressed_OptsOut(string word, string language)
    {
        var matcher = InboundMatcher.For(InboundMatcherCases.WordsOf(language));
        var failures = new List<string>();
        foreach (var (name, dress) in Dressings)
        {
            if (dress(word) is not { } text)
            {
                continue;
            }

            var reading = matcher.Read(text);
            if (reading.Meaning != InboundMeaning.OptOut)
            {
                failures.Add($"{name}: \"{text}\" read as {reading.Meaning} ({reading.Why})");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [MemberData(nameof(OptOutWords))]
    public void EveryOptOutWord_InALongerText_WaitsForReview_NeverNothing(string word, string language)
    {
        var matcher = InboundMatcher.For(InboundMatcherCases.WordsOf(language));
        string[] texts =
        [
            $"We have got to {word} this bill before the end of the month",
            $"My husband said {word} but I would like to keep getting the coupons",
            $"{word} {word}? what does that even mean, I only asked about the store hours",
            $"is it true you'll {word.ToLowerInvariant()} the promotion on sunday",
        ];
        foreach (var text in texts)
        {
            var reading = matcher.Read(text);
            Assert.True(reading.Meaning is InboundMeaning.Review or InboundMeaning.OptOut, $"\"{text}\" read as {reading.Meaning}");
        }
    }

    public static TheoryData<string> Phrases()
    {
        var data = new TheoryData<string>();
        foreach (var phrase in PlainLanguageOptOut.Phrases)
        {
            data.Add(phrase);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Phrases))]
    public void EveryPlainLanguagePhrase_AloneOrPolite_OptsOut_AndInALongText_WaitsForReview(string phrase)
    {
        string[] optOut = [phrase, phrase.ToUpperInvariant(), $"{phrase}!", $"Please, {phrase}", $"{phrase} thanks", $"Sorry, {phrase}."];
        foreach (var text in optOut)
        {
            var reading = InboundMatcher.Default.Read(text);
            Assert.True(reading.Meaning == InboundMeaning.OptOut, $"\"{text}\" read as {reading.Meaning} ({reading.Why})");
        }

        var longer = $"Hello there, about your message from yesterday: {phrase}, and my cousin says hi";
        Assert.Equal(InboundMeaning.Review, InboundMatcher.Default.Read(longer).Meaning);
    }

    [Theory]
    [InlineData("Hi! What time do you close today?")]
    [InlineData("Thank you so much, see you Saturday")]
    [InlineData("Is the 20% coupon still good?")]
    [InlineData("Can I bring a friend")]
    [InlineData("ok")]
    [InlineData("😂😂😂")]
    [InlineData("Love it ❤️")]
    [InlineData("Where is your nearest location")]
    [InlineData("Do you ship to Canada?")]
    [InlineData("Got it, thanks")]
    [InlineData("Sounds good to me")]
    [InlineData("What's the promo code")]
    [InlineData("Are you open on the weekend")]
    [InlineData("I'll stop by later")]
    [InlineData("Can you send me the menu")]
    [InlineData("my friend wants to join too")]
    [InlineData("Happy holidays!")]
    [InlineData("lol")]
    [InlineData("Legend")]
    [InlineData("Amend my order please")]
    [InlineData("Who is this?")]
    public void EverydayTexts_ReadAsNothing_OrAtMostReview(string text)
    {
        var reading = InboundMatcher.Default.Read(text);

        // "I'll stop by later" and "Amend my order" hold a word of the family: a person may look, nothing is decided.
        Assert.True(reading.Meaning is InboundMeaning.Other or InboundMeaning.Review, $"\"{text}\" read as {reading.Meaning}");
        Assert.NotEqual(InboundMeaning.OptOut, reading.Meaning);
    }

    [Fact]
    public void TheFamiliesAgree_EveryDressedKeyword_ReadsAsItsFamily()
    {
        var matcher = InboundMatcher.For(InboundMatcherCases.WordsOf(InboundMatcherCases.Spanish));
        foreach (var (words, meaning) in new[] { (InboundKeywords.OptIn, InboundMeaning.OptIn), (InboundKeywords.Help.Append("AYUDA").ToList(), InboundMeaning.Help), (InboundKeywords.Confirm, InboundMeaning.Confirm) })
        {
            foreach (var word in words)
            {
                foreach (var text in new[] { word, word.ToLowerInvariant(), $" {word}! ", $"\"{word}\"", new string(word.Select(c => (char)(c - 'A' + 'Ａ')).ToArray()), word + " 👍" })
                {
                    Assert.True(matcher.Read(text).Meaning == meaning, $"\"{text}\" read as {matcher.Read(text).Meaning}, expected {meaning}");
                }
            }
        }
    }

    private static string? MapLetters(string word, int capitalA)
    {
        var mapped = new StringBuilder();
        foreach (var c in word)
        {
            if (c is >= 'A' and <= 'Z')
            {
                mapped.Append(char.ConvertFromUtf32(capitalA + c - 'A'));
            }
            else
            {
                mapped.Append(c);
            }
        }

        return mapped.ToString();
    }
}
