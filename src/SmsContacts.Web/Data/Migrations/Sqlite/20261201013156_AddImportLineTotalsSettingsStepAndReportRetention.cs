using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddImportLineTotalsSettingsStepAndReportRetention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ContinuationLines",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FileLines",
                table: "Imports",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "RowReportsDeletedUtc",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SettingsSavedUtc",
                table: "Imports",
                type: "TEXT",
                nullable: true);

            // Imports saved before this column: every one past step 2 (not a draft, or a draft with its list or
            // opt-out action chosen) had its settings saved; a draft without them goes back to Import Settings.
            migrationBuilder.Sql("UPDATE Imports SET SettingsSavedUtc = CreatedUtc WHERE Status <> 0 OR ListId IS NOT NULL OR Action = 2");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ContinuationLines",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "FileLines",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "RowReportsDeletedUtc",
                table: "Imports");

            migrationBuilder.DropColumn(
                name: "SettingsSavedUtc",
                table: "Imports");
        }
    }
}
