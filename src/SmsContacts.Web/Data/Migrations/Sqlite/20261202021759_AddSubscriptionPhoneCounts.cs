using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSubscriptionPhoneCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SubscriptionPhoneCounts",
                columns: table => new
                {
                    ListId = table.Column<int>(type: "INTEGER", nullable: false),
                    Block = table.Column<string>(type: "TEXT", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    Subscriptions = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SubscriptionPhoneCounts", x => new { x.ListId, x.Block });
                    table.ForeignKey(
                        name: "FK_SubscriptionPhoneCounts_Lists_ListId",
                        column: x => x.ListId,
                        principalTable: "Lists",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SubscriptionPhoneCounts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionPhoneCounts_SenderCodeId_Block",
                table: "SubscriptionPhoneCounts",
                columns: new[] { "SenderCodeId", "Block", "Subscriptions" });

            // Hand-written (Data/GridTriggers.cs): count the subscriptions already stored, then the triggers that keep the
            // counts on every insert, delete and change of a subscription's list or number.
            migrationBuilder.Sql(GridTriggers.SqliteFillPhoneCounts);
            foreach (var trigger in GridTriggers.SqlitePhoneCountTriggers)
            {
                migrationBuilder.Sql(trigger);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in GridTriggers.SqliteDropPhoneCountTriggers)
            {
                migrationBuilder.Sql(statement);
            }

            migrationBuilder.DropTable(
                name: "SubscriptionPhoneCounts");
        }
    }
}
