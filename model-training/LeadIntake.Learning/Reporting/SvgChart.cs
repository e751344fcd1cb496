using System.Globalization;
using System.Net;
using System.Text;

namespace LeadIntake.Learning.Reporting;

/// <summary>Inline-SVG charts for the report: visible title, axis labels and legend; optional vertical cut-off markers. No scripts.</summary>
internal static class SvgChart
{
    private const int Width = 480;
    private const int Height = 330;
    private const int Left = 56;
    private const int Right = 20;
    private const int Top = 46;
    private const int Bottom = 52;
    private static readonly string[] Colours = ["#1f6fd1", "#d9822b", "#2a9d55", "#999"];

    /// <summary>A series: name (legend), points in data units.</summary>
    public sealed record Series(string Name, IReadOnlyList<(double X, double Y)> Points);

    /// <summary>A vertical marker at x with a visible label (e.g. <c>SQL ≥ 80</c>).</summary>
    public sealed record Marker(double X, string Label);

    /// <summary>Line chart over [0, xMax] × [0, yMax]; a second axis is not used: series share the y axis.</summary>
    public static string Lines(string id, string title, string xLabel, string yLabel, double xMax, double yMax, IReadOnlyList<Series> series,
        IReadOnlyList<Marker>? markers = null, bool diagonal = false)
    {
        var svg = Open(id, title);
        Axes(svg, xLabel, yLabel, xMax, yMax);
        if (diagonal)
            svg.Append($"<line class=\"reference\" x1=\"{X(0, xMax)}\" y1=\"{Y(0, yMax)}\" x2=\"{X(xMax, xMax)}\" y2=\"{Y(yMax, yMax)}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>");
        for (var s = 0; s < series.Count; s++)
        {
            var path = string.Join(" ", series[s].Points.Select(p => $"{X(p.X, xMax)},{Y(p.Y, yMax)}"));
            svg.Append($"<polyline class=\"series\" fill=\"none\" stroke=\"{Colours[s % Colours.Length]}\" stroke-width=\"2\" points=\"{path}\"/>");
        }

        Legend(svg, series.Select(s => s.Name).ToArray());
        Markers(svg, markers, xMax);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Grouped vertical bars, one group per label, one bar per series.</summary>
    public static string Bars(string id, string title, string xLabel, string yLabel, IReadOnlyList<string> labels,
        IReadOnlyList<(string Name, IReadOnlyList<double> Values)> series, IReadOnlyList<Marker>? markers = null)
    {
        var svg = Open(id, title);
        var max = Nice(series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        Axes(svg, xLabel, yLabel, null, max);
        var group = (Width - Left - Right) / (double)Math.Max(1, labels.Count);
        var bar = group * 0.8 / Math.Max(1, series.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            for (var s = 0; s < series.Count; s++)
            {
                var value = series[s].Values[i];
                var top = YValue(value, max);
                svg.Append($"<rect class=\"bar\" fill=\"{Colours[s % Colours.Length]}\" x=\"{F(Left + (i * group) + (group * 0.1) + (s * bar))}\" y=\"{F(top)}\" width=\"{F(bar)}\" height=\"{F(Height - Bottom - top)}\"/>");
            }

            svg.Append($"<text class=\"tick\" x=\"{F(Left + ((i + 0.5) * group))}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\" font-size=\"10\">{E(labels[i])}</text>");
        }

        Legend(svg, series.Select(s => s.Name).ToArray());
        Markers(svg, markers, labels.Count, group);
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Horizontal bars (feature importance), largest first, with the axis unit as a visible caption.</summary>
    public static string HorizontalBars(string id, string title, string unit, IReadOnlyList<(string Label, double Value)> bars)
    {
        const int row = 18, labelWidth = 220;
        var height = Math.Max(90, (bars.Count * row) + 60);
        var max = Math.Max(1e-12, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder($"<svg id=\"{E(id)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + 300}\" height=\"{height}\" role=\"img\" aria-label=\"{E(title)}\">");
        svg.Append($"<text class=\"chart-title\" x=\"10\" y=\"18\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 30 + (i * row);
            svg.Append($"<text class=\"label\" x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\" font-size=\"11\">{E(bars[i].Label)}</text>");
            svg.Append($"<rect class=\"bar\" fill=\"{Colours[0]}\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{F(240 * bars[i].Value / max)}\" height=\"{row - 4}\"/>");
            svg.Append($"<text x=\"{F(labelWidth + (240 * bars[i].Value / max) + 4)}\" y=\"{y + 12}\" font-size=\"10\">{F(bars[i].Value)}</text>");
        }

        svg.Append($"<text class=\"axis-label\" x=\"{labelWidth}\" y=\"{height - 8}\" font-size=\"11\">{E(unit)}</text>");
        return svg.Append("</svg>").ToString();
    }

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string id, string title) =>
        new StringBuilder($"<svg id=\"{E(id)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{E(title)}\">")
            .Append($"<text class=\"chart-title\" x=\"{Width / 2}\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"bold\">{E(title)}</text>");

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, double? xMax, double yMax)
    {
        svg.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append($"<line class=\"axis\" x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"#333\"/>");
        svg.Append($"<text class=\"axis-label\" x=\"{(Left + Width - Right) / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\" font-size=\"12\">{E(xLabel)}</text>");
        svg.Append($"<text class=\"axis-label\" x=\"14\" y=\"{(Top + Height - Bottom) / 2}\" text-anchor=\"middle\" font-size=\"12\" transform=\"rotate(-90 14 {(Top + Height - Bottom) / 2})\">{E(yLabel)}</text>");
        for (var t = 0; t <= 4; t++)
        {
            var value = yMax * t / 4;
            svg.Append($"<text class=\"tick\" x=\"{Left - 4}\" y=\"{F(YValue(value, yMax) + 4)}\" text-anchor=\"end\" font-size=\"10\">{F(value)}</text>");
            if (xMax is { } x)
                svg.Append($"<text class=\"tick\" x=\"{X(x * t / 4, x)}\" y=\"{Height - Bottom + 14}\" text-anchor=\"middle\" font-size=\"10\">{F(x * t / 4)}</text>");
        }
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names)
    {
        var x = Left + 8.0;
        for (var i = 0; i < names.Count; i++)
        {
            svg.Append($"<g class=\"legend\"><rect x=\"{F(x)}\" y=\"28\" width=\"10\" height=\"10\" fill=\"{Colours[i % Colours.Length]}\"/>");
            svg.Append($"<text x=\"{F(x + 14)}\" y=\"37\" font-size=\"11\">{E(names[i])}</text></g>");
            x += 24 + (names[i].Length * 6.2);
        }
    }

    private static void Markers(StringBuilder svg, IReadOnlyList<Marker>? markers, double xMax, double? group = null)
    {
        foreach (var (marker, i) in (markers ?? []).Select((m, i) => (m, i)))
        {
            var x = group is { } g ? F(Left + (marker.X * g)) : X(marker.X, xMax);
            svg.Append($"<line class=\"cutoff\" x1=\"{x}\" y1=\"{Top}\" x2=\"{x}\" y2=\"{Height - Bottom}\" stroke=\"#a00\" stroke-dasharray=\"5 3\"/>");
            svg.Append($"<text class=\"cutoff-label\" x=\"{x}\" y=\"{Top + 12 + (i * 13)}\" dx=\"3\" font-size=\"11\" fill=\"#a00\">{E(marker.Label)}</text>");
        }
    }

    private static double Nice(double max) => max <= 0 ? 1 : Math.Pow(10, Math.Floor(Math.Log10(max))) * Math.Ceiling(max / Math.Pow(10, Math.Floor(Math.Log10(max))));

    private static string X(double value, double max) => F(Left + (value / max * (Width - Left - Right)));

    private static string Y(double value, double max) => F(YValue(value, max));

    private static double YValue(double value, double max) => Height - Bottom - (value / max * (Height - Top - Bottom));
}
