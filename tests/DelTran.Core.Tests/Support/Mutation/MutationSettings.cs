using System.Globalization;

namespace DelTran.Core.Tests.Support.Mutation;

/// <summary>
/// How many mutants to make and from which seed, from the environment: DELTRAN_MUTANTS (count, default
/// <see cref="DefaultCount"/>), DELTRAN_MUTATION_SEED (default <see cref="DefaultSeed"/>) and DELTRAN_MUTANT (one mutant
/// only, to replay a failure).
/// </summary>
public sealed record MutationSettings(int Count, int Seed, int? Only)
{
    /// <summary>What CI runs: every sample about 134 times, 16 to 18 per kind (see the figures in README.md, "Tests").</summary>
    public const int DefaultCount = 20_000;

    public const int DefaultSeed = 14;

    public static MutationSettings FromEnvironment() => new(
        Read("DELTRAN_MUTANTS") ?? DefaultCount,
        Read("DELTRAN_MUTATION_SEED") ?? DefaultSeed,
        Read("DELTRAN_MUTANT"));

    /// <summary>The indexes of the mutants of one kind, in order.</summary>
    public IEnumerable<int> IndexesOf(MutationKind kind)
    {
        if (Only is { } only)
        {
            return Mutator.KindOf(only) == kind ? [only] : [];
        }

        int step = Mutator.Kinds.Count;
        int first = Mutator.Kinds.ToList().IndexOf(kind);
        return Enumerable.Range(0, Math.Max(0, (Count - first + step - 1) / step)).Select(i => first + (i * step));
    }

    /// <summary>The command line that makes mutant <paramref name="index"/> again, alone.</summary>
    public string ReplayCommand(int index) => string.Create(
        CultureInfo.InvariantCulture,
        $"DELTRAN_MUTATION_SEED={Seed} DELTRAN_MUTANT={index} dotnet test tests/DelTran.Core.Tests --filter FullyQualifiedName~MutationTests");

    private static int? Read(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } text
            ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
            : null;
}
