using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
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
                    ListId = table.Column<int>(type: "int", nullable: false),
                    Block = table.Column<string>(type: "nvarchar(5)", maxLength: 5, nullable: false),
                    SenderCodeId = table.Column<int>(type: "int", nullable: false),
                    Subscriptions = table.Column<int>(type: "int", nullable: false)
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

            // Hand-written (Data/SqlServerSql.cs): count the subscriptions already stored, then the statement-level trigger
            // that keeps the counts. Through EXEC, so the idempotent script compiles (CREATE TRIGGER starts a batch; the
            // fill names the table created above).
            foreach (var statement in SqlServerSql.PhoneCountsStatements)
            {
                migrationBuilder.Sql(SqlServerSql.Deferred(statement));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(SqlServerSql.DropPhoneCountTrigger);

            migrationBuilder.DropTable(
                name: "SubscriptionPhoneCounts");
        }
    }
}
