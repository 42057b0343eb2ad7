using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// DelTran's database: PostgreSQL in production, SQLite in the embedded default. Each provider has its
/// own committed migrations (Persistence/Migrations/Postgres and .../Sqlite), through the two subclasses.
/// </summary>
public abstract class DelTranDbContext : DbContext
{
    protected DelTranDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ParticipantRow> Participants => Set<ParticipantRow>();

    public DbSet<ApiKeyRow> ApiKeys => Set<ApiKeyRow>();

    public DbSet<SettlementAccountRow> SettlementAccounts => Set<SettlementAccountRow>();

    public DbSet<RiskLimitRow> RiskLimits => Set<RiskLimitRow>();

    public DbSet<PositionRow> Positions => Set<PositionRow>();

    public DbSet<InboundFileRow> InboundFiles => Set<InboundFileRow>();

    public DbSet<InboundFileChunkRow> InboundFileChunks => Set<InboundFileChunkRow>();

    public DbSet<MessageRow> Messages => Set<MessageRow>();

    public DbSet<TransactionRow> Transactions => Set<TransactionRow>();

    public DbSet<TransactionEventRow> TransactionEvents => Set<TransactionEventRow>();

    public DbSet<ObligationRow> Obligations => Set<ObligationRow>();

    public DbSet<StatusReportRow> StatusReports => Set<StatusReportRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<ConsumedMessageRow> ConsumedMessages => Set<ConsumedMessageRow>();

    public DbSet<UetrRegistryRow> UetrRegistry => Set<UetrRegistryRow>();

    public DbSet<ClearingWindowRow> ClearingWindows => Set<ClearingWindowRow>();

    public DbSet<WindowEventRow> WindowEvents => Set<WindowEventRow>();

    public DbSet<WindowPositionRow> WindowPositions => Set<WindowPositionRow>();

    public DbSet<WindowBilateralRow> WindowBilateral => Set<WindowBilateralRow>();

    public DbSet<SettlementInstructionRow> SettlementInstructions => Set<SettlementInstructionRow>();

    public DbSet<LedgerEntryRow> LedgerEntries => Set<LedgerEntryRow>();

    public DbSet<ReviewDecisionRow> ReviewDecisions => Set<ReviewDecisionRow>();

    public DbSet<OperatorActionRow> OperatorActions => Set<OperatorActionRow>();

    public DbSet<RepeatFileRow> RepeatFiles => Set<RepeatFileRow>();

    public DbSet<ParticipantEventRow> ParticipantEvents => Set<ParticipantEventRow>();

    public DbSet<BreakerEventRow> BreakerEvents => Set<BreakerEventRow>();

    public DbSet<AmlAlertRow> AmlAlerts => Set<AmlAlertRow>();

    public DbSet<SanctionsListVersionRow> SanctionsListVersions => Set<SanctionsListVersionRow>();

    public DbSet<ScreeningListSetRow> ScreeningListSets => Set<ScreeningListSetRow>();

    public DbSet<TransactionScreeningRow> TransactionScreenings => Set<TransactionScreeningRow>();

    public DbSet<AmlFlowRow> AmlFlows => Set<AmlFlowRow>();

    public DbSet<FxRateVersionRow> FxRateVersions => Set<FxRateVersionRow>();

    public DbSet<TokenAccountRow> TokenAccounts => Set<TokenAccountRow>();

    public DbSet<TokenOperationRow> TokenOperations => Set<TokenOperationRow>();

    public DbSet<TokenReconciliationRow> TokenReconciliations => Set<TokenReconciliationRow>();

    public DbSet<TransactionFxRow> TransactionFx => Set<TransactionFxRow>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) => StoredColumns.Register(configurationBuilder);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<ParticipantRow>(e =>
        {
            e.ToTable("participants");
            e.HasKey(p => p.Bic);
            e.Property(p => p.Bic).HasMaxLength(8);
        });
        modelBuilder.Entity<ApiKeyRow>(e =>
        {
            e.ToTable("api_keys");
            e.HasIndex(k => k.KeyHash).IsUnique();
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(k => k.ParticipantBic);
        });
        modelBuilder.Entity<SettlementAccountRow>(e =>
        {
            e.ToTable("settlement_accounts");
            e.HasKey(a => new { a.ParticipantBic, a.Currency });
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(a => a.ParticipantBic);
        });
        modelBuilder.Entity<RiskLimitRow>(e =>
        {
            e.ToTable("risk_limits");
            e.HasKey(l => new { l.ParticipantBic, l.Currency });
        });
        modelBuilder.Entity<PositionRow>(e =>
        {
            e.ToTable("positions");
            e.HasKey(p => new { p.ParticipantBic, p.Currency });
        });
        modelBuilder.Entity<InboundFileRow>(e =>
        {
            e.ToTable("inbound_files");
            e.HasIndex(f => new { f.ParticipantBic, f.Sha256 }).IsUnique();
            e.Property(f => f.Status).HasConversion<string>().HasMaxLength(16);
        });
        modelBuilder.Entity<InboundFileChunkRow>(e =>
        {
            e.ToTable("inbound_file_chunks");
            e.HasKey(c => new { c.FileId, c.Sequence });
            e.HasOne<InboundFileRow>().WithMany().HasForeignKey(c => c.FileId);
        });
        modelBuilder.Entity<MessageRow>(e =>
        {
            e.ToTable("messages");
            e.HasIndex(m => m.InboundFileId).IsUnique();
            // The guard behind AM05: one accepted message id per sender. Duplicates are kept, flagged, for their pacs.002.
            e.HasIndex(m => new { m.SenderBic, m.MsgId }).IsUnique().HasFilter(Filter("duplicate_msg_id", "false") + $" AND sender_bic <> '{MessageRow.UnknownSender}'");
        });
        modelBuilder.Entity<TransactionRow>(e =>
        {
            e.ToTable("transactions");
            e.HasIndex(t => new { t.MessageId, t.Index }).IsUnique();
            // No index on uetr: no query looks a transaction up by its UETR (uetr_registry answers that), and every
            // index here is written again for each row a stage moves (a random UUID's index the dearest).
            // Completion asks "is any transaction of this message still in a stage?", and a window's audit pack "which
            // transactions of this currency were rejected while it was open?": an index answers each.
            ConfigureStateIndexes(e);
            e.HasOne<MessageRow>().WithMany().HasForeignKey(t => t.MessageId);
        });
        modelBuilder.Entity<TransactionEventRow>(e =>
        {
            e.ToTable("transaction_events");
            e.HasIndex(t => t.TransactionId);
        });
        modelBuilder.Entity<ObligationRow>(e =>
        {
            e.ToTable("obligations");
            // One obligation per transaction, whatever a redelivered message tries.
            e.HasIndex(o => o.TransactionId).IsUnique();
            e.HasOne<TransactionRow>().WithMany().HasForeignKey(o => o.TransactionId);
            e.HasIndex(o => o.WindowId);
            e.HasOne<ClearingWindowRow>().WithMany().HasForeignKey(o => o.WindowId);
            // A token payment settles one obligation.
            e.HasIndex(o => o.TokenPaymentId).IsUnique();
            e.Property(o => o.TokenPaymentId).HasMaxLength(64);
        });
        modelBuilder.Entity<StatusReportRow>(e =>
        {
            e.ToTable("status_reports");
            e.HasKey(r => r.MessageId);
        });
        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasIndex(o => o.DispatchedAt);
        });
        modelBuilder.Entity<UetrRegistryRow>(e =>
        {
            e.ToTable("uetr_registry");
            e.HasKey(u => u.Uetr);
        });
        modelBuilder.Entity<ConsumedMessageRow>(e =>
        {
            e.ToTable("consumed_messages");
            e.HasKey(c => new { c.Consumer, c.MessageId });
        });
        modelBuilder.Entity<ClearingWindowRow>(e =>
        {
            e.ToTable("clearing_windows");
            e.Property(w => w.Id).HasMaxLength(32);
            e.Property(w => w.State).HasMaxLength(16);
            e.Property(w => w.LeaseHolder).HasMaxLength(128);
            e.HasIndex(w => new { w.Currency, w.Sequence }).IsUnique();
            // The guard behind "one open window per currency": a second OPEN row cannot exist, whatever races.
            e.HasIndex(w => w.Currency).IsUnique().HasFilter("state = 'OPEN'").HasDatabaseName("ix_clearing_windows_one_open");
        });
        modelBuilder.Entity<WindowEventRow>(e =>
        {
            e.ToTable("window_events");
            e.HasIndex(w => w.WindowId);
            e.HasOne<ClearingWindowRow>().WithMany().HasForeignKey(w => w.WindowId);
        });
        modelBuilder.Entity<WindowPositionRow>(e =>
        {
            e.ToTable("window_positions");
            e.HasKey(p => new { p.WindowId, p.ParticipantBic, p.Currency });
            e.HasOne<ClearingWindowRow>().WithMany().HasForeignKey(p => p.WindowId);
        });
        modelBuilder.Entity<WindowBilateralRow>(e =>
        {
            e.ToTable("window_bilateral");
            e.HasKey(p => new { p.WindowId, p.ParticipantA, p.ParticipantB, p.Currency });
            e.HasOne<ClearingWindowRow>().WithMany().HasForeignKey(p => p.WindowId);
        });
        modelBuilder.Entity<SettlementInstructionRow>(e =>
        {
            e.ToTable("settlement_instructions");
            e.HasKey(i => i.InstructionId);
            e.HasIndex(i => new { i.WindowId, i.Attempt, i.Sequence }).IsUnique();
            e.HasOne<ClearingWindowRow>().WithMany().HasForeignKey(i => i.WindowId);
        });
        modelBuilder.Entity<RepeatFileRow>(e =>
        {
            e.ToTable("repeat_files");
            e.HasIndex(r => new { r.ParticipantBic, r.Channel, r.AnsweredAt });
            e.Property(r => r.Name).HasMaxLength(255);
            e.HasOne<InboundFileRow>().WithMany().HasForeignKey(r => r.FirstFileId);
        });
        modelBuilder.Entity<OperatorActionRow>(e =>
        {
            e.ToTable("operator_actions");
            e.HasIndex(a => a.At);
            e.Property(a => a.Operator).HasMaxLength(128);
            e.Property(a => a.Action).HasMaxLength(256);
            e.Property(a => a.Subject).HasMaxLength(1024);
            e.Property(a => a.Reason).HasMaxLength(2000);
            e.Property(a => a.Outcome).HasMaxLength(64);
        });
        modelBuilder.Entity<ReviewDecisionRow>(e =>
        {
            e.ToTable("review_decisions");
            e.HasIndex(d => d.TransactionId);
            e.Property(d => d.Decision).HasMaxLength(16);
            e.HasOne<TransactionRow>().WithMany().HasForeignKey(d => d.TransactionId);
        });
        modelBuilder.Entity<ParticipantEventRow>(e =>
        {
            e.ToTable("participant_events");
            e.HasIndex(p => p.ParticipantBic);
            e.Property(p => p.Action).HasMaxLength(16);
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(p => p.ParticipantBic);
        });
        modelBuilder.Entity<BreakerEventRow>(e =>
        {
            e.ToTable("breaker_events");
            e.HasIndex(b => b.At);
        });
        modelBuilder.Entity<AmlAlertRow>(e =>
        {
            e.ToTable("aml_alerts");
            e.HasIndex(a => a.TransactionId);
            e.HasIndex(a => a.At);
        });
        modelBuilder.Entity<ScreeningListSetRow>(e =>
        {
            e.ToTable("screening_list_sets");
            e.HasKey(l => l.Id);
            e.Property(l => l.Id).HasMaxLength(32);
        });
        modelBuilder.Entity<TransactionScreeningRow>(e =>
        {
            e.ToTable("transaction_screenings");
            e.HasKey(s => s.TransactionId);
            e.Property(s => s.ListSetId).HasMaxLength(32);
            e.Property(s => s.Decision).HasMaxLength(8);
            e.HasIndex(s => s.ListSetId);
        });
        modelBuilder.Entity<AmlFlowRow>(e =>
        {
            e.ToTable("aml_flows");
            e.HasKey(f => f.TransactionId);
            e.Property(f => f.DebtorKey).HasMaxLength(32);
            e.Property(f => f.Corridor).HasMaxLength(16);
            e.Property(f => f.Currency).HasMaxLength(3);
            // Structuring and velocity read a debtor's or a corridor's flows over a window ending now.
            e.HasIndex(f => new { f.DebtorKey, f.At });
            e.HasIndex(f => new { f.Corridor, f.At });
        });
        modelBuilder.Entity<SanctionsListVersionRow>(e =>
        {
            e.ToTable("sanctions_list_versions");
            // A version is recorded once, however often the job sees it.
            e.HasIndex(v => new { v.Source, v.Sha256, v.Status }).IsUnique();
            e.Property(v => v.Status).HasMaxLength(16);
        });
        modelBuilder.Entity<FxRateVersionRow>(e =>
        {
            e.ToTable("fx_rate_versions");
            // A version is recorded once, however many instances or reloads see it.
            e.HasIndex(v => new { v.VersionId, v.Status }).IsUnique();
            e.Property(v => v.VersionId).HasMaxLength(32);
            e.Property(v => v.Sha256).HasMaxLength(64);
            e.Property(v => v.Status).HasMaxLength(16);
        });
        modelBuilder.Entity<TransactionFxRow>(e =>
        {
            e.ToTable("transaction_fx");
            // One conversion per transaction, whatever a redelivered batch tries.
            e.HasKey(f => f.TransactionId);
            e.HasOne<TransactionRow>().WithMany().HasForeignKey(f => f.TransactionId);
            e.HasIndex(f => f.RateTableVersion);
            e.Property(f => f.RateTableVersion).HasMaxLength(32);
            e.Property(f => f.SourceCurrency).HasMaxLength(3);
            e.Property(f => f.ResultCurrency).HasMaxLength(3);
        });
        modelBuilder.Entity<TokenAccountRow>(e =>
        {
            e.ToTable("token_accounts");
            e.HasKey(a => new { a.Account, a.Currency });
            e.Property(a => a.Account).HasMaxLength(32);
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(a => a.ParticipantBic).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<TokenOperationRow>(e =>
        {
            e.ToTable("token_operations");
            e.Property(o => o.Id).HasMaxLength(64);
            e.HasIndex(o => new { o.ParticipantBic, o.CreatedAt });
            e.HasIndex(o => new { o.CounterpartyBic, o.CreatedAt });
            // The sweepers' reads: what is still pending, by kind.
            e.HasIndex(o => new { o.Status, o.Kind });
            // Exactly one operation per bank confirmation.
            e.HasIndex(o => o.ConfirmationId).IsUnique();
            e.HasOne<ParticipantRow>().WithMany().HasForeignKey(o => o.ParticipantBic).OnDelete(DeleteBehavior.Restrict);
        });
        modelBuilder.Entity<TokenReconciliationRow>(e =>
        {
            e.ToTable("token_reconciliations");
            e.HasIndex(r => new { r.Currency, r.Id });
        });
        modelBuilder.Entity<LedgerEntryRow>(e =>
        {
            e.ToTable("ledger_entries");
            e.HasIndex(l => new { l.Account, l.Currency });
            e.HasIndex(l => l.WindowId);
            e.HasIndex(l => l.InstructionId);
        });

        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                StoredColumns.NameColumn(property, entity.GetTableName() + "." + property.GetColumnName());
                if (property.ClrType == typeof(decimal) || property.ClrType == typeof(decimal?))
                {
                    // Exchange rates are ISO BaseOneRate (up to 10 fractional digits); money is ActiveCurrencyAndAmount.
                    bool rate = property.Name is nameof(TransactionRow.ExchangeRate) or nameof(ClearingWindowRow.NettingEfficiency) or nameof(TransactionFxRow.EffectiveRate);
                    property.SetPrecision(rate ? 21 : 18);
                    property.SetScale(rate ? 10 : 5);
                }
            }
        }
    }

    /// <summary>A boolean filter in the provider's own SQL (PostgreSQL has booleans, SQLite integers).</summary>
    protected abstract string Filter(string column, string value);

    /// <summary>How the provider finds the transactions of a message still in a stage.</summary>
    protected abstract void ConfigureStateIndexes(EntityTypeBuilder<TransactionRow> transactions);

    public static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c) && i > 0 && !char.IsUpper(name[i - 1]))
            {
                result.Append('_');
            }

            result.Append(char.ToLowerInvariant(c));
        }

        return result.ToString();
    }
}
