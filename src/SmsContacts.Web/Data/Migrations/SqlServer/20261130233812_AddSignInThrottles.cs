using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddSignInThrottles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SignInThrottles",
                columns: table => new
                {
                    Key = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Failures = table.Column<int>(type: "int", nullable: false),
                    LastFailureUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SignInThrottles", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SignInThrottles_LastFailureUtc",
                table: "SignInThrottles",
                column: "LastFailureUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SignInThrottles");
        }
    }
}
