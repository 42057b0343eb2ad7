using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class OperatorActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "operator_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "character varying(128)", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    outcome = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operator_actions", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_operator_actions_at",
                table: "operator_actions",
                column: "at");

            // The operators' audit log is append only: the database itself refuses to change or remove an entry.
            migrationBuilder.Sql("""
                CREATE FUNCTION operator_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'operator_actions is append only: % refused', TG_OP; END $$;
                CREATE TRIGGER operator_actions_no_change BEFORE UPDATE OR DELETE ON operator_actions
                    FOR EACH ROW EXECUTE FUNCTION operator_actions_append_only();
                CREATE TRIGGER operator_actions_no_truncate BEFORE TRUNCATE ON operator_actions
                    FOR EACH STATEMENT EXECUTE FUNCTION operator_actions_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS operator_actions_no_truncate ON operator_actions; DROP TRIGGER IF EXISTS operator_actions_no_change ON operator_actions; DROP FUNCTION IF EXISTS operator_actions_append_only();");
            migrationBuilder.DropTable(
                name: "operator_actions");
        }
    }
}
