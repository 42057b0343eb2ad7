using System.Diagnostics.CodeAnalysis;

namespace DelTran.Core.Iso20022.Writing;

public static class ChargeBearerCodes
{
    public static string ToIsoCode(this ChargeBearer bearer) => bearer switch
    {
        ChargeBearer.Shared => "SHAR",
        ChargeBearer.BorneByDebtor => "DEBT",
        ChargeBearer.BorneByCreditor => "CRED",
        ChargeBearer.FollowingServiceLevel => "SLEV",
        _ => throw new ArgumentOutOfRangeException(nameof(bearer), bearer, "Unknown charge bearer."),
    };

    /// <summary>Parses ChrgBr as read; pain.001 uses the same four codes.</summary>
    public static bool TryParse([NotNullWhen(true)] string? code, out ChargeBearer bearer)
    {
        (bool ok, bearer) = code switch
        {
            "SHAR" => (true, ChargeBearer.Shared),
            "DEBT" => (true, ChargeBearer.BorneByDebtor),
            "CRED" => (true, ChargeBearer.BorneByCreditor),
            "SLEV" => (true, ChargeBearer.FollowingServiceLevel),
            _ => (false, ChargeBearer.Shared),
        };
        return ok;
    }
}
