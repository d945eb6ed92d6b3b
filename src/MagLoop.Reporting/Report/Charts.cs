using System.Text.RegularExpressions;
using ScottPlot;

namespace MagLoop.Reporting.Report;

/// <summary>
/// The report's charts, drawn by ScottPlot and written as SVG (vector, so they print sharply and need no image
/// files). Each method takes the figures it plots and returns the SVG element to inline.
/// </summary>
internal static partial class Charts
{
    /// <summary>Width of a full-width chart in CSS pixels (A4's 180 mm text width at 96 dpi is about 680).</summary>
    public const int Width = 680;

    private static readonly Color Blue = Color.FromHex("#1f5f99");
    private static readonly Color Orange = Color.FromHex("#d9822b");
    private static readonly Color Green = Color.FromHex("#3b8b3b");
    private static readonly Color Red = Color.FromHex("#b22222");
    private static readonly Color Grey = Color.FromHex("#888888");

    /// <summary>Horizontal bars, one per label, top to bottom in the order given.</summary>
    public static string HorizontalBars(IReadOnlyList<string> labels, IReadOnlyList<double> values, string valueLabel, IReadOnlyList<bool>? highlight = null, double? referenceLine = null, string? referenceLabel = null)
    {
        var plot = NewPlot();
        var n = labels.Count;
        var bars = Enumerable.Range(0, n).Select(i => new Bar
        {
            Position = n - 1 - i,
            Value = values[i],
            FillColor = highlight is not null && highlight[i] ? Orange : Blue,
            LineWidth = 0,
            Orientation = Orientation.Horizontal,
        }).ToList();
        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), labels.ToArray());
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.XLabel(valueLabel);
        if (referenceLine is { } x) Reference(plot.Add.VerticalLine(x), referenceLabel);
        plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.02, top: 0.02);
        return Svg(plot, Width, 40 + (n * 24) + 40);
    }

    /// <summary>Vertical bars by year and a line on a second series (free cash flow and its cumulative sum).</summary>
    public static string CashFlow(IReadOnlyList<int> years, IReadOnlyList<double> freeCashUsd, IReadOnlyList<double> cumulativeUsd)
    {
        var plot = NewPlot();
        var bars = years.Select((y, i) => new Bar { Position = y, Value = freeCashUsd[i] / 1e6, FillColor = freeCashUsd[i] < 0 ? Red : Blue, LineWidth = 0 }).ToList();
        plot.Add.Bars(bars).LegendText = "Free cash flow, $M";
        var line = plot.Add.Scatter(years.Select(y => (double)y).ToArray(), cumulativeUsd.Select(v => v / 1e6).ToArray());
        line.Color = Orange;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        line.LegendText = "Cumulative, $M";
        plot.Add.HorizontalLine(0, 1, Grey);
        plot.XLabel("Project year");
        plot.YLabel("$M (real)");
        plot.ShowLegend(Alignment.UpperLeft);
        return Svg(plot, Width, 300);
    }

    /// <summary>DSCR by period with the covenant (or cover of exactly 1) as a dashed line.</summary>
    public static string Dscr(IReadOnlyList<double> periods, IReadOnlyList<double> dscr, IReadOnlyList<(double Value, string Label)> lines, string periodLabel)
    {
        var plot = NewPlot();
        // A bar is red below a cover of 1 (cash flow does not meet debt service), orange below the covenant.
        var covenant = lines.Max(l => l.Value);
        var bars = periods.Select((p, i) => new Bar { Position = p, Value = dscr[i], FillColor = dscr[i] < 1 ? Red : dscr[i] < covenant ? Orange : Blue, LineWidth = 0 }).ToList();
        plot.Add.Bars(bars).LegendText = "DSCR";
        foreach (var (value, label) in lines) Reference(plot.Add.HorizontalLine(value), label);
        plot.XLabel(periodLabel);
        plot.YLabel("CFADS / debt service");
        plot.Axes.Margins(bottom: 0);
        plot.ShowLegend(Alignment.UpperLeft);
        return Svg(plot, Width, 280);
    }

    /// <summary>Tornado: for each driver a bar from the base NPV to its NPV at the low and at the high value, widest on top.</summary>
    public static string Tornado(IReadOnlyList<string> drivers, IReadOnlyList<double> lowUsd, IReadOnlyList<double> highUsd, double baseUsd)
    {
        var plot = NewPlot();
        var n = drivers.Count;
        var bars = new List<Bar>();
        for (var i = 0; i < n; i++)
        {
            var position = n - 1 - i;
            bars.Add(new Bar { Position = position, ValueBase = baseUsd / 1e6, Value = lowUsd[i] / 1e6, FillColor = Red, LineWidth = 0, Orientation = Orientation.Horizontal });
            bars.Add(new Bar { Position = position, ValueBase = baseUsd / 1e6, Value = highUsd[i] / 1e6, FillColor = Green, LineWidth = 0, Orientation = Orientation.Horizontal });
        }

        plot.Add.Bars(bars);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            Enumerable.Range(0, n).Select(i => (double)(n - 1 - i)).ToArray(), drivers.ToArray());
        Reference(plot.Add.VerticalLine(baseUsd / 1e6), "base");
        plot.XLabel("Project NPV, $M (red: driver at its low value, green: at its high value)");
        return Svg(plot, Width, 60 + (n * 26) + 40);
    }

    /// <summary>Histogram of the NPV draws with the P10, P50 and P90 marked.</summary>
    public static string Histogram(IReadOnlyList<double> edgesUsd, IReadOnlyList<int> counts, double p10, double p50, double p90)
    {
        var plot = NewPlot();
        var bars = counts.Select((c, i) => new Bar
        {
            Position = (edgesUsd[i] + edgesUsd[i + 1]) / 2e6,
            Value = c,
            Size = (edgesUsd[i + 1] - edgesUsd[i]) / 1e6,
            FillColor = Blue,
            LineColor = Colors.White,
            LineWidth = 0.5f,
        }).ToList();
        plot.Add.Bars(bars);
        Percentiles(plot, p10, p50, p90);
        plot.XLabel("Project NPV, $M");
        plot.YLabel("Draws");
        plot.Axes.Margins(bottom: 0);
        return Svg(plot, Width, 280);
    }

    /// <summary>Cumulative distribution of the NPV (percent of draws at or below) with the P10, P50 and P90 marked.</summary>
    public static string Cdf(IReadOnlyList<double> percentilesUsd, double p10, double p50, double p90)
    {
        var plot = NewPlot();
        var line = plot.Add.Scatter(percentilesUsd.Select(v => v / 1e6).ToArray(), Enumerable.Range(0, percentilesUsd.Count).Select(p => (double)p).ToArray());
        line.Color = Blue;
        line.MarkerSize = 0;
        line.LineWidth = 2;
        Percentiles(plot, p10, p50, p90);
        plot.XLabel("Project NPV, $M");
        plot.YLabel("Draws at or below, %");
        plot.Axes.SetLimitsY(0, 100);
        return Svg(plot, Width, 260);
    }

    /// <summary>Grouped vertical bars: one group per label, one bar per series.</summary>
    public static string GroupedBars(IReadOnlyList<string> labels, IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, string valueLabel, double? referenceLine = null, string? referenceLabel = null)
    {
        var plot = NewPlot();
        var palette = new[] { Blue, Orange, Green, Grey };
        var width = 0.8 / series.Count;
        for (var s = 0; s < series.Count; s++)
        {
            var (name, values) = series[s];
            var bars = values.Select((v, i) => new Bar { Position = i - 0.4 + (width * (s + 0.5)), Value = v, Size = width * 0.95, FillColor = palette[s % palette.Length], LineWidth = 0 }).ToList();
            var plottable = plot.Add.Bars(bars);
            plottable.LegendText = name;
            plottable.Color = palette[s % palette.Length];
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.YLabel(valueLabel);
        if (referenceLine is { } y) Reference(plot.Add.HorizontalLine(y), referenceLabel);
        plot.Axes.Margins(bottom: 0);
        if (series.Count > 1) plot.ShowLegend(Alignment.UpperRight);
        return Svg(plot, Width, 280);
    }

    private static Plot NewPlot()
    {
        var plot = new Plot();
        plot.Font.Set("DejaVu Sans");
        plot.Axes.Bottom.TickLabelStyle.FontSize = 11;
        plot.Axes.Left.TickLabelStyle.FontSize = 11;
        plot.Axes.Bottom.Label.FontSize = 12;
        plot.Axes.Left.Label.FontSize = 12;
        plot.Grid.MajorLineColor = Color.FromHex("#e5e5e5");
        return plot;
    }

    private static void Percentiles(Plot plot, double p10, double p50, double p90)
    {
        foreach (var (label, value) in new[] { ("P10", p10), ("P50", p50), ("P90", p90) })
            Reference(plot.Add.VerticalLine(value / 1e6), label);
    }

    private static void Reference(ScottPlot.Plottables.AxisLine line, string? label)
    {
        line.Color = Red;
        line.LineWidth = 1.5f;
        line.LinePattern = LinePattern.Dashed;
        if (label is not null)
        {
            line.LabelText = label;
            line.LabelFontSize = 10;
        }
    }

    /// <summary>The plot as an SVG element, without the XML declaration, scaling to the page width.</summary>
    private static string Svg(Plot plot, int width, int height)
    {
        var svg = plot.GetSvgXml(width, height);
        svg = XmlDeclaration().Replace(svg, "");
        return svg.Trim();
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();
}
