using System.Diagnostics.CodeAnalysis;

namespace DelTran.Core.Iso20022;

/// <summary>A unique end-to-end transaction reference: a lowercase UUID version 4, as ISO 20022 and SWIFT gpi define it.</summary>
public readonly record struct Uetr
{
    private Uetr(Guid value) => Value = value;

    public Guid Value { get; }

    public static bool TryParse([NotNullWhen(true)] string? text, out Uetr uetr)
    {
        uetr = default;
        // Same shape as the schema pattern: version nibble 4, variant 8..b, lowercase hex.
        if (text is not { Length: 36 } || text[14] != '4' || text[19] is not ('8' or '9' or 'a' or 'b'))
        {
            return false;
        }

        foreach (char c in text)
        {
            if (c != '-' && !char.IsAsciiDigit(c) && c is not (>= 'a' and <= 'f'))
            {
                return false;
            }
        }

        if (!Guid.TryParseExact(text, "D", out Guid guid))
        {
            return false;
        }

        uetr = new Uetr(guid);
        return true;
    }

    public static Uetr FromGuid(Guid guid)
    {
        // Force version 4 / RFC 4122 variant bits so any source of randomness yields a valid UETR.
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Uetr(new Guid(bytes, bigEndian: true));
    }

    public override string ToString() => Value.ToString("D");
}
