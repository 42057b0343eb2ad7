namespace DelTran.Host.Api;

/// <summary>A window's figures; an open window's are counted live. <c>nettingEfficiency</c> is the fraction with four decimals.</summary>
public sealed record WindowSummary(
    string Id,
    string Currency,
    string State,
    DateTimeOffset OpenedAt,
    DateTimeOffset? CutoffAt,
    DateOnly? BusinessDate,
    long Obligations,
    decimal ObligationSum,
    decimal? NettingEfficiency,
    int SettlementAttempts,
    string? FailureReason,
    string? CarriedTo);

/// <summary>One move of a window's state, and why.</summary>
public sealed record WindowTransition(DateTimeOffset At, string? From, string To, string Cause);

/// <summary>One settlement instruction of a window's settlement attempt.</summary>
public sealed record WindowInstruction(
    string InstructionId,
    int Attempt,
    string Participant,
    string Direction,
    decimal Amount,
    string Status,
    string? ConfirmationId,
    string? FailureCode,
    string? FailureMessage);

/// <summary>A window with its history and its settlement instructions.</summary>
public sealed record WindowDetail(WindowSummary Window, IReadOnlyList<WindowTransition> History, IReadOnlyList<WindowInstruction> Instructions);

/// <summary>A participant's multilateral net position in a window.</summary>
public sealed record NetPosition(string Participant, string Currency, decimal Debit, decimal Credit, decimal Net, int ObligationsPaid, int ObligationsReceived);

/// <summary>What two participants owe each other in a window; <c>netOfA</c> is what A receives net.</summary>
public sealed record BilateralPosition(string ParticipantA, string ParticipantB, string Currency, decimal AOwesB, decimal BOwesA, decimal NetOfA);

/// <summary>A closed window's multilateral and bilateral positions.</summary>
public sealed record WindowPositions(string WindowId, IReadOnlyList<NetPosition> Positions, IReadOnlyList<BilateralPosition> Bilateral);

/// <summary>A close or a retry accepted: the work continues in the background; follow <c>statusUrl</c>.</summary>
public sealed record WindowAccepted(string WindowId, string State, string? Message, string StatusUrl);
