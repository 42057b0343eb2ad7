namespace DelTran.Host.Infrastructure.Configuration;

public sealed class OperatorOptions
{
    public string Name { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of each of the operator's keys; the keys themselves come only from the operator.</summary>
    public List<string> ApiKeySha256 { get; set; } = [];
}
