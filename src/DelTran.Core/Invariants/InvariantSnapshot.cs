using DelTran.Core.Liquidity;

namespace DelTran.Core.Invariants;

/// <summary>Everything the check reads, gathered by the adapter; the rules are in <see cref="InvariantCheck"/>.</summary>
public sealed record InvariantSnapshot
{
    public required DateTimeOffset Now { get; init; }

    public required IReadOnlyList<StateTally> Transactions { get; init; }

    public required IReadOnlyList<InStageTransaction> InStage { get; init; }

    /// <summary>Ids of messages that are COMPLETED but have no stored pacs.002.</summary>
    public required IReadOnlyList<Guid> CompletedWithoutStatusReport { get; init; }

    /// <summary>The ledger's own check (<c>Ledger.Check</c> and reservations), per currency.</summary>
    public required IReadOnlyList<string> LedgerProblems { get; init; }

    public required IReadOnlyList<WindowFacts> Windows { get; init; }

    /// <summary>The stored running positions of the open windows.</summary>
    public required IReadOnlyDictionary<PositionKey, decimal> StoredPositions { get; init; }

    /// <summary>Positions recomputed from the open windows' obligations, or null while transactions between risk and liquidity make them provisional.</summary>
    public required IReadOnlyDictionary<PositionKey, decimal>? LivePositions { get; init; }

    public required long Undispatched { get; init; }

    public required DateTimeOffset? OldestUndispatched { get; init; }

    public required IReadOnlyList<InstructionFacts> Instructions { get; init; }

    /// <summary>What the token ledger's conservation check found (reserve = outstanding + suspense, balances = postings, …); empty when sound.</summary>
    public IReadOnlyList<string> TokenProblems { get; init; } = [];

    /// <summary>The token mints, burns and refunds, for the comparison with the banks' books.</summary>
    public IReadOnlyList<TokenFundingFacts> TokenFundings { get; init; } = [];

    /// <summary>The banks' books, when a statement of them is at hand; null leaves that comparison unchecked.</summary>
    public IReadOnlyList<BankBooking>? BankBookings { get; init; }
}
