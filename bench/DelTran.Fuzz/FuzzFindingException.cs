namespace DelTran.Fuzz;

/// <summary>Thrown by the harness when the validator's verdict breaks a rule the fuzzer checks; afl-fuzz records it as a crash.</summary>
public sealed class FuzzFindingException : Exception
{
    public FuzzFindingException()
    {
    }

    public FuzzFindingException(string message)
        : base(message)
    {
    }

    public FuzzFindingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
