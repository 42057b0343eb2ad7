using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LedgerAppendOnlyAfterRebuild : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The Tokens migration made ledger_entries.window_id nullable, which SQLite does by rebuilding the table at the end
            // of that migration, dropping its triggers: the ledger is made append-only again here, once the rebuild is done.
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER IF NOT EXISTS ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The triggers stay: the baseline has them too.
        }
    }
}
