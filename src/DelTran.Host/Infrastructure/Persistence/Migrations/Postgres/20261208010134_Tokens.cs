using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Tokens : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "window_id",
                table: "ledger_entries",
                type: "text",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "text");

            migrationBuilder.CreateTable(
                name: "token_accounts",
                columns: table => new
                {
                    account = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    participant_bic = table.Column<string>(type: "character varying(8)", nullable: true),
                    posted = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    locked = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_accounts", x => new { x.account, x.currency });
                    table.ForeignKey(
                        name: "FK_token_accounts_participants_participant_bic",
                        column: x => x.participant_bic,
                        principalTable: "participants",
                        principalColumn: "bic",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "token_operations",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    participant_bic = table.Column<string>(type: "character varying(8)", nullable: false),
                    counterparty_bic = table.Column<string>(type: "text", nullable: true),
                    currency = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    two_phase = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    batch_id = table.Column<string>(type: "text", nullable: true),
                    related_to = table.Column<string>(type: "text", nullable: true),
                    confirmation_id = table.Column<string>(type: "text", nullable: true),
                    reason_code = table.Column<string>(type: "text", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_operations", x => x.id);
                    table.ForeignKey(
                        name: "FK_token_operations_participants_participant_bic",
                        column: x => x.participant_bic,
                        principalTable: "participants",
                        principalColumn: "bic",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_accounts_participant_bic",
                table: "token_accounts",
                column: "participant_bic");

            migrationBuilder.CreateIndex(
                name: "IX_token_operations_confirmation_id",
                table: "token_operations",
                column: "confirmation_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_token_operations_counterparty_bic_created_at",
                table: "token_operations",
                columns: new[] { "counterparty_bic", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_token_operations_participant_bic_created_at",
                table: "token_operations",
                columns: new[] { "participant_bic", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_token_operations_status_kind",
                table: "token_operations",
                columns: new[] { "status", "kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "token_accounts");

            migrationBuilder.DropTable(
                name: "token_operations");

            migrationBuilder.AlterColumn<string>(
                name: "window_id",
                table: "ledger_entries",
                type: "text",
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "text",
                oldNullable: true);
        }
    }
}
