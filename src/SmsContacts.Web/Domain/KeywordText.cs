using System.Globalization;
using System.Text;

namespace SmsContacts.Web.Domain;

/// <summary>
/// How texts and keywords are read, one way for every keyword family (opt-out, opt-in, help, Y, join
/// keywords), so that whatever a phone sends and whatever an admin types compare alike:
/// <list type="number">
/// <item>Unicode NFKC (full-width ＳＴＯＰ, 𝐒𝐓𝐎𝐏, Ⓢⓣⓞⓟ, superscripts become plain letters);</item>
/// <item>accents stripped (ARRÊT = ARRET) and a few letters spelled out (ß → SS, Æ → AE, Ø → O);</item>
/// <item>letters that only look Latin read as Latin: Cyrillic and Greek look-alikes (СТОР), small capitals
/// (ꜱᴛᴏᴘ), the other scripts' confusables of Unicode's list (Armenian Տ, Cherokee Ꮪ, Coptic Ⲟ, Lisu ꓢꓔꓳꓑ), Latin
/// letters with a hook or stroke (Ƭ, Ŧ), the negative squared and circled emoji letters (🅂🅃🄾🄿 are NFKC already,
/// 🅢🅣🅞🅟 and 🆂🆃🅾🅿 are not);</item>
/// <item>upper case (invariant culture).</item>
/// </list>
/// Invisible characters (Unicode's default-ignorable ones: zero-width spaces, soft hyphens, joiners, direction
/// marks, variation selectors, the Hangul fillers) are dropped before anything else,
/// so they never split a word. What counts after folding depends on the use: <see cref="Key"/> keeps letters
/// and digits (join keywords may hold digits: SALE2025), <see cref="Letters"/> keeps letters only (the
/// opt-out words, where "STOP 2" and "S.T.O.P" must still read STOP), <see cref="Words"/> splits into words.
/// </summary>
public static class KeywordText
{
    /// <summary>"Join now!" → "JOIN NOW!"; "ＳＴＯＰ" → "STOP"; "Arrêt" → "ARRET". Null or empty gives "".</summary>
    public static string Fold(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        string decomposed;
        try
        {
            decomposed = text.Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate (a phone that cut an emoji in half): drop the broken halves and go on.
            decomposed = DropLoneSurrogates(text).Normalize(NormalizationForm.FormKC).Normalize(NormalizationForm.FormD);
        }

        var folded = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            if (IsDefaultIgnorable(rune.Value))
            {
                continue;
            }

            switch (Rune.GetUnicodeCategory(rune))
            {
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.Format:
                    continue;
            }

            // The small letters of Cherokee, Coptic and the hooked Latin letters look like Latin ones as their capitals
            // do: looked up as capitals. Not Greek and Cyrillic, whose small letters are listed themselves (η is no H).
            if ((LookAlike(rune.Value) ?? (rune.Value is >= 0x0370 and <= 0x052F ? null : LookAlike(Rune.ToUpperInvariant(rune).Value))) is { } latin)
            {
                folded.Append(latin);
                continue;
            }

            var upper = Rune.ToUpperInvariant(rune);
            switch (upper.Value)
            {
                case 'ß' or 'ẞ':
                    folded.Append("SS");
                    break;
                case 'Æ':
                    folded.Append("AE");
                    break;
                case 'Œ':
                    folded.Append("OE");
                    break;
                case 'Ø':
                    folded.Append('O');
                    break;
                case 'Ł':
                    folded.Append('L');
                    break;
                case 'Đ':
                    folded.Append('D');
                    break;
                case 'Þ':
                    folded.Append("TH");
                    break;
                case 'I' when rune.Value == 'ı':
                    folded.Append('I');
                    break;
                default:
                    if (upper.IsBmp)
                    {
                        folded.Append((char)upper.Value);
                    }
                    else
                    {
                        folded.Append(upper.ToString());
                    }

                    break;
            }
        }

        return folded.ToString();
    }

    /// <summary>The folded letters and digits, nothing else: "Join-Now!" → "JOINNOW", "sale 2025" → "SALE2025".</summary>
    public static string Key(string? text) => KeyOfFolded(Fold(text));

    /// <summary>The folded letters only: "S.T.O.P." → "STOP", "Stop 🛑" → "STOP", "STOP2" → "STOP".</summary>
    public static string Letters(string? text) => LettersOfFolded(Fold(text));

    /// <summary><see cref="Key"/> of a text <see cref="Fold"/> has already folded.</summary>
    public static string KeyOfFolded(string folded) => Keep(folded, keepDigits: true);

    /// <summary><see cref="Letters"/> of a text <see cref="Fold"/> has already folded.</summary>
    public static string LettersOfFolded(string folded) => Keep(folded, keepDigits: false);

    /// <summary>
    /// The words of a text, each as its folded letters (apostrophes inside a word joined: "don't" → "DONT").
    /// A word made only of digits or symbols is no word. Runs of single letters are joined ("s t o p" → "STOP"),
    /// since people space out a word for emphasis far more often than they text a row of initials.
    /// Each word also carries its "leet" reading (0 → O, 1 → I, 3 → E, 4 → A, 5 → S, 7 → T, $ → S, @ → A):
    /// "ST0P" reads STOP there.
    /// </summary>
    public static IReadOnlyList<TextWord> Words(string? text) => WordsOfFolded(Fold(text));

    /// <summary><see cref="Words"/> of a text <see cref="Fold"/> has already folded.</summary>
    public static IReadOnlyList<TextWord> WordsOfFolded(string folded)
    {
        var raw = new List<TextWord>();
        var letters = new StringBuilder();
        var leet = new StringBuilder();
        for (var i = 0; i <= folded.Length; i++)
        {
            var c = i < folded.Length ? folded[i] : ' ';
            if (char.IsLetter(c))
            {
                letters.Append(c);
                leet.Append(c);
                continue;
            }

            if (LeetLetter(c) is { } l)
            {
                leet.Append(l);
                continue;
            }

            if (char.IsDigit(c) || (IsApostrophe(c) && letters.Length > 0 && i + 1 < folded.Length && char.IsLetter(folded[i + 1])))
            {
                continue;
            }

            if (letters.Length > 0)
            {
                raw.Add(new TextWord(letters.ToString(), leet.ToString()));
            }

            letters.Clear();
            leet.Clear();
        }

        return JoinSingleLetters(raw);
    }

    /// <summary>
    /// "STOOOP" → "STOP": every run of one letter made one. Only the opt-out family reads texts this way
    /// (stretching a word for emphasis does not change what it asks); opt-in and join keywords compare exactly.
    /// </summary>
    public static string CollapseRepeats(string letters)
    {
        if (letters.Length < 2)
        {
            return letters;
        }

        var collapsed = new StringBuilder(letters.Length);
        foreach (var c in letters)
        {
            if (collapsed.Length == 0 || collapsed[^1] != c)
            {
                collapsed.Append(c);
            }
        }

        return collapsed.ToString();
    }

    /// <summary>
    /// A text made only of regional-indicator emoji read as letters ("🇸🇹🇴🇵" → "STOP"); null when the text
    /// holds anything else. Elsewhere these are flags (🇺🇸), not letters, and are ignored like any emoji.
    /// </summary>
    public static string? RegionalIndicatorLetters(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var letters = new StringBuilder();
        foreach (var rune in text.EnumerateRunes())
        {
            if (rune.Value is >= 0x1F1E6 and <= 0x1F1FF)
            {
                letters.Append((char)('A' + rune.Value - 0x1F1E6));
            }
            else if (!Rune.IsWhiteSpace(rune) && Rune.GetUnicodeCategory(rune) is not (UnicodeCategory.Format or UnicodeCategory.NonSpacingMark))
            {
                return null;
            }
        }

        return letters.Length > 0 ? letters.ToString() : null;
    }

    /// <summary>Whether the text holds Cyrillic letters (then it is also read transliterated).</summary>
    public static bool HasCyrillic(string? text) => text is not null && text.Any(c => c is >= '\u0400' and <= '\u04FF');

    /// <summary>
    /// Cyrillic letters written in Latin the common way (стоп → stop, отписаться → otpisatsia); everything else
    /// is kept. Only the opt-out family reads this second spelling (<see cref="InboundMatcher"/>).
    /// </summary>
    public static string TransliterateCyrillic(string text)
    {
        var latin = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var lower = char.ToLowerInvariant(c);
            var index = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяіїєґў".IndexOf(lower);
            latin.Append(index < 0 ? c.ToString() : CyrillicLatin[index]);
        }

        return latin.ToString();
    }

    private static readonly string[] CyrillicLatin =
    [
        "a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "i", "k", "l", "m", "n", "o", "p", "r", "s", "t", "u", "f", "kh", "ts",
        "ch", "sh", "shch", "", "y", "", "e", "yu", "ya", "i", "i", "ie", "g", "u",
    ];

    /// <summary>The digits and symbols people put for letters, as in "ST0P" or "$TOP".</summary>
    public static char? LeetLetter(char c) => c switch
    {
        '0' => 'O',
        '1' => 'I',
        '3' => 'E',
        '4' => 'A',
        '5' => 'S',
        '7' => 'T',
        '$' => 'S',
        '@' => 'A',
        _ => null,
    };

    private static string Keep(string folded, bool keepDigits)
    {
        var kept = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            if (char.IsLetter(c) || (keepDigits && char.IsDigit(c)))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt): characters shown as nothing. Most are
    /// format characters, but the Hangul fillers (U+115F, U+1160, U+3164, U+FFA0) are letters, so "STOP" with one
    /// of them looks like STOP and would otherwise read as a different word.
    /// </summary>
    public static bool IsDefaultIgnorable(int codePoint) => codePoint is
        0x00AD or 0x034F or 0x061C or (>= 0x115F and <= 0x1160) or (>= 0x17B4 and <= 0x17B5) or (>= 0x180B and <= 0x180F)
        or (>= 0x200B and <= 0x200F) or (>= 0x202A and <= 0x202E) or (>= 0x2060 and <= 0x206F) or 0x3164
        or (>= 0xFE00 and <= 0xFE0F) or 0xFEFF or 0xFFA0 or (>= 0xFFF0 and <= 0xFFF8) or (>= 0x1BCA0 and <= 0x1BCA3)
        or (>= 0x1D173 and <= 0x1D17A) or (>= 0xE0000 and <= 0xE0FFF);

    private static bool IsApostrophe(char c) => c is '\'' or '’' or 'ʼ' or '`' or '´' or '‘';

    private static IReadOnlyList<TextWord> JoinSingleLetters(List<TextWord> words)
    {
        var joined = new List<TextWord>(words.Count);
        for (var i = 0; i < words.Count; i++)
        {
            var run = i;
            while (run < words.Count && words[run].Letters.Length == 1)
            {
                run++;
            }

            if (run - i >= 2)
            {
                joined.Add(new TextWord(
                    string.Concat(words.Skip(i).Take(run - i).Select(w => w.Letters)),
                    string.Concat(words.Skip(i).Take(run - i).Select(w => w.Leet))));
                i = run - 1;
            }
            else
            {
                joined.Add(words[i]);
            }
        }

        return joined;
    }

    private static string DropLoneSurrogates(string text)
    {
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                kept.Append(text, i, 2);
                i++;
            }
            else if (!char.IsSurrogate(text[i]))
            {
                kept.Append(text[i]);
            }
        }

        return kept.ToString();
    }

    /// <summary>
    /// Letters that look Latin but are not: Cyrillic and Greek capitals and small letters that share a Latin
    /// letter's shape, the phonetic small capitals, and the negative circled and squared emoji letters.
    /// Reading them as Latin can only make a text match more keywords (the safe side for opt-outs); the
    /// same folding is applied to the keywords an admin types, so a Cyrillic join keyword still matches itself.
    /// </summary>
    private static string? LookAlike(int codePoint) => codePoint switch
    {
        >= 0x1F150 and <= 0x1F169 => ((char)('A' + codePoint - 0x1F150)).ToString(),
        >= 0x1F170 and <= 0x1F189 => ((char)('A' + codePoint - 0x1F170)).ToString(),
        _ => LookAlikes.TryGetValue(codePoint, out var latin) ? latin : null,
    };

    private static readonly Dictionary<int, string> LookAlikes = BuildLookAlikes();

    private static Dictionary<int, string> BuildLookAlikes()
    {
        var map = new Dictionary<int, string>();
        void Add(string from, string to)
        {
            for (var i = 0; i < from.Length; i++)
            {
                map[from[i]] = to[i].ToString();
            }
        }

        // Cyrillic capitals and small letters.
        Add("АВСЕНІЈКМОРЅТХУҮԚԜ", "ABCEHIJKMOPSTXYYQW");
        Add("авсеніјкмопрѕтхуԁԛԝһӏ", "ABCEHIJKMONPSTXYDQWHL");

        // Greek capitals and small letters.
        Add("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ", "ABEZHIKMNOPTYX");
        Add("αικνορτυ", "AIKVOPTU");

        // Small capitals (IPA and phonetic extensions).
        Add("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ", "ABCDEFGHIJKLMNOPQRSTUVWYZ");

        // The other scripts' letters Unicode lists as confusable with a Latin letter (UTS #39 confusables.txt):
        // Armenian, Cherokee (small letters through their capitals), Coptic and Lisu.
        Add("\u054D\u054F\u0555\u057D\u0585\u0578\u0570", "USOUONH");
        Add("\u13A0\u13A1\u13A2\u13A5\u13A9\u13AA\u13AB\u13AC\u13B3\u13B7\u13BB\u13BD\u13C0\u13C2\u13C3\u13CF\u13D2\u13D4\u13D5\u13D9\u13DA\u13DE\u13DF\u13E2\u13E6\u13E7\u13F3\u13F4", "DRTIYAJEWMHYGHZBRWSVSLCPKDGB");
        Add("\u2C8E\u2C92\u2C94\u2C98\u2C9A\u2C9E\u2CA2\u2CA4\u2CA6\u2CA8\u2CAC", "HIKMNOPCTYX");
        Add("\uA4D0\uA4D1\uA4D3\uA4D4\uA4D6\uA4D7\uA4D9\uA4DA\uA4DC\uA4DD\uA4DF\uA4E0\uA4E1\uA4E2\uA4E3\uA4E6\uA4E7\uA4EA\uA4EB\uA4EC\uA4EE\uA4F0\uA4F2\uA4F3\uA4F4", "BPDTGKJCZFMNLSRVHWXYAEIOU");

        // Latin letters with a hook or a stroke, which Unicode does not decompose as it does accents (as Ø, Ł, Đ above).
        Add("\u0181\u0187\u018A\u0193\u0198\u01A4\u01A6\u01AC\u01B3\u0166\u0197\u0246\uA750\uA7A8\u0251\u0261\u0269\u028B", "BCDGKPRTYTIEPSAGIU");
        return map;
    }
}

/// <summary>One word of a text: its folded letters, and its leet reading (digits and $ @ read as letters).</summary>
public sealed record TextWord(string Letters, string Leet);
