namespace EscalationForecast.Hawkes;

/// <summary>
/// ℓ(x) = Σ_(t ≥ burn-in) log NB(N_t; λ_t, r) of <see cref="DayCountModel"/>, the states run from
/// L_0 = E_0 = the mean count of the first 14 days. The parameter vector is laid out as in <see cref="DayCountFitter"/>.
/// </summary>
internal sealed class DayCountLikelihood(int[] counts, int firstDay, double[] exposures, int families, DayCountOptions options)
{
    private const int Omega = 0, LevelLogit = 1, ExcitationLogit = 2, LevelMemory = 3, ExcitationRatio = 4, LogSize = 5, Weekday = 6, Gamma = 12;
    /// <summary>Neutral values of the parts switched off: no weight, a Poisson count (r = e^50), no weekday or context effect.</summary>
    private const double Off = -50, PoissonLogSize = 50;

    public int Length => Gamma + families;

    public double InitialLevel { get; } = counts.Length == 0 ? 0.5 : Math.Max(counts.Take(14).Average(), 0.1);

    private double MeanCount => Math.Max(counts.Length == 0 ? 0.5 : counts.Average(), 0.05);

    public int[] Active()
    {
        var active = new List<int> { Omega };
        if (options.Level) active.Add(LevelLogit);
        if (options.Excitation) active.Add(ExcitationLogit);
        if (options.Level) active.Add(LevelMemory);
        if (options.Excitation) active.Add(ExcitationRatio);
        if (options.Overdispersion) active.Add(LogSize);
        if (options.DayOfWeek) active.AddRange(Enumerable.Range(Weekday, 6));
        active.AddRange(Enumerable.Range(Gamma, families));
        return active.ToArray();
    }

    /// <summary>ω = 10% of the mean count, a_L = 0.8, a_E = 0.1, φ_L = 0.9, φ_E = 0.45, r = 10.</summary>
    public double[] Start()
    {
        var x = new double[Length];
        x[Omega] = Math.Log(0.1 * MeanCount);
        x[LevelLogit] = options.Level ? Math.Log(8) : Off;
        x[ExcitationLogit] = options.Excitation ? 0 : Off;
        x[LevelMemory] = Math.Log(9);
        x[ExcitationRatio] = 0;
        x[LogSize] = options.Overdispersion ? Math.Log(10) : PoissonLogSize;
        if (!options.Level && !options.Excitation) x[Omega] = Math.Log(MeanCount);
        return x;
    }

    public double[] PriorMean()
    {
        var m = new double[Length];
        m[Omega] = Math.Log(MeanCount);
        m[LevelMemory] = Math.Log(9);
        m[LogSize] = Math.Log(10);
        return m;
    }

    public static double PriorSd(int i) => i switch
    {
        Omega => 5, LevelLogit or ExcitationLogit => 3, LevelMemory or ExcitationRatio => 2, LogSize => 3,
        < Gamma => 0.5, _ => 1,
    };

    public double LogLikelihood(double[] x)
    {
        var (omega, aL, aE, phiL, phiE, r) = Main(x);
        Span<double> s = stackalloc double[7];
        WeekdayMultipliers(x, s);
        double level = InitialLevel, excitation = InitialLevel, ll = 0;
        for (int t = 0; t < counts.Length; t++)
        {
            double c = 0;
            for (int j = 0; j < families; j++) c += x[Gamma + j] * exposures[t * families + j];
            double mean = s[DayCountModel.Weekday(firstDay + t)] * Math.Exp(c) * (omega + aL * level + aE * excitation);
            if (t >= DayCountFitter.BurnInDays || counts.Length <= DayCountFitter.BurnInDays)
                ll += NegativeBinomial.LogPmf(counts[t], mean, r);
            level = phiL * level + (1 - phiL) * counts[t];
            excitation = phiE * excitation + (1 - phiE) * counts[t];
        }
        return ll;
    }

    private (double Omega, double AL, double AE, double PhiL, double PhiE, double R) Main(double[] x)
    {
        double eL = Math.Exp(x[LevelLogit]), eE = Math.Exp(x[ExcitationLogit]), z = 1 + eL + eE;
        double phiL = Sigmoid(x[LevelMemory]);
        double r = options.Overdispersion ? Math.Exp(x[LogSize]) : double.PositiveInfinity;
        return (Math.Exp(x[Omega]), options.Level ? eL / z : 0, options.Excitation ? eE / z : 0, phiL, phiL * Sigmoid(x[ExcitationRatio]), r);
    }

    private void WeekdayMultipliers(double[] x, Span<double> s)
    {
        double sum = 0;
        for (int w = 0; w < 6; w++) { double v = options.DayOfWeek ? x[Weekday + w] : 0; s[w] = Math.Exp(v); sum += v; }
        s[6] = Math.Exp(-sum);
    }

    private static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));

    public DayCountModel Model(double[] x, int first, int endDay, string[] names, double ll, double aic, bool converged)
    {
        var (omega, aL, aE, phiL, phiE, r) = Main(x);
        var s = new double[7];
        WeekdayMultipliers(x, s);
        return new DayCountModel
        {
            FirstDay = first, EndDay = endDay, Base = omega, LevelWeight = aL, LevelMemory = phiL,
            ExcitationWeight = aE, ExcitationMemory = phiE, Size = r, DayOfWeek = s,
            EffectFamilies = names, EffectLogMultipliers = Enumerable.Range(0, families).Select(j => x[Gamma + j]).ToArray(),
            InitialLevel = InitialLevel, LogLikelihood = ll, Aic = aic, Converged = converged,
        };
    }
}
