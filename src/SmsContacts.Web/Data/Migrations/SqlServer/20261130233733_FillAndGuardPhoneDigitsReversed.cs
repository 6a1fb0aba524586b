using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FillAndGuardPhoneDigitsReversed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (SqlServerSql, ContactPhoneGuard): fill PhoneDigitsReversed where the bulk import left it
            // empty, then a CHECK constraint that refuses any row whose value is not its phone's digits back to front.
            migrationBuilder.Sql(SqlServerSql.FillPhoneDigitsReversed);
            migrationBuilder.Sql(SqlServerSql.PhoneDigitsReversedCheck);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlServerSql.DropPhoneDigitsReversedCheck);
        }
    }
}
