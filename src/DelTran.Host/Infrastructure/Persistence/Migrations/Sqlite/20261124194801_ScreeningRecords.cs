using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ScreeningRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "screening_subject",
                table: "transactions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "aml_flows",
                columns: table => new
                {
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    debtor_key = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    corridor = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_aml_flows", x => x.transaction_id);
                });

            migrationBuilder.CreateTable(
                name: "screening_list_sets",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    versions = table.Column<string>(type: "TEXT", nullable: false),
                    first_used_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_screening_list_sets", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "transaction_screenings",
                columns: table => new
                {
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    list_set_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    score = table.Column<double>(type: "REAL", nullable: false),
                    screened_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transaction_screenings", x => x.transaction_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_aml_flows_corridor_at",
                table: "aml_flows",
                columns: new[] { "corridor", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_aml_flows_debtor_key_at",
                table: "aml_flows",
                columns: new[] { "debtor_key", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_transaction_screenings_list_set_id",
                table: "transaction_screenings",
                column: "list_set_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "aml_flows");

            migrationBuilder.DropTable(
                name: "screening_list_sets");

            migrationBuilder.DropTable(
                name: "transaction_screenings");

            migrationBuilder.DropColumn(
                name: "screening_subject",
                table: "transactions");
        }
    }
}
