using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <summary>
    /// A generated rejected_at and a partial index on (currency, rejected_at), so that a window's audit pack finds its
    /// rejections without reading the whole table. Adding a stored generated column rewrites the table under an exclusive
    /// lock: on a large installation, run it in a maintenance window.
    /// </summary>
    public partial class RejectedIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rejected_at",
                table: "transactions",
                type: "timestamp with time zone",
                nullable: true,
                computedColumnSql: "CASE WHEN state = 'REJECTED' THEN updated_at END",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_rejected",
                table: "transactions",
                columns: new[] { "currency", "rejected_at" },
                filter: "rejected_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transactions_rejected",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "rejected_at",
                table: "transactions");
        }
    }
}
