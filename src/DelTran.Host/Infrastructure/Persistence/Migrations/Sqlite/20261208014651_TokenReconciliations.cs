using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
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
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    ledger_reserve = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    bank_reserve = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: true),
                    outstanding = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    suspense = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    matches = table.Column<bool>(type: "INTEGER", nullable: false),
                    problems = table.Column<string>(type: "TEXT", nullable: true)
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
