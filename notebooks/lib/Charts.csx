// Small SVG charts for the notebooks: bars, lines, points, error bars, shaded bands and markers on a numeric or
// date axis. Written out as plain SVG (no script, no CDN), so a chart renders in VS Code, in Jupyter, on GitHub and
// in a notebook executed headlessly, online or not. Hovering a bar or point shows its numbers (SVG <title>).

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.DotNet.Interactive.Formatting;

public sealed class Chart
{
    private sealed record Series(string Kind, double[] X, double[] Y, double[]? Low, string Color, string? Label, double Size, string? Dash, string[]? Tips);
    private sealed record BandSpec(double From, double To, string Color, string? Label, double Opacity, string? Tip);
    private sealed record MarkerSpec(double X, string Color, string? Label, string? Tip);

    private readonly List<Series> series = new();
    private readonly List<BandSpec> bands = new();
    private readonly List<MarkerSpec> markers = new();
    private readonly List<(double Y, string Color, string? Label)> rules = new();
    private double? xMin, xMax, yMin, yMax;

    public Chart(string title, int width = 900, int height = 300) { Title = title; Width = width; Height = height; }

    public string Title { get; }
    public int Width { get; }
    public int Height { get; }
    public string XLabel { get; set; } = "";
    public string YLabel { get; set; } = "";
    /// <summary>X values are days since 1970-01-01, labelled as dates.</summary>
    public bool DateAxis { get; set; }
    /// <summary>X values are 0, 1, 2, ... labelled with these names.</summary>
    public string[]? XCategories { get; set; }
    /// <summary>Y values are 0, 1, 2, ... labelled with these names.</summary>
    public string[]? YCategories { get; set; }

    public static readonly string[] Palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"];

    public Chart Bars(double[] x, double[] y, string color, string? label = null, double width = 1, string[]? tips = null)
    { series.Add(new("bar", x, y, null, color, label, width, null, tips)); return this; }

    public Chart Line(double[] x, double[] y, string color, string? label = null, double width = 1.6, string? dash = null)
    { series.Add(new("line", x, y, null, color, label, width, dash, null)); return this; }

    /// <summary>A step line: y[i] holds over [x[i], x[i] + 1) (daily values on a day axis).</summary>
    public Chart Steps(double[] x, double[] y, string color, string? label = null, double width = 1.6, string? dash = null)
    { series.Add(new("step", x, y, null, color, label, width, dash, null)); return this; }

    public Chart Points(double[] x, double[] y, string color, string? label = null, double radius = 2.5, string[]? tips = null)
    { series.Add(new("point", x, y, null, color, label, radius, null, tips)); return this; }

    /// <summary>Vertical error bars from low[i] to high[i] at x[i].</summary>
    public Chart ErrorBars(double[] x, double[] low, double[] high, string color)
    { series.Add(new("error", x, high, low, color, null, 1.4, null, null)); return this; }

    /// <summary>A shaded area between low and high (a forecast fan, a confidence band).</summary>
    public Chart Area(double[] x, double[] low, double[] high, string color, string? label = null)
    { series.Add(new("area", x, high, low, color, label, 0, null, null)); return this; }

    /// <summary>A shaded vertical band over [from, to) (a ceasefire).</summary>
    public Chart Band(double from, double to, string color, string? label = null, double opacity = 0.15, string? tip = null)
    { bands.Add(new(from, to, color, label, opacity, tip)); return this; }

    /// <summary>A dashed vertical marker at x (an anniversary).</summary>
    public Chart Marker(double x, string color, string? label = null, string? tip = null)
    { markers.Add(new(x, color, label, tip)); return this; }

    /// <summary>A horizontal reference line (a threshold).</summary>
    public Chart Rule(double y, string color, string? label = null) { rules.Add((y, color, label)); return this; }

    public Chart XRange(double min, double max) { xMin = min; xMax = max; return this; }
    public Chart YRange(double min, double max) { yMin = min; yMax = max; return this; }

    public string ToSvg()
    {
        const int left = 62, right = 16, top = 46, bottom = 44;
        int pw = Width - left - right, ph = Height - top - bottom;
        var finiteX = series.SelectMany(s => s.X.Concat(s.Kind is "bar" or "step" ? s.X.Select(v => v + s.Size) : [])).Where(double.IsFinite).ToList();
        var finiteY = series.SelectMany(s => s.Y.Concat(s.Low ?? [])).Where(double.IsFinite).Concat(rules.Select(r => r.Y)).ToList();
        double x0 = xMin ?? (finiteX.Count > 0 ? finiteX.Min() : 0), x1 = xMax ?? (finiteX.Count > 0 ? finiteX.Max() : 1);
        double y0 = yMin ?? Math.Min(0, finiteY.Count > 0 ? finiteY.Min() : 0), y1 = yMax ?? (finiteY.Count > 0 ? finiteY.Max() : 1);
        if (!(x1 > x0)) x1 = x0 + 1;
        if (!(y1 > y0)) y1 = y0 + 1;
        var yTicks = NiceTicks(y0, y1, 5);
        if (yMax is null) y1 = Math.Max(y1, yTicks[^1]);
        yTicks = yTicks.Where(t => t >= y0 - 1e-9 && t <= y1 + 1e-9).ToArray();
        double X(double v) => left + (v - x0) / (x1 - x0) * pw;
        double Y(double v) => top + ph - (Math.Clamp(v, y0, y1) - y0) / (y1 - y0) * ph;

        var svg = new StringBuilder();
        svg.Append($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"11\" role=\"img\">");
        svg.Append($"<title>{Esc(Title)}</title><rect width=\"{Width}\" height=\"{Height}\" fill=\"#ffffff\"/>");
        svg.Append($"<text x=\"{left}\" y=\"16\" font-size=\"13\" font-weight=\"bold\" fill=\"#222\">{Esc(Title)}</text>");
        svg.Append($"<defs><clipPath id=\"plot-{GetHashCode()}\"><rect x=\"{left}\" y=\"{top}\" width=\"{pw}\" height=\"{ph}\"/></clipPath></defs>");

        // Grid and axes.
        var yLabels = YCategories is { } rowsNames ? rowsNames.Select((n, i) => ((double)i, n)).Where(p => p.Item1 >= y0 && p.Item1 <= y1)
            : yTicks.Select(t => (t, Num(t)));
        foreach (var (t, label) in yLabels)
            svg.Append($"<line x1=\"{left}\" x2=\"{left + pw}\" y1=\"{F(Y(t))}\" y2=\"{F(Y(t))}\" stroke=\"#e5e5e5\"/><text x=\"{left - 6}\" y=\"{F(Y(t) + 4)}\" text-anchor=\"end\" fill=\"#444\">{Esc(label)}</text>");
        var xTicks = XCategories is { } names ? names.Select((n, i) => ((double)i, n))
            : DateAxis ? DateTicks(x0, x1) : NiceTicks(x0, x1, 8).Where(t => t >= x0 - 1e-9 && t <= x1 + 1e-9).Select(t => (t, Num(t)));
        foreach (var (t, label) in xTicks)
            svg.Append($"<line x1=\"{F(X(t))}\" x2=\"{F(X(t))}\" y1=\"{top + ph}\" y2=\"{top + ph + 4}\" stroke=\"#888\"/><text x=\"{F(X(t))}\" y=\"{top + ph + 16}\" text-anchor=\"middle\" fill=\"#444\">{Esc(label)}</text>");
        svg.Append($"<rect x=\"{left}\" y=\"{top}\" width=\"{pw}\" height=\"{ph}\" fill=\"none\" stroke=\"#888\"/>");
        if (XLabel.Length > 0) svg.Append($"<text x=\"{left + pw / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\" fill=\"#222\">{Esc(XLabel)}</text>");
        if (YLabel.Length > 0) svg.Append($"<text transform=\"translate(14,{top + ph / 2}) rotate(-90)\" text-anchor=\"middle\" fill=\"#222\">{Esc(YLabel)}</text>");

        svg.Append($"<g clip-path=\"url(#plot-{GetHashCode()})\">");
        foreach (var b in bands)
            svg.Append($"<rect x=\"{F(X(b.From))}\" y=\"{top}\" width=\"{F(Math.Max(X(b.To) - X(b.From), 1))}\" height=\"{ph}\" fill=\"{b.Color}\" fill-opacity=\"{F(b.Opacity)}\"><title>{Esc(b.Tip ?? b.Label ?? "")}</title></rect>");
        foreach (var s in series)
        {
            switch (s.Kind)
            {
                case "area":
                    var upper = Enumerable.Range(0, s.X.Length).Select(i => $"{F(X(s.X[i]))},{F(Y(s.Y[i]))}");
                    var lower = Enumerable.Range(0, s.X.Length).Reverse().Select(i => $"{F(X(s.X[i]))},{F(Y(s.Low![i]))}");
                    svg.Append($"<polygon points=\"{string.Join(" ", upper.Concat(lower))}\" fill=\"{s.Color}\" fill-opacity=\"0.2\" stroke=\"none\"/>");
                    break;
                case "bar":
                    for (int i = 0; i < s.X.Length; i++)
                    {
                        if (!double.IsFinite(s.Y[i]) || s.Y[i] == 0) continue;
                        double bx = X(s.X[i]), bw = Math.Max(X(s.X[i] + s.Size) - bx - 0.3, 0.8);
                        string tip = s.Tips?[i] ?? $"{XText(s.X[i])}: {Num(s.Y[i])}";
                        svg.Append($"<rect x=\"{F(bx)}\" y=\"{F(Y(Math.Max(s.Y[i], 0)))}\" width=\"{F(bw)}\" height=\"{F(Math.Abs(Y(s.Y[i]) - Y(0)))}\" fill=\"{s.Color}\" ><title>{Esc(tip)}</title></rect>");
                    }
                    break;
                case "line":
                case "step":
                    foreach (var run in Runs(s))
                    {
                        var pts = s.Kind == "line"
                            ? run.Select(i => $"{F(X(s.X[i]))},{F(Y(s.Y[i]))}")
                            : run.SelectMany(i => new[] { $"{F(X(s.X[i]))},{F(Y(s.Y[i]))}", $"{F(X(s.X[i] + 1))},{F(Y(s.Y[i]))}" });
                        svg.Append($"<polyline points=\"{string.Join(" ", pts)}\" fill=\"none\" stroke=\"{s.Color}\" stroke-width=\"{F(s.Size)}\"{(s.Dash is null ? "" : $" stroke-dasharray=\"{s.Dash}\"")}/>");
                    }
                    break;
                case "point":
                    for (int i = 0; i < s.X.Length; i++)
                    {
                        if (!double.IsFinite(s.X[i]) || !double.IsFinite(s.Y[i])) continue;
                        string tip = s.Tips?[i] ?? $"{XText(s.X[i])}: {Num(s.Y[i])}";
                        svg.Append($"<circle cx=\"{F(X(s.X[i]))}\" cy=\"{F(Y(s.Y[i]))}\" r=\"{F(s.Size)}\" fill=\"{s.Color}\" fill-opacity=\"0.8\"><title>{Esc(tip)}</title></circle>");
                    }
                    break;
                case "error":
                    for (int i = 0; i < s.X.Length; i++)
                    {
                        if (!double.IsFinite(s.Y[i]) || !double.IsFinite(s.Low![i])) continue;
                        double cx = X(s.X[i]);
                        svg.Append($"<line x1=\"{F(cx)}\" x2=\"{F(cx)}\" y1=\"{F(Y(s.Low[i]))}\" y2=\"{F(Y(s.Y[i]))}\" stroke=\"{s.Color}\" stroke-width=\"{F(s.Size)}\"/>");
                        svg.Append($"<line x1=\"{F(cx - 4)}\" x2=\"{F(cx + 4)}\" y1=\"{F(Y(s.Low[i]))}\" y2=\"{F(Y(s.Low[i]))}\" stroke=\"{s.Color}\"/><line x1=\"{F(cx - 4)}\" x2=\"{F(cx + 4)}\" y1=\"{F(Y(s.Y[i]))}\" y2=\"{F(Y(s.Y[i]))}\" stroke=\"{s.Color}\"/>");
                    }
                    break;
            }
        }
        foreach (var (y, color, _) in rules)
            svg.Append($"<line x1=\"{left}\" x2=\"{left + pw}\" y1=\"{F(Y(y))}\" y2=\"{F(Y(y))}\" stroke=\"{color}\" stroke-dasharray=\"6 3\" stroke-width=\"1.2\"/>");
        foreach (var m in markers)
            svg.Append($"<line x1=\"{F(X(m.X))}\" x2=\"{F(X(m.X))}\" y1=\"{top}\" y2=\"{top + ph}\" stroke=\"{m.Color}\" stroke-dasharray=\"3 3\" stroke-width=\"1.3\"><title>{Esc(m.Tip ?? m.Label ?? "")}</title></line>");
        svg.Append("</g>");

        // Legend: one entry per distinct label.
        double lx = left;
        var entries = series.Where(s => s.Label is not null).Select(s => (s.Label!, s.Color, s.Kind))
            .Concat(bands.Where(b => b.Label is not null).Select(b => (b.Label!, b.Color, "band")))
            .Concat(markers.Where(m => m.Label is not null).Select(m => (m.Label!, m.Color, "marker")))
            .Concat(rules.Where(r => r.Label is not null).Select(r => (r.Label!, r.Color, "rule")))
            .DistinctBy(e => e.Item1);
        foreach (var (label, color, kind) in entries)
        {
            svg.Append(kind switch
            {
                "line" or "step" or "rule" or "marker" => $"<line x1=\"{F(lx)}\" x2=\"{F(lx + 16)}\" y1=\"32\" y2=\"32\" stroke=\"{color}\" stroke-width=\"2\"{(kind is "rule" or "marker" ? " stroke-dasharray=\"3 2\"" : "")}/>",
                "point" => $"<circle cx=\"{F(lx + 8)}\" cy=\"32\" r=\"3.5\" fill=\"{color}\"/>",
                _ => $"<rect x=\"{F(lx)}\" y=\"27\" width=\"16\" height=\"10\" fill=\"{color}\" fill-opacity=\"{(kind == "band" ? "0.3" : kind == "area" ? "0.25" : "0.75")}\"/>",
            });
            svg.Append($"<text x=\"{F(lx + 20)}\" y=\"36\" fill=\"#222\">{Esc(label)}</text>");
            lx += 30 + label.Length * 6.2;
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    /// <summary>Shows the chart as an <c>image/svg+xml</c> output.</summary>
    public void Show() => ToSvg().DisplayAs("image/svg+xml");

    // Runs of consecutive finite points (a NaN breaks a line).
    private static IEnumerable<int[]> Runs(Series s)
    {
        var run = new List<int>();
        for (int i = 0; i < s.X.Length; i++)
        {
            if (double.IsFinite(s.X[i]) && double.IsFinite(s.Y[i])) { run.Add(i); continue; }
            if (run.Count > 0) { yield return run.ToArray(); run.Clear(); }
        }
        if (run.Count > 0) yield return run.ToArray();
    }

    private string XText(double x) => XCategories is { } names && x >= 0 && x < names.Length && x == Math.Round(x) ? names[(int)x] : DateAxis ? Samples.Date(x).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : Num(x);

    private static double[] NiceTicks(double min, double max, int count)
    {
        double span = max - min, raw = span / Math.Max(count, 1), mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        double step = new[] { 1, 2, 2.5, 5, 10 }.Select(m => m * mag).First(s => s >= raw);
        var ticks = new List<double>();
        for (double t = Math.Floor(min / step) * step; t <= max + step * 0.999; t += step) ticks.Add(Math.Round(t / step) * step);
        return ticks.ToArray();
    }

    private static IEnumerable<(double, string)> DateTicks(double min, double max)
    {
        var first = Samples.Date(min); var last = Samples.Date(max);
        int months = (last.Year - first.Year) * 12 + last.Month - first.Month;
        int every = months <= 8 ? 1 : months <= 16 ? 2 : months <= 30 ? 3 : months <= 60 ? 6 : 12;
        if (months < 2)
        {
            for (var d = first; d <= last; d = d.AddDays(7)) yield return (Samples.Day(d), d.ToString("MM-dd", CultureInfo.InvariantCulture));
            yield break;
        }
        for (var d = new DateOnly(first.Year, first.Month, 1).AddMonths(1); d <= last; d = d.AddMonths(1))
            if ((d.Month - 1) % every == 0) yield return (Samples.Day(d), d.ToString(d.Month == 1 || every >= 12 ? "yyyy-MM" : "MMM", CultureInfo.InvariantCulture));
    }

    private static string Num(double v) => Math.Abs(v) >= 1000 || v == Math.Round(v) ? v.ToString("0.##", CultureInfo.InvariantCulture) : v.ToString("0.###", CultureInfo.InvariantCulture);
    private static string F(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
    private static string Esc(string s) => WebUtility.HtmlEncode(s);
}

/// <summary>A small HTML table for the notebooks' numbers (rendered as <c>text/html</c>).</summary>
public static class Table
{
    public static void Show(string[] header, IEnumerable<object?[]> rows, string? caption = null)
    {
        var html = new StringBuilder("<table style=\"border-collapse:collapse;font-family:sans-serif;font-size:12px\">");
        if (caption is not null) html.Append($"<caption style=\"text-align:left;font-weight:bold;padding:4px 0\">{WebUtility.HtmlEncode(caption)}</caption>");
        html.Append("<thead><tr>").Append(string.Concat(header.Select(h => $"<th style=\"border-bottom:1px solid #888;padding:2px 8px;text-align:left\">{WebUtility.HtmlEncode(h)}</th>"))).Append("</tr></thead><tbody>");
        foreach (var row in rows)
            html.Append("<tr>").Append(string.Concat(row.Select(c => $"<td style=\"padding:2px 8px;border-bottom:1px solid #eee\">{WebUtility.HtmlEncode(Cell(c))}</td>"))).Append("</tr>");
        html.Append("</tbody></table>");
        html.ToString().DisplayAs("text/html");
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "–",
        double d => Math.Abs(d) >= 100 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("0.####", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}

/// <summary>The daily-count charts every notebook starts from: stacked bars per channel, ceasefires shaded, anniversaries marked.</summary>
public static class TheaterCharts
{
    public const string CeasefireColor = "#2ca02c", AnniversaryColor = "#9467bd";

    public static string ColorOf(Theater theater, string channel) => Chart.Palette[Math.Max(Array.IndexOf(theater.Channels, channel), 0) % Chart.Palette.Length];

    /// <summary>The days from..to (inclusive) as days since the epoch.</summary>
    public static double[] Days(DateOnly from, DateOnly to) =>
        Enumerable.Range(0, to.DayNumber - from.DayNumber + 1).Select(k => Samples.Day(from) + k).ToArray();

    public static Chart Daily(Theater theater, DateOnly from, DateOnly to, string? title = null, int height = 280, string[]? channels = null)
    {
        channels ??= theater.Channels;
        var days = Days(from, to);
        var chart = new Chart(title ?? $"{theater.Id}: incidents per day", 900, height) { DateAxis = true, YLabel = "incidents per day" };
        AddContext(chart, theater, from, to);
        // Stacked: the bar of channel c reaches the sum of channels 0..c, drawn tallest first.
        var perChannel = channels.Select(c => theater.DailyCounts(from, to, c)).ToArray();
        for (int c = channels.Length - 1; c >= 0; c--)
        {
            var upTo = days.Select((_, k) => (double)perChannel.Take(c + 1).Sum(p => p[k])).ToArray();
            var tips = days.Select((d, k) => $"{Samples.Date(d):yyyy-MM-dd}: " + string.Join(", ", channels.Select((name, j) => $"{name} {perChannel[j][k]}"))).ToArray();
            chart.Bars(days, upTo, ColorOf(theater, channels[c]), channels[c], 1, tips);
        }
        return chart.XRange(days[0], days[^1] + 1);
    }

    /// <summary>Ceasefires as shaded bands and anniversaries (each yearly occurrence) as markers, over from..to.</summary>
    public static Chart AddContext(Chart chart, Theater theater, DateOnly from, DateOnly to)
    {
        foreach (var c in theater.Ceasefires)
        {
            var end = c.Ended ?? to.AddDays(1);
            if (end < from || c.Declared > to) continue;
            chart.Band(Samples.Day(c.Declared), Samples.Day(end), CeasefireColor, "ceasefire", 0.15,
                $"{c.Name}: {c.Declared:yyyy-MM-dd} .. {(c.Ended is { } e ? e.ToString("yyyy-MM-dd") : "still in force")}");
        }
        foreach (var a in theater.Anniversaries)
            for (int year = from.Year; year <= to.Year; year++)
            {
                var day = new DateOnly(year, a.Date.Month, Math.Min(a.Date.Day, DateTime.DaysInMonth(year, a.Date.Month)));
                if (day >= from && day <= to)
                    chart.Marker(Samples.Day(day) + 0.5, AnniversaryColor, "anniversary", $"{a.Name}: {day:yyyy-MM-dd} (±{a.WindowDays} days)");
            }
        return chart;
    }
}
