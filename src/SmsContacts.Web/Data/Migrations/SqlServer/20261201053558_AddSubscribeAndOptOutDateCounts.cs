using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
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
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Reason = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OptOutDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId, x.Reason });
                });

            migrationBuilder.CreateTable(
                name: "SubscribeDateCounts",
                columns: table => new
                {
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    ListId = table.Column<int>(type: "int", nullable: false),
                    BucketMinutes = table.Column<int>(type: "int", nullable: false),
                    BucketStartUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscribeDateCounts", x => new { x.SenderCodeId, x.BucketMinutes, x.BucketStartUtc, x.ListId });
                });

            // Hand-written (Data/SqlServerSql.GridDateCounts.cs): fill both tables from the rows already stored, then the
            // statement-level triggers on Subscriptions, Contacts and ConsentEvents that keep them. Through EXEC, so the
            // idempotent script compiles (CREATE TRIGGER starts a batch; the fill names the tables created above).
            foreach (var statement in SqlServerSql.GridDateCountsStatements)
            {
                migrationBuilder.Sql(SqlServerSql.Deferred(statement));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SqlServerSql.GridDateCountsDownStatements)
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
