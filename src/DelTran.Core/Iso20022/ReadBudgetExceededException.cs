namespace DelTran.Core.Iso20022;

/// <summary>Raised by <see cref="ReadBudget"/>; the validator turns it into an FF01 issue that names the budget.</summary>
public sealed class ReadBudgetExceededException : Exception
{
    public ReadBudgetExceededException()
    {
    }

    public ReadBudgetExceededException(string message)
        : base(message)
    {
    }

    public ReadBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
