namespace SmsContacts.Web.Domain;

/// <summary>
/// A contact on a list, right now. Leaving a list deletes the row (the consent history keeps
/// the record); an opt-out moves the rows to <see cref="SuspendedSubscription"/> so START can
/// restore exactly the lists the number left.
/// </summary>
public class Subscription
{
    public long Id { get; set; }

    public int SenderCodeId { get; set; }

    public long ContactId { get; set; }

    public Contact? Contact { get; set; }

    public int ListId { get; set; }

    public ContactList? List { get; set; }

    /// <summary>Copy of the contact's phone (which never changes) so the grid sorts and pages on one index.</summary>
    public string Phone { get; set; } = "";

    /// <summary>
    /// The first four characters of the contact's email (null without one): which block of the grid's
    /// email order the row is counted in (<see cref="SubscriptionCount"/>). Database triggers set it from
    /// the contact, on every insert and whenever the contact's email changes; the app never writes it.
    /// </summary>
    public string? EmailBlock { get; set; }

    public SubscriptionStatus Status { get; set; }

    public DateTime SubscribedUtc { get; set; }

    public SubscribeMethod Method { get; set; }

    public string? Keyword { get; set; }

    public bool MarketingConsent { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public DateTime? ConfirmedUtc { get; set; }
}

/// <summary>A list a number was on when it opted out; START/UNSTOP puts it back.</summary>
public class SuspendedSubscription
{
    public long Id { get; set; }

    public long ContactId { get; set; }

    public int ListId { get; set; }

    /// <summary>The list START restores (its name goes into the consent event).</summary>
    public ContactList? List { get; set; }

    public DateTime SubscribedUtc { get; set; }

    public SubscribeMethod Method { get; set; }

    public string? Keyword { get; set; }

    public bool MarketingConsent { get; set; }

    public bool CartAbandonmentConsent { get; set; }

    public DateTime SuspendedUtc { get; set; }
}

/// <summary>
/// How many subscriptions (rows of the Contacts tab) a list has in one block of the email order, among the numbers
/// of one phone lead, kept by database triggers on every insert, delete and email change, whoever writes (EF, the bulk
/// import writers, the demo seeder, inbound texts). A block is the first four characters of the email, or, for
/// contacts without one, the first five of the phone number ("+1415"). A page deep into the email order starts at the
/// block that holds it instead of walking every contact before it (Data/ContactRepository); under a search of one or
/// two digits ("8": numbers starting +8 or +18) the blocks' sizes are the counts of the leads the search holds, so
/// they are summed from a few thousand counts instead of grouped from every matching number.
/// </summary>
public class SubscriptionCount
{
    /// <summary>
    /// How many characters of the number a lead is: "+1" and the area code's first digit in the North American plan
    /// ("+14"), a country code's first two digits elsewhere ("+44"). A one- or two-digit search's ranges ("+8", "+18",
    /// "+81") are whole leads; the longer prefix of a two-digit search ("+181") lies inside one and is counted on the
    /// phone index instead. Why three: the counts are lists × email blocks × leads, and every deep page of the email
    /// order without a search reads all of its sender code's (or list's); a fourth character would make them ten
    /// times as many.
    /// </summary>
    public const int PhoneLeadLength = 3;

    public int ListId { get; set; }

    public int SenderCodeId { get; set; }

    /// <summary>False for the blocks of contacts without an email, which sort first.</summary>
    public bool HasEmail { get; set; }

    /// <summary>The email's first four characters, or the phone's first five.</summary>
    public string Block { get; set; } = "";

    /// <summary>The first <see cref="PhoneLeadLength"/> characters of the numbers counted (<see cref="PhoneLeadOf"/>).</summary>
    public string PhoneLead { get; set; } = "";

    public int Subscriptions { get; set; }

    /// <summary>The lead of an E.164 number (the rule the triggers apply in SQL).</summary>
    public static string PhoneLeadOf(string e164) => e164.Length <= PhoneLeadLength ? e164 : e164[..PhoneLeadLength];
}

/// <summary>
/// How many subscriptions (rows of the Contacts tab) a list has in one block of the phone order, kept by database
/// triggers on every insert, delete and change of a subscription's list or number, whoever writes (EF, the bulk import
/// writers, the demo seeder, inbound texts, anyone with SQL). A page deep into the phone order starts at the block that
/// holds it instead of walking every number before it (Data/ContactRepository).
///
/// A block is the number's first <see cref="BlockLength"/> characters of E.164: "+1" and the area code in the North
/// American plan ("+1415"), the country code and leading digits elsewhere ("+4477"). Why that length: a page reads every
/// block of the sender code (or the list) first, then walks at most half a block, so blocks should be neither many nor
/// big. The demo data spreads over 286 area codes, so at a million contacts a block holds about 3,500 rows and the 4 lists
/// about 1,150 counts; real numbers cluster in their customers' area codes, which makes blocks bigger but never more than
/// walking the phone order itself (the plan before them). One more digit would give ten times the counts to read (and
/// lists multiply them); the "no email" blocks of <see cref="SubscriptionCount"/> cut numbers the same way.
/// </summary>
public class SubscriptionPhoneCount
{
    public const int BlockLength = 5;

    public int ListId { get; set; }

    public int SenderCodeId { get; set; }

    /// <summary>The first <see cref="BlockLength"/> characters of the numbers counted.</summary>
    public string Block { get; set; } = "";

    public int Subscriptions { get; set; }

    /// <summary>The block of an E.164 number (the rule the triggers apply in SQL).</summary>
    public static string BlockOf(string e164) => e164.Length <= BlockLength ? e164 : e164[..BlockLength];
}
