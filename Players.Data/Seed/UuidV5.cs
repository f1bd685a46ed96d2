using System.Security.Cryptography;
using System.Text;

namespace Players.Data.Seed;

/// <summary>Name-based UUIDs (version 5, SHA-1) as RFC 9562 §5.5 defines them.</summary>
public static class UuidV5
{
    public static Guid Create(Guid namespaceId, string name)
    {
        // RFC 9562 hashes the namespace in network byte order, then the name's UTF-8 bytes.
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        nameBytes.CopyTo(input, 16);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
