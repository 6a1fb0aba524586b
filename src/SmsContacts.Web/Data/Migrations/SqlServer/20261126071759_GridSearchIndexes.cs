using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class GridSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc",
                table: "Contacts");

            migrationBuilder.AddColumn<string>(
                name: "PhoneDigitsReversed",
                table: "Contacts",
                type: "nvarchar(15)",
                maxLength: 15,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OtherReplyUtc", "OptedOutUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_PhoneDigitsReversed",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "PhoneDigitsReversed" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc_OptedOutUtc",
                table: "Contacts");

            migrationBuilder.DropIndex(
                name: "IX_Contacts_SenderCodeId_PhoneDigitsReversed",
                table: "Contacts");

            migrationBuilder.DropColumn(
                name: "PhoneDigitsReversed",
                table: "Contacts");

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_SenderCodeId_OtherReplyUtc",
                table: "Contacts",
                columns: new[] { "SenderCodeId", "OtherReplyUtc" });
        }
    }
}
