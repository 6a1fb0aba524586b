using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    LineNumber = table.Column<long>(type: "bigint", nullable: false),
                    Phone = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
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
                    ImportId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    RunId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    SettingsSavedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ColumnMapping = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RequestedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    CompletedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CheckpointBytes = table.Column<long>(type: "bigint", nullable: false),
                    CheckpointLine = table.Column<long>(type: "bigint", nullable: false),
                    Processed = table.Column<int>(type: "int", nullable: false),
                    OptedIn = table.Column<int>(type: "int", nullable: false),
                    OptedInWithFieldUpdates = table.Column<int>(type: "int", nullable: false),
                    Updated = table.Column<int>(type: "int", nullable: false),
                    Unchanged = table.Column<int>(type: "int", nullable: false),
                    OptedOut = table.Column<int>(type: "int", nullable: false),
                    IgnoredOptedOut = table.Column<int>(type: "int", nullable: false),
                    IgnoredBanned = table.Column<int>(type: "int", nullable: false),
                    Skipped = table.Column<int>(type: "int", nullable: false),
                    Rejected = table.Column<int>(type: "int", nullable: false),
                    Duplicates = table.Column<int>(type: "int", nullable: false),
                    AwaitingConfirmation = table.Column<int>(type: "int", nullable: false),
                    WarningRows = table.Column<int>(type: "int", nullable: false),
                    FileLines = table.Column<int>(type: "int", nullable: false),
                    HeaderLines = table.Column<int>(type: "int", nullable: false),
                    BlankLines = table.Column<int>(type: "int", nullable: false),
                    ContinuationLines = table.Column<int>(type: "int", nullable: false)
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
