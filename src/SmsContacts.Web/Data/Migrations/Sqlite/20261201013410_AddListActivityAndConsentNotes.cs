using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
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
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ConsentNote",
                table: "ConsentEvents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Method",
                table: "ConsentEvents",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ListActivity",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    PendingDelta = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ListActivity", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Kind, x.Detail });
                });

            // Hand-written (Data/ListActivity.cs, ListActivitySql): fill ListActivity from the consent history already
            // stored, then the trigger on ConsentEvents that keeps it up to date for every writer.
            foreach (var statement in ListActivitySql.SqliteStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in ListActivitySql.SqliteDownStatements)
            {
                migrationBuilder.Sql(statement);
            }

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

            // Dropping a column rebuilds the SQLite table, which loses its triggers: the history stays append-only.
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS ConsentEvents_NoUpdate BEFORE UPDATE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS ConsentEvents_NoDelete BEFORE DELETE ON ConsentEvents BEGIN SELECT RAISE(ABORT, 'ConsentEvents is append-only'); END;");
        }
    }
}
