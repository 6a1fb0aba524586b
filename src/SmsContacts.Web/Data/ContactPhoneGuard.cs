namespace SmsContacts.Web.Data;

/// <summary>
/// The database's half of the rule of Domain/ContactPhone: Contacts.PhoneDigitsReversed must be the digits of Contacts.Phone
/// (E.164: '+' and up to 15 digits) back to front. Every writer computes it with ContactPhone; the database refuses a row
/// where it is anything else, so a future writer that forgets (as the bulk import once did, leaving imported contacts
/// invisible to "ends with" search) fails loudly instead of storing a contact nobody can find.
///
/// SQLite: two BEFORE triggers (INSERT, and UPDATE of either column) that abort on a mismatch. Triggers rather than a
/// CHECK constraint because SQLite cannot add a constraint to an existing table: EF Core would rebuild Contacts, which
/// drops every trigger on it and copies a million rows at start-up. BEFORE triggers leave EF's RETURNING clause usable
/// (only AFTER triggers do not). SQL Server: a CHECK constraint (<see cref="SqlServerSql.PhoneDigitsReversedCheck"/>).
/// Both are created by the migration InitialSchema (Data/Migrations/InitialSchemaSql). Once released, the statements a
/// migration uses are never edited.
/// </summary>
public static class ContactPhoneGuard
{
    public const string SqliteInsertTrigger = "Contacts_PhoneDigitsReversed_Insert";
    public const string SqliteUpdateTrigger = "Contacts_PhoneDigitsReversed_Update";

    private const string Refusal = "Contacts.PhoneDigitsReversed must be the digits of Phone back to front (Domain/ContactPhone)";

    /// <summary>The reversed digits of an E.164 <paramref name="phone"/> column in SQLite: characters 16 down to 2 (past the end, substr gives '').</summary>
    public static string SqliteDigitsReversed(string phone) =>
        string.Join(" || ", Enumerable.Range(2, 15).Reverse().Select(i => $"substr({phone}, {i}, 1)"));

    /// <summary>The triggers that refuse a contact whose reversed digits are wrong, on insert and on update.</summary>
    public static IReadOnlyList<string> SqliteTriggers { get; } =
    [
        $"CREATE TRIGGER {SqliteInsertTrigger} BEFORE INSERT ON Contacts WHEN NEW.PhoneDigitsReversed IS NOT {SqliteDigitsReversed("NEW.Phone")} BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;",
        $"CREATE TRIGGER {SqliteUpdateTrigger} BEFORE UPDATE OF Phone, PhoneDigitsReversed ON Contacts WHEN NEW.PhoneDigitsReversed IS NOT {SqliteDigitsReversed("NEW.Phone")} BEGIN SELECT RAISE(ABORT, '{Refusal}'); END;",
    ];
}
