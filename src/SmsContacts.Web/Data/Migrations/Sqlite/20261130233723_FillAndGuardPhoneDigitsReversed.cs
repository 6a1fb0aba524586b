using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FillAndGuardPhoneDigitsReversed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (ContactPhoneGuard): fill PhoneDigitsReversed where the bulk import left it empty, then
            // triggers that refuse any row whose PhoneDigitsReversed is not its phone's digits back to front.
            foreach (var statement in ContactPhoneGuard.SqliteStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in ContactPhoneGuard.SqliteDownStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
