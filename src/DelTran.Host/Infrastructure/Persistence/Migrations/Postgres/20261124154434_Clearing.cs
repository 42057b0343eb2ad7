using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
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
                type: "numeric(18,5)",
                precision: 18,
                scale: 5,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<string>(
                name: "carried_from",
                table: "obligations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "window_id",
                table: "obligations",
                type: "character varying(32)",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "clearing_windows",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    cutoff_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    business_date = table.Column<DateOnly>(type: "date", nullable: true),
                    obligation_count = table.Column<long>(type: "bigint", nullable: false),
                    obligation_sum = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    netting_efficiency = table.Column<decimal>(type: "numeric(21,10)", precision: 21, scale: 10, nullable: true),
                    settlement_attempts = table.Column<int>(type: "integer", nullable: false),
                    failure_reason = table.Column<string>(type: "text", nullable: true),
                    carried_to = table.Column<string>(type: "text", nullable: true),
                    audit_digest = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clearing_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    account = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    instruction_id = table.Column<string>(type: "text", nullable: false),
                    window_id = table.Column<string>(type: "text", nullable: false),
                    kind = table.Column<string>(type: "text", nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "settlement_instructions",
                columns: table => new
                {
                    instruction_id = table.Column<string>(type: "text", nullable: false),
                    window_id = table.Column<string>(type: "character varying(32)", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    participant_bic = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    direction = table.Column<string>(type: "text", nullable: false),
                    amount = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    status = table.Column<string>(type: "text", nullable: false),
                    confirmation_id = table.Column<string>(type: "text", nullable: true),
                    reversal_confirmation_id = table.Column<string>(type: "text", nullable: true),
                    failure_code = table.Column<string>(type: "text", nullable: true),
                    failure_message = table.Column<string>(type: "text", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    window_id = table.Column<string>(type: "character varying(32)", nullable: false),
                    participant_a = table.Column<string>(type: "text", nullable: false),
                    participant_b = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    aowes_b = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    bowes_a = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false)
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
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    window_id = table.Column<string>(type: "character varying(32)", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    from_state = table.Column<string>(type: "text", nullable: true),
                    to_state = table.Column<string>(type: "text", nullable: false),
                    cause = table.Column<string>(type: "text", nullable: false)
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
                    window_id = table.Column<string>(type: "character varying(32)", nullable: false),
                    participant_bic = table.Column<string>(type: "text", nullable: false),
                    currency = table.Column<string>(type: "text", nullable: false),
                    debit = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    credit = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    net = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    obligations_paid = table.Column<int>(type: "integer", nullable: false),
                    obligations_received = table.Column<int>(type: "integer", nullable: false)
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
            migrationBuilder.Sql("""
                CREATE FUNCTION ledger_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'ledger_entries is append only: % refused', TG_OP; END $$;
                CREATE TRIGGER ledger_entries_no_change BEFORE UPDATE OR DELETE ON ledger_entries
                    FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only();
                CREATE TRIGGER ledger_entries_no_truncate BEFORE TRUNCATE ON ledger_entries
                    FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_truncate ON ledger_entries; DROP TRIGGER IF EXISTS ledger_entries_no_change ON ledger_entries; DROP FUNCTION IF EXISTS ledger_entries_append_only();");

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
