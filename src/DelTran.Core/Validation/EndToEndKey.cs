using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DelTran.Core.Validation;

/// <summary>
/// An EndToEndId within its debtor agent's scope, as a 128-bit fingerprint: duplicate checks hold many of them,
/// and the strings would cost about 150 bytes each. Two different pairs share a key only by a 128-bit collision
/// (about 1e-28 among 300k transactions).
/// </summary>
public readonly record struct EndToEndKey(UInt128 Value)
{
    public static EndToEndKey Of(string debtorAgentInstitution, string endToEndId)
    {
        // "<length of the agent>:<agent><id>" in UTF-8: the agent's length first keeps ("AB", "C") apart from ("A", "BC").
        int maxBytes = 11 + Encoding.UTF8.GetMaxByteCount(debtorAgentInstitution.Length + endToEndId.Length);
        Span<byte> key = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        debtorAgentInstitution.Length.TryFormat(key, out int at, provider: CultureInfo.InvariantCulture);
        key[at++] = (byte)':';
        at += Encoding.UTF8.GetBytes(debtorAgentInstitution, key[at..]);
        at += Encoding.UTF8.GetBytes(endToEndId, key[at..]);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(key[..at], digest);
        return new EndToEndKey(BinaryPrimitives.ReadUInt128LittleEndian(digest));
    }
}
