using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class AddExportHeartbeatAndRetry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EmailUnconfirmed",
                table: "Exports",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatUtc",
                table: "Exports",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RetriedAsExportId",
                table: "Exports",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Exports_Status",
                table: "Exports",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Exports_Status",
                table: "Exports");

            migrationBuilder.DropColumn(
                name: "EmailUnconfirmed",
                table: "Exports");

            migrationBuilder.DropColumn(
                name: "HeartbeatUtc",
                table: "Exports");

            migrationBuilder.DropColumn(
                name: "RetriedAsExportId",
                table: "Exports");
        }
    }
}
