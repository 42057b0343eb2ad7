using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DelTran.Host.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Baseline : Migration
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
                name: "clearing_windows",
                columns: table => new
                {
                    id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    cutoff_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    business_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    obligation_count = table.Column<long>(type: "INTEGER", nullable: false),
                    obligation_sum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    netting_efficiency = table.Column<decimal>(type: "TEXT", precision: 21, scale: 10, nullable: true),
                    settlement_attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    failure_reason = table.Column<string>(type: "TEXT", nullable: true),
                    carried_to = table.Column<string>(type: "TEXT", nullable: true),
                    audit_digest = table.Column<string>(type: "TEXT", nullable: true),
                    lease_holder = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    lease_expires_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    lease_fence = table.Column<long>(type: "INTEGER", nullable: false, defaultValue: 0L),
                    retry_requested_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_clearing_windows", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "consumed_messages",
                columns: table => new
                {
                    consumer = table.Column<string>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    consumed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_consumed_messages", x => new { x.consumer, x.message_id });
                });

            migrationBuilder.CreateTable(
                name: "fx_rate_versions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    version_id = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "TEXT", nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    valid_from = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    valid_to = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    quotes = table.Column<int>(type: "INTEGER", nullable: false),
                    content = table.Column<string>(type: "TEXT", nullable: false),
                    reason = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_fx_rate_versions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "inbound_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    original_name = table.Column<string>(type: "TEXT", nullable: false),
                    sha256 = table.Column<string>(type: "TEXT", nullable: false),
                    size = table.Column<long>(type: "INTEGER", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_files", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    account = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    instruction_id = table.Column<string>(type: "TEXT", nullable: false),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    kind = table.Column<string>(type: "TEXT", nullable: false),
                    booked_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    inbound_file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sender_bic = table.Column<string>(type: "TEXT", nullable: false),
                    msg_id = table.Column<string>(type: "TEXT", nullable: true),
                    message_type = table.Column<string>(type: "TEXT", nullable: true),
                    creation_date_time = table.Column<string>(type: "TEXT", nullable: true),
                    transaction_count = table.Column<int>(type: "INTEGER", nullable: false),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    group_status = table.Column<string>(type: "TEXT", nullable: true),
                    reject_reasons = table.Column<string>(type: "TEXT", nullable: true),
                    duplicate_msg_id = table.Column<bool>(type: "INTEGER", nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    completed_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "operator_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    @operator = table.Column<string>(name: "operator", type: "TEXT", maxLength: 128, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    subject = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_operator_actions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "outbox",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    message_type = table.Column<string>(type: "TEXT", nullable: false),
                    payload = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    dispatched_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true),
                    attempts = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "participants",
                columns: table => new
                {
                    bic = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    name = table.Column<string>(type: "TEXT", nullable: false),
                    country = table.Column<string>(type: "TEXT", nullable: false),
                    suspended = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_participants", x => x.bic);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    net_position = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => new { x.participant_bic, x.currency });
                });

            migrationBuilder.CreateTable(
                name: "risk_limits",
                columns: table => new
                {
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    net_debit_cap = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_risk_limits", x => new { x.participant_bic, x.currency });
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
                name: "status_reports",
                columns: table => new
                {
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    report_msg_id = table.Column<string>(type: "TEXT", nullable: false),
                    xml = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_reports", x => x.message_id);
                });

            migrationBuilder.CreateTable(
                name: "transaction_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", nullable: true),
                    to_state = table.Column<string>(type: "TEXT", nullable: false),
                    stage = table.Column<string>(type: "TEXT", nullable: false),
                    reason_code = table.Column<string>(type: "TEXT", nullable: true),
                    detail = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transaction_events", x => x.id);
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

            migrationBuilder.CreateTable(
                name: "uetr_registry",
                columns: table => new
                {
                    uetr = table.Column<Guid>(type: "TEXT", nullable: false),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    content_hash = table.Column<string>(type: "TEXT", nullable: false),
                    registered_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_uetr_registry", x => x.uetr);
                });

            migrationBuilder.CreateTable(
                name: "settlement_instructions",
                columns: table => new
                {
                    instruction_id = table.Column<string>(type: "TEXT", nullable: false),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    attempt = table.Column<int>(type: "INTEGER", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    direction = table.Column<string>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    status = table.Column<string>(type: "TEXT", nullable: false),
                    confirmation_id = table.Column<string>(type: "TEXT", nullable: true),
                    reversal_confirmation_id = table.Column<string>(type: "TEXT", nullable: true),
                    failure_code = table.Column<string>(type: "TEXT", nullable: true),
                    failure_message = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_instructions", x => x.instruction_id);
                    table.ForeignKey(
                        name: "FK_settlement_instructions_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_bilateral",
                columns: table => new
                {
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    participant_a = table.Column<string>(type: "TEXT", nullable: false),
                    participant_b = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    aowes_b = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    bowes_a = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_bilateral", x => new { x.window_id, x.participant_a, x.participant_b, x.currency });
                    table.ForeignKey(
                        name: "FK_window_bilateral_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_events",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    from_state = table.Column<string>(type: "TEXT", nullable: true),
                    to_state = table.Column<string>(type: "TEXT", nullable: false),
                    cause = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_events", x => x.id);
                    table.ForeignKey(
                        name: "FK_window_events_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "window_positions",
                columns: table => new
                {
                    window_id = table.Column<string>(type: "TEXT", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    debit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    credit = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    net = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    obligations_paid = table.Column<int>(type: "INTEGER", nullable: false),
                    obligations_received = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_window_positions", x => new { x.window_id, x.participant_bic, x.currency });
                    table.ForeignKey(
                        name: "FK_window_positions_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inbound_file_chunks",
                columns: table => new
                {
                    file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    data = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbound_file_chunks", x => new { x.file_id, x.sequence });
                    table.ForeignKey(
                        name: "FK_inbound_file_chunks_inbound_files_file_id",
                        column: x => x.file_id,
                        principalTable: "inbound_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "repeat_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    first_file_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    channel = table.Column<string>(type: "TEXT", nullable: false),
                    name = table.Column<string>(type: "TEXT", maxLength: 255, nullable: false),
                    received_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    answered_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_repeat_files", x => x.id);
                    table.ForeignKey(
                        name: "FK_repeat_files_inbound_files_first_file_id",
                        column: x => x.first_file_id,
                        principalTable: "inbound_files",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "transactions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "TEXT", nullable: false),
                    message_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    index = table.Column<int>(type: "INTEGER", nullable: false),
                    instruction_id = table.Column<string>(type: "TEXT", nullable: true),
                    end_to_end_id = table.Column<string>(type: "TEXT", nullable: true),
                    transaction_id = table.Column<string>(type: "TEXT", nullable: true),
                    uetr = table.Column<Guid>(type: "TEXT", nullable: true),
                    content_hash = table.Column<string>(type: "TEXT", nullable: true),
                    debtor_agent = table.Column<string>(type: "TEXT", nullable: true),
                    creditor_agent = table.Column<string>(type: "TEXT", nullable: true),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: true),
                    currency = table.Column<string>(type: "TEXT", nullable: true),
                    instructed_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: true),
                    instructed_currency = table.Column<string>(type: "TEXT", nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 21, scale: 10, nullable: true),
                    settlement_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    debtor_name = table.Column<string>(type: "TEXT", nullable: true),
                    creditor_name = table.Column<string>(type: "TEXT", nullable: true),
                    ultimate_debtor_name = table.Column<string>(type: "TEXT", nullable: true),
                    ultimate_creditor_name = table.Column<string>(type: "TEXT", nullable: true),
                    screening_subject = table.Column<string>(type: "TEXT", nullable: true),
                    state = table.Column<string>(type: "TEXT", nullable: false),
                    reason_code = table.Column<string>(type: "TEXT", nullable: true),
                    reason_text = table.Column<string>(type: "TEXT", nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transactions", x => x.id);
                    table.ForeignKey(
                        name: "FK_transactions_messages_message_id",
                        column: x => x.message_id,
                        principalTable: "messages",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    key_hash = table.Column<string>(type: "TEXT", nullable: false),
                    label = table.Column<string>(type: "TEXT", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.id);
                    table.ForeignKey(
                        name: "FK_api_keys_participants_participant_bic",
                        column: x => x.participant_bic,
                        principalTable: "participants",
                        principalColumn: "bic",
                        onDelete: ReferentialAction.Cascade);
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
                name: "settlement_accounts",
                columns: table => new
                {
                    participant_bic = table.Column<string>(type: "TEXT", nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    credit_line = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    reserved = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    opening_balance = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false, defaultValue: 0m)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_settlement_accounts", x => new { x.participant_bic, x.currency });
                    table.ForeignKey(
                        name: "FK_settlement_accounts_participants_participant_bic",
                        column: x => x.participant_bic,
                        principalTable: "participants",
                        principalColumn: "bic",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "obligations",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    uetr = table.Column<Guid>(type: "TEXT", nullable: true),
                    end_to_end_id = table.Column<string>(type: "TEXT", nullable: false),
                    debtor_bic = table.Column<string>(type: "TEXT", nullable: false),
                    creditor_bic = table.Column<string>(type: "TEXT", nullable: false),
                    amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    currency = table.Column<string>(type: "TEXT", nullable: false),
                    value_date = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    instructed_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: true),
                    instructed_currency = table.Column<string>(type: "TEXT", nullable: true),
                    exchange_rate = table.Column<decimal>(type: "TEXT", precision: 21, scale: 10, nullable: true),
                    accepted_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    window_id = table.Column<string>(type: "TEXT", nullable: true),
                    carried_from = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_obligations", x => x.id);
                    table.ForeignKey(
                        name: "FK_obligations_clearing_windows_window_id",
                        column: x => x.window_id,
                        principalTable: "clearing_windows",
                        principalColumn: "id");
                    table.ForeignKey(
                        name: "FK_obligations_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "transactions",
                        principalColumn: "id",
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
                name: "transaction_fx",
                columns: table => new
                {
                    transaction_id = table.Column<Guid>(type: "TEXT", nullable: false),
                    rate_table_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    priced_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    source_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    source_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    result_amount = table.Column<decimal>(type: "TEXT", precision: 18, scale: 5, nullable: false),
                    result_currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    effective_rate = table.Column<decimal>(type: "TEXT", precision: 21, scale: 10, nullable: false),
                    direct = table.Column<bool>(type: "INTEGER", nullable: false),
                    path = table.Column<string>(type: "TEXT", nullable: false),
                    steps = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_transaction_fx", x => x.transaction_id);
                    table.ForeignKey(
                        name: "FK_transaction_fx_transactions_transaction_id",
                        column: x => x.transaction_id,
                        principalTable: "transactions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "IX_aml_flows_corridor_at",
                table: "aml_flows",
                columns: new[] { "corridor", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_aml_flows_debtor_key_at",
                table: "aml_flows",
                columns: new[] { "debtor_key", "at" });

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_api_keys_participant_bic",
                table: "api_keys",
                column: "participant_bic");

            migrationBuilder.CreateIndex(
                name: "IX_breaker_events_at",
                table: "breaker_events",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_clearing_windows_currency_sequence",
                table: "clearing_windows",
                columns: new[] { "currency", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_clearing_windows_one_open",
                table: "clearing_windows",
                column: "currency",
                unique: true,
                filter: "state = 'OPEN'");

            migrationBuilder.CreateIndex(
                name: "IX_fx_rate_versions_version_id_status",
                table: "fx_rate_versions",
                columns: new[] { "version_id", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_inbound_files_participant_bic_sha256",
                table: "inbound_files",
                columns: new[] { "participant_bic", "sha256" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_account_currency",
                table: "ledger_entries",
                columns: new[] { "account", "currency" });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_instruction_id",
                table: "ledger_entries",
                column: "instruction_id");

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_window_id",
                table: "ledger_entries",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "IX_messages_inbound_file_id",
                table: "messages",
                column: "inbound_file_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_sender_bic_msg_id",
                table: "messages",
                columns: new[] { "sender_bic", "msg_id" },
                unique: true,
                filter: "duplicate_msg_id = 0 AND sender_bic <> 'UNKNOWN'");

            migrationBuilder.CreateIndex(
                name: "IX_obligations_transaction_id",
                table: "obligations",
                column: "transaction_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_obligations_window_id",
                table: "obligations",
                column: "window_id");

            migrationBuilder.CreateIndex(
                name: "IX_operator_actions_at",
                table: "operator_actions",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_outbox_dispatched_at",
                table: "outbox",
                column: "dispatched_at");

            migrationBuilder.CreateIndex(
                name: "IX_participant_events_participant_bic",
                table: "participant_events",
                column: "participant_bic");

            migrationBuilder.CreateIndex(
                name: "IX_repeat_files_first_file_id",
                table: "repeat_files",
                column: "first_file_id");

            migrationBuilder.CreateIndex(
                name: "IX_repeat_files_participant_bic_channel_answered_at",
                table: "repeat_files",
                columns: new[] { "participant_bic", "channel", "answered_at" });

            migrationBuilder.CreateIndex(
                name: "IX_review_decisions_transaction_id",
                table: "review_decisions",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "IX_sanctions_list_versions_source_sha256_status",
                table: "sanctions_list_versions",
                columns: new[] { "source", "sha256", "status" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_settlement_instructions_window_id_attempt_sequence",
                table: "settlement_instructions",
                columns: new[] { "window_id", "attempt", "sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transaction_events_transaction_id",
                table: "transaction_events",
                column: "transaction_id");

            migrationBuilder.CreateIndex(
                name: "IX_transaction_fx_rate_table_version",
                table: "transaction_fx",
                column: "rate_table_version");

            migrationBuilder.CreateIndex(
                name: "IX_transaction_screenings_list_set_id",
                table: "transaction_screenings",
                column: "list_set_id");

            migrationBuilder.CreateIndex(
                name: "IX_transactions_message_id_index",
                table: "transactions",
                columns: new[] { "message_id", "index" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_transactions_message_id_state",
                table: "transactions",
                columns: new[] { "message_id", "state" });

            migrationBuilder.CreateIndex(
                name: "IX_window_events_window_id",
                table: "window_events",
                column: "window_id");

            // The ledger and the operators' audit log are append only: the database itself refuses to change or remove
            // a posting or an entry.
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_update BEFORE UPDATE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER ledger_entries_no_delete BEFORE DELETE ON ledger_entries BEGIN SELECT RAISE(ABORT, 'ledger_entries is append only: DELETE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER operator_actions_no_update BEFORE UPDATE ON operator_actions BEGIN SELECT RAISE(ABORT, 'operator_actions is append only: UPDATE refused'); END;");
            migrationBuilder.Sql("CREATE TRIGGER operator_actions_no_delete BEFORE DELETE ON operator_actions BEGIN SELECT RAISE(ABORT, 'operator_actions is append only: DELETE refused'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS ledger_entries_no_delete;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS operator_actions_no_update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS operator_actions_no_delete;");

            migrationBuilder.DropTable(
                name: "aml_alerts");

            migrationBuilder.DropTable(
                name: "aml_flows");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "breaker_events");

            migrationBuilder.DropTable(
                name: "consumed_messages");

            migrationBuilder.DropTable(
                name: "fx_rate_versions");

            migrationBuilder.DropTable(
                name: "inbound_file_chunks");

            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "obligations");

            migrationBuilder.DropTable(
                name: "operator_actions");

            migrationBuilder.DropTable(
                name: "outbox");

            migrationBuilder.DropTable(
                name: "participant_events");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "repeat_files");

            migrationBuilder.DropTable(
                name: "review_decisions");

            migrationBuilder.DropTable(
                name: "risk_limits");

            migrationBuilder.DropTable(
                name: "sanctions_list_versions");

            migrationBuilder.DropTable(
                name: "screening_list_sets");

            migrationBuilder.DropTable(
                name: "settlement_accounts");

            migrationBuilder.DropTable(
                name: "settlement_instructions");

            migrationBuilder.DropTable(
                name: "status_reports");

            migrationBuilder.DropTable(
                name: "transaction_events");

            migrationBuilder.DropTable(
                name: "transaction_fx");

            migrationBuilder.DropTable(
                name: "transaction_screenings");

            migrationBuilder.DropTable(
                name: "uetr_registry");

            migrationBuilder.DropTable(
                name: "window_bilateral");

            migrationBuilder.DropTable(
                name: "window_events");

            migrationBuilder.DropTable(
                name: "window_positions");

            migrationBuilder.DropTable(
                name: "inbound_files");

            migrationBuilder.DropTable(
                name: "participants");

            migrationBuilder.DropTable(
                name: "transactions");

            migrationBuilder.DropTable(
                name: "clearing_windows");

            migrationBuilder.DropTable(
                name: "messages");
        }
    }
}
