namespace SmsContacts.Web.Domain;

/// <summary>
/// The keywords every sender code answers, whatever its own extra words. All are compared after
/// <see cref="KeywordText"/> folding, so spaces and punctuation inside them do not matter ("OPT OUT" = "OPTOUT").
/// </summary>
public static class InboundKeywords
{
    /// <summary>
    /// Opt-out words: the FCC's (47 CFR 64.1200(a)(10) as amended in 2024, in force since 2025-04-11: stop,
    /// quit, end, revoke, opt out, cancel, unsubscribe) and the CTIA's STOPALL / STOP ALL. Twilio's default
    /// opt-out list is the same set.
    /// </summary>
    public static readonly IReadOnlyList<string> OptOut = ["STOP", "STOPALL", "STOP ALL", "QUIT", "END", "REVOKE", "OPT OUT", "CANCEL", "UNSUBSCRIBE"];

    /// <summary>Opt back in after an opt-out (CTIA; Twilio's defaults, less YES, which confirms a double opt-in here).</summary>
    public static readonly IReadOnlyList<string> OptIn = ["START", "UNSTOP"];

    /// <summary>Ask for the help text (CTIA).</summary>
    public static readonly IReadOnlyList<string> Help = ["HELP", "INFO"];

    /// <summary>Confirm a pending double opt-in.</summary>
    public static readonly IReadOnlyList<string> Confirm = ["Y", "YES"];

    /// <summary>
    /// Extra words a sender code can take with one click (none is added by default): the words Twilio requires
    /// a Spanish-language US short code to answer (ALTO, AYUDA) with the other common Spanish opt-out words
    /// (PARAR, DETENER, CANCELAR, BAJA), and the CWTA's mandatory French keywords for Canadian codes (ARRET,
    /// AIDE) with the spellings Twilio's opt-out filter also reads (ARRETE, ARRETT). "NO MAS" is the example
    /// compliance writers give of a Spanish plain-language revocation.
    /// </summary>
    public static readonly IReadOnlyList<LanguageWords> Languages =
    [
        new("es", "Spanish", OptOut: ["ALTO", "PARAR", "DETENER", "CANCELAR", "BAJA", "NO MAS"], OptIn: [], Help: ["AYUDA"]),
        new("fr", "French", OptOut: ["ARRET", "ARRETE", "ARRETT"], OptIn: [], Help: ["AIDE"]),
    ];
}

/// <summary>A language's common keywords, offered on the sender code page.</summary>
/// <param name="Code">ISO 639-1 code, as the page posts it.</param>
public sealed record LanguageWords(string Code, string Name, IReadOnlyList<string> OptOut, IReadOnlyList<string> OptIn, IReadOnlyList<string> Help);

/// <summary>
/// A sender code's own extra words, each family as an admin typed it ("ALTO, PARAR"), comma separated.
/// A word may hold spaces ("NO MAS"); it is matched as the whole phrase.
/// </summary>
public sealed record SenderCodeWords(string? OptOut = null, string? OptIn = null, string? Help = null)
{
    public static readonly SenderCodeWords None = new();

    public static SenderCodeWords Of(SenderCode code) => new(code.ExtraOptOutWords, code.ExtraOptInWords, code.ExtraHelpWords);

    /// <summary>"alto,  Parar ,," → ["ALTO", "PARAR"]: trimmed, inner spaces made one, upper case, no empties or repeats.</summary>
    public static IReadOnlyList<string> Split(string? words) =>
        (words ?? "").Split([',', ';', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => string.Join(' ', w.Split(' ', '\t', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant())
            .Where(w => w.Length > 0)
            .Distinct()
            .ToList();

    /// <summary>The words joined back as stored and shown: "ALTO, PARAR".</summary>
    public static string? Join(IEnumerable<string> words)
    {
        var joined = string.Join(", ", words);
        return joined.Length == 0 ? null : joined;
    }
}
