using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <summary>
    /// SQLite only (not in the model: SQL Server's clustered key already holds the rows in key order): an index of
    /// ListActivity with its counts, so the dashboard's sums read index ranges instead of looking up every row of the table
    /// (see <see cref="ListActivitySql.SqliteCoveringIndex"/>).
    /// </summary>
    public partial class ListActivityCoveringIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(ListActivitySql.SqliteCoveringIndexStatement);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql($"DROP INDEX {ListActivitySql.SqliteCoveringIndex};");
        }
    }
}
