using DelTran.Core.Amounts;
using DelTran.Core.Liquidity;

namespace DelTran.Core.Settlement;

/// <summary>
/// Double-entry, append-only ledger rules. Every movement is two postings that sum to zero: one on the participant's
/// settlement account (its BIC8) and one on DelTran's clearing account for the currency. A mistake is never edited;
/// it is reversed by mirror postings.
/// </summary>
public static class Ledger
{
    /// <summary>DelTran's settlement (clearing) account id, one per currency.</summary>
    public const string ClearingAccount = "DELTRAN-CLEARING";

    public const string Settlement = "SETTLEMENT";
    public const string Reversal = "REVERSAL";

    /// <summary>
    /// The two postings of an instruction. Debit: the participant's account is debited and the clearing account
    /// credited (DelTran collects). Credit: the other way round (DelTran pays out).
    /// </summary>
    public static IReadOnlyList<LedgerPosting> Post(SettlementInstruction instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        if (instruction.Amount <= 0m)
        {
            throw new ArgumentException($"Instruction {instruction.InstructionId} must move a positive amount, not {Money.FormatAmount(instruction.Amount, instruction.Currency)}.", nameof(instruction));
        }

        decimal participant = instruction.Direction == SettlementDirection.Debit ? -instruction.Amount : instruction.Amount;
        return
        [
            new LedgerPosting(instruction.Participant, instruction.Currency, participant, instruction.InstructionId, Settlement),
            new LedgerPosting(ClearingAccount, instruction.Currency, -participant, instruction.InstructionId, Settlement),
        ];
    }

    /// <summary>The mirror of each posting (same account, currency and instruction; amount negated; kind REVERSAL). The input is not changed.</summary>
    public static IReadOnlyList<LedgerPosting> Reverse(IReadOnlyList<LedgerPosting> postings)
    {
        ArgumentNullException.ThrowIfNull(postings);
        return postings.Select(p => p with { Amount = -p.Amount, Kind = Reversal }).ToList();
    }

    /// <summary>
    /// Checks a whole ledger and returns each problem as a sentence, empty when sound: every currency sums to zero;
    /// every instruction's postings of each kind sum to zero; every kind is known; and, when
    /// <paramref name="storedBalances"/> is given, each of those participant accounts holds its opening balance (zero
    /// when not in <paramref name="openingBalances"/>) plus the sum of its postings.
    /// </summary>
    public static IReadOnlyList<string> Check(
        IEnumerable<LedgerPosting> postings,
        IReadOnlyDictionary<PositionKey, decimal>? openingBalances = null,
        IReadOnlyDictionary<PositionKey, decimal>? storedBalances = null)
    {
        ArgumentNullException.ThrowIfNull(postings);
        var problems = new List<string>();
        var byCurrency = new Dictionary<Currency, decimal>();
        var byInstruction = new Dictionary<(string InstructionId, string Kind, Currency Currency), decimal>();
        var byAccount = new Dictionary<(string Account, Currency Currency), decimal>();
        var unknownKinds = new SortedSet<string>(StringComparer.Ordinal);

        foreach (LedgerPosting posting in postings)
        {
            byCurrency[posting.Currency] = byCurrency.GetValueOrDefault(posting.Currency) + posting.Amount;
            (string, string, Currency) instruction = (posting.InstructionId, posting.Kind, posting.Currency);
            byInstruction[instruction] = byInstruction.GetValueOrDefault(instruction) + posting.Amount;
            byAccount[(posting.Account, posting.Currency)] = byAccount.GetValueOrDefault((posting.Account, posting.Currency)) + posting.Amount;
            if (posting.Kind is not (Settlement or Reversal))
            {
                unknownKinds.Add(posting.Kind);
            }
        }

        foreach ((Currency currency, decimal sum) in byCurrency.Where(c => c.Value != 0m).OrderBy(c => c.Key.Code, StringComparer.Ordinal))
        {
            problems.Add($"{currency.Code}: the ledger does not balance; its postings sum to {Money.FormatAmount(sum, currency)} instead of zero.");
        }

        foreach (((string id, string kind, Currency currency), decimal sum) in byInstruction
            .Where(i => i.Value != 0m)
            .OrderBy(i => i.Key.InstructionId, StringComparer.Ordinal)
            .ThenBy(i => i.Key.Kind, StringComparer.Ordinal)
            .ThenBy(i => i.Key.Currency.Code, StringComparer.Ordinal))
        {
            problems.Add($"Instruction {id}: its {kind} postings sum to {Money.FormatAmount(sum, currency)} {currency.Code} instead of zero.");
        }

        foreach (string kind in unknownKinds)
        {
            problems.Add($"Postings of kind '{kind}' are neither {Settlement} nor {Reversal}.");
        }

        if (storedBalances is not null)
        {
            foreach ((PositionKey key, decimal stored) in storedBalances.OrderBy(b => b.Key.Participant, StringComparer.Ordinal).ThenBy(b => b.Key.Currency.Code, StringComparer.Ordinal))
            {
                decimal opening = openingBalances?.GetValueOrDefault(key) ?? 0m;
                decimal expected = opening + byAccount.GetValueOrDefault((key.Participant, key.Currency));
                if (stored != expected)
                {
                    problems.Add($"{key}: the stored balance is {Money.FormatAmount(stored, key.Currency)} but the opening balance plus postings give {Money.FormatAmount(expected, key.Currency)}.");
                }
            }
        }

        return problems;
    }
}
