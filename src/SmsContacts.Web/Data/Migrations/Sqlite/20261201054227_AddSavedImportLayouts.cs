using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddSavedImportLayouts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SavedImportLayouts",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false),
                    HeaderKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mapping = table.Column<string>(type: "TEXT", nullable: false),
                    ColumnNames = table.Column<string>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    ImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SavedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    SavedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedImportLayouts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedImportLayouts_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SavedImportLayouts_SenderCodeId_HeaderKey",
                table: "SavedImportLayouts",
                columns: new[] { "SenderCodeId", "HeaderKey" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SavedImportLayouts");
        }
    }
}
