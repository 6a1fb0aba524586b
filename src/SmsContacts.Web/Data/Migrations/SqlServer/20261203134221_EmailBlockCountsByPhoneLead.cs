using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <summary>
    /// The email blocks' counts (Domain/SubscriptionCount) kept per phone lead as well: the trigger that keeps them is
    /// dropped, the table takes its new key (emptied first), the counts are made again from the subscriptions, and the
    /// trigger comes back with the lead (<see cref="SqlServerSql.SubscriptionsCountByPhoneLeadTrigger"/>). Down does the
    /// same the other way.
    /// </summary>
    public partial class EmailBlockCountsByPhoneLead : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER [{GridTriggers.SubscriptionsCount}];");
            migrationBuilder.Sql("DELETE FROM SubscriptionCounts;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SubscriptionCounts",
                table: "SubscriptionCounts");

            migrationBuilder.DropIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block",
                table: "SubscriptionCounts");

            migrationBuilder.AddColumn<string>(
                name: "PhoneLead",
                table: "SubscriptionCounts",
                type: "nvarchar(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SubscriptionCounts",
                table: "SubscriptionCounts",
                columns: new[] { "ListId", "HasEmail", "Block", "PhoneLead" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block_PhoneLead",
                table: "SubscriptionCounts",
                columns: new[] { "SenderCodeId", "HasEmail", "Block", "PhoneLead" });

            // Through EXEC: the idempotent script runs a migration as one batch, compiled before the column above exists.
            migrationBuilder.Sql(SqlServerSql.Deferred(SqlServerSql.SubscriptionCountsByPhoneLeadFill) + ";");
            migrationBuilder.Sql(SqlServerSql.AsMigrationSql(SqlServerSql.SubscriptionsCountByPhoneLeadTrigger));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP TRIGGER [{GridTriggers.SubscriptionsCount}];");
            migrationBuilder.Sql("DELETE FROM SubscriptionCounts;");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SubscriptionCounts",
                table: "SubscriptionCounts");

            migrationBuilder.DropIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block_PhoneLead",
                table: "SubscriptionCounts");

            migrationBuilder.DropColumn(
                name: "PhoneLead",
                table: "SubscriptionCounts");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SubscriptionCounts",
                table: "SubscriptionCounts",
                columns: new[] { "ListId", "HasEmail", "Block" });

            migrationBuilder.CreateIndex(
                name: "IX_SubscriptionCounts_SenderCodeId_HasEmail_Block",
                table: "SubscriptionCounts",
                columns: new[] { "SenderCodeId", "HasEmail", "Block" });

            migrationBuilder.Sql(SqlServerSql.Deferred(SqlServerSql.SubscriptionCountsFill) + ";");
            migrationBuilder.Sql(SqlServerSql.AsMigrationSql(SqlServerSql.SubscriptionsCountTrigger));
        }
    }
}
