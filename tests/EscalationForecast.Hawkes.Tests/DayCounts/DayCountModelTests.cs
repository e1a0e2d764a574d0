using EscalationForecast.Hawkes;

namespace EscalationForecast.Hawkes.Tests.DayCounts;

/// <summary>
/// The day-count model: its recursion against the kernel sum it stands for, and simulation recovery of the
/// parameters that the backtest keeps (level, NB size, day of week).
/// </summary>
public class DayCountModelTests
{
    private static DayCountModel Truth(double levelWeight = 0.7, double memory = 0.9, double size = 5) => new()
    {
        FirstDay = 0, EndDay = 0, Base = 3, LevelWeight = levelWeight, LevelMemory = memory, ExcitationWeight = 0, ExcitationMemory = 0.3,
        Size = size, DayOfWeek = [1.3, 1, 1, 1, 1, 1, 1 / 1.3], EffectFamilies = [], EffectLogMultipliers = [], InitialLevel = 10,
        LogLikelihood = 0, Aic = 0,
    };

    private static EventHistory Simulate(DayCountModel model, int days, int seed, Covariates? covariates = null)
    {
        var random = new Random(seed);
        var times = new List<double>();
        var counts = new List<int>();
        for (int t = 0; t < days; t++)
        {
            var (level, excitation) = model.StateAt(counts.ToArray(), t);
            int n = NegativeBinomial.Sample(model.Mean(t, level, excitation, covariates ?? Covariates.None), model.Size, random);
            counts.Add(n);
            for (int i = 0; i < n; i++) times.Add(t);
        }
        return new EventHistory(["events"], times.ToArray(), new int[times.Count], DayPrecision: Enumerable.Repeat(true, times.Count).ToArray());
    }

    [Fact]
    public void The_recursion_is_the_two_exponential_day_kernel()
    {
        var model = Truth() with { ExcitationWeight = 0.2, LevelWeight = 0.5 };
        int[] counts = [4, 0, 9, 2, 7, 1, 3, 12, 5];
        var (level, excitation) = model.StateAt(counts, counts.Length);
        // λ = ω + Σ_c a_c [φ_c^T L_0 + Σ_(j=1..T) (1 − φ_c) φ_c^(j−1) N_(T−j)]
        double naive = model.Base;
        foreach (var (a, phi) in new[] { (model.LevelWeight, model.LevelMemory), (model.ExcitationWeight, model.ExcitationMemory) })
        {
            double s = Math.Pow(phi, counts.Length) * model.InitialLevel;
            for (int j = 1; j <= counts.Length; j++) s += (1 - phi) * Math.Pow(phi, j - 1) * counts[^j];
            naive += a * s;
        }
        Assert.Equal(naive, model.Base + model.LevelWeight * level + model.ExcitationWeight * excitation, 10);
    }

    [Fact]
    public void A_fit_recovers_the_level_the_dispersion_and_the_day_of_week()
    {
        var truth = Truth();
        var fit = DayCountFitter.Fit(Simulate(truth, 5_000, 11), Covariates.None, 5_000);
        Assert.InRange(fit.LevelWeight, 0.5, 0.85); // traded against ω: the stationary mean below is what is identified
        Assert.InRange(fit.LevelMemory, 0.82, 0.95);
        Assert.InRange(fit.Size, 4, 6.5);
        Assert.InRange(fit.DayOfWeek[0] / fit.DayOfWeek[6], 1.3 * 1.3 * 0.85, 1.3 * 1.3 * 1.15);
        Assert.InRange(fit.Base / (1 - fit.LevelWeight), 0.8 * 10, 1.2 * 10); // the stationary mean ω/(1 − a)
    }

    [Fact]
    public void Poisson_data_give_a_large_size_and_the_one_day_forecast_is_exact()
    {
        var truth = Truth(size: double.PositiveInfinity);
        var history = Simulate(truth, 1_000, 5);
        var fit = DayCountFitter.Fit(history, Covariates.None, 1_000);
        Assert.True(fit.Size > 50, $"size {fit.Size}");
        var (mean, size) = DayCountForecaster.NextDay(fit, history, Covariates.None, 1_000);
        var forecast = DayCountForecaster.Forecast(fit, history, Covariates.None, 1_000, 1, new ForecastOptions { AtLeast = [1, 12] });
        Assert.Equal(mean, forecast.ExpectedCount, 12);
        Assert.Equal(NegativeBinomial.AtLeast(mean, size, 12), forecast.ProbabilityAtLeast[12], 12);
        var week = DayCountForecaster.Forecast(fit, history, Covariates.None, 1_000, 7, new ForecastOptions { Paths = 4_000 });
        Assert.InRange(week.ExpectedCount / 7, 0.7 * 10, 1.3 * 10); // near the stationary mean ω/(1 − a) = 10
    }

    [Fact]
    public void Scheduled_dates_ramp_the_mean_and_their_family_multiplier_is_recovered()
    {
        // Two deadlines a year, each ramping over 20 days before it and fading over 5 after, ×2.5 at the peak.
        var deadlines = new Covariates(Enumerable.Range(0, 28).Select(k => Covariates.Ramp("deadline", $"d{k}", 90 + 180 * k, 20, 5)).ToArray());
        var truth = Truth() with { EffectFamilies = ["deadline"], EffectLogMultipliers = [Math.Log(2.5)] };
        Assert.Equal(truth.Multiplier(90, Covariates.None) * 2.5, truth.Multiplier(90, deadlines), 12);
        Assert.Equal(truth.Multiplier(80, Covariates.None) * Math.Pow(2.5, 11.0 / 21), truth.Multiplier(80, deadlines), 12); // 10 days before: x = 1 − 10/21
        var fit = DayCountFitter.Fit(Simulate(truth, 5_000, 17, deadlines), deadlines, 5_000);
        Assert.Equal(["deadline"], fit.EffectFamilies);
        Assert.InRange(Math.Exp(fit.EffectLogMultipliers[0]), 2.5 * 0.8, 2.5 * 1.25);
    }
}
