using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddImportJournalAndUndo : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ImportId",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "JournalDeletedUtc",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Journaled",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // WITHOUT ROWID: the import writes a row per contact in each batch, and a table keyed by its primary key alone is one
            // b-tree to write instead of two (the rows and the key's index). The model is the same as EF's CreateTable would make.
            migrationBuilder.Sql("""
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
                """);

            migrationBuilder.CreateTable(
                name: "ImportJournalFieldValues",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalFieldValues", x => new { x.ImportId, x.ContactId, x.FieldId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalSubscriptions",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    Keyword = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalSubscriptions", x => new { x.ImportId, x.ContactId, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "ImportUndos",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAgreedAgain = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Contacts = table.Column<int>(type: "INTEGER", nullable: false),
                    CheckpointContactId = table.Column<long>(type: "INTEGER", nullable: false),
                    ContactsDone = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactsRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    SubscriptionsRemoved = table.Column<int>(type: "INTEGER", nullable: false),
                    FieldsSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusesSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsentSetBack = table.Column<int>(type: "INTEGER", nullable: false),
                    OptOutsLifted = table.Column<int>(type: "INTEGER", nullable: false),
                    TextsCancelled = table.Column<int>(type: "INTEGER", nullable: false),
                    ContactsChangedSince = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportUndos", x => x.ImportId);
                    table.ForeignKey(
                        name: "FK_ImportUndos_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_Import",
                table: "Messages",
                columns: new[] { "ImportId", "ContactId" },
                filter: "\"ImportId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportJournal");

            migrationBuilder.DropTable(
                name: "ImportJournalFieldValues");

            migrationBuilder.DropTable(
                name: "ImportJournalSubscriptions");

            migrationBuilder.DropTable(
                name: "ImportUndos");

            migrationBuilder.DropIndex(
                name: "IX_Messages_Import",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "ImportId",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "JournalDeletedUtc",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "Journaled",
                table: "Imports");
        }
    }
}
