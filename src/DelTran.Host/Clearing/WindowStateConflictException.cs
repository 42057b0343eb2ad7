namespace DelTran.Host.Clearing;

/// <summary>Lost a race for a window's state to another instance: the winner carries on, the loser stops.</summary>
public sealed class WindowStateConflictException(string message) : Exception(message);
