namespace DelTran.Core.Clearing;

/// <summary>
/// A closing window's netting, judged: NETTED with its efficiency, or FAILED before any money moves. <see cref="Cause"/> is
/// the transition's cause (for a failure, also the window's failure reason).
/// </summary>
public sealed record WindowNettingVerdict(WindowState To, string Cause, decimal Efficiency)
{
    public bool Netted => To == WindowState.Netted;
}
