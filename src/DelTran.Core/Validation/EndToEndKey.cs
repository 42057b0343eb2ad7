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
        // The agent's length first keeps ("AB", "C") apart from ("A", "BC").
        string key = string.Concat(debtorAgentInstitution.Length.ToString(CultureInfo.InvariantCulture), ":", debtorAgentInstitution, endToEndId);
        int maxBytes = Encoding.UTF8.GetMaxByteCount(key.Length);
        Span<byte> utf8 = maxBytes <= 1024 ? stackalloc byte[maxBytes] : new byte[maxBytes];
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(utf8[..Encoding.UTF8.GetBytes(key, utf8)], digest);
        return new EndToEndKey(BinaryPrimitives.ReadUInt128LittleEndian(digest));
    }
}
