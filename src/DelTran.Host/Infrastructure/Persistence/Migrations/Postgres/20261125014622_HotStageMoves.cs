using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HotStageMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_transactions_message_id_state",
                table: "transactions");

            migrationBuilder.AlterTable(
                name: "transactions")
                .Annotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.AddColumn<bool>(
                name: "in_flight",
                table: "transactions",
                type: "boolean",
                nullable: false,
                computedColumnSql: "state IN ('VALIDATED', 'SCREENED', 'RISK_CHECKED')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_transactions_in_flight",
                table: "transactions",
                column: "message_id",
                filter: "in_flight");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_transactions_in_flight",
                table: "transactions");

            migrationBuilder.DropColumn(
                name: "in_flight",
                table: "transactions");

            migrationBuilder.AlterTable(
                name: "transactions")
                .OldAnnotation("Npgsql:StorageParameter:fillfactor", 50);

            migrationBuilder.CreateIndex(
                name: "IX_transactions_message_id_state",
                table: "transactions",
                columns: new[] { "message_id", "state" });
        }
    }
}
