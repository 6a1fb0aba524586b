using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddListActivityAndConsentNotes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ConsentNote",
                table: "Imports",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentNote",
                table: "ConsentEvents",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Method",
                table: "ConsentEvents",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ListActivity",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    PendingDelta = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListActivity", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Kind, x.Detail });
                });

            // Hand-written (SqlServerSql.ListActivityStatements): fill ListActivity from the consent history already stored,
            // then the trigger on ConsentEvents that keeps it up to date for every writer. Through EXEC, so the idempotent
            // script compiles (CREATE TRIGGER starts a batch; the fill names the Method column added above).
            foreach (var statement in SqlServerSql.ListActivityStatements)
            {
                migrationBuilder.Sql(SqlServerSql.Deferred(statement));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlServerSql.DropListActivityTrigger);

            migrationBuilder.DropTable(
                name: "ListActivity");

            migrationBuilder.DropColumn(
                name: "ConsentNote",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "ConsentNote",
                table: "ConsentEvents");

            migrationBuilder.DropColumn(
                name: "Method",
                table: "ConsentEvents");
        }
    }
}
