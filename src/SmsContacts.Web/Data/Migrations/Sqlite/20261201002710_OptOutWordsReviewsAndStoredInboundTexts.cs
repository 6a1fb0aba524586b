using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class OptOutWordsReviewsAndStoredInboundTexts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ListKeywords_SenderCodeId_Keyword",
                table: "ListKeywords");

            migrationBuilder.AddColumn<string>(
                name: "ExtraHelpWords",
                table: "SenderCodes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtraOptInWords",
                table: "SenderCodes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ExtraOptOutWords",
                table: "SenderCodes",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OptOutConfirmation",
                table: "SenderCodes",
                type: "TEXT",
                maxLength: 320,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ApplyPendingSinceUtc",
                table: "Messages",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsOptOutConfirmation",
                table: "Messages",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OptOutType",
                table: "Messages",
                type: "TEXT",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MatchKey",
                table: "ListKeywords",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            // Hand-written: existing join keywords were 2 to 30 capital letters or digits, which fold to themselves
            // (KeywordText.Key), so each one's match key is the keyword as stored.
            migrationBuilder.Sql("UPDATE \"ListKeywords\" SET \"MatchKey\" = \"Keyword\";");

            migrationBuilder.AddColumn<string>(
                name: "Detail",
                table: "ConsentEvents",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "OptOutReviews",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    MessageId = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ContactId = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Decision = table.Column<int>(type: "INTEGER", nullable: true),
                    DecidedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecidedByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OptOutReviews_Contacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "Contacts",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OptOutReviews_Messages_MessageId",
                        column: x => x.MessageId,
                        principalTable: "Messages",
                        principalColumn: "Id");
                    table.ForeignKey(
                        name: "FK_OptOutReviews_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Messages_ApplyPending",
                table: "Messages",
                columns: new[] { "SenderCodeId", "Phone", "Id" },
                filter: "\"ApplyPendingSinceUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ListKeywords_SenderCodeId_MatchKey",
                table: "ListKeywords",
                columns: new[] { "SenderCodeId", "MatchKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_ContactId",
                table: "OptOutReviews",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_MessageId",
                table: "OptOutReviews",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_Open",
                table: "OptOutReviews",
                columns: new[] { "SenderCodeId", "CreatedUtc" },
                filter: "\"DecidedUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OptOutReviews_SenderCodeId_DecidedUtc",
                table: "OptOutReviews",
                columns: new[] { "SenderCodeId", "DecidedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OptOutReviews");

            migrationBuilder.DropIndex(
                name: "IX_Messages_ApplyPending",
                table: "Messages");

            migrationBuilder.DropIndex(
                name: "IX_ListKeywords_SenderCodeId_MatchKey",
                table: "ListKeywords");

            migrationBuilder.DropColumn(
                name: "ExtraHelpWords",
                table: "SenderCodes");

            migrationBuilder.DropColumn(
                name: "ExtraOptInWords",
                table: "SenderCodes");

            migrationBuilder.DropColumn(
                name: "ExtraOptOutWords",
                table: "SenderCodes");

            migrationBuilder.DropColumn(
                name: "OptOutConfirmation",
                table: "SenderCodes");

            migrationBuilder.DropColumn(
                name: "ApplyPendingSinceUtc",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "IsOptOutConfirmation",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "OptOutType",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "MatchKey",
                table: "ListKeywords");

            migrationBuilder.DropColumn(
                name: "Detail",
                table: "ConsentEvents");

            migrationBuilder.CreateIndex(
                name: "IX_ListKeywords_SenderCodeId_Keyword",
                table: "ListKeywords",
                columns: new[] { "SenderCodeId", "Keyword" },
                unique: true);
        }
    }
}
