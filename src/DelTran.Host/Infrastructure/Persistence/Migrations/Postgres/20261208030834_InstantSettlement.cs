using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InstantSettlement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "not_instant",
                table: "obligations",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "token_payment_id",
                table: "obligations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_obligations_token_payment_id",
                table: "obligations",
                column: "token_payment_id",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_obligations_token_payment_id",
                table: "obligations");

            migrationBuilder.DropColumn(
                name: "not_instant",
                table: "obligations");

            migrationBuilder.DropColumn(
                name: "token_payment_id",
                table: "obligations");
        }
    }
}
