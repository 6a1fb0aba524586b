namespace SmsContacts.Web.Domain;

/// <summary>A named subscription list of a sender code ("VIP", "Promotions").</summary>
public class ContactList
{
    public int Id { get; set; }

    public int SenderCodeId { get; set; }

    public SenderCode? SenderCode { get; set; }

    public string Name { get; set; } = "";

    /// <summary>When on, a keyword join is pending until the number replies Y.</summary>
    public bool DoubleOptIn { get; set; }

    /// <summary>The list's subscription journey: the welcome message a new subscriber is entered into.</summary>
    public string? WelcomeMessage { get; set; }

    public DateTime CreatedUtc { get; set; }

    public List<ListKeyword> Keywords { get; set; } = [];
}

/// <summary>A word a number texts to join a list. Unique per sender code, stored upper case.</summary>
public class ListKeyword
{
    public int Id { get; set; }

    public int SenderCodeId { get; set; }

    public int ListId { get; set; }

    public ContactList? List { get; set; }

    public string Keyword { get; set; } = "";
}
