namespace DelTran.Bench;

/// <summary>
/// A small, fast, deterministic pseudo-random generator (SplitMix64). Used instead of <see cref="Random"/>
/// so the generated file is the same byte for byte for a given seed on every runtime version.
/// Not for anything secret.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A stream of its own for item <paramref name="index"/> of run <paramref name="seed"/>.</summary>
    public static SplitMix64 For(ulong seed, long index)
    {
        var mixer = new SplitMix64(seed ^ 0x5DEECE66DUL);
        ulong a = mixer.Next();
        return new SplitMix64(a ^ ((ulong)index * 0x9E3779B97F4A7C15UL));
    }

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, <paramref name="bound"/>).</summary>
    public int Below(int bound) => (int)((Next() >> 33) % (ulong)bound);

    /// <summary>True with probability <paramref name="percent"/> / 100.</summary>
    public bool Chance(int percent) => Below(100) < percent;

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];

    /// <summary>A string of <paramref name="length"/> decimal digits, the first not zero.</summary>
    public string Digits(int length)
    {
        Span<char> buffer = length <= 64 ? stackalloc char[length] : new char[length];
        for (int i = 0; i < length; i++)
        {
            buffer[i] = (char)('0' + (i == 0 ? 1 + Below(9) : Below(10)));
        }

        return new string(buffer);
    }
}
