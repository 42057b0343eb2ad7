namespace DelTran.Host.Infrastructure.Banks;

/// <summary>A bank's statement of the account it holds for DelTran's token reserve: its balance in one currency, from its own books.</summary>
public sealed record BankReserveStatement(string Currency, decimal Balance, int Bookings, DateTimeOffset AsOf);
