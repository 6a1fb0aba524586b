namespace SmsContacts.Web.Domain;

/// <summary>The short code or long number texts go out from. Everything else belongs to one.</summary>
public class SenderCode
{
    public int Id { get; set; }

    /// <summary>As the carrier knows it: a short code ("55123") or an E.164 long number.</summary>
    public string Code { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>ISO 3166 region used as the default when a phone number is typed without a country code.</summary>
    public string CountryCode { get; set; } = "US";

    /// <summary>Answer to HELP / INFO.</summary>
    public string HelpText { get; set; } = "";

    /// <summary>
    /// Opt-out words of this sender code beyond the built-in ones (<see cref="InboundKeywords.OptOut"/>), for
    /// other languages: "ALTO, PARAR". Comma separated, as <see cref="SenderCodeWords.Split"/> reads them.
    /// </summary>
    public string? ExtraOptOutWords { get; set; }

    /// <summary>Opt-in (opt back in) words beyond START / UNSTOP, comma separated.</summary>
    public string? ExtraOptInWords { get; set; }

    /// <summary>Help words beyond HELP / INFO, comma separated: "AYUDA, AIDE".</summary>
    public string? ExtraHelpWords { get; set; }

    /// <summary>
    /// The one text sent after an opt-out (no marketing; says how to resubscribe). Empty: the default
    /// (<see cref="OptOutConfirmations.Default"/>).
    /// </summary>
    public string? OptOutConfirmation { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<ContactList> Lists { get; set; } = [];
}
