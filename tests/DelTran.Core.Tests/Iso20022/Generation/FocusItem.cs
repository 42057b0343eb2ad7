using System.Xml.Schema;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>
/// What one generated instance is made to contain: a chain of (complex type, particle) steps from the root to a
/// site, each step taken at least once and the last one repeated up to its capped maximum (a choice takes the
/// branch on the chain), and optionally a value case that every value of one simple type in the instance uses.
/// Cycling through every focus item covers every element, every choice branch, every repetition maximum and
/// every value case of the schema.
/// </summary>
public sealed record FocusItem(string Label, IReadOnlyList<FocusStep> Steps, XmlSchemaSimpleType? ValueType = null, string? ValueCase = null);
