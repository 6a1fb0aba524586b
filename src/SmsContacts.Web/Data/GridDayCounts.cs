using SmsContacts.Web.Domain;

namespace SmsContacts.Web.Data;

/// <summary>
/// How many rows of the Contacts tab a list has now whose Subscribe Date falls on one UTC day, among the numbers of one
/// phone lead (<see cref="PhoneLeadLength"/> characters: "+141"): the sizes of the pieces the grid's Subscribe Date order
/// is read in under a search. A page deep into that order under a one- or two-digit search, or a "contains" search whose
/// numbers start with its digits ("130": +130…), starts at the day that holds it, summed from a few thousand counts,
/// instead of walking every subscription before it (Data/ContactRepository; without a search the days are
/// <see cref="SubscribeDateCount"/>'s). Kept by triggers on Subscriptions
/// (<see cref="GridDayCountsSql"/>; SQL Server's in SqlServerSql), so every writer keeps it: EF, both bulk import
/// writers, the demo seeder, inbound texts, a list's deletion (its counts cascade), anyone with SQL.
/// </summary>
public sealed class SubscribeDayCount
{
    /// <summary>
    /// How many characters of the number a lead is here: "+1" and the area code's first two digits ("+141"), a country
    /// code and more elsewhere. The ranges of a one- or two-digit search ("+8", "+18", "+141") and the first leading range
    /// of a three-digit "contains" search ("+130") are whole leads. Days are few (730 in two years), so a fourth
    /// character costs less here than for the email blocks (<see cref="SubscriptionCount.PhoneLeadLength"/>).
    /// </summary>
    public const int PhoneLeadLength = 4;

    public int ListId { get; set; }

    /// <summary>UTC midnight of the day counted.</summary>
    public DateTime DayUtc { get; set; }

    /// <summary>The first <see cref="PhoneLeadLength"/> characters of the numbers counted (<see cref="PhoneLeadOf"/>).</summary>
    public string PhoneLead { get; set; } = "";

    public int SenderCodeId { get; set; }

    /// <summary>Subscriptions now of the list, day and lead (zero once they are gone: the grid skips those).</summary>
    public int Subscriptions { get; set; }

    /// <summary>The lead of an E.164 number (the rule the triggers apply in SQL).</summary>
    public static string PhoneLeadOf(string e164) => e164.Length <= PhoneLeadLength ? e164 : e164[..PhoneLeadLength];
}

/// <summary>
/// The SQLite triggers of <see cref="SubscribeDayCount"/> (created by the migration SubscribeDayCounts): +1 for a new
/// subscription, -1 for a deleted one, a move when its list, Subscribe Date or number changes. Taking a row out is an
/// UPDATE, never an insert: a list deleted with its subscriptions loses its counts by cascade first, and a count
/// inserted for it would break the foreign key. Once released, a change is a new statement in a new migration.
/// </summary>
public static class GridDayCountsSql
{
    public const string SubscriptionsInsert = "Subscriptions_DayCount_Insert";
    public const string SubscriptionsUpdate = "Subscriptions_DayCount_Update";
    public const string SubscriptionsDelete = "Subscriptions_DayCount_Delete";

    /// <summary>SQL Server keeps the table with one statement-level trigger.</summary>
    public const string SqlServerSubscriptions = "Subscriptions_DayCount";

    public static readonly string[] OnSubscriptions = [SubscriptionsInsert, SubscriptionsUpdate, SubscriptionsDelete, SqlServerSubscriptions];

    /// <summary>A row's day as EF Core stores a UTC midnight ('yyyy-MM-dd 00:00:00'), from its stored Subscribe Date.</summary>
    private static string DaySql(string row) => $"substr({row}.SubscribedUtc, 1, 10) || ' 00:00:00'";

    private static string LeadSql(string row) => $"substr({row}.Phone, 1, {SubscribeDayCount.PhoneLeadLength})";

    private static string Count(string row, bool counted) => counted
        ? $"""
            INSERT INTO SubscribeDayCounts (ListId, DayUtc, PhoneLead, SenderCodeId, Subscriptions)
            VALUES ({row}.ListId, {DaySql(row)}, {LeadSql(row)}, {row}.SenderCodeId, 1)
            ON CONFLICT (ListId, PhoneLead, DayUtc) DO UPDATE SET Subscriptions = Subscriptions + 1;

        """
        : $"""
            UPDATE SubscribeDayCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = {row}.ListId AND DayUtc = {DaySql(row)} AND PhoneLead = {LeadSql(row)};

        """;

    public static IReadOnlyList<string> SqliteTriggers { get; } =
    [
        $"""
        CREATE TRIGGER {SubscriptionsInsert} AFTER INSERT ON Subscriptions BEGIN
        {Count("NEW", counted: true)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsDelete} AFTER DELETE ON Subscriptions BEGIN
        {Count("OLD", counted: false)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsUpdate} AFTER UPDATE OF ListId, SubscribedUtc, Phone ON Subscriptions
        WHEN NEW.ListId <> OLD.ListId OR {DaySql("NEW")} IS NOT {DaySql("OLD")} OR {LeadSql("NEW")} IS NOT {LeadSql("OLD")} BEGIN
        {Count("OLD", counted: false)}{Count("NEW", counted: true)}END;
        """,
    ];

    /// <summary>The counts of the subscriptions stored before the table existed.</summary>
    public static readonly string SqliteFill = $"""
        INSERT INTO SubscribeDayCounts (ListId, DayUtc, PhoneLead, SenderCodeId, Subscriptions)
        SELECT s.ListId, {DaySql("s")}, {LeadSql("s")}, MIN(s.SenderCodeId), COUNT(*)
        FROM Subscriptions AS s GROUP BY s.ListId, {DaySql("s")}, {LeadSql("s")};
        """;
}
