using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TokenReconciliations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "token_reconciliations",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    currency = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ledger_reserve = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    bank_reserve = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: true),
                    outstanding = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    suspense = table.Column<decimal>(type: "numeric(18,5)", precision: 18, scale: 5, nullable: false),
                    matches = table.Column<bool>(type: "boolean", nullable: false),
                    problems = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_token_reconciliations", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_token_reconciliations_currency_id",
                table: "token_reconciliations",
                columns: new[] { "currency", "id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "token_reconciliations");
        }
    }
}
