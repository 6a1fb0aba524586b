namespace SmsContacts.Web.Domain;

/// <summary>
/// The phrase list of plain-language opt-outs, as data, in one place. Since 2025-04-11 the FCC lets people
/// revoke consent "by any reasonable means" (47 CFR 64.1200(a)(10)): a short text whose meaning is "stop
/// texting me" counts as much as STOP does. <see cref="InboundMatcher"/> reads a text against these lists:
/// <list type="bullet">
/// <item>a short text (up to <see cref="MaxWords"/> words) made of an opt-out word or phrase and nothing but
/// <see cref="Filler"/> opts the number out;</item>
/// <item>any other text holding an opt-out word or phrase, a near-miss of an opt-out word, a
/// <see cref="ReviewPhrases"/> phrase, or only stop-sign emoji, waits in Needs review for a person;</item>
/// <item>a <see cref="Contrary"/> word just before an opt-out word ("don't stop") or an opt-in word anywhere
/// ("stop start") turns an opt-out into a review: the text may mean the opposite.</item>
/// </list>
/// Words are written as people type them; they are folded like every text (<see cref="KeywordText"/>).
/// The safe side is always stop or ask a person: a word wrongly listed here costs a person a click in
/// Needs review, a word missing can leave a number subscribed that asked to stop.
/// </summary>
public static class PlainLanguageOptOut
{
    /// <summary>
    /// "Up to about eight words": longer texts are read by a person, whatever they hold. A word said again
    /// right after itself counts once ("STOP STOP STOP" is one word).
    /// </summary>
    public const int MaxWords = 8;

    /// <summary>Single words that ask to stop beyond the keyword list (the keyword list counts too).</summary>
    public static readonly IReadOnlyList<string> SignalWords =
    [
        "unsub", "unsubscribe", "unsubscribed", "unsubscribing", "remove", "removed", "spam", "spamming",
        "block", "blocked", "blocking", "opted out", "cease", "desist", "halt", "pause", "withdraw", "dnc", "nomore",
        "stahp", "stawp",
    ];

    /// <summary>Phrases that mean "stop texting me".</summary>
    public static readonly IReadOnlyList<string> Phrases =
    [
        "remove me", "remove my number", "remove this number", "take me off", "take my number off", "take this number off",
        "want out", "i want out", "get me off", "delete me", "delete my number", "delete this number", "lose my number", "opt me out", "count me out", "leave me alone",
        "don't text", "do not text", "dont txt", "don't message", "do not message", "don't msg", "don't contact", "do not contact",
        "don't send", "do not send", "don't sms", "do not sms", "don't call", "do not call", "do not call list", "dnc list",
        "don't want", "do not want", "dont wanna", "no longer want", "don't need", "do not need",
        "delete my info", "delete my data", "delete my details", "erase me", "erase my number", "forget me", "forget my number",
        "never text", "never message", "never contact", "never send",
        "no more", "no texts", "no text", "no txt", "no txts", "no messages", "no msg", "no msgs", "no sms",
        "not interested", "no longer interested", "no longer in service", "not in service", "not my number", "not my phone", "wrong number", "wrong person", "wrong phone",
        "never signed up", "didn't sign up", "did not sign up", "never subscribed", "didn't subscribe", "did not subscribe",
        "go away", "get lost", "fuck off", "f off", "piss off", "buzz off", "bugger off",
        "how do i stop", "how to stop", "how do i unsubscribe", "how to unsubscribe", "how do i opt out",
    ];

    /// <summary>Phrases with no opt-out word that still deserve a person's look.</summary>
    public static readonly IReadOnlyList<string> ReviewPhrases =
    [
        "no thanks", "no thank you", "how did you get", "why do you have my number", "why are you texting", "never gave you",
        "fuck you", "f you", "screw you", "new phone",
    ];

    /// <summary>Whole texts (nothing else in them) that may be a curt "stop": a person decides.</summary>
    public static readonly IReadOnlyList<string> ReviewWholeTexts =
    [
        "no", "nope", "nah", "no way", "never", "enough", "enough already", "thats enough", "bye", "goodbye", "bye bye",
        "done", "i'm done", "im done", "done with this", "done with these", "i'm done with this", "wrong", "delete",
    ];

    /// <summary>Emoji that say "stop" on their own; a text of only these waits for a person.</summary>
    public static readonly IReadOnlyList<string> StopEmoji = ["🛑", "⛔", "🚫", "✋", "🤚", "🙅"];

    /// <summary>Words that, just before an opt-out word (up to two words before), may reverse it: "don't stop", "can't stop".</summary>
    public static readonly IReadOnlyList<string> Contrary =
    [
        "don't", "dont", "not", "never", "can't", "cant", "cannot", "won't", "wont", "didn't", "didnt", "doesn't", "doesnt",
        "shouldn't", "wouldn't", "isn't", "aren't", "without",
    ];

    /// <summary>Opt-in words beyond the keyword list: with an opt-out word in the same text, a person decides.</summary>
    public static readonly IReadOnlyList<string> OptInWords = ["subscribe", "resubscribe", "join", "keep", "continue", "restart"];

    /// <summary>
    /// Words that add nothing to a short request to stop: politeness, pronouns, what is being stopped (texts,
    /// messages, this list), emphasis and anger. A short text of an opt-out word or phrase and only these opts out.
    /// A few common Spanish and French politeness words are here for sender codes with words in those languages.
    /// </summary>
    public static readonly IReadOnlyList<string> Filler =
    [
        "please", "pls", "plz", "plse", "pleas", "kindly", "thanks", "thank", "thx", "thnx", "ty", "you", "u", "ya", "sorry",
        "ok", "okay", "k", "hi", "hey", "hello", "yes", "yeah", "yep", "no", "nope", "now", "right", "immediately", "asap",
        "already", "again", "sure", "certain", "very", "much", "lot", "alot", "reply", "in",
        "iphone", "android", "samsung", "galaxy", "pixel", "ipad", "mobile", "blackberry", "outlook", "deals", "coupons", "sales", "specials", "have", "has", "got", "you've", "i've", "put", "help",
        "everything", "anything", "whatever", "nonsense", "garbage", "rubbish", "consent", "permission", "just", "really", "seriously", "forever", "permanently", "completely", "for", "good", "all",
        "i", "im", "i'm", "me", "my", "mine", "myself", "we", "us", "our", "it", "its", "this", "that", "these", "those",
        "the", "a", "an", "of", "from", "to", "on", "with", "and", "or", "so", "is", "are", "am", "be", "said", "say", "told",
        "want", "wanna", "would", "like", "need", "can", "could", "do", "how", "id", "i'd", "ill", "i'll",
        "your", "ur", "yours", "list", "lists", "mailing", "text", "texts", "txt", "txts", "texting", "message", "messages",
        "messaging", "msg", "msgs", "sms", "sending", "send", "sent", "getting", "get", "receiving", "receive",
        "contacting", "contact", "calling", "number", "phone", "cell", "subscription", "subscriptions", "alerts",
        "notifications", "marketing", "promotions", "promos", "ads", "advertising", "offers", "spam", "junk",
        "more", "any", "anymore", "longer", "ever", "these", "them", "em",
        "xx", "x", "xo", "xoxo", "lol", "omg", "wtf", "ffs", "ugh",
        "crap", "shit", "damn", "fucking", "freaking", "bloody", "stupid", "annoying", "bs",
        "report", "reported", "reporting", "block", "blocking", "fcc", "lawyer", "sue",
        "por", "favor", "gracias", "merci", "svp", "s'il", "vous", "plait", "plaît",
    ];

    /// <summary>
    /// The same lists for the other languages a sender code can answer in (<see cref="InboundKeywords.Languages"/>),
    /// read only by a sender code that has at least one of that language's opt-out words: a Spanish-speaking number
    /// says "no me envíen más mensajes" as an English-speaking one says "don't text me". Each is added to the English
    /// lists above (the English ones keep working on every sender code).
    /// </summary>
    public static readonly IReadOnlyList<LanguagePlainLanguage> Languages =
    [
        new(
            "es",
            SignalWords: ["desuscribir", "desuscribirme", "desuscríbanme", "desuscribeme", "desuscripción", "darme de baja", "dar de baja", "denme de baja", "de baja", "detente", "deténganse", "paren", "parenle"],
            Phrases:
            [
                "no me envíen", "no me envies", "no me envíes", "no me manden", "no me mandes", "no me escriban", "no me escribas",
                "no me contacten", "no me llamen", "no me molesten", "no quiero", "ya no quiero", "no deseo", "ya no deseo",
                "dejen de", "deja de", "dejar de", "no me interesa", "no estoy interesado", "no estoy interesada",
                "número equivocado", "numero incorrecto", "eliminar mi número", "borrar mi número", "borren mi número", "quiten mi número",
                "quítenme", "sáquenme", "sácame", "para ya", "cancelar suscripción", "no más mensajes",
            ],
            ReviewWholeTexts: ["basta", "ya basta", "para", "suficiente", "adiós", "chao", "no gracias"],
            ReviewPhrases: ["no gracias", "cómo obtuvieron mi número", "quién es"],
            Filler:
            [
                "me", "mi", "mis", "te", "de", "del", "la", "las", "el", "los", "lo", "un", "una", "y", "a", "al", "que", "en", "ya", "más", "mas",
                "mensajes", "mensaje", "textos", "texto", "sms", "mandarme", "enviarme", "escribirme", "mandar", "enviar", "recibir",
                "lista", "esta", "este", "esto", "estos", "estas", "número", "suscripción", "todo", "todos", "nada", "ahora", "favor",
                "por", "gracias", "muchas", "quiero", "ofertas", "promociones", "publicidad", "hola", "señor", "señora",
            ],
            Contrary: ["nunca", "jamás"]),
        new(
            "fr",
            SignalWords:
            [
                "arrêtez", "arrêter", "arrête", "désabonner", "désabonnez", "désabonnement", "désinscrire", "désinscrivez", "désinscription",
                "retirez", "supprimez",
            ],
            Phrases:
            [
                "ne plus recevoir", "plus de sms", "plus de messages", "ne m'envoyez plus", "n'envoyez plus", "ne m'écrivez plus",
                "ne me contactez plus", "pas intéressé", "pas intéressée", "pas interesse", "faux numéro", "mauvais numéro",
                "laissez-moi tranquille", "fichez-moi la paix",
            ],
            ReviewWholeTexts: ["assez", "ça suffit", "ca suffit", "non", "non merci", "au revoir", "laissez moi"],
            ReviewPhrases: ["non merci", "comment avez-vous eu mon numéro", "qui est-ce"],
            Filler:
            [
                "je", "veux", "voudrais", "souhaite", "me", "moi", "de", "des", "du", "les", "le", "la", "un", "une", "et", "à", "a", "au",
                "sms", "messages", "message", "textos", "texto", "ce", "cet", "cette", "ces", "numéro", "liste", "tout", "tous", "maintenant",
                "stp", "svp", "s'il", "vous", "plaît", "plait", "merci", "beaucoup", "bonjour", "vos", "votre", "recevoir", "m'envoyer", "envoyer",
                "m'écrire", "écrire", "offres", "pub", "pubs", "publicité", "promotions", "plus", "ici", "bien", "madame", "monsieur",
            ],
            Contrary: ["pas", "jamais", "continuez", "continuer"]),
    ];
}

/// <summary>One language's plain-language lists (see <see cref="PlainLanguageOptOut"/>); the same kinds as the English ones.</summary>
/// <param name="Code">The ISO 639-1 code of <see cref="InboundKeywords.Languages"/> whose opt-out words turn these on.</param>
public sealed record LanguagePlainLanguage(
    string Code,
    IReadOnlyList<string> SignalWords,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<string> ReviewWholeTexts,
    IReadOnlyList<string> ReviewPhrases,
    IReadOnlyList<string> Filler,
    IReadOnlyList<string> Contrary);
