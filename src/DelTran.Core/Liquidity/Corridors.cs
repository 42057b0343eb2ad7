using DelTran.Core.Amounts;
using DelTran.Core.Iso20022;

namespace DelTran.Core.Liquidity;

/// <summary>The currencies DelTran settles and the corridors it clears in them; every corridor's currency must be one of the currencies.</summary>
public sealed class Corridors
{
    private readonly HashSet<Corridor> _corridors;
    private readonly HashSet<Currency> _currencies;

    public Corridors(IEnumerable<Currency> currencies, IEnumerable<Corridor> corridors)
    {
        ArgumentNullException.ThrowIfNull(currencies);
        ArgumentNullException.ThrowIfNull(corridors);
        _currencies = [.. currencies];
        _corridors = [];
        foreach (Corridor corridor in corridors)
        {
            if (!_currencies.Contains(corridor.Currency))
            {
                throw new ArgumentException($"Corridor {corridor} settles in {corridor.Currency}, which is not a configured currency.", nameof(corridors));
            }

            if (!CountryCodes.IsAssigned(corridor.DebtorCountry) || !CountryCodes.IsAssigned(corridor.CreditorCountry))
            {
                throw new ArgumentException($"Corridor {corridor} names a country code that ISO 3166 does not assign.", nameof(corridors));
            }

            _corridors.Add(corridor);
        }
    }

    public IReadOnlyCollection<Currency> Currencies => _currencies;

    public IReadOnlyCollection<Corridor> All => _corridors;

    public bool IsCurrencyAllowed(Currency currency) => _currencies.Contains(currency);

    public bool IsAllowed(Corridor corridor) => _corridors.Contains(corridor);
}
