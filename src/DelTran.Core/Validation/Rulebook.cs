namespace DelTran.Core.Validation;

/// <summary>DelTran's business rules that can be tuned per deployment. The defaults are the published rulebook.</summary>
public sealed record Rulebook
{
    public static Rulebook Default { get; } = new();

    /// <summary>Currencies DelTran clears; anything else is AM03.</summary>
    public IReadOnlySet<string> AcceptedCurrencies { get; init; } = new HashSet<string>(["INR", "AED", "USD"], StringComparer.Ordinal);

    /// <summary>How many days after the business date a settlement or execution date may lie before it is DT01.</summary>
    public int MaxDaysAhead { get; init; } = 30;

    /// <summary>Largest number of schema errors listed per message before the rest are summarised in one issue.</summary>
    public int MaxSchemaIssuesPerMessage { get; init; } = 200;

    /// <summary>Largest file accepted, in bytes.</summary>
    public long MaxFileBytes { get; init; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Longest run of text or of one tag, in bytes; ISO 20022 fields are at most a few kB.</summary>
    public int MaxMarkupRunBytes { get; init; } = 1024 * 1024;

    /// <summary>Reader steps one message may take before any byte counts (the work budget's base).</summary>
    public long ReadBudgetBaseSteps { get; init; } = 100_000;

    /// <summary>Reader steps allowed per byte read; an honest reading takes about one step per byte or fewer.</summary>
    public int ReadBudgetStepsPerByte { get; init; } = 4;
}
