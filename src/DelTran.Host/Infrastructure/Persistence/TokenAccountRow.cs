using DelTran.Core.Amounts;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>
/// A token account's balance: a participant's (<see cref="ParticipantBic"/>) or DelTran's reserve or suspense in one
/// currency, named as in the ledger (<c>TOKEN:SRCBINBB</c>, <c>TOKEN-RESERVE</c>, <c>TOKEN-SUSPENSE</c>). Posted always
/// equals the sum of the account's ledger postings; locked is what pending transfers and burns hold.
/// </summary>
public sealed class TokenAccountRow
{
    public required string Account { get; set; }

    public required Currency Currency { get; set; }

    public string? ParticipantBic { get; set; }

    public decimal Posted { get; set; }

    public decimal Locked { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
