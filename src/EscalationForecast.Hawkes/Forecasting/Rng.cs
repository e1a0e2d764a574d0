namespace EscalationForecast.Hawkes;

/// <summary>
/// xoshiro256** (Blackman &amp; Vigna 2018) seeded by SplitMix64 from (seed, stream): a stream per block of paths
/// makes parallel simulation reproducible bit for bit whatever the scheduling.
/// </summary>
internal struct Rng
{
    private ulong _s0, _s1, _s2, _s3;

    public Rng(int seed, int stream)
    {
        ulong z = (ulong)(uint)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)stream << 32 | 0x5851F42DUL);
        _s0 = SplitMix(ref z); _s1 = SplitMix(ref z); _s2 = SplitMix(ref z); _s3 = SplitMix(ref z);
    }

    private static ulong SplitMix(ref ulong z)
    {
        ulong r = z += 0x9E3779B97F4A7C15UL;
        r = (r ^ (r >> 30)) * 0xBF58476D1CE4E5B9UL;
        r = (r ^ (r >> 27)) * 0x94D049BB133111EBUL;
        return r ^ (r >> 31);
    }

    public ulong Next()
    {
        ulong result = ulong.RotateLeft(_s1 * 5, 7) * 9, t = _s1 << 17;
        _s2 ^= _s0; _s3 ^= _s1; _s1 ^= _s2; _s0 ^= _s3; _s2 ^= t; _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on (0, 1].</summary>
    public double NextUnit() => ((Next() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Exp(rate) by inversion.</summary>
    public double NextExponential(double rate) => -Math.Log(NextUnit()) / rate;
}
