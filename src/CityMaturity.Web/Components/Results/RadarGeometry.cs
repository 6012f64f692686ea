using System.Globalization;
using System.Text;

namespace CityMaturity.Web.Components.Results;

/// <summary>One spoke of the radar: a characteristic or sub-dimension with its values (null: not rated or no target).</summary>
public sealed record RadarAxis(string Code, string Label, decimal? Now, decimal? InTwoYears, decimal? Target);

/// <summary>
/// Where things go on a radar of levels 0–5: spoke i points at angle 360°·i/n clockwise from twelve o'clock, and a
/// value v sits at v/5 of the radius. A value that is not rated has no point: the series' outline breaks there
/// instead of dipping to the centre, which would read as level 0.
/// </summary>
public static class RadarGeometry
{
    public const double MaxLevel = 5;

    /// <summary>Axis labels sit this far out (in levels): clear of anything drawn at level 5, markers included.</summary>
    public const double LabelLevel = 6.1;

    /// <summary>Half the width and height of a marker (a target diamond, a value's dot or square).</summary>
    public const double MarkerSize = 5;

    public static (double X, double Y) Point(int index, int count, double value, double centre, double radius)
    {
        var angle = 2 * Math.PI * index / count;
        var distance = radius * Math.Clamp(value, 0, MaxLevel) / MaxLevel;
        return (centre + (distance * Math.Sin(angle)), centre - (distance * Math.Cos(angle)));
    }

    /// <summary>
    /// Where an axis label goes: beyond level 5 (not clamped like a value; clamping once put labels exactly where a
    /// target of 5 draws its diamond).
    /// </summary>
    public static (double X, double Y) LabelPoint(int index, int count, double centre, double radius)
    {
        var angle = 2 * Math.PI * index / count;
        var distance = radius * LabelLevel / MaxLevel;
        return (centre + (distance * Math.Sin(angle)), centre - (distance * Math.Cos(angle)));
    }

    /// <summary>
    /// One series' outline: a closed polygon when every spoke has a value; otherwise the runs of neighbouring known
    /// values as open polylines (a lone known value between two gaps is only a marker). Each string is an SVG points list.
    /// </summary>
    public static (bool Closed, IReadOnlyList<string> Runs) Outline(IReadOnlyList<decimal?> values, double centre, double radius)
    {
        var n = values.Count;
        if (n == 0 || values.All(v => v is null))
        {
            return (false, []);
        }

        string Points(IEnumerable<int> indexes)
        {
            var points = new StringBuilder();
            foreach (var i in indexes)
            {
                var (x, y) = Point(i, n, (double)values[i]!.Value, centre, radius);
                points.Append(CultureInfo.InvariantCulture, $"{x:0.#},{y:0.#} ");
            }

            return points.ToString().TrimEnd();
        }

        if (values.All(v => v is not null))
        {
            return (true, [Points(Enumerable.Range(0, n))]);
        }

        // Walk from just after a gap round the circle, so a run that wraps past the first spoke stays one line.
        var start = Enumerable.Range(0, n).First(i => values[i] is null);
        var runs = new List<string>();
        var run = new List<int>();
        for (var step = 1; step <= n; step++)
        {
            var i = (start + step) % n;
            if (values[i] is not null)
            {
                run.Add(i);
                continue;
            }

            if (run.Count >= 2)
            {
                runs.Add(Points(run));
            }

            run = [];
        }

        return (false, runs);
    }

    /// <summary>A diamond (SVG points) at one spoke's value: the target's marker.</summary>
    public static string Diamond(int index, int count, double value, double centre, double radius)
    {
        var (x, y) = Point(index, count, value, centre, radius);
        const double size = MarkerSize;
        return string.Create(CultureInfo.InvariantCulture, $"{x:0.#},{y - size:0.#} {x + size:0.#},{y:0.#} {x:0.#},{y + size:0.#} {x - size:0.#},{y:0.#}");
    }

    public static string Number(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);

    /// <summary>
    /// An axis label as markup: Razor reserves &lt;text&gt; inside code blocks, so the SVG element is written here,
    /// its content HTML-encoded. Its styling is inline (scoped CSS does not reach markup strings): a white halo
    /// painted under the glyphs keeps it readable over any line.
    /// </summary>
    public static Microsoft.AspNetCore.Components.MarkupString Label(string text, double x, double y, double centre) =>
        new(string.Create(CultureInfo.InvariantCulture,
            $"<text class=\"axis-label\" font-size=\"{LabelFontSize}\" fill=\"#1b1b1b\" stroke=\"#fff\" stroke-width=\"3\" stroke-linejoin=\"round\" paint-order=\"stroke\" x=\"{Number(x)}\" y=\"{Number(y)}\" text-anchor=\"{Anchor(x, centre)}\" dominant-baseline=\"middle\">{System.Net.WebUtility.HtmlEncode(text)}</text>"));

    public const double LabelFontSize = 11;

    /// <summary>Labels left of the centre anchor at their end, right of it at their start, on the vertical axis in the middle.</summary>
    public static string Anchor(double x, double centre) => Math.Abs(x - centre) < 1 ? "middle" : x < centre ? "end" : "start";

    /// <summary>
    /// The box a label may take, generously: up to 0.62 em per character, and a full font size above and below its
    /// anchor point (whether or not the browser honours dominant-baseline). Tests hold every marker outside it.
    /// </summary>
    public static (double Left, double Top, double Right, double Bottom) LabelBox(string text, double x, double y, double centre)
    {
        var width = text.Length * LabelFontSize * 0.62;
        var (left, right) = Anchor(x, centre) switch
        {
            "start" => (x, x + width),
            "end" => (x - width, x),
            _ => (x - (width / 2), x + (width / 2)),
        };
        return (left, y - LabelFontSize, right, y + LabelFontSize);
    }
}
