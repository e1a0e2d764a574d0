using EscalationForecast.Api.Http;

namespace EscalationForecast.Api.Forecasts.Backtest;

/// <summary>A backtest's rows as CSV, one record per forecast day: the model's and the baselines' probabilities, the expected and observed counts, the outcome.</summary>
public static class BacktestCsv
{
    public static IResult Answer(BacktestDocument document) =>
        Csv.Of(document.Items.Select(d => (document.TheaterId, document.HorizonDays, document.Threshold, Day: d)), Columns);

    private static readonly CsvColumn<(string TheaterId, int HorizonDays, int Threshold, BacktestDay Day)>[] Columns =
    [
        new("theaterId", r => r.TheaterId),
        new("date", r => r.Day.Date),
        new("horizonDays", r => r.HorizonDays),
        new("threshold", r => r.Threshold),
        new("probability", r => r.Day.Probability),
        new("expected", r => r.Day.Expected),
        new("climatology", r => r.Day.Climatology),
        new("poisson7", r => r.Day.Poisson7),
        new("observed", r => r.Day.Observed),
        new("escalation", r => r.Day.Escalation),
    ];
}
