using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddHourlyListActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (SqlServerSql.ListActivityHourlyStatements): hour rows beside the day and quarter-hour rows,
            // filled from the quarter hours already kept, and the trigger made again with all three.
            foreach (var statement in SqlServerSql.ListActivityHourlyStatements)
            {
                migrationBuilder.Sql(SqlServerSql.Deferred(statement));
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in SqlServerSql.ListActivityHourlyDownStatements)
            {
                migrationBuilder.Sql(SqlServerSql.Deferred(statement));
            }
        }
    }
}
