using DelTran.Core.Risk;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace DelTran.Host.Infrastructure.Persistence;

/// <summary>A <see cref="BreakerSubject"/> column, stored as its text ("participant SRCBINBB", "corridor IN->AE INR").</summary>
public sealed class BreakerSubjectConverter(string column)
    : ValueConverter<BreakerSubject, string>(subject => subject.ToString(), text => Read(text, column))
{
    public BreakerSubjectConverter()
        : this(StoredColumns.Unnamed)
    {
    }

    private static BreakerSubject Read(string text, string column) =>
        BreakerSubject.TryParse(text, out BreakerSubject subject) ? subject : throw StoredValueException.Unreadable(column, text, "a breaker subject");
}
