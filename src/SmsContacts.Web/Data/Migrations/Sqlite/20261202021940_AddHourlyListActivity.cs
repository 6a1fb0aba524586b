using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddHourlyListActivity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (Data/ListActivity.cs, ListActivitySql.SqliteHourlyStatements): hour rows beside the day and
            // quarter-hour rows, filled from the quarter hours already kept, and the trigger made again with all three.
            foreach (var statement in ListActivitySql.SqliteHourlyStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var statement in ListActivitySql.SqliteHourlyDownStatements)
            {
                migrationBuilder.Sql(statement);
            }
        }
    }
}
