namespace DelTran.Host.Infrastructure.Configuration;

public sealed class ParticipantOptions
{
    public string Bic { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;

    /// <summary>SHA-256 (hex) of the participant's API keys; keys themselves never appear in configuration.</summary>
    public List<string> ApiKeySha256 { get; set; } = [];

    public List<SettlementAccountOptions> Accounts { get; set; } = [];

    /// <summary>
    /// The corridors (written IN-AE:AED, as <c>DelTran:Liquidity:Corridors</c>) in which the participant's payments, as
    /// debtor, settle at once in tokens when it holds enough; empty (the default) keeps every payment on the window path.
    /// </summary>
    public List<string> InstantSettlement { get; set; } = [];
}
