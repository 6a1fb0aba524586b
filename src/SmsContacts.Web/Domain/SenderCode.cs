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

    public DateTime CreatedUtc { get; set; }

    public List<ContactList> Lists { get; set; } = [];
}
