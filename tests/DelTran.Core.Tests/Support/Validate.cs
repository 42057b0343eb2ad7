using System.Text;
using DelTran.Core.Validation;

namespace DelTran.Core.Tests.Support;

/// <summary>Shorthands for running the validator with DelTran's demo participants and the test business date.</summary>
public static class Validate
{
    public static MessageValidator Validator { get; } = new(UsageGuidelineSchemas.Compiled, Rulebook.Default, Pacs008Builder.Participants);

    public static ValidationReport Xml(string xml, IDuplicateRegistry? registry = null) =>
        Stream(new MemoryStream(Encoding.UTF8.GetBytes(xml)), registry);

    public static ValidationReport Stream(Stream stream, IDuplicateRegistry? registry = null) =>
        Validator.Validate(stream, new ValidationContext(Pacs008Builder.BusinessDate, registry ?? new InMemoryDuplicateRegistry()));

    public static ValidationReport Message(Pacs008Builder builder, IDuplicateRegistry? registry = null) => Xml(builder.Build(), registry);

    public static string[] Codes(this ValidationReport report) => [.. report.Issues.Select(i => i.Code)];
}
