using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Compliance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "aml_alerts",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rule_id = table.Column<string>(type: "TEXT", nullable: false),
                    severity = table.Column<string>(type: "TEXT", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", nullable: false),
                    rejected = table.Column<bool>(type: "INTEGER", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aml_alerts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "breaker_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    subject = table.Column<string>(type: "TEXT", nullable: false),
                    transition = table.Column<string>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", nullable: false),
                    to_state = table.Column<string>(type: "TEXT", nullable: false),
                    cause = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    explanation = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_breaker_events", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "participant_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participant_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_participant_events_participants_participant_bic",
                        column: x => x.participant_bic,
                        principalTable: "participants",
                        principalColumn: "bic",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "review_decisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", nullable: false),
                    comment = table.Column<string>(type: "TEXT", nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_review_decisions", x => x.id);
                    table.ForeignKey(
                        name: "FK_review_decisions_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "sanctions_list_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    list_id = table.Column<string>(type: "TEXT", nullable: true),
                    format = table.Column<string>(type: "TEXT", nullable: true),
                    publication_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    entries = table.Column<int>(type: "INTEGER", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sanctions_list_versions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_aml_alerts_at",
                table: "aml_alerts",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_aml_alerts_transaction_id",
                table: "aml_alerts",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "IX_breaker_events_at",
                table: "breaker_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_participant_events_participant_bic",
                table: "participant_events",
                column: "participant_bic");

            migrationBuilder.CreateIndex(
                name: "IX_review_decisions_transaction_id",
                table: "review_decisions",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_list_versions_source_sha256_status",
                table: "sanctions_list_versions",
                columns: new[] { "source", "sha256", "status" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aml_alerts");

            migrationBuilder.DropTable(
                name: "breaker_events");

            migrationBuilder.DropTable(
                name: "participant_events");

            migrationBuilder.DropTable(
                name: "review_decisions");

            migrationBuilder.DropTable(
                name: "sanctions_list_versions");
        }
    }
}
