using System.Globalization;
using System.Net;
using System.Text;

namespace LeadIntake.Learning.Reporting;

/// <summary>Minimal inline-SVG charts for the training report: no scripts, no external resources, stable ids and classes.</summary>
internal static class SvgChart
{
    private const int Width = 420;
    private const int Height = 300;
    private const int Margin = 40;

    /// <summary>Line chart on the unit square (both axes 0–1), optionally with the y = x diagonal.</summary>
    public static string UnitLines(string id, string title, string xLabel, string yLabel, bool diagonal,
        params (string Name, string CssClass, IReadOnlyList<(double X, double Y)> Points)[] series)
    {
        var svg = Open(id, title);
        Axes(svg, xLabel, yLabel, "0", "1", "0", "1");
        if (diagonal)
            svg.Append($"<line class=\"reference\" x1=\"{X(0)}\" y1=\"{Y(0)}\" x2=\"{X(1)}\" y2=\"{Y(1)}\" stroke=\"#999\" stroke-dasharray=\"4 4\"/>");
        foreach (var (name, cssClass, points) in series)
        {
            var path = string.Join(" ", points.Select(p => $"{X(p.X)},{Y(p.Y)}"));
            svg.Append($"<polyline class=\"series {Escape(cssClass)}\" fill=\"none\" stroke-width=\"2\" points=\"{path}\"><title>{Escape(name)}</title></polyline>");
            foreach (var p in points.Count <= 20 ? points : [])
                svg.Append($"<circle class=\"point {Escape(cssClass)}\" cx=\"{X(p.X)}\" cy=\"{Y(p.Y)}\" r=\"3\"/>");
        }

        return Close(svg);
    }

    /// <summary>Vertical bars, one group per label, one bar per series.</summary>
    public static string Bars(string id, string title, string yLabel, IReadOnlyList<string> labels,
        params (string Name, string CssClass, IReadOnlyList<double> Values)[] series)
    {
        var svg = Open(id, title);
        var max = Math.Max(1e-12, series.SelectMany(s => s.Values).DefaultIfEmpty(0).Max());
        Axes(svg, "", yLabel, "", "", "0", Format(max));
        var groupWidth = (Width - 2.0 * Margin) / Math.Max(1, labels.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, series.Length);
        for (var i = 0; i < labels.Count; i++)
        {
            for (var s = 0; s < series.Length; s++)
            {
                var value = series[s].Values[i];
                var x = Margin + i * groupWidth + groupWidth * 0.1 + s * barWidth;
                var top = YValue(value / max);
                svg.Append($"<rect class=\"bar {Escape(series[s].CssClass)}\" x=\"{Format(x)}\" y=\"{Format(top)}\" width=\"{Format(barWidth)}\" height=\"{Format(Height - Margin - top)}\">");
                svg.Append($"<title>{Escape(series[s].Name)} {Escape(labels[i])}: {Format(value)}</title></rect>");
            }

            svg.Append($"<text class=\"tick\" x=\"{Format(Margin + (i + 0.5) * groupWidth)}\" y=\"{Height - Margin + 14}\" text-anchor=\"middle\" font-size=\"10\">{Escape(labels[i])}</text>");
        }

        return Close(svg);
    }

    /// <summary>Horizontal bars (for feature importance), largest first.</summary>
    public static string HorizontalBars(string id, string title, IReadOnlyList<(string Label, double Value)> bars)
    {
        var rowHeight = 18;
        var height = Math.Max(60, bars.Count * rowHeight + 30);
        var labelWidth = 220;
        var max = Math.Max(1e-12, bars.Select(b => b.Value).DefaultIfEmpty(0).Max());
        var svg = new StringBuilder();
        svg.Append($"<svg id=\"{Escape(id)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{labelWidth + 260}\" height=\"{height}\" role=\"img\" aria-label=\"{Escape(title)}\"><title>{Escape(title)}</title>");
        for (var i = 0; i < bars.Count; i++)
        {
            var y = 10 + i * rowHeight;
            var width = 240 * bars[i].Value / max;
            svg.Append($"<text class=\"label\" x=\"{labelWidth - 6}\" y=\"{y + 12}\" text-anchor=\"end\" font-size=\"11\">{Escape(bars[i].Label)}</text>");
            svg.Append($"<rect class=\"bar importance\" x=\"{labelWidth}\" y=\"{y + 2}\" width=\"{Format(width)}\" height=\"{rowHeight - 4}\"><title>{Escape(bars[i].Label)}: {Format(bars[i].Value)}</title></rect>");
        }

        return svg.Append("</svg>").ToString();
    }

    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static string Format(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    private static StringBuilder Open(string id, string title) =>
        new StringBuilder().Append($"<svg id=\"{Escape(id)}\" class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" role=\"img\" aria-label=\"{Escape(title)}\"><title>{Escape(title)}</title>");

    private static string Close(StringBuilder svg) => svg.Append("</svg>").ToString();

    private static void Axes(StringBuilder svg, string xLabel, string yLabel, string xMin, string xMax, string yMin, string yMax)
    {
        svg.Append($"<line class=\"axis\" x1=\"{Margin}\" y1=\"{Height - Margin}\" x2=\"{Width - Margin}\" y2=\"{Height - Margin}\" stroke=\"#333\"/>");
        svg.Append($"<line class=\"axis\" x1=\"{Margin}\" y1=\"{Margin / 2}\" x2=\"{Margin}\" y2=\"{Height - Margin}\" stroke=\"#333\"/>");
        svg.Append($"<text x=\"{Width / 2}\" y=\"{Height - 6}\" text-anchor=\"middle\" font-size=\"11\">{Escape(xLabel)}</text>");
        svg.Append($"<text x=\"12\" y=\"{Height / 2}\" text-anchor=\"middle\" font-size=\"11\" transform=\"rotate(-90 12 {Height / 2})\">{Escape(yLabel)}</text>");
        svg.Append($"<text x=\"{Margin}\" y=\"{Height - Margin + 14}\" font-size=\"10\">{Escape(xMin)}</text><text x=\"{Width - Margin}\" y=\"{Height - Margin + 14}\" text-anchor=\"end\" font-size=\"10\">{Escape(xMax)}</text>");
        svg.Append($"<text x=\"{Margin - 4}\" y=\"{Height - Margin}\" text-anchor=\"end\" font-size=\"10\">{Escape(yMin)}</text><text x=\"{Margin - 4}\" y=\"{Margin / 2 + 8}\" text-anchor=\"end\" font-size=\"10\">{Escape(yMax)}</text>");
    }

    private static string X(double unit) => Format(Margin + unit * (Width - 2 * Margin));

    private static string Y(double unit) => Format(YValue(unit));

    private static double YValue(double unit) => Height - Margin - unit * (Height - 1.5 * Margin);
}
