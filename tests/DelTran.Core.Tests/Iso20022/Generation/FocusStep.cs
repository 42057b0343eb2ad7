using System.Xml.Schema;

namespace DelTran.Core.Tests.Iso20022.Generation;

/// <summary>One step of a <see cref="FocusItem"/>: inside an element of <paramref name="Type"/>, include <paramref name="Particle"/>.</summary>
public sealed record FocusStep(XmlSchemaComplexType Type, XmlSchemaParticle Particle);
