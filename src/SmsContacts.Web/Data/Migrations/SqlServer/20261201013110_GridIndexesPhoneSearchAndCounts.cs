using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GridIndexesPhoneSearchAndCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_ListId_Phone",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_ListId_SubscribedUtc",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SenderCodeId_Phone",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SenderCodeId_SubscribedUtc",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_Email",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_PhoneDigitsReversed",
                table: "Contacts");

            migrationBuilder.AddColumn<string>(
                name: "EmailBlock",
                table: "Subscriptions",
                type: "nvarchar(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SubscriptionCounts",
                columns: table => new
                {
                    ListId = table.Column<int>(type: "int", nullable: false),
                    HasEmail = table.Column<bool>(type: "bit", nullable: false),
                    Block = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Subscriptions = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionCounts", x => new { x.ListId, x.HasEmail, x.Block });
                    table.ForeignKey(
                        name: "FK_SubscriptionCounts_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriptionCounts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Grid_ListSubscribeDate",
                table: "Subscriptions",
                columns: new[] { "ListId", "SubscribedUtc", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_Grid_SubscribeDate",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "SubscribedUtc", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ListId_Phone",
                table: "Subscriptions",
                columns: new[] { "ListId", "Phone", "EmailBlock" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SenderCodeId_Phone",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "Phone", "EmailBlock" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_Email",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutDate",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptedOutUtc", "Phone" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutEmail",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone", "OptOutReason" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutPhone",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Phone", "OptOutReason" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OptedOutReason",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptOutReason", "OptedOutUtc", "Phone" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OtherEmail",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_Grid_OtherPhone",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "LastMessageUtc", "Phone" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block",
                table: "SubscriptionCounts",
                columns: new[] { "SenderCodeId", "HasEmail", "Block" });

            // Hand-written (Data/SqlServerSql): the phone suffix table and the counts, filled from the rows already
            // here, then the triggers that keep them right for every writer (each trigger through EXEC: its own batch).
            foreach (var statement in SqlServerSql.GridMigrationStatements)
            {
                migrationBuilder.Sql(SqlServerSql.AsMigrationSql(statement));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in new[] { GridTriggers.SubscriptionsPhoneSearch, GridTriggers.ContactsEmailBlock, GridTriggers.SubscriptionsCount })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS [{trigger}];");
            }

            migrationBuilder.Sql("DROP TABLE IF EXISTS [SubscriptionPhoneSuffixes];");

            migrationBuilder.DropTable(
                name: "SubscriptionCounts");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Grid_ListSubscribeDate",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_Grid_SubscribeDate",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_ListId_Phone",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Subscriptions_SenderCodeId_Phone",
                table: "Subscriptions");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_Email",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OptedOutDate",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OptedOutEmail",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OptedOutPhone",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OptedOutReason",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OtherEmail",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_Grid_OtherPhone",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "EmailBlock",
                table: "Subscriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ListId_Phone",
                table: "Subscriptions",
                columns: new[] { "ListId", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_ListId_SubscribedUtc",
                table: "Subscriptions",
                columns: new[] { "ListId", "SubscribedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SenderCodeId_Phone",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "Phone" });

            migrationBuilder.CreateIndex(
                name: "IX_Subscriptions_SenderCodeId_SubscribedUtc",
                table: "Subscriptions",
                columns: new[] { "SenderCodeId", "SubscribedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "LastMessageUtc" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_Email",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "Email" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptedOutUtc" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptOutReason", "OptedOutUtc" },
                filter: "\"OptedOutUtc\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_PhoneDigitsReversed",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "PhoneDigitsReversed" });
        }
    }
}
