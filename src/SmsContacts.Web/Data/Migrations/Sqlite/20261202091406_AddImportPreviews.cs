using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddImportPreviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ImportPreviewRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    LineNumber = table.Column<long>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportPreviewRows", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImportPreviewRows_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ImportPreviews",
                columns: table => new
                {
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RunId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    SettingsSavedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ColumnMapping = table.Column<string>(type: "TEXT", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CheckpointBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    CheckpointLine = table.Column<long>(type: "INTEGER", nullable: false),
                    Processed = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedIn = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedInWithFieldUpdates = table.Column<int>(type: "INTEGER", nullable: false),
                    Updated = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    OptedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    IgnoredOptedOut = table.Column<int>(type: "INTEGER", nullable: false),
                    IgnoredBanned = table.Column<int>(type: "INTEGER", nullable: false),
                    Skipped = table.Column<int>(type: "INTEGER", nullable: false),
                    Rejected = table.Column<int>(type: "INTEGER", nullable: false),
                    Duplicates = table.Column<int>(type: "INTEGER", nullable: false),
                    AwaitingConfirmation = table.Column<int>(type: "INTEGER", nullable: false),
                    WarningRows = table.Column<int>(type: "INTEGER", nullable: false),
                    FileLines = table.Column<int>(type: "INTEGER", nullable: false),
                    HeaderLines = table.Column<int>(type: "INTEGER", nullable: false),
                    BlankLines = table.Column<int>(type: "INTEGER", nullable: false),
                    ContinuationLines = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportPreviews", x => x.ImportId);
                    table.ForeignKey(
                        name: "FK_ImportPreviews_Imports_ImportId",
                        column: x => x.ImportId,
                        principalTable: "Imports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ImportPreviewRows_ImportId_Outcome_LineNumber",
                table: "ImportPreviewRows",
                columns: new[] { "ImportId", "Outcome", "LineNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportPreviewRows");

            migrationBuilder.DropTable(
                name: "ImportPreviews");
        }
    }
}
