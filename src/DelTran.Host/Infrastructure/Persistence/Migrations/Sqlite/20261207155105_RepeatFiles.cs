using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RepeatFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "repeat_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repeat_files", x => x.id);
                    table.ForeignKey(
                        name: "FK_repeat_files_inbound_files_first_file_id",
                        column: x => x.first_file_id,
                        principalTable: "inbound_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_repeat_files_first_file_id",
                table: "repeat_files",
                column: "first_file_id");

            migrationBuilder.CreateIndex(
                name: "IX_repeat_files_participant_bic_channel_answered_at",
                table: "repeat_files",
                columns: new[] { "participant_bic", "channel", "answered_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "repeat_files");
        }
    }
}
