namespace DelTran.Host.Clearing;

/// <summary>A run's lease was taken over by another instance: it stops without writing; the new holder carries on.</summary>
public sealed class WindowLeaseLostException(string message) : Exception(message);
