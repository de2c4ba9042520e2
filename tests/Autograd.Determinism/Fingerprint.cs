using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Autograd.Determinism;

/// <summary>
/// A SHA-256 of the raw bits of numbers, in the order they are added: two runs give the same fingerprint only if
/// every bit of every number agrees, -0 against +0 included. Bytes are written little-endian whatever the machine,
/// and each array is preceded by its length so that no two sequences run together.
/// </summary>
/// <remarks>
/// Every NaN is hashed as the same NaN: whether a result is NaN counts, its sign and payload do not. When both
/// operands of an x86 addition are NaN the result is the first one, and the JIT may swap the operands of a
/// commutative operation (it does, between tier-0 and optimised code), so which NaN comes out is not something a
/// library can fix; IEEE 754 leaves it unspecified too.
/// </remarks>
internal sealed class Fingerprint : IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly byte[] buffer = new byte[8];

    public void Add(double value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer, BitConverter.DoubleToInt64Bits(double.IsNaN(value) ? double.NaN : value));
        hash.AppendData(buffer);
    }

    public void Add(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(buffer, value);
        hash.AppendData(buffer, 0, sizeof(int));
    }

    public void Add(ReadOnlySpan<double> values)
    {
        Add(values.Length);
        foreach (double value in values)
        {
            Add(value);
        }
    }

    public void Add(ReadOnlySpan<int> values)
    {
        Add(values.Length);
        foreach (int value in values)
        {
            Add(value);
        }
    }

    /// <summary>Adds a tensor's values, then its gradient.</summary>
    public void Add(Tensor tensor)
    {
        Add(tensor.Data);
        Add(tensor.Grad);
    }

    /// <summary>The first 16 hexadecimal digits of the hash, which is plenty to tell runs apart.</summary>
    public string Finish() => Convert.ToHexStringLower(hash.GetHashAndReset())[..16];

    public void Dispose() => hash.Dispose();
}
