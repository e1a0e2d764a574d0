namespace EscalationForecast.Hawkes;

/// <summary>
/// Logistic recalibration of forecast probabilities (Platt 1999; Cox 1958's calibration regression):
///   logit p' = a + b · logit p,   p clipped to [1e-4, 1 − 1e-4],
/// fitted to earlier forecasts and their outcomes by penalised maximum likelihood, Newton-Raphson on (a, b), with
/// the priors a ~ N(0, 0.5²), b ~ N(1, 0.25²) that shrink it to the identity (a = 0, b = 1) when the earlier days
/// say little. Fitted only on forecasts whose outcomes were known before the day it is applied to.
/// </summary>
public sealed record Recalibration(double Intercept, double Slope)
{
    public static Recalibration Identity { get; } = new(0, 1);

    private const double InterceptSd = 0.5, SlopeSd = 0.25, Clip = 1e-4;

    public double Apply(double p)
    {
        double z = Intercept + Slope * Logit(p);
        return 1 / (1 + Math.Exp(-z));
    }

    public static double Logit(double p)
    {
        double c = Math.Clamp(p, Clip, 1 - Clip);
        return Math.Log(c / (1 - c));
    }

    /// <summary>
    /// Maximises Σ_i [o_i log q_i + (1 − o_i) log(1 − q_i)] − a²/(2·0.5²) − (b − 1)²/(2·0.25²), q_i = σ(a + b z_i):
    /// gradient (Σ (o − q), Σ (o − q) z) minus the prior's, Hessian −Σ q(1 − q) (1, z; z, z²) minus its precisions.
    /// </summary>
    public static Recalibration Fit(ReadOnlySpan<double> probabilities, ReadOnlySpan<bool> outcomes)
    {
        double a = 0, b = 1;
        for (int iteration = 0; iteration < 50; iteration++)
        {
            double ga = -a / (InterceptSd * InterceptSd), gb = -(b - 1) / (SlopeSd * SlopeSd);
            double haa = 1 / (InterceptSd * InterceptSd), hab = 0, hbb = 1 / (SlopeSd * SlopeSd);
            for (int i = 0; i < probabilities.Length; i++)
            {
                double z = Logit(probabilities[i]), q = 1 / (1 + Math.Exp(-(a + b * z))), r = (outcomes[i] ? 1 : 0) - q, w = q * (1 - q);
                ga += r; gb += r * z;
                haa += w; hab += w * z; hbb += w * z * z;
            }
            double det = haa * hbb - hab * hab;
            double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
            a += da; b += db;
            if (Math.Abs(da) + Math.Abs(db) < 1e-10) break;
        }
        return new Recalibration(a, b);
    }
}
