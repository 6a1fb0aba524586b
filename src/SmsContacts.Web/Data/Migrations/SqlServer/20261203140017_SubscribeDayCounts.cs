using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
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
                    ListId = table.Column<int>(type: "int", nullable: false),
                    DayUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    PhoneLead = table.Column<string>(type: "nvarchar(4)", maxLength: 4, nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Subscriptions = table.Column<int>(type: "int", nullable: false)
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

            migrationBuilder.Sql(SqlServerSql.Deferred(SqlServerSql.SubscribeDayCountsFill) + ";");
            migrationBuilder.Sql(SqlServerSql.AsMigrationSql(SqlServerSql.SubscriptionsDayCountTrigger));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER [{GridDayCountsSql.SqlServerSubscriptions}];");
            migrationBuilder.DropTable(
                name: "SubscribeDayCounts");
        }
    }
}
