using System.Globalization;
using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Validation;

/// <summary>
/// DelTran's per-transaction business rules: a pure function from a transaction as read (plus the
/// rulebook, the participant directory and the business date) to either a typed <see cref="CreditTransfer"/>
/// or the list of everything wrong with it. It never stops at the first issue.
/// </summary>
public static class TransactionRules
{
    /// <summary>
    /// What xs:decimal allows around its digits: surrounding whitespace (the schema collapses it) and a leading sign.
    /// A negative value is refused by the schema (amounts) or by the rule reading it; a sign alone is not an error.
    /// </summary>
    internal const NumberStyles XsdDecimal = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    private static readonly char[] XmlWhitespace = [' ', '\t', '\n', '\r'];

    public static CreditTransfer? Check(CreditTransferRecord tx, Rulebook rulebook, ParticipantDirectory participants, DateOnly businessDate, List<ValidationIssue> issues)
    {
        int before = issues.Count;
        string? e2e = tx.EndToEndId;
        void Add(string code, Where where, string message) => issues.Add(new ValidationIssue(code, where.ToString(), message, e2e) { TransactionIndex = tx.Index });

        // One delegate for all the checks below: each use of the local function as a delegate would allocate one.
        Action<string, Where, string> add = Add;

        if (string.IsNullOrWhiteSpace(e2e))
        {
            Add(ReasonCode.FF01, new Where(tx, "/PmtId/EndToEndId"), "EndToEndId is missing.");
        }

        Uetr? uetr = null;
        if (tx.Uetr is not null)
        {
            if (Uetr.TryParse(tx.Uetr, out Uetr parsed))
            {
                uetr = parsed;
            }
            else
            {
                Add(ReasonCode.FF01, new Where(tx, "/PmtId/UETR"), $"UETR '{tx.Uetr}' is not a lowercase UUID version 4.");
            }
        }

        Money? amount = CheckAmount(tx.Amount, new Where(tx, tx.AmountPath), "Amount", rulebook.AcceptedCurrencies, add);
        Money? instructed = tx.InstructedAmount is null ? null : CheckAmount(tx.InstructedAmount, new Where(tx, "/InstdAmt"), "Instructed amount", acceptedCurrencies: null, add);

        decimal? rate = null;
        if (tx.ExchangeRate is not null)
        {
            if (decimal.TryParse(tx.ExchangeRate, XsdDecimal, CultureInfo.InvariantCulture, out decimal r) && r > 0)
            {
                rate = r;
            }
            else
            {
                Add(ReasonCode.FF01, new Where(tx, "/XchgRate"), $"Exchange rate '{tx.ExchangeRate}' is not a positive decimal.");
            }
        }

        DateOnly? settlementDate = CheckDate(tx, rulebook, businessDate, add);

        Bic? debtorAgent = CheckAgent(tx.DebtorAgent, new Where(tx, "/DbtrAgt/FinInstnId/", DebtorSide: true, AgentBic: true), "Debtor agent", add);
        Bic? creditorAgent = CheckAgent(tx.CreditorAgent, new Where(tx, "/CdtrAgt/FinInstnId/", AgentBic: true), "Creditor agent", add);
        CheckAgent(tx.InstructingAgent, new Where(tx, "/InstgAgt/FinInstnId/", AgentBic: true), "Instructing agent", add);
        CheckAgent(tx.InstructedAgent, new Where(tx, "/InstdAgt/FinInstnId/", AgentBic: true), "Instructed agent", add);
        CheckAgent(tx.IntermediaryAgent1, new Where(tx, "/IntrmyAgt1/FinInstnId/", AgentBic: true), "Intermediary agent", add);

        if (debtorAgent is Bic d && !participants.IsParticipant(d))
        {
            Add(ReasonCode.DNOR, new Where(tx, "/DbtrAgt/FinInstnId/", DebtorSide: true, AgentBic: true), $"Debtor agent {d} is not a DelTran participant.");
        }

        if (creditorAgent is Bic c && !participants.IsParticipant(c))
        {
            Add(ReasonCode.CNOR, new Where(tx, "/CdtrAgt/FinInstnId/", AgentBic: true), $"Creditor agent {c} is not a DelTran participant.");
        }

        Iban? debtorIban = CheckAccount(tx.DebtorAccount, new Where(tx, "/DbtrAcct/Id", DebtorSide: true), "Debtor", add);
        Iban? creditorIban = CheckAccount(tx.CreditorAccount, new Where(tx, "/CdtrAcct/Id"), "Creditor", add);

        if (string.IsNullOrWhiteSpace(tx.Debtor?.Name))
        {
            Add(ReasonCode.RR02, new Where(tx, "/Dbtr/Nm", DebtorSide: true), "Debtor name is missing.");
        }

        if (string.IsNullOrWhiteSpace(tx.Creditor?.Name))
        {
            Add(ReasonCode.RR03, new Where(tx, "/Cdtr/Nm"), "Creditor name is missing.");
        }

        if (issues.Count > before || amount is null || debtorAgent is null || creditorAgent is null || e2e is null)
        {
            return null;
        }

        return new CreditTransfer(tx, e2e, uetr, amount.Value, instructed, rate, settlementDate, debtorAgent.Value, creditorAgent.Value, debtorIban, creditorIban);
    }

    private static Money? CheckAmount(AmountRecord? amount, Where path, string label, IReadOnlySet<string>? acceptedCurrencies, Action<string, Where, string> add)
    {
        if (amount is null)
        {
            add(ReasonCode.AM12, path, $"{label} is missing.");
            return null;
        }

        bool ok = true;
        if (!Currency.TryParse(amount.Currency, out Currency currency))
        {
            add(ReasonCode.AM03, path.Then("/@Ccy"), $"{label} currency '{amount.Currency}' is not an ISO 4217 code.");
            ok = false;
        }
        else if (acceptedCurrencies is not null && !acceptedCurrencies.Contains(currency.Code))
        {
            add(ReasonCode.AM03, path.Then("/@Ccy"), $"Currency {currency.Code} is not cleared by DelTran (accepted: {string.Join(", ", acceptedCurrencies.Order(StringComparer.Ordinal))}).");
            ok = false;
        }

        if (!decimal.TryParse(amount.Text, XsdDecimal, CultureInfo.InvariantCulture, out decimal value))
        {
            add(ReasonCode.AM12, path, $"{label} '{amount.Text}' is not a decimal amount.");
            return null;
        }

        if (value < 0m)
        {
            add(ReasonCode.AM12, path, $"{label} {amount.Text} is negative.");
            return null;
        }

        if (value == 0m)
        {
            add(ReasonCode.AM01, path, $"{label} is zero.");
            ok = false;
        }

        if (currency.Code is not null && currency.MinorUnits is int units && value.Scale > units)
        {
            add(ReasonCode.AM12, path, $"{label} {amount.Text} has {value.Scale.ToString(CultureInfo.InvariantCulture)} decimals; {currency.Code} allows {units.ToString(CultureInfo.InvariantCulture)}.");
            ok = false;
        }

        return ok ? new Money(value, currency) : null;
    }

    private static DateOnly? CheckDate(CreditTransferRecord tx, Rulebook rulebook, DateOnly businessDate, Action<string, Where, string> add)
    {
        if (tx.SettlementDate is null)
        {
            return null;
        }

        Where path = tx.PaymentInformation is not null ? new Where(tx, "/ReqdExctnDt", DebtorSide: true) : new Where(tx, "/IntrBkSttlmDt");
        if (!TryParseXsdDate(tx.SettlementDate, out DateOnly date))
        {
            add(ReasonCode.DT01, path, $"Date '{tx.SettlementDate}' is not a valid ISO date.");
            return null;
        }

        if (date < businessDate)
        {
            add(ReasonCode.DT01, path, $"Date {tx.SettlementDate} is before the business date {businessDate:yyyy-MM-dd}.");
            return null;
        }

        if (date > businessDate.AddDays(rulebook.MaxDaysAhead))
        {
            add(ReasonCode.DT01, path, $"Date {tx.SettlementDate} is more than {rulebook.MaxDaysAhead.ToString(CultureInfo.InvariantCulture)} days after the business date {businessDate:yyyy-MM-dd}.");
            return null;
        }

        return date;
    }

    /// <summary>
    /// An xs:date as the schema reads it: surrounding whitespace collapsed, then yyyy-MM-dd with an optional time zone
    /// (Z, or +hh:mm/-hh:mm up to 14:00). The date is the calendar date as written, whatever its zone.
    /// </summary>
    private static bool TryParseXsdDate(string text, out DateOnly date)
    {
        ReadOnlySpan<char> value = text.AsSpan().Trim(XmlWhitespace);
        bool zoneIsValid = value.Length switch
        {
            10 => true,
            11 => value[10] == 'Z',
            16 => value[10] is '+' or '-' && value[13] == ':'
                && int.TryParse(value.Slice(11, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int hours)
                && int.TryParse(value.Slice(14, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int minutes)
                && minutes < 60 && (hours < 14 || (hours == 14 && minutes == 0)),
            _ => false,
        };

        date = default;
        return zoneIsValid && DateOnly.TryParseExact(value[..Math.Min(value.Length, 10)], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static Bic? CheckAgent(AgentRecord? agent, Where path, string label, Action<string, Where, string> add)
    {
        // A missing agent or a missing BIC is a schema matter (FF01) already reported by the usage guideline.
        if (agent?.Bic is not string text)
        {
            return null;
        }

        if (Bic.TryParse(text, out Bic bic))
        {
            return bic;
        }

        add(ReasonCode.RC01, path, $"{label} BIC '{text}' is not a valid BIC (4 letters or digits, an ISO 3166 country, 2 location characters, optional 3-character branch).");
        return null;
    }

    private static Iban? CheckAccount(AccountRecord? account, Where path, string party, Action<string, Where, string> add)
    {
        if (account is null)
        {
            return null;
        }

        if (account.Iban is not null)
        {
            if (Iban.TryParse(account.Iban, out Iban iban))
            {
                return iban;
            }

            // Never echo a full account number: the country and the last four characters identify it enough.
            string shown = account.Iban.Length > 6 ? account.Iban[..2] + "…" + account.Iban[^4..] : "?";
            add(ReasonCode.AC01, path.Then("/IBAN"), $"{party} IBAN {shown} fails its length or check-digit test.");
            return null;
        }

        if (string.IsNullOrWhiteSpace(account.OtherId))
        {
            add(ReasonCode.AC01, path, $"{party} account has neither an IBAN nor another identification.");
        }

        return null;
    }

    /// <summary>
    /// Where an issue is, built into a path string only when an issue is actually raised: most
    /// transactions are clean, and eager paths cost two kilobytes of garbage per transaction.
    /// </summary>
    private readonly record struct Where(CreditTransferRecord Tx, string Relative, bool DebtorSide = false, bool AgentBic = false, string? Suffix = null)
    {
        public Where Then(string suffix) => this with { Suffix = suffix };

        public override string ToString()
        {
            string path = DebtorSide ? Tx.DebtorSidePath(Relative) : Tx.Path + Relative;
            return (AgentBic ? path + Tx.AgentBicElement : path) + Suffix;
        }
    }
}
