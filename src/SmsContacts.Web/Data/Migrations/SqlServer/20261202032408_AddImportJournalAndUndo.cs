using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
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
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "JournalDeletedUtc",
                table: "Imports",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Journaled",
                table: "Imports",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ImportJournal",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    Created = table.Column<bool>(type: "bit", nullable: false),
                    WrittenUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    VersionAfter = table.Column<int>(type: "int", nullable: false),
                    Subscribed = table.Column<bool>(type: "bit", nullable: false),
                    StatusBefore = table.Column<int>(type: "int", nullable: true),
                    ConfirmedBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    MarketingBefore = table.Column<bool>(type: "bit", nullable: true),
                    CartBefore = table.Column<bool>(type: "bit", nullable: true),
                    MarketingAfter = table.Column<bool>(type: "bit", nullable: true),
                    CartAfter = table.Column<bool>(type: "bit", nullable: true),
                    OtherReplyBefore = table.Column<string>(type: "nvarchar(1600)", maxLength: 1600, nullable: true),
                    OtherReplyBeforeUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    OptedOut = table.Column<bool>(type: "bit", nullable: false),
                    EmailBefore = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    EmailAfter = table.Column<string>(type: "nvarchar(254)", maxLength: 254, nullable: true),
                    FirstNameBefore = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    FirstNameAfter = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastNameBefore = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    LastNameAfter = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    BirthdayBefore = table.Column<DateOnly>(type: "date", nullable: true),
                    BirthdayAfter = table.Column<DateOnly>(type: "date", nullable: true),
                    PostalCodeBefore = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    PostalCodeAfter = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: true),
                    ChangedSince = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournal", x => new { x.ImportId, x.ContactId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalFieldValues",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    FieldId = table.Column<int>(type: "int", nullable: false),
                    Before = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalFieldValues", x => new { x.ImportId, x.ContactId, x.FieldId });
                });

            migrationBuilder.CreateTable(
                name: "ImportJournalSubscriptions",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ContactId = table.Column<long>(type: "bigint", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    SubscribedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Method = table.Column<int>(type: "int", nullable: false),
                    Keyword = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    MarketingConsent = table.Column<bool>(type: "bit", nullable: false),
                    CartAbandonmentConsent = table.Column<bool>(type: "bit", nullable: false),
                    ConfirmedUtc = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJournalSubscriptions", x => new { x.ImportId, x.ContactId, x.ListId });
                });

            migrationBuilder.CreateTable(
                name: "ImportUndos",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ConfirmedAgreedAgain = table.Column<bool>(type: "bit", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Contacts = table.Column<int>(type: "int", nullable: false),
                    CheckpointContactId = table.Column<long>(type: "bigint", nullable: false),
                    ContactsDone = table.Column<int>(type: "int", nullable: false),
                    ContactsRemoved = table.Column<int>(type: "int", nullable: false),
                    SubscriptionsRemoved = table.Column<int>(type: "int", nullable: false),
                    FieldsSetBack = table.Column<int>(type: "int", nullable: false),
                    StatusesSetBack = table.Column<int>(type: "int", nullable: false),
                    ConsentSetBack = table.Column<int>(type: "int", nullable: false),
                    OptOutsLifted = table.Column<int>(type: "int", nullable: false),
                    TextsCancelled = table.Column<int>(type: "int", nullable: false),
                    ContactsChangedSince = table.Column<int>(type: "int", nullable: false)
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
