namespace DelTran.Core.Aml;

public enum AmlSeverity
{
    Low,
    Medium,
    High,
}
