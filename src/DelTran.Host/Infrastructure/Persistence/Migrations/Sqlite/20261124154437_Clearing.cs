using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Clearing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "opening_balance",
                table: "settlement_accounts",
                type: "TEXT",
                precision: 18,
                scale: 5,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "carried_from",
                table: "obligations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "window_id",
                table: "obligations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "clearing_windows",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    cutoff_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    business_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    obligation_count = table.Column<long>(type: "INTEGER", nullable: false),
                    obligation_sum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    netting_efficiency = table.Column<decimal>(type: "TEXT", precision: 21, scale: 10, nullable: true),
                    settlement_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    failure_reason = table.Column<string>(type: "TEXT", nullable: true),
                    carried_to = table.Column<string>(type: "TEXT", nullable: true),
                    audit_digest = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clearing_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    instruction_id = table.Column<string>(type: "TEXT", nullable: false),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_instructions",
                columns: table => new
                {
                    instruction_id = table.Column<string>(type: "TEXT", nullable: false),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    confirmation_id = table.Column<string>(type: "TEXT", nullable: true),
                    reversal_confirmation_id = table.Column<string>(type: "TEXT", nullable: true),
                    failure_code = table.Column<string>(type: "TEXT", nullable: true),
                    failure_message = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_instructions", x => x.instruction_id);
                    table.ForeignKey(
                        name: "FK_settlement_instructions_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_bilateral",
                columns: table => new
                {
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    participant_a = table.Column<string>(type: "TEXT", nullable: false),
                    participant_b = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    aowes_b = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    bowes_a = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_bilateral", x => new { x.window_id, x.participant_a, x.participant_b, x.currency });
                    table.ForeignKey(
                        name: "FK_window_bilateral_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", nullable: true),
                    to_state = table.Column<string>(type: "TEXT", nullable: false),
                    cause = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_window_events_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_positions",
                columns: table => new
                {
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    debit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    credit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    net = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    obligations_paid = table.Column<int>(type: "INTEGER", nullable: false),
                    obligations_received = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_positions", x => new { x.window_id, x.participant_bic, x.currency });
                    table.ForeignKey(
                        name: "FK_window_positions_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_obligations_window_id",
                table: "obligations",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "IX_clearing_windows_currency_sequence",
                table: "clearing_windows",
                columns: new[] { "currency", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clearing_windows_one_open",
                table: "clearing_windows",
                column: "currency",
                unique: true,
                filter: "state = 'OPEN'");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_account_currency",
                table: "ledger_entries",
                columns: new[] { "account", "currency" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_instruction_id",
                table: "ledger_entries",
                column: "instruction_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_window_id",
                table: "ledger_entries",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "IX_settlement_instructions_window_id_attempt_sequence",
                table: "settlement_instructions",
                columns: new[] { "window_id", "attempt", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_window_events_window_id",
                table: "window_events",
                column: "window_id");

            migrationBuilder.AddForeignKey(
                name: "FK_obligations_clearing_windows_window_id",
                table: "obligations",
                column: "window_id",
                principalTable: "clearing_windows",
                principalColumn: "id");

            // The ledger is append only: the database itself refuses to change or remove a posting.
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_delete;");

            migrationBuilder.DropForeignKey(
                name: "FK_obligations_clearing_windows_window_id",
                table: "obligations");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "settlement_instructions");

            migrationBuilder.DropTable(
                name: "window_bilateral");

            migrationBuilder.DropTable(
                name: "window_events");

            migrationBuilder.DropTable(
                name: "window_positions");

            migrationBuilder.DropTable(
                name: "clearing_windows");

            migrationBuilder.DropIndex(
                name: "IX_obligations_window_id",
                table: "obligations");

            migrationBuilder.DropColumn(
                name: "opening_balance",
                table: "settlement_accounts");

            migrationBuilder.DropColumn(
                name: "carried_from",
                table: "obligations");

            migrationBuilder.DropColumn(
                name: "window_id",
                table: "obligations");
        }
    }
}
