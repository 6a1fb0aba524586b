using System.Text;
using SmsContacts.Web.Domain;

namespace SmsContacts.Tests.Features.Inbound;

/// <summary>
/// Kinds of texts found by trying to say stop in ways the matcher missed, each checked over generated cases:
/// every invisible (default-ignorable) character anywhere in a word, opt-out words far into long texts, a
/// letter hit twice on a phone keyboard ("stopo"), and the plain-language phrases of the sender code's languages.
/// </summary>
public sealed class InboundMatcherKindsTests
{
    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point ranges (DerivedCoreProperties.txt, Unicode 15.1): characters a phone
    /// shows as nothing. Some are letters (the Hangul fillers U+3164, U+FFA0, U+115F, U+1160 are category Lo).
    /// </summary>
    private static readonly (int First, int Last)[] DefaultIgnorable =
    [
        (0x00AD, 0x00AD), (0x034F, 0x034F), (0x061C, 0x061C), (0x115F, 0x1160), (0x17B4, 0x17B5), (0x180B, 0x180F),
        (0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x206F), (0x3164, 0x3164), (0xFE00, 0xFE0F), (0xFEFF, 0xFEFF),
        (0xFFA0, 0xFFA0), (0xFFF0, 0xFFF8), (0x1BCA0, 0x1BCA3), (0x1D173, 0x1D17A), (0xE0000, 0xE0FFF),
    ];

    public static TheoryData<string> BuiltInOptOutWords()
    {
        var data = new TheoryData<string>();
        foreach (var word in InboundKeywords.OptOut)
        {
            data.Add(word);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BuiltInOptOutWords))]
    public void EveryInvisibleCharacter_AnywhereInAnOptOutWord_StillOptsOut(string word)
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (first, last) in DefaultIgnorable)
        {
            // The whole range for the small ones; for the 4,096 tag and variation characters every 61st.
            var step = last - first > 256 ? 61 : 1;
            for (var codePoint = first; codePoint <= last; codePoint += step)
            {
                var invisible = char.ConvertFromUtf32(codePoint);
                for (var at = 0; at <= word.Length; at++)
                {
                    var text = word[..at] + invisible + word[at..];
                    count++;
                    var reading = InboundMatcher.Default.Read(text);
                    if (reading.Meaning != InboundMeaning.OptOut)
                    {
                        failures.Add($"U+{codePoint:X4} at {at}: read as {reading.Meaning}");
                    }
                }
            }
        }

        Assert.True(count > 500, $"{count} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {count} missed:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public void AnOptOutWord_AnywhereInATextUpToTheWebhooksLimit_WaitsForReview_NeverNothing()
    {
        var random = new Random(11);
        string[] filler = ["the", "sale", "was", "great", "and", "my", "order", "came", "today", "thanks", "for", "everything", "lorem", "ipsum", "x"];
        string[] stops = ["STOP", "stop", "Unsubscribe", "opt out", "please stop texting me", "ＳＴＯＰ", "cancel"];
        var failures = new List<string>();
        for (var i = 0; i < 120; i++)
        {
            // Lengths from just under the old 1,600-character cut to about what a 64 KiB webhook body can hold.
            var length = i < 40 ? 1_500 + random.Next(400) : random.Next(1_600, 60_000);
            var text = new StringBuilder();
            while (text.Length < length)
            {
                text.Append(filler[random.Next(filler.Length)]).Append(' ');
            }

            var stop = stops[i % stops.Length];
            var at = random.Next(text.Length);
            while (at > 0 && text[at - 1] != ' ')
            {
                at--;
            }

            text.Insert(at, stop + " ");
            var reading = InboundMatcher.Default.Read(text.ToString());
            if (reading.Meaning is not (InboundMeaning.Review or InboundMeaning.OptOut))
            {
                failures.Add($"\"{stop}\" at {at} of {text.Length}: read as {reading.Meaning}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Theory]
    [InlineData(64 * 1024, "a")]
    [InlineData(32 * 1024, "a ")]
    [InlineData(16 * 1024, "st ")]
    [InlineData(8 * 1024, "stopx ")]
    public void AHugeText_IsReadInLinearTime_NotAHang(int repeats, string piece)
    {
        // A single 64K-letter word or 32K one-letter words: reading must stay about linear (a quadratic reader
        // would take minutes here). No wall-clock assertion: the test run's own timeout is the guard.
        var text = string.Concat(Enumerable.Repeat(piece, repeats)) + " STOP";

        var reading = InboundMatcher.Default.Read(text);

        Assert.NotEqual(InboundMeaning.Other, reading.Meaning);
    }

    /// <summary>
    /// A letter hit twice on a phone keyboard: one extra letter, a QWERTY neighbour of the letter before or after
    /// it ("stopo", "astop", "qiuit" is a swap). Words that are not fat-finger slips stay what they were.
    /// </summary>
    [Fact]
    public void AnOptOutWordWithOneFatFingerLetterMore_WaitsForReview()
    {
        // The keys around each key of a QWERTY phone keyboard (same row either side, the row above and below).
        var around = new Dictionary<char, string>
        {
            ['Q'] = "WA",
            ['W'] = "QESA",
            ['E'] = "WRDS",
            ['R'] = "ETFD",
            ['T'] = "RYGF",
            ['Y'] = "TUHG",
            ['U'] = "YIJH",
            ['I'] = "UOKJ",
            ['O'] = "IPLK",
            ['P'] = "OL",
            ['A'] = "QWSZ",
            ['S'] = "WEDXZA",
            ['D'] = "ERFCXS",
            ['F'] = "RTGVCD",
            ['G'] = "TYHBVF",
            ['H'] = "YUJNBG",
            ['J'] = "UIKMNH",
            ['K'] = "IOLMJ",
            ['L'] = "OPK",
            ['Z'] = "ASX",
            ['X'] = "ZSDC",
            ['C'] = "XDFV",
            ['V'] = "CFGB",
            ['B'] = "VGHN",
            ['N'] = "BHJM",
            ['M'] = "NJK",
        };
        bool Neighbours(char a, char b) => around.TryGetValue(b, out var keys) && keys.Contains(a);

        var failures = new List<string>();
        var count = 0;
        foreach (var word in new[] { "STOP", "QUIT" })
        {
            for (var at = 0; at <= word.Length; at++)
            {
                for (var extra = 'A'; extra <= 'Z'; extra++)
                {
                    var before = at > 0 ? word[at - 1] : '\0';
                    var after = at < word.Length ? word[at] : '\0';
                    if (extra == before || extra == after || !(Neighbours(extra, before) || Neighbours(extra, after)))
                    {
                        continue;
                    }

                    var text = (word[..at] + extra + word[at..]).ToLowerInvariant();
                    count++;
                    var reading = InboundMatcher.Default.Read(text);
                    if (reading.Meaning is not (InboundMeaning.Review or InboundMeaning.OptOut))
                    {
                        failures.Add($"\"{text}\" read as {reading.Meaning}");
                    }
                }
            }
        }

        Assert.True(count > 30, $"{count} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        foreach (var word in new[] { "quite", "quilt", "stomp", "top", "shop", "spot", "quite good" })
        {
            Assert.Equal(InboundMeaning.Other, InboundMatcher.Default.Read(word).Meaning);
        }
    }

    public static TheoryData<string, string> LanguagePhrases()
    {
        var data = new TheoryData<string, string>();
        foreach (var language in PlainLanguageOptOut.Languages)
        {
            foreach (var phrase in language.SignalWords.Concat(language.Phrases))
            {
                data.Add(language.Code, phrase);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LanguagePhrases))]
    public void EveryPlainLanguagePhraseOfASenderCodesLanguage_AloneOrPolite_OptsOut_AndInALongText_WaitsForReview(string language, string phrase)
    {
        var matcher = InboundMatcher.For(InboundMatcherCases.WordsOf(language));
        var polite = language == InboundMatcherCases.Spanish ? ("por favor", "gracias") : ("s'il vous plaît", "merci");
        string[] optOut = [phrase, phrase.ToUpperInvariant(), $"{phrase}!", $"{phrase}, {polite.Item1}", $"{phrase} {polite.Item2}", $"{char.ToUpperInvariant(phrase[0])}{phrase[1..]}."];
        foreach (var text in optOut)
        {
            var reading = matcher.Read(text);
            Assert.True(reading.Meaning == InboundMeaning.OptOut, $"\"{text}\" ({language}) read as {reading.Meaning} ({reading.Why})");
        }

        var longer = $"Hola, bonjour, about the order from yesterday at the shop downtown: {phrase}, and my cousin says hi";
        Assert.Equal(InboundMeaning.Review, matcher.Read(longer).Meaning);
    }

    /// <summary>
    /// Letters of other scripts that Unicode lists as confusable with Latin ones (UTS #39 confusables.txt), and Latin
    /// letters with a hook or stroke: each script's look-alikes put in place of every letter of every built-in opt-out
    /// word they can spell, in capitals and small letters.
    /// </summary>
    private static readonly (string Script, string LookAlikes, string Latin)[] Confusables =
    [
        ("Armenian", "\u054D\u054F\u0555\u057D\u0585\u0578\u0570", "USOUONH"),
        ("Cherokee", "\u13A0\u13A1\u13A2\u13A5\u13A9\u13AA\u13AB\u13AC\u13B3\u13B7\u13BB\u13BD\u13C0\u13C2\u13C3\u13CF\u13D2\u13D4\u13D5\u13D9\u13DA\u13DE\u13DF\u13E2\u13E6\u13E7\u13F3\u13F4", "DRTIYAJEWMHYGHZBRWSVSLCPKDGB"),
        ("Coptic", "\u2C8E\u2C92\u2C94\u2C98\u2C9A\u2C9E\u2CA2\u2CA4\u2CA6\u2CA8\u2CAC", "HIKMNOPCTYX"),
        ("Lisu", "\uA4D0\uA4D1\uA4D3\uA4D4\uA4D6\uA4D7\uA4D9\uA4DA\uA4DC\uA4DD\uA4DF\uA4E0\uA4E1\uA4E2\uA4E3\uA4E6\uA4E7\uA4EA\uA4EB\uA4EC\uA4EE\uA4F0\uA4F2\uA4F3\uA4F4", "BPDTGKJCZFMNLSRVHWXYAEIOU"),
        ("Latin with a hook or stroke", "\u0181\u0187\u018A\u0193\u0198\u01A4\u01A6\u01AC\u01B3\u0166\u0197\u0246\uA750\uA7A8\u0251\u0261\u0269\u028B", "BCDGKPRTYTIEPSAGIU"),
    ];

    [Fact]
    public void EveryOptOutWord_SpelledWithAnotherScriptsLookAlikes_OptsOut()
    {
        var failures = new List<string>();
        var count = 0;
        foreach (var (script, lookAlikes, latin) in Confusables)
        {
            foreach (var word in InboundKeywords.OptOut)
            {
                // Every letter that has a look-alike in this script replaced; each letter's look-alikes taken in turn.
                for (var pick = 0; pick < 3; pick++)
                {
                    var spoofed = new StringBuilder();
                    var replaced = 0;
                    foreach (var c in word)
                    {
                        var options = Enumerable.Range(0, latin.Length).Where(i => latin[i] == c).ToList();
                        if (options.Count == 0)
                        {
                            spoofed.Append(c);
                            continue;
                        }

                        spoofed.Append(lookAlikes[options[pick % options.Count]]);
                        replaced++;
                    }

                    if (replaced == 0)
                    {
                        continue;
                    }

                    foreach (var text in new[] { spoofed.ToString(), spoofed.ToString().ToLowerInvariant() })
                    {
                        count++;
                        var reading = InboundMatcher.Default.Read(text);
                        if (reading.Meaning != InboundMeaning.OptOut)
                        {
                            failures.Add($"{script}: \"{text}\" ({word}) read as {reading.Meaning}");
                        }
                    }
                }
            }
        }

        Assert.True(count > 100, $"{count} cases");
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }
}
