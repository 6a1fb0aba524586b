namespace SmsContacts.Web.Data;

/// <summary>
/// What the grid reads besides the tables, kept right by the database itself so that no writer (EF, the
/// bulk import writers, the demo seeder, inbound texts, or anyone with a SQL prompt) can forget it:
/// - the phone search index of the Contacts tab's rows: SQLite's FTS5 table <see cref="SqlitePhoneSearchTable"/>
///   (trigram tokenizer: any three characters of a number find it), SQL Server's suffix table (<see cref="SqlServerSql"/>);
/// - <c>Subscriptions.EmailBlock</c> (the first four characters of the contact's email);
/// - <c>SubscriptionCounts</c> (rows of the Contacts tab per list, email block and phone lead, Domain/SubscriptionCount);
/// - <c>SubscriptionPhoneCounts</c> (rows of the Contacts tab per list and phone block, Domain/SubscriptionPhoneCount).
/// The migration InitialSchema creates them (Data/Migrations/InitialSchemaSql). This class holds the SQLite statements;
/// SQL Server's are in <see cref="SqlServerSql"/>, under the same trigger names. Once released, a statement a migration
/// uses is never edited: a change is a new statement and a new migration.
/// </summary>
public static class GridTriggers
{
    public const string SqlitePhoneSearchTable = "SubscriptionPhoneSearch";

    public const string SubscriptionsPhoneSearch = "Subscriptions_PhoneSearch";
    public const string SubscriptionsPhoneSearchDelete = "Subscriptions_PhoneSearch_Delete";
    public const string SubscriptionsPhoneSearchUpdate = "Subscriptions_PhoneSearch_Update";
    public const string ContactsEmailBlock = "Contacts_EmailBlock";
    public const string SubscriptionsCountInsert = "Subscriptions_Count_Insert";
    public const string SubscriptionsCountUpdate = "Subscriptions_Count_Update";
    public const string SubscriptionsCountDelete = "Subscriptions_Count_Delete";

    public const string SubscriptionsPhoneCountInsert = "Subscriptions_PhoneCount_Insert";
    public const string SubscriptionsPhoneCountUpdate = "Subscriptions_PhoneCount_Update";
    public const string SubscriptionsPhoneCountDelete = "Subscriptions_PhoneCount_Delete";

    /// <summary>SQL Server keeps the counts with one statement-level trigger.</summary>
    public const string SubscriptionsCount = "Subscriptions_Count";

    /// <summary>SQL Server keeps the phone blocks' counts with one statement-level trigger.</summary>
    public const string SubscriptionsPhoneCount = "Subscriptions_PhoneCount";

    /// <summary>Every trigger on Contacts (EF must know a table has triggers: on SQL Server it then avoids OUTPUT without INTO).</summary>
    public static readonly string[] OnContacts = [ContactsEmailBlock];

    public static readonly string[] OnSubscriptions =
        [SubscriptionsPhoneSearch, SubscriptionsPhoneSearchDelete, SubscriptionsPhoneSearchUpdate, SubscriptionsCountInsert, SubscriptionsCountUpdate, SubscriptionsCountDelete, SubscriptionsCount,
            SubscriptionsPhoneCountInsert, SubscriptionsPhoneCountUpdate, SubscriptionsPhoneCountDelete, SubscriptionsPhoneCount];

    /// <summary>
    /// One document per subscription: the phone, and the list as a single three-character token ("Scope"). Its
    /// rowid is <see cref="RowidOf"/>: the sender code in the high bits, so a sender code's rows are one rowid range
    /// that FTS5 reads alone (counting a search for a sender code reads only its matches), and the subscription id
    /// in the low 40. Contentless (the numbers live in Subscriptions; the index keeps trigrams and positions), with
    /// contentless_delete so a deleted row leaves it; detail=full keeps positions, since a search longer than
    /// three digits is a phrase of consecutive trigrams. Writers add a sender code's rows in increasing id order,
    /// which FTS5 appends cheaply.
    /// </summary>
    public static readonly string SqliteCreatePhoneSearch =
        $"CREATE VIRTUAL TABLE {SqlitePhoneSearchTable} USING fts5(Phone, Scope, content='', contentless_delete=1, tokenize='trigram', detail='full');";

    /// <summary>2^40: subscription ids stay below it; the sender code is the rowid's multiple of it.</summary>
    public const long SenderCodeStride = 1L << 40;

    /// <summary>The list as one trigram: three characters of the CJK block (20,992 code points from U+4E00), base 20,992.</summary>
    private const int MarkerBase = 20_992;
    private const int MarkerFirst = 0x4E00;

    /// <summary>The search index's rowid of a subscription.</summary>
    public static long RowidOf(int senderCodeId, long subscriptionId) => senderCodeId * SenderCodeStride + subscriptionId;

    /// <summary>The list's token in the Scope column (the same as <see cref="MarkerSql"/> writes).</summary>
    public static string ListMarker(int listId) => string.Concat(
        char.ConvertFromUtf32(MarkerFirst + (int)((long)listId / ((long)MarkerBase * MarkerBase) % MarkerBase)),
        char.ConvertFromUtf32(MarkerFirst + listId / MarkerBase % MarkerBase),
        char.ConvertFromUtf32(MarkerFirst + listId % MarkerBase));

    private static string MarkerSql(string listId) => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"char({MarkerFirst} + ({listId} / {(long)MarkerBase * MarkerBase}) % {MarkerBase}, {MarkerFirst} + ({listId} / {MarkerBase}) % {MarkerBase}, {MarkerFirst} + {listId} % {MarkerBase})");

    private static string RowidSql(string row) => $"{row}.SenderCodeId * {SenderCodeStride} + {row}.Id";

    public static readonly string SqlitePhoneSearchTriggers = $"""
        CREATE TRIGGER {SubscriptionsPhoneSearch} AFTER INSERT ON Subscriptions BEGIN
            INSERT INTO {SqlitePhoneSearchTable} (rowid, Phone, Scope) VALUES ({RowidSql("NEW")}, NEW.Phone, {MarkerSql("NEW.ListId")});
        END;
        CREATE TRIGGER {SubscriptionsPhoneSearchDelete} AFTER DELETE ON Subscriptions BEGIN
            DELETE FROM {SqlitePhoneSearchTable} WHERE rowid = {RowidSql("OLD")};
        END;
        CREATE TRIGGER {SubscriptionsPhoneSearchUpdate} AFTER UPDATE OF Id, Phone, SenderCodeId, ListId ON Subscriptions
        WHEN NEW.Id <> OLD.Id OR NEW.Phone IS NOT OLD.Phone OR NEW.SenderCodeId <> OLD.SenderCodeId OR NEW.ListId <> OLD.ListId BEGIN
            DELETE FROM {SqlitePhoneSearchTable} WHERE rowid = {RowidSql("OLD")};
            INSERT INTO {SqlitePhoneSearchTable} (rowid, Phone, Scope) VALUES ({RowidSql("NEW")}, NEW.Phone, {MarkerSql("NEW.ListId")});
        END;
        """;

    /// <summary>The FTS5 query for rows whose phone contains the digits (a phrase of trigrams), of one list if given; digits need no escaping.</summary>
    public static string SqliteMatch(string digits, int? listId) => listId is { } list
        ? $"Phone : \"{digits}\" AND Scope : \"{ListMarker(list)}\""
        : $"Phone : \"{digits}\"";

    /// <summary>
    /// The counts follow the subscription rows' own columns (ListId, EmailBlock, Phone): +1 for a new row,
    /// -1 for a deleted one, a move when one changes. A new row then takes its contact's email block, and a
    /// contact's new email gives its rows a new block; both are updates, which move the count (SQLite fires a
    /// table's other triggers from inside a trigger; only a trigger's own recursion is off, which is why the
    /// update trigger counts the row as it is after its own fix-up of a row moved to another contact).
    /// </summary>
    public static readonly string SqliteCountTriggers = $"""
        CREATE TRIGGER {SubscriptionsCountInsert} AFTER INSERT ON Subscriptions BEGIN
            INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
            VALUES (NEW.ListId, NEW.SenderCodeId, NEW.EmailBlock IS NOT NULL, COALESCE(NEW.EmailBlock, substr(NEW.Phone, 1, 5)), 1)
            ON CONFLICT (ListId, HasEmail, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
            UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
            WHERE Id = NEW.Id AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
        END;
        CREATE TRIGGER {SubscriptionsCountUpdate} AFTER UPDATE OF ListId, EmailBlock, Phone, ContactId ON Subscriptions BEGIN
            UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5));
            UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
            WHERE Id = NEW.Id AND NEW.ContactId <> OLD.ContactId
            AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
            INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
            SELECT s.ListId, s.SenderCodeId, s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), 1
            FROM Subscriptions AS s WHERE s.Id = NEW.Id
            ON CONFLICT (ListId, HasEmail, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;
        END;
        CREATE TRIGGER {SubscriptionsCountDelete} AFTER DELETE ON Subscriptions BEGIN
            UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5));
        END;
        CREATE TRIGGER {ContactsEmailBlock} AFTER UPDATE OF Email ON Contacts
        WHEN substr(NEW.Email, 1, 4) IS NOT substr(OLD.Email, 1, 4) BEGIN
            UPDATE Subscriptions SET EmailBlock = substr(NEW.Email, 1, 4) WHERE ContactId = NEW.Id;
        END;
        """;

    /// <summary>
    /// The email blocks' counts kept per phone lead as well (Domain/SubscriptionCount.PhoneLead), which replace the
    /// three Subscriptions triggers of <see cref="SqliteCountTriggers"/> (migration EmailBlockCountsByPhoneLead; the
    /// contact's trigger stays): the same +1, -1 and moves, each to the count of the row's list, email block and lead.
    /// </summary>
    public static IReadOnlyList<string> SqliteCountByPhoneLeadTriggers { get; } =
    [
        $"""
        CREATE TRIGGER {SubscriptionsCountInsert} AFTER INSERT ON Subscriptions BEGIN
            INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, PhoneLead, Subscriptions)
            VALUES (NEW.ListId, NEW.SenderCodeId, NEW.EmailBlock IS NOT NULL, COALESCE(NEW.EmailBlock, substr(NEW.Phone, 1, 5)), {PhoneLeadSql("NEW.Phone")}, 1)
            ON CONFLICT (ListId, HasEmail, Block, PhoneLead) DO UPDATE SET Subscriptions = Subscriptions + 1;
            UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
            WHERE Id = NEW.Id AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
        END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsCountUpdate} AFTER UPDATE OF ListId, EmailBlock, Phone, ContactId ON Subscriptions BEGIN
            UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5))
            AND PhoneLead = {PhoneLeadSql("OLD.Phone")};
            UPDATE Subscriptions SET EmailBlock = (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId)
            WHERE Id = NEW.Id AND NEW.ContactId <> OLD.ContactId
            AND EmailBlock IS NOT (SELECT substr(c.Email, 1, 4) FROM Contacts AS c WHERE c.Id = NEW.ContactId);
            INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, PhoneLead, Subscriptions)
            SELECT s.ListId, s.SenderCodeId, s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), {PhoneLeadSql("s.Phone")}, 1
            FROM Subscriptions AS s WHERE s.Id = NEW.Id
            ON CONFLICT (ListId, HasEmail, Block, PhoneLead) DO UPDATE SET Subscriptions = Subscriptions + 1;
        END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsCountDelete} AFTER DELETE ON Subscriptions BEGIN
            UPDATE SubscriptionCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = OLD.ListId AND HasEmail = (OLD.EmailBlock IS NOT NULL) AND Block = COALESCE(OLD.EmailBlock, substr(OLD.Phone, 1, 5))
            AND PhoneLead = {PhoneLeadSql("OLD.Phone")};
        END;
        """,
    ];

    /// <summary>The email blocks' counts made again from the subscriptions, per list, block and lead (after the table changed its key).</summary>
    public static readonly string SqliteCountByPhoneLeadFill = $"""
        DELETE FROM SubscriptionCounts;
        INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, PhoneLead, Subscriptions)
        SELECT s.ListId, MIN(s.SenderCodeId), s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), {PhoneLeadSql("s.Phone")}, COUNT(*)
        FROM Subscriptions AS s
        GROUP BY s.ListId, s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), {PhoneLeadSql("s.Phone")};
        """;

    /// <summary>The email blocks' counts made again without leads (the key before migration EmailBlockCountsByPhoneLead).</summary>
    public static readonly string SqliteCountFill = """
        DELETE FROM SubscriptionCounts;
        INSERT INTO SubscriptionCounts (ListId, SenderCodeId, HasEmail, Block, Subscriptions)
        SELECT s.ListId, MIN(s.SenderCodeId), s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5)), COUNT(*)
        FROM Subscriptions AS s
        GROUP BY s.ListId, s.EmailBlock IS NOT NULL, COALESCE(s.EmailBlock, substr(s.Phone, 1, 5));
        """;

    /// <summary>A row's phone lead in SQLite (<see cref="Domain.SubscriptionCount.PhoneLeadOf"/>).</summary>
    private static string PhoneLeadSql(string phone) => $"substr({phone}, 1, {Domain.SubscriptionCount.PhoneLeadLength})";

    /// <summary>A row's phone block in SQLite (<see cref="Domain.SubscriptionPhoneCount.BlockOf"/>).</summary>
    private static string PhoneBlockSql(string phone) => $"substr({phone}, 1, {Domain.SubscriptionPhoneCount.BlockLength})";

    /// <summary>
    /// Counts a subscription in (row alias NEW) or out of (OLD) its list's phone block. Out is an UPDATE, never an insert: when a
    /// list is deleted its counts go by cascade beside its subscriptions, and a count inserted for a list that is gone would
    /// break the foreign key.
    /// </summary>
    private static string CountPhoneBlock(string row, bool counted) => counted
        ? $"""
            INSERT INTO SubscriptionPhoneCounts (ListId, SenderCodeId, Block, Subscriptions)
            VALUES ({row}.ListId, {row}.SenderCodeId, {PhoneBlockSql($"{row}.Phone")}, 1)
            ON CONFLICT (ListId, Block) DO UPDATE SET Subscriptions = Subscriptions + 1;

        """
        : $"""
            UPDATE SubscriptionPhoneCounts SET Subscriptions = Subscriptions - 1
            WHERE ListId = {row}.ListId AND Block = {PhoneBlockSql($"{row}.Phone")};

        """;

    /// <summary>
    /// The phone blocks' counts (Domain/SubscriptionPhoneCount) follow the subscription rows' own list and number: +1 for a
    /// new row, -1 for a deleted one, a move when either changes. Unlike the email blocks nothing is read from the contact,
    /// since every subscription carries its number.
    /// </summary>
    public static IReadOnlyList<string> SqlitePhoneCountTriggers { get; } =
    [
        $"""
        CREATE TRIGGER {SubscriptionsPhoneCountInsert} AFTER INSERT ON Subscriptions BEGIN
        {CountPhoneBlock("NEW", counted: true)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsPhoneCountDelete} AFTER DELETE ON Subscriptions BEGIN
        {CountPhoneBlock("OLD", counted: false)}END;
        """,
        $"""
        CREATE TRIGGER {SubscriptionsPhoneCountUpdate} AFTER UPDATE OF ListId, Phone ON Subscriptions
        WHEN NEW.ListId <> OLD.ListId OR {PhoneBlockSql("NEW.Phone")} IS NOT {PhoneBlockSql("OLD.Phone")} BEGIN
        {CountPhoneBlock("OLD", counted: false)}{CountPhoneBlock("NEW", counted: true)}END;
        """,
    ];
}
