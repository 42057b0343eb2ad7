using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <summary>
    /// A window's lease (holder, expiry, fence) so that one instance at a time carries it through netting and settlement
    /// and a killed instance's windows are taken over when its lease runs out; and an operator's retry request, kept until
    /// an attempt starts. Nullable or defaulted columns only: no rewrite of the table.
    /// </summary>
    public partial class WindowLease : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "lease_expires_at",
                table: "clearing_windows",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "lease_fence",
                table: "clearing_windows",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "lease_holder",
                table: "clearing_windows",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "retry_requested_at",
                table: "clearing_windows",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "lease_expires_at",
                table: "clearing_windows");

            migrationBuilder.DropColumn(
                name: "lease_fence",
                table: "clearing_windows");

            migrationBuilder.DropColumn(
                name: "lease_holder",
                table: "clearing_windows");

            migrationBuilder.DropColumn(
                name: "retry_requested_at",
                table: "clearing_windows");
        }
    }
}
