namespace DelTran.MockBank;

/// <summary>What the mock bank accepts; like a real bank it says why it refuses.</summary>
public static class SettlementRules
{
    public const string Debit = "DEBIT";
    public const string Credit = "CREDIT";

    /// <summary>The reason the instruction is refused, or null when it is acceptable.</summary>
    public static string? Problem(SettlementInstruction? instruction)
    {
        if (instruction is null)
        {
            return "the body is empty.";
        }

        if (string.IsNullOrWhiteSpace(instruction.InstructionId) || instruction.InstructionId.Length > 64)
        {
            return "instructionId is required (at most 64 characters).";
        }

        if (string.IsNullOrWhiteSpace(instruction.WindowId) || instruction.WindowId.Length > 64)
        {
            return "windowId is required (at most 64 characters).";
        }

        if (!IsBic(instruction.Participant))
        {
            return $"participant '{instruction.Participant}' is not a BIC8 or BIC11.";
        }

        if (instruction.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetterUpper))
        {
            return $"currency '{instruction.Currency}' is not a 3-letter ISO 4217 code.";
        }

        if (instruction.Amount <= 0)
        {
            return "amount must be greater than zero.";
        }

        if (!IsDirection(instruction.Direction))
        {
            return $"direction '{instruction.Direction}' is not DEBIT or CREDIT.";
        }

        return instruction.ReversalOf is { } reversalOf && (string.IsNullOrWhiteSpace(reversalOf) || reversalOf.Length > 64)
            ? "reversalOf must be null or an instruction id (at most 64 characters)."
            : null;
    }

    /// <summary>BIC8 or BIC11: 4 letters (bank), 2 letters (country), 2 letters or digits (location), optional 3 (branch).</summary>
    public static bool IsBic(string? text)
    {
        if (text is null || (text.Length != 8 && text.Length != 11))
        {
            return false;
        }

        for (int i = 0; i < text.Length; i++)
        {
            bool ok = i < 6 ? char.IsAsciiLetterUpper(text[i]) : char.IsAsciiLetterUpper(text[i]) || char.IsAsciiDigit(text[i]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static bool IsDirection(string? text) => text is Debit or Credit;
}
