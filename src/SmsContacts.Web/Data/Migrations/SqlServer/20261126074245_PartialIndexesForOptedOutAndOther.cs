using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PartialIndexesForOptedOutAndOther : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "LastMessageUtc" },
                filter: "\"OtherReplyUtc\" IS NOT NULL AND \"OptedOutUtc\" IS NULL");

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_OtherContacts",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptedOutUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OptOutReason_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OptOutReason", "OptedOutUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OtherReplyUtc", "OptedOutUtc" });
        }
    }
}
