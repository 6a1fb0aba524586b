using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// The Contacts tab's rows per list, UTC day of Subscribe Date and phone lead (<see cref="SubscribeDayCount"/>): the
    /// table, its counts of the subscriptions already stored, and the triggers that keep it.
    /// </summary>
    public partial class SubscribeDayCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SubscribeDayCounts",
                columns: table => new
                {
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    DayUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PhoneLead = table.Column<string>(type: "TEXT", maxLength: 4, nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscriptions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscribeDayCounts", x => new { x.ListId, x.PhoneLead, x.DayUtc });
                    table.ForeignKey(
                        name: "FK_SubscribeDayCounts_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscribeDayCounts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_SubscribeDayCounts_SenderCodeId_PhoneLead_DayUtc",
                table: "SubscribeDayCounts",
                columns: new[] { "SenderCodeId", "PhoneLead", "DayUtc" });

            migrationBuilder.Sql(GridDayCountsSql.SqliteFill);
            foreach (var trigger in GridDayCountsSql.SqliteTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER {GridDayCountsSql.SubscriptionsInsert}; DROP TRIGGER {GridDayCountsSql.SubscriptionsUpdate}; DROP TRIGGER {GridDayCountsSql.SubscriptionsDelete};");
            migrationBuilder.DropTable(
                name: "SubscribeDayCounts");
        }
    }
}
