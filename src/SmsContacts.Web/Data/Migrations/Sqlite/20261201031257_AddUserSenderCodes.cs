using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmsContacts.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddUserSenderCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UserSenderCodes",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    SenderCodeId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSenderCodes", x => new { x.UserId, x.SenderCodeId });
                    table.ForeignKey(
                        name: "FK_UserSenderCodes_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserSenderCodes_SenderCodes_SenderCodeId",
                        column: x => x.SenderCodeId,
                        principalTable: "SenderCodes",
                        principalColumn: "Id");
                });

            migrationBuilder.CreateIndex(
                name: "IX_UserSenderCodes_SenderCodeId",
                table: "UserSenderCodes",
                column: "SenderCodeId");

            // Hand-written: until now every user saw every sender code. So that an upgrade does not lock every
            // Marketer out, each keeps the one sender code they last worked in; an admin assigns the others.
            migrationBuilder.Sql("""
                INSERT INTO UserSenderCodes (UserId, SenderCodeId)
                SELECT u.Id, u.SelectedSenderCodeId FROM AspNetUsers u
                WHERE u.SelectedSenderCodeId IN (SELECT s.Id FROM SenderCodes s)
                  AND u.Id NOT IN (SELECT ur.UserId FROM AspNetUserRoles ur JOIN AspNetRoles r ON r.Id = ur.RoleId WHERE r.Name = 'Admin')
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UserSenderCodes");
        }
    }
}
