using System.Collections.Concurrent;

namespace SmsContacts.Web.Domain;

/// <summary>What an inbound text asks for, as <see cref="InboundMatcher"/> reads it.</summary>
public enum InboundMeaning
{
    /// <summary>No keyword: a join keyword, a reply to a pending confirmation, or just a message.</summary>
    Other,
    OptOut,
    OptIn,
    Help,

    /// <summary>Y or YES (confirms a pending double opt-in; means nothing otherwise).</summary>
    Confirm,

    /// <summary>Might mean "stop": a person decides (Needs review).</summary>
    Review,
}

public enum OptOutBasis
{
    /// <summary>The whole text is an opt-out word (after folding).</summary>
    Keyword,

    /// <summary>A short text that says "stop texting me" in other words (FCC: "any reasonable means").</summary>
    PlainLanguage,
}

/// <param name="Key">The text's folded letters and digits (<see cref="KeywordText.Key"/>), to look up a join keyword.</param>
/// <param name="Matched">The keyword or phrase that decided it, in capitals ("STOP", "REMOVE ME").</param>
/// <param name="Why">For a review: why a person should look, in words shown on the Needs review page.</param>
public sealed record InboundReading(InboundMeaning Meaning, string Key, string? Matched = null, OptOutBasis? Basis = null, string? Why = null);

/// <summary>
/// The one reader of inbound texts, used by every inbound path (the provider's webhook, the simulator, the
/// durable job that applies stored texts) and by the validators of join keywords and extra words, so that
/// what a keyword means is decided in one place. It compares a text, folded by <see cref="KeywordText"/>,
/// with the built-in words (<see cref="InboundKeywords"/>), the sender code's own extra words
/// (<see cref="SenderCodeWords"/>) and the plain-language phrase list (<see cref="PlainLanguageOptOut"/>),
/// in this order:
/// <list type="number">
/// <item>opt-out word: the text's letters (every non-letter ignored: spaces, hyphens, punctuation, emoji,
/// digits) equal an opt-out word, also after repeated letters are made one ("STOOOP") or digits read as
/// letters ("ST0P");</item>
/// <item>opt-in, help and Y: the text's letters and digits equal one exactly (opting back in needs a clear word);</item>
/// <item>plain language: see <see cref="PlainLanguageOptOut"/> (opt out, or review);</item>
/// <item>anything else is <see cref="InboundMeaning.Other"/>, with its <see cref="InboundReading.Key"/>.</item>
/// </list>
/// A text with Cyrillic letters is also read transliterated ("стоп" → "stop"); that second reading can only
/// make it an opt-out or a review, never an opt-in. Thread-safe and immutable; one instance per set of extra
/// words is cached.
/// </summary>
public sealed class InboundMatcher
{
    private static readonly ConcurrentDictionary<SenderCodeWords, InboundMatcher> Cache = new();

    // Folded forms of the fixed lists, built once.
    private const int MaxCompoundLength = 48;

    private static readonly HashSet<string> ExtraOptInWords = FoldedWords(PlainLanguageOptOut.OptInWords);

    // The plain-language lists: English, plus those of each language the sender code has opt-out words of.
    private readonly HashSet<string> _filler;
    private readonly HashSet<string> _contraryWords;
    private readonly List<string[]> _optOutPhrases;
    private readonly List<string[]> _reviewPhrases;
    private readonly List<string[]> _reviewWholeTexts;
    private static readonly HashSet<string> StopEmoji = [.. PlainLanguageOptOut.StopEmoji.Select(e => e.Replace("\uFE0F", "", StringComparison.Ordinal))];

    /// <summary>Opt-out words by their letters with repeats made one, to the word as listed.</summary>
    private readonly Dictionary<string, string> _optOut = new(StringComparer.Ordinal);

    /// <summary>The opt-out words and the plain-language signal words, as <see cref="_optOut"/>.</summary>
    private readonly Dictionary<string, string> _signals = new(StringComparer.Ordinal);

    private readonly Dictionary<string, string> _optIn = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _help = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _confirm = new(StringComparer.Ordinal);

    /// <summary>The built-in opt-out words, for near-misses ("STPO", "UNSUBSCRIBD", "STOPPING").</summary>
    private readonly List<(string Collapsed, string Word)> _nearMissTargets = [];

    private InboundMatcher(SenderCodeWords words)
    {
        foreach (var word in InboundKeywords.OptOut.Concat(SenderCodeWords.Split(words.OptOut)))
        {
            AddLetters(_optOut, word);
            AddLetters(_signals, word);
        }

        // A language's phrases count once the sender code has any of its opt-out words (as its one-click button adds them).
        var extraOptOut = SenderCodeWords.Split(words.OptOut).Select(KeywordText.Letters).ToHashSet();
        var languages = PlainLanguageOptOut.Languages
            .Where(l => InboundKeywords.Languages.Any(k => k.Code == l.Code && k.OptOut.Any(w => extraOptOut.Contains(KeywordText.Letters(w)))))
            .ToList();
        _filler = FoldedWords(PlainLanguageOptOut.Filler.Concat(languages.SelectMany(l => l.Filler)));
        _contraryWords = FoldedWords(PlainLanguageOptOut.Contrary.Concat(languages.SelectMany(l => l.Contrary)));
        _optOutPhrases = FoldedPhrases(PlainLanguageOptOut.Phrases.Concat(languages.SelectMany(l => l.Phrases)));
        _reviewPhrases = FoldedPhrases(PlainLanguageOptOut.ReviewPhrases.Concat(languages.SelectMany(l => l.ReviewPhrases)));
        _reviewWholeTexts = FoldedPhrases(PlainLanguageOptOut.ReviewWholeTexts.Concat(languages.SelectMany(l => l.ReviewWholeTexts)));

        foreach (var word in PlainLanguageOptOut.SignalWords.Concat(languages.SelectMany(l => l.SignalWords)))
        {
            AddLetters(_signals, word.ToUpperInvariant());
        }

        foreach (var word in InboundKeywords.OptIn.Concat(SenderCodeWords.Split(words.OptIn)))
        {
            AddKey(_optIn, word);
        }

        foreach (var word in InboundKeywords.Help.Concat(SenderCodeWords.Split(words.Help)))
        {
            AddKey(_help, word);
        }

        foreach (var word in InboundKeywords.Confirm)
        {
            AddKey(_confirm, word);
        }

        // Typos and English word forms of the built-in words only: near-misses of other languages' words
        // are everyday words too often (PARA for PARAR, ART for ARRET).
        foreach (var word in InboundKeywords.OptOut)
        {
            var collapsed = KeywordText.CollapseRepeats(KeywordText.Letters(word));
            _nearMissTargets.Add((collapsed, word));
        }
    }

    /// <summary>The matcher with no extra words: the built-in keywords and phrases only.</summary>
    public static InboundMatcher Default { get; } = new(SenderCodeWords.None);

    /// <summary>The matcher for a sender code's extra words (cached; extra words change rarely).</summary>
    public static InboundMatcher For(SenderCodeWords words)
    {
        if (words == SenderCodeWords.None || (string.IsNullOrWhiteSpace(words.OptOut) && string.IsNullOrWhiteSpace(words.OptIn) && string.IsNullOrWhiteSpace(words.Help)))
        {
            return Default;
        }

        if (Cache.Count > 256)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(words, w => new InboundMatcher(w));
    }

    public static InboundMatcher For(SenderCode code) => For(SenderCodeWords.Of(code));

    /// <summary>Reads one inbound text (null or empty reads as Other with an empty key).</summary>
    public InboundReading Read(string? body)
    {
        var reading = ReadFolded(body);
        if (reading.Meaning is InboundMeaning.OptOut || !KeywordText.HasCyrillic(body))
        {
            return reading;
        }

        // Cyrillic read twice: as look-alikes of Latin letters (ЅТОР, a spoof) above, and transliterated
        // (стоп is the Russian for stop): whichever asks to stop more plainly wins; opt-in never comes from this.
        var transliterated = ReadFolded(KeywordText.TransliterateCyrillic(body!));
        return transliterated.Meaning == InboundMeaning.OptOut || (transliterated.Meaning == InboundMeaning.Review && reading.Meaning != InboundMeaning.Review)
            ? transliterated with { Key = reading.Key }
            : reading;
    }

    private InboundReading ReadFolded(string? body)
    {
        var folded = KeywordText.Fold(body);
        var key = KeywordText.KeyOfFolded(folded);
        if (MatchOptOutWord(body, folded) is { } keyword)
        {
            return new InboundReading(InboundMeaning.OptOut, key, keyword, OptOutBasis.Keyword);
        }

        if (_optIn.TryGetValue(key, out var optIn))
        {
            return new InboundReading(InboundMeaning.OptIn, key, optIn);
        }

        if (_help.TryGetValue(key, out var help))
        {
            return new InboundReading(InboundMeaning.Help, key, help);
        }

        if (_confirm.TryGetValue(key, out var confirm))
        {
            return new InboundReading(InboundMeaning.Confirm, key, confirm);
        }

        return ReadPlainLanguage(body, folded, key);
    }

    private string? MatchOptOutWord(string? body, string folded)
    {
        var letters = KeywordText.LettersOfFolded(folded);
        if (letters.Length == 0)
        {
            return KeywordText.RegionalIndicatorLetters(body) is { } flags && _optOut.TryGetValue(KeywordText.CollapseRepeats(flags), out var spelled) ? spelled : null;
        }

        // Longer than any opt-out word even with every letter doubled: no need to look further.
        if (letters.Length > 64)
        {
            return null;
        }

        if (_optOut.TryGetValue(KeywordText.CollapseRepeats(letters), out var word))
        {
            return word;
        }

        var leet = string.Concat(KeywordText.WordsOfFolded(folded).Select(w => w.Leet));
        return leet != letters && _optOut.TryGetValue(KeywordText.CollapseRepeats(leet), out var leetWord) ? leetWord : null;
    }

    private InboundReading ReadPlainLanguage(string? body, string folded, string key)
    {
        var words = KeywordText.WordsOfFolded(folded);
        if (words.Count == 0)
        {
            return IsOnlyStopEmoji(body)
                ? new InboundReading(InboundMeaning.Review, key, Why: "Only stop-sign emoji.")
                : new InboundReading(InboundMeaning.Other, key);
        }

        var letters = words.Select(w => w.Letters).ToArray();
        var covered = new bool[words.Count];
        var inPhrase = new bool[words.Count];
        string? signal = null;
        string? contrary = null;
        var signalStarts = new List<int>();

        // Opt-out and signal words, alone or split over up to three words ("opt out", "un subscribe").
        for (var i = 0; i < words.Count; i++)
        {
            for (var span = Math.Min(3, words.Count - i); span >= 1; span--)
            {
                if (MatchSignal(words, i, span) is { } matched)
                {
                    signal ??= matched;
                    signalStarts.Add(i);
                    Array.Fill(covered, true, i, span);
                    i += span - 1;
                    break;
                }
            }
        }

        foreach (var phrase in _optOutPhrases)
        {
            foreach (var at in Occurrences(letters, phrase))
            {
                signal ??= string.Join(' ', phrase);
                Array.Fill(covered, true, at, phrase.Length);
                Array.Fill(inPhrase, true, at, phrase.Length);
            }
        }

        if (signal is not null)
        {
            foreach (var start in signalStarts)
            {
                for (var back = 1; back <= 2 && start - back >= 0; back++)
                {
                    // A word of an opt-out phrase is no contrary word: "not interested, stop".
                    if (!inPhrase[start - back] && _contraryWords.Contains(letters[start - back]))
                    {
                        contrary ??= $"\"{words[start - back].Letters} {letters[start]}\" may mean the opposite.";
                    }
                }
            }

            var optIn = letters.Where((w, i) => !inPhrase[i]).FirstOrDefault(w => _optIn.ContainsKey(w) || ExtraOptInWords.Contains(w));
            if (optIn is not null)
            {
                contrary ??= $"Holds the opt-in word \"{optIn}\" too.";
            }

            var others = letters.Where((w, i) => !covered[i] && !_filler.Contains(w)).Distinct().ToList();
            if (contrary is not null)
            {
                return Review(key, signal, contrary);
            }

            if (letters.Where((w, i) => i == 0 || w != letters[i - 1]).Count() > PlainLanguageOptOut.MaxWords)
            {
                return Review(key, signal, $"Holds \"{signal}\" in a text of more than {PlainLanguageOptOut.MaxWords} words.");
            }

            if (others.Count > 0)
            {
                return Review(key, signal, $"Holds \"{signal}\" with other words ({string.Join(", ", others.Take(3).Select(o => $"\"{o.ToLowerInvariant()}\""))}).");
            }

            return new InboundReading(InboundMeaning.OptOut, key, signal, OptOutBasis.PlainLanguage);
        }

        foreach (var word in words)
        {
            if (NearMiss(word) is { } why)
            {
                return new InboundReading(InboundMeaning.Review, key, Why: why);
            }
        }

        foreach (var whole in _reviewWholeTexts)
        {
            if (whole.AsSpan().SequenceEqual(letters))
            {
                return new InboundReading(InboundMeaning.Review, key, string.Join(' ', whole), Why: $"\"{string.Join(' ', whole).ToLowerInvariant()}\" on its own may mean stop.");
            }
        }

        foreach (var phrase in _reviewPhrases)
        {
            if (Occurrences(letters, phrase).Any())
            {
                return new InboundReading(InboundMeaning.Review, key, string.Join(' ', phrase), Why: $"\"{string.Join(' ', phrase).ToLowerInvariant()}\" may mean stop.");
            }
        }

        return new InboundReading(InboundMeaning.Other, key);

        static InboundReading Review(string key, string signal, string why) => new(InboundMeaning.Review, key, signal, Why: why);
    }

    private string? MatchSignal(IReadOnlyList<TextWord> words, int start, int span)
    {
        var letters = span == 1 ? words[start].Letters : string.Concat(words.Skip(start).Take(span).Select(w => w.Letters));
        if (_signals.TryGetValue(KeywordText.CollapseRepeats(letters), out var word))
        {
            return word;
        }

        var leet = span == 1 ? words[start].Leet : string.Concat(words.Skip(start).Take(span).Select(w => w.Leet));
        if (leet != letters && _signals.TryGetValue(KeywordText.CollapseRepeats(leet), out var leetWord))
        {
            return leetWord;
        }

        return span == 1 ? MatchCompound(letters) : null;
    }

    /// <summary>
    /// A word run together from an opt-out word and a filler word, or two opt-out words, as texts without
    /// spaces are: "STOPIT", "PLEASESTOP", "STOPPLEASE", "THEEND", "STOPEND". A filler part must have two letters
    /// after an opt-out word and three before one ("AMEND" is no "AM END").
    /// </summary>
    private string? MatchCompound(string word)
    {
        // No compound of the lists is this long; a huge run of letters is no request, and trying every split of it would be quadratic.
        if (word.Length > MaxCompoundLength)
        {
            return null;
        }

        for (var split = 2; split <= word.Length - 2; split++)
        {
            var (head, tail) = (word[..split], word[split..]);
            if (_signals.TryGetValue(KeywordText.CollapseRepeats(head), out var signal) && (_filler.Contains(tail) || _signals.ContainsKey(KeywordText.CollapseRepeats(tail))))
            {
                return signal;
            }

            if (head.Length >= 3 && _filler.Contains(head) && _signals.TryGetValue(KeywordText.CollapseRepeats(tail), out signal))
            {
                return signal;
            }
        }

        return null;
    }

    /// <summary>A word that is almost an opt-out word: a form of it ("STOPPING"), or a typo ("STPO", "UNSUBSRIBE").</summary>
    private string? NearMiss(TextWord word)
    {
        foreach (var candidate in new[] { word.Letters, word.Leet }.Distinct())
        {
            foreach (var (_, listed) in _nearMissTargets)
            {
                if (IsInflection(candidate, listed.Replace(" ", "", StringComparison.Ordinal)))
                {
                    return $"\"{word.Letters.ToLowerInvariant()}\" is a form of {listed}.";
                }
            }

            // As typed, and with repeated letters made one ("stoo" is one key off, "sttpo" a swap).
            foreach (var x in new[] { candidate, KeywordText.CollapseRepeats(candidate) }.Distinct().Where(x => x.Length >= 3))
            {
                foreach (var (target, listed) in _nearMissTargets.Where(t => t.Collapsed.Length >= 4))
                {
                    if (IsAdjacentSwap(x, target) || (target.Length >= 5 && EditDistanceIsOne(x, target)) || IsMissingOneVowel(x, target) || IsOneKeyOff(x, target) || IsFatFingerInsertion(x, target))
                    {
                        return $"\"{word.Letters.ToLowerInvariant()}\" looks like {listed}.";
                    }
                }
            }
        }

        return null;
    }

    private static bool IsInflection(string word, string stem)
    {
        if (word.Length <= stem.Length)
        {
            return false;
        }

        string[] suffixes = ["S", "ES", "D", "ED", "ING", "PED", "PING", "LED", "LING", "TING", "PS"];
        if (word.StartsWith(stem, StringComparison.Ordinal) && suffixes.Contains(word[stem.Length..]))
        {
            return true;
        }

        // REVOKE → REVOKING, UNSUBSCRIBE → UNSUBSCRIBING.
        return stem.EndsWith('E') && word == stem[..^1] + "ING";
    }

    private static bool IsAdjacentSwap(string x, string target)
    {
        if (x.Length != target.Length || x == target)
        {
            return false;
        }

        var first = -1;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != target[i])
            {
                first = i;
                break;
            }
        }

        return first >= 0 && first + 1 < x.Length
            && x[first] == target[first + 1] && x[first + 1] == target[first]
            && x.AsSpan(first + 2).SequenceEqual(target.AsSpan(first + 2));
    }

    /// <summary>One letter added, dropped or changed.</summary>
    private static bool EditDistanceIsOne(string x, string target)
    {
        if (x == target || Math.Abs(x.Length - target.Length) > 1)
        {
            return false;
        }

        int i = 0, j = 0, edits = 0;
        while (i < x.Length && j < target.Length)
        {
            if (x[i] == target[j])
            {
                i++;
                j++;
                continue;
            }

            if (++edits > 1)
            {
                return false;
            }

            if (x.Length > target.Length)
            {
                i++;
            }
            else if (x.Length < target.Length)
            {
                j++;
            }
            else
            {
                i++;
                j++;
            }
        }

        return edits + (x.Length - i) + (target.Length - j) == 1;
    }

    /// <summary>
    /// "STOPO" or "ASTOP" for STOP: one letter more, a QWERTY neighbour of the letter before or after it (a thumb
    /// that touched two keys). Any other extra letter is no slip ("STOMP", "QUITE", "QUILT" are words), and four-letter
    /// words get no other edit (SHOP, TOP, STEP are words too).
    /// </summary>
    private static bool IsFatFingerInsertion(string x, string target)
    {
        if (x.Length != target.Length + 1)
        {
            return false;
        }

        for (var i = 0; i < x.Length; i++)
        {
            if (!x.AsSpan(0, i).SequenceEqual(target.AsSpan(0, i)) || !x.AsSpan(i + 1).SequenceEqual(target.AsSpan(i)))
            {
                continue;
            }

            var extra = x[i];
            if ((i > 0 && Neighbours(x[i - 1]).Contains(extra)) || (i + 1 < x.Length && Neighbours(x[i + 1]).Contains(extra)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"STIP" or "STOO" for STOP: one letter hit as its neighbour on a QWERTY keyboard.</summary>
    private static bool IsOneKeyOff(string x, string target)
    {
        if (x.Length != target.Length)
        {
            return false;
        }

        var differences = 0;
        for (var i = 0; i < x.Length; i++)
        {
            if (x[i] != target[i] && (++differences > 1 || !Neighbours(target[i]).Contains(x[i])))
            {
                return false;
            }
        }

        return differences == 1;
    }

    private static string Neighbours(char key) => key switch
    {
        'Q' => "WA",
        'W' => "QESA",
        'E' => "WRDS",
        'R' => "ETFD",
        'T' => "RYGF",
        'Y' => "TUHG",
        'U' => "YIJH",
        'I' => "UOKJ",
        'O' => "IPLK",
        'P' => "OL",
        'A' => "QWSZ",
        'S' => "WEDXZA",
        'D' => "ERFCXS",
        'F' => "RTGVCD",
        'G' => "TYHBVF",
        'H' => "YUJNBG",
        'J' => "UIKMNH",
        'K' => "IOLMJ",
        'L' => "OPK",
        'Z' => "ASX",
        'X' => "ZSDC",
        'C' => "XDFV",
        'V' => "CFGB",
        'B' => "VGHN",
        'N' => "BHJM",
        'M' => "NJK",
        _ => "",
    };

    /// <summary>"STP" for STOP, "QIT" for QUIT: texting shorthand drops a vowel.</summary>
    private static bool IsMissingOneVowel(string x, string target)
    {
        if (x.Length != target.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < target.Length; i++)
        {
            if ("AEIOU".Contains(target[i]) && string.Concat(target.AsSpan(0, i), target.AsSpan(i + 1)) == x)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsOnlyStopEmoji(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return false;
        }

        var any = false;
        foreach (var rune in body.EnumerateRunes())
        {
            // Spaces, emoji presentation, joiners, skin tones and the gender signs of ZWJ sequences (🙅‍♀️).
            if (System.Text.Rune.IsWhiteSpace(rune) || rune.Value is 0xFE0F or 0x200D or 0x2640 or 0x2642 || rune.Value is >= 0x1F3FB and <= 0x1F3FF)
            {
                continue;
            }

            if (!StopEmoji.Contains(rune.ToString()))
            {
                return false;
            }

            any = true;
        }

        return any;
    }

    private static IEnumerable<int> Occurrences(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            if (words.AsSpan(i, phrase.Length).SequenceEqual(phrase))
            {
                yield return i;
            }
        }
    }

    private static void AddLetters(Dictionary<string, string> map, string word)
    {
        var letters = KeywordText.CollapseRepeats(KeywordText.Letters(word));
        if (letters.Length > 0)
        {
            map.TryAdd(letters, word);
        }
    }

    private static void AddKey(Dictionary<string, string> map, string word)
    {
        var key = KeywordText.Key(word);
        if (key.Length > 0)
        {
            map.TryAdd(key, word);
        }
    }

    private static HashSet<string> FoldedWords(IEnumerable<string> words) =>
        [.. words.Select(KeywordText.Letters).Where(w => w.Length > 0)];

    private static List<string[]> FoldedPhrases(IEnumerable<string> phrases) =>
        [.. phrases.Select(p => KeywordText.Words(p).Select(w => w.Letters).ToArray()).Where(p => p.Length > 0)];
}
