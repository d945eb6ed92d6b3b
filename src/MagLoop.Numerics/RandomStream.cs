using System.Numerics;

namespace MagLoop.Numerics;

/// <summary>
/// A seeded stream of random numbers (xoshiro256**, seeded by SplitMix64). Each source of randomness (a
/// machine's failures, a spoke's trucks) takes its own stream, derived from the run's seed and a stable name, so
/// adding a source leaves the others' draws unchanged. Same seed and name, same numbers, on every platform.
/// </summary>
public sealed class RandomStream
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal = double.NaN;

    /// <summary>A stream for <paramref name="seed"/>.</summary>
    public RandomStream(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>The stream of source <paramref name="name"/> in a run seeded with <paramref name="seed"/>.</summary>
    public static RandomStream For(long seed, string name) => new(Derive(seed, name));

    /// <summary>The stream of source number <paramref name="index"/> in a run seeded with <paramref name="seed"/>.</summary>
    public static RandomStream For(long seed, long index)
    {
        var x = unchecked((ulong)seed * 0x9E3779B97F4A7C15UL) ^ unchecked((ulong)index);
        return new(SplitMix(ref x));
    }

    /// <summary>
    /// Stream number <paramref name="index"/> of source <paramref name="name"/> in a run seeded with <paramref name="seed"/>:
    /// Monte Carlo draw k takes stream k, so a draw's numbers depend only on (seed, name, k) and any subset of the
    /// draws (a shard, a thread's share) is computed alone with the same numbers.
    /// </summary>
    public static RandomStream For(long seed, string name, long index)
    {
        var x = Derive(seed, name) ^ unchecked((ulong)index * 0xD1B54A32D192ED03UL);
        return new(SplitMix(ref x));
    }

    /// <summary>A seed for a named source or a replication, stable across platforms and runs (FNV-1a of the name).</summary>
    public static ulong Derive(long seed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var hash = 14695981039346656037UL;
        foreach (var c in name)
            hash = unchecked((hash ^ c) * 1099511628211UL);
        var x = unchecked((ulong)seed) ^ hash;
        return SplitMix(ref x);
    }

    private static ulong SplitMix(ref ulong x)
    {
        unchecked
        {
            var z = x += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>Next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        unchecked
        {
            var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
            var t = _s1 << 17;
            _s2 ^= _s0;
            _s3 ^= _s1;
            _s1 ^= _s2;
            _s0 ^= _s3;
            _s2 ^= t;
            _s3 = BitOperations.RotateLeft(_s3, 45);
            return result;
        }
    }

    /// <summary>Uniform on [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform on (0, 1]: safe under a logarithm.</summary>
    public double NextOpenDouble() => ((NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller; the second value of each pair is kept for the next call).</summary>
    public double NextStandardNormal()
    {
        if (!double.IsNaN(_spareNormal))
        {
            var spare = _spareNormal;
            _spareNormal = double.NaN;
            return spare;
        }

        var r = Math.Sqrt(-2.0 * Math.Log(NextOpenDouble()));
        var (sin, cos) = Math.SinCos(2.0 * Math.PI * NextDouble());
        _spareNormal = r * sin;
        return r * cos;
    }

    /// <summary>Exponential with the given mean.</summary>
    public double NextExponential(double mean) => -mean * Math.Log(NextOpenDouble());
}
