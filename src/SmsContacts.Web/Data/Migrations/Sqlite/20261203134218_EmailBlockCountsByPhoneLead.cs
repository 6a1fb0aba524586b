using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The email blocks' counts (Domain/SubscriptionCount) kept per phone lead as well: the Subscriptions triggers that
    /// keep them are dropped, the table is made again with its new key (by hand: EF would rebuild it with the triggers' statements in the way),
    /// the counts are made again from the subscriptions, and the triggers come back with the lead
    /// (<see cref="GridTriggers.SqliteCountByPhoneLeadTriggers"/>). Down does the same the other way.
    /// </summary>
    public partial class EmailBlockCountsByPhoneLead : Migration
    {
        private const string TableWithLeads = """
            CREATE TABLE "SubscriptionCounts" (
                "ListId" INTEGER NOT NULL,
                "HasEmail" INTEGER NOT NULL,
                "Block" TEXT NOT NULL,
                "SenderCodeId" INTEGER NOT NULL,
                "Subscriptions" INTEGER NOT NULL,
                "PhoneLead" TEXT NOT NULL,
                CONSTRAINT "PK_SubscriptionCounts" PRIMARY KEY ("ListId", "HasEmail", "Block", "PhoneLead"),
                CONSTRAINT "FK_SubscriptionCounts_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_SubscriptionCounts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
            );
            CREATE INDEX "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block_PhoneLead" ON "SubscriptionCounts" ("SenderCodeId", "HasEmail", "Block", "PhoneLead");
            """;

        private const string TableWithoutLeads = """
            CREATE TABLE "SubscriptionCounts" (
                "ListId" INTEGER NOT NULL,
                "HasEmail" INTEGER NOT NULL,
                "Block" TEXT NOT NULL,
                "SenderCodeId" INTEGER NOT NULL,
                "Subscriptions" INTEGER NOT NULL,
                CONSTRAINT "PK_SubscriptionCounts" PRIMARY KEY ("ListId", "HasEmail", "Block"),
                CONSTRAINT "FK_SubscriptionCounts_Lists_ListId" FOREIGN KEY ("ListId") REFERENCES "Lists" ("Id") ON DELETE CASCADE,
                CONSTRAINT "FK_SubscriptionCounts_SenderCodes_SenderCodeId" FOREIGN KEY ("SenderCodeId") REFERENCES "SenderCodes" ("Id")
            );
            CREATE INDEX "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block" ON "SubscriptionCounts" ("SenderCodeId", "HasEmail", "Block");
            """;

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER {GridTriggers.SubscriptionsCountInsert}; DROP TRIGGER {GridTriggers.SubscriptionsCountUpdate}; DROP TRIGGER {GridTriggers.SubscriptionsCountDelete};");
            migrationBuilder.Sql("DROP TABLE SubscriptionCounts;");
            migrationBuilder.Sql(TableWithLeads);
            migrationBuilder.Sql(GridTriggers.SqliteCountByPhoneLeadFill);
            foreach (var trigger in GridTriggers.SqliteCountByPhoneLeadTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers of InitialSchema come back as one statement, the contact's with them.
            migrationBuilder.Sql($"DROP TRIGGER {GridTriggers.SubscriptionsCountInsert}; DROP TRIGGER {GridTriggers.SubscriptionsCountUpdate}; DROP TRIGGER {GridTriggers.SubscriptionsCountDelete}; DROP TRIGGER {GridTriggers.ContactsEmailBlock};");
            migrationBuilder.Sql("DROP TABLE SubscriptionCounts;");
            migrationBuilder.Sql(TableWithoutLeads);
            migrationBuilder.Sql(GridTriggers.SqliteCountFill);
            migrationBuilder.Sql(GridTriggers.SqliteCountTriggers);
        }
    }
}
