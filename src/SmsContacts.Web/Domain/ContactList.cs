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

/// <summary>
/// A word or phrase a number texts to join a list ("VIP", "JOIN NOW"). Stored upper case as typed; matched
/// by its <see cref="MatchKey"/>, which is unique per sender code.
/// </summary>
public class ListKeyword
{
    private string _keyword = "";

    public int Id { get; set; }

    public int SenderCodeId { get; set; }

    public int ListId { get; set; }

    public ContactList? List { get; set; }

    /// <summary>As the admin typed it, upper case: "JOIN NOW".</summary>
    public string Keyword
    {
        get => _keyword;
        set
        {
            _keyword = value;
            MatchKey = KeywordText.Key(value);
        }
    }

    /// <summary>
    /// The keyword folded as every inbound text is (<see cref="KeywordText.Key"/>): "JOIN NOW" → "JOINNOW", so
    /// "Join now!", "join-now" and "JOINNOW" all join. Set with <see cref="Keyword"/>; a phrase is matched whole.
    /// </summary>
    public string MatchKey { get; private set; } = "";
}
