using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSubscribeAndOptOutDateCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "OptOutDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "SubscribeDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscribeDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId });
                });

            // Hand-written (Data/GridDateCounts.cs, GridDateCountsSql): fill both tables from the subscriptions, contacts and
            // consent history already stored, then the triggers on Subscriptions, Contacts and ConsentEvents that keep them.
            foreach (var statement in GridDateCountsSql.SqliteStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in GridDateCountsSql.SqliteDownStatements)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "OptOutDateCounts");

            migrationBuilder.DropTable(
                name: "SubscribeDateCounts");
        }
    }
}
