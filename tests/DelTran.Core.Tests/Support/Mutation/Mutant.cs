namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// One mutated document: the bytes, and everything needed to make it again (seed and index) and to say what it is.
/// </summary>
public sealed record Mutant(int Seed, int Index, string Sample, MutationKind Kind, string Description, byte[] Bytes)
{
    /// <summary>Seed, index, sample and mutation, as printed in a failure so the mutant can be replayed.</summary>
    public override string ToString() =>
        $"mutant #{Index} (seed {Seed}) of {Sample}: {Kind} {Description} [{Bytes.Length} bytes]";
}
