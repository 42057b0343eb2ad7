using System.Globalization;

namespace DelTran.Core.Fx;

/// <summary>A problem in a rates file: the line (1-based; 0 for the file as a whole), the field, its value and why.</summary>
public sealed record FxRatesError(int Line, string Field, string Value, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}, {Field} '{Value}': {Reason}");
}
