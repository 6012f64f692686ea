using System.Globalization;
using System.Text;

namespace CityMaturity.Web.Components.Results;

/// <summary>One spoke of the radar: a characteristic or sub-dimension with its values (null: not rated or no target).</summary>
public sealed record RadarAxis(string Code, string Label, decimal? Now, decimal? InTwoYears, decimal? Target);

/// <summary>
/// Where things go on a radar of levels 0–5: spoke i points at angle 360°·i/n clockwise from twelve o'clock, and a
/// value v sits at v/5 of the radius. Values that are missing sit at the centre, which the data table makes explicit.
/// </summary>
public static class RadarGeometry
{
    public const double MaxLevel = 5;

    public static (double X, double Y) Point(int index, int count, double value, double centre, double radius)
    {
        var angle = 2 * Math.PI * index / count;
        var distance = radius * Math.Clamp(value, 0, MaxLevel) / MaxLevel;
        return (centre + (distance * Math.Sin(angle)), centre - (distance * Math.Cos(angle)));
    }

    /// <summary>An SVG points attribute for one series.</summary>
    public static string Polygon(IReadOnlyList<decimal?> values, double centre, double radius)
    {
        var points = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            var (x, y) = Point(i, values.Count, (double)(values[i] ?? 0), centre, radius);
            points.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
        }

        return points.ToString().TrimEnd();
    }

    /// <summary>
    /// A diamond marker (SVG points) at one spoke's value: targets are set for some characteristics only, so they are
    /// marked where they exist rather than joined into a polygon that would dive to the centre in between.
    /// </summary>
    public static string Marker(int index, int count, double value, double centre, double radius)
    {
        const double size = 5;
        var (x, y) = Point(index, count, value, centre, radius);
        return string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y - size:0.#} {x + size:0.#},{y:0.#} {x:0.#},{y + size:0.#} {x - size:0.#},{y:0.#}");
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// An axis label as markup: Razor reserves &lt;text&gt; inside code blocks, so the SVG element is written here,
    /// its content HTML-encoded.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Label(string text, double x, double y, double centre) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" font-size=\"11\" fill=\"#1b1b1b\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{Anchor(x, centre)}\" dominant-baseline=\"middle\">{System.Net.WebUtility.HtmlEncode(text)}</text>"));

    /// <summary>Labels left of the centre anchor at their end, right of it at their start, on the vertical axis in the middle.</summary>
    public static string Anchor(double x, double centre) => Math.Abs(x - centre) < 1 ? "middle" : x < centre ? "end" : "start";
}
