namespace DelTran.Host.Tokens;

/// <summary>The "DelTran:Tokens" section: how often the token sweeper runs, and when it asks a bank again.</summary>
public sealed class TokenOptions
{
    public const string Section = "DelTran:Tokens";

    /// <summary>Between two sweeps: pending transfers past their time are voided, unanswered mints, burns and refunds are asked again.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Between two checks of the token ledger's conservation (a break halts new token operations).</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Between two reconciliations of the token reserve with the bank's statement of it (daily by default).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long a mint, burn or refund waits for its own request's answer before the sweeper asks the bank again (more than the bank gateway's total timeout).</summary>
    public TimeSpan FundingRetryAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a mint was voided for want of its bank's answer the sweeper still asks the bank whether it booked it after all (the money then goes to suspense and back).</summary>
    public TimeSpan LateConfirmationSearch { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Between two looks for finished days without their token statements and proof of reserves (days missed while the service was down are caught up).</summary>
    public TimeSpan DailyReportsInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The currencies whose clearing windows settle their net positions in tokens (all or nothing, no bank call); the others, and any window a net debtor cannot pay in tokens, settle through the banks.</summary>
    public List<string> SettleWindowsInTokens { get; set; } = [];

    public bool SettlesWindowsInTokens(Core.Amounts.Currency currency) => SettleWindowsInTokens.Contains(currency.Code, StringComparer.Ordinal);

    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        foreach (string code in SettleWindowsInTokens.Where(c => !Core.Amounts.Currency.TryParse(c, out _)))
        {
            problems.Add($"{Section}:SettleWindowsInTokens: '{code}' is not a currency code.");
        }

        if (SweepInterval <= TimeSpan.Zero || SweepInterval > TimeSpan.FromHours(1))
        {
            problems.Add($"{Section}:SweepInterval is more than zero and at most an hour, not {SweepInterval}.");
        }

        if (CheckInterval < TimeSpan.FromSeconds(1) || CheckInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:CheckInterval is between a second and a day, not {CheckInterval}.");
        }

        if (ReconcileInterval < TimeSpan.FromMinutes(1) || ReconcileInterval > TimeSpan.FromDays(7))
        {
            problems.Add($"{Section}:ReconcileInterval is between a minute and seven days, not {ReconcileInterval}.");
        }

        if (LateConfirmationSearch < TimeSpan.Zero || LateConfirmationSearch > TimeSpan.FromDays(30))
        {
            problems.Add($"{Section}:LateConfirmationSearch is between zero and 30 days, not {LateConfirmationSearch}.");
        }

        if (FundingRetryAfter < TimeSpan.FromSeconds(1) || FundingRetryAfter > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:FundingRetryAfter is between a second and a day, not {FundingRetryAfter}.");
        }

        if (DailyReportsInterval < TimeSpan.FromSeconds(1) || DailyReportsInterval > TimeSpan.FromDays(1))
        {
            problems.Add($"{Section}:DailyReportsInterval is between a second and a day, not {DailyReportsInterval}.");
        }

        return problems;
    }
}
