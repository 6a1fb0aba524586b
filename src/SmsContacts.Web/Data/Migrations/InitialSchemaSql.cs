using Microsoft.EntityFrameworkCore.Migrations;

namespace SmsContacts.Web.Data.Migrations;

/// <summary>
/// What the migration InitialSchema makes besides what EF makes from the model: every statement written by hand that an
/// empty database needs at the end of the chain that InitialSchema folded (Infrastructure/Persistence/FoldedMigrations).
/// Each statement is the member of the class that documents and tests it (the grid's triggers in GridTriggers and
/// SqlServerSql, the dashboard's in ListActivitySql, the date counts' in GridDateCountsSql, the phone guard in
/// ContactPhoneGuard); only what no other code uses lives here. Fills of rows stored before a table existed are gone with
/// the chain: an empty database has none. Both migrations call <c>Up</c> as the last line of their Up and <c>Down</c> as the
/// last line of their Down. tests/.../Data/FoldedChain holds what the chain made (FoldedChainSchemaTests compares).
/// </summary>
public static class InitialSchemaSql
{
    /// <summary>The SQLite half: the consent history's guards, ImportJournal without rowid, the FTS5 phone search, the triggers.</summary>
    public static class Sqlite
    {
        /// <summary>ConsentEvents is append-only for everyone with access to the database, not only for the app.</summary>
        public const string ConsentEventsNoUpdateTrigger =
            "CREATE TRIGGER ConsentEvents_NoUpdate BEFORE UPDATE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;";

        /// <inheritdoc cref="ConsentEventsNoUpdateTrigger"/>
        public const string ConsentEventsNoDeleteTrigger =
            "CREATE TRIGGER ConsentEvents_NoDelete BEFORE DELETE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;";

        /// <summary>
        /// ImportJournal WITHOUT ROWID: the import writes a row per contact in each batch, and a table keyed by its primary key
        /// alone is one b-tree to write instead of two (the rows and the key's index). EF cannot say WITHOUT ROWID, so InitialSchema
        /// makes this table here instead of with CreateTable; its columns are the model's, as EF's CreateTable would make them.
        /// </summary>
        public const string CreateImportJournal = """
            CREATE TABLE "ImportJournal" (
                "ImportId" TEXT NOT NULL,
                "ContactId" INTEGER NOT NULL,
                "Created" INTEGER NOT NULL,
                "WrittenUtc" TEXT NOT NULL,
                "VersionAfter" INTEGER NOT NULL,
                "Subscribed" INTEGER NOT NULL,
                "StatusBefore" INTEGER,
                "ConfirmedBeforeUtc" TEXT,
                "MarketingBefore" INTEGER,
                "CartBefore" INTEGER,
                "MarketingAfter" INTEGER,
                "CartAfter" INTEGER,
                "OtherReplyBefore" TEXT,
                "OtherReplyBeforeUtc" TEXT,
                "OptedOut" INTEGER NOT NULL,
                "EmailBefore" TEXT,
                "EmailAfter" TEXT,
                "FirstNameBefore" TEXT,
                "FirstNameAfter" TEXT,
                "LastNameBefore" TEXT,
                "LastNameAfter" TEXT,
                "BirthdayBefore" TEXT,
                "BirthdayAfter" TEXT,
                "PostalCodeBefore" TEXT,
                "PostalCodeAfter" TEXT,
                "ChangedSince" INTEGER NOT NULL,
                CONSTRAINT "PK_ImportJournal" PRIMARY KEY ("ImportId", "ContactId")) WITHOUT ROWID;
            """;

        /// <summary>
        /// Every statement, in order. The order of a table's triggers is the chain's: SQLite fires them newest first, and the
        /// count triggers of Subscriptions were written for that order.
        /// </summary>
        public static IReadOnlyList<string> Statements { get; } =
        [
            CreateImportJournal,
            ConsentEventsNoUpdateTrigger,
            ConsentEventsNoDeleteTrigger,
            .. ContactPhoneGuard.SqliteTriggers,
            GridTriggers.SqliteCreatePhoneSearch,
            GridTriggers.SqlitePhoneSearchTriggers,
            GridTriggers.SqliteCountTriggers,
            .. GridDateCountsSql.SqliteTriggers,
            .. GridTriggers.SqlitePhoneCountTriggers,
            ListActivitySql.SqliteTriggerStatement,
        ];

        /// <summary>Runs <see cref="Statements"/>: the last line of InitialSchema's Up.</summary>
        public static void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Statements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <summary>
        /// The last line of InitialSchema's Down, after EF dropped the model's tables (their triggers go with them; Down drops
        /// ImportJournal too, the model knows it): the phone search table, which the model does not know.
        /// </summary>
        public static void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {GridTriggers.SqlitePhoneSearchTable};");
    }

    /// <summary>The SQL Server half: the consent history's guards, the phone guard, the phone suffix table, the triggers.</summary>
    public static class SqlServer
    {
        /// <summary>Every statement, in order (the tables before the triggers that write them).</summary>
        public static IReadOnlyList<string> Statements { get; } =
        [
            SqlServerSql.ConsentEventsNoUpdateTrigger,
            SqlServerSql.ConsentEventsNoDeleteTrigger,
            SqlServerSql.PhoneDigitsReversedCheck,
            SqlServerSql.CreatePhoneSuffixes,
            SqlServerSql.SubscriptionsPhoneSearchTrigger,
            SqlServerSql.ContactsEmailBlockTrigger,
            SqlServerSql.SubscriptionsCountTrigger,
            .. SqlServerSql.GridDateCountsTriggers,
            SqlServerSql.SubscriptionsPhoneCountTrigger,
            SqlServerSql.ListActivityTrigger,
        ];

        /// <summary>
        /// Runs <see cref="Statements"/>, each as <see cref="SqlServerSql.AsMigrationSql"/> makes it (a trigger through EXEC,
        /// so it is its own batch in the idempotent script too): the last line of InitialSchema's Up.
        /// </summary>
        public static void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in Statements)
            {
                migrationBuilder.Sql(SqlServerSql.AsMigrationSql(statement));
            }
        }

        /// <summary>The last line of InitialSchema's Down: the phone suffix table, which the model does not know.</summary>
        public static void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("DROP TABLE IF EXISTS [SubscriptionPhoneSuffixes];");
    }
}
