using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>The three series of every chart; each differs by line style and marker shape as well as by colour.</summary>
internal enum Series
{
    Now,
    InTwoYears,
    Target,
}

internal static class Charts
{
    public const double Scale = 5;

    public static XColor Color(Series series) => series switch
    {
        Series.Now => Theme.Primary,
        Series.InTwoYears => Theme.Accent,
        Series.Target => Theme.TargetColor,
    };

    public static LineDash Dash(Series series) => series switch
    {
        Series.Now => LineDash.Solid,
        Series.InTwoYears => LineDash.Dashed,
        Series.Target => LineDash.Dotted,
    };

    /// <summary>Circle for now, triangle for in two years, diamond for the target.</summary>
    public static PolygonItem Marker(Series series, XPoint at, double size)
    {
        var color = Color(series);
        XPoint[] points = series switch
        {
            Series.Now => [.. Enumerable.Range(0, 12).Select(i => new XPoint(at.X + (size * Math.Cos(i * Math.PI / 6)), at.Y + (size * Math.Sin(i * Math.PI / 6))))],
            Series.InTwoYears => [new(at.X, at.Y - (size * 1.2)), new(at.X + (size * 1.1), at.Y + (size * 0.8)), new(at.X - (size * 1.1), at.Y + (size * 0.8))],
            Series.Target => [new(at.X, at.Y - (size * 1.25)), new(at.X + size, at.Y), new(at.X, at.Y + (size * 1.25)), new(at.X - size, at.Y)],
        };
        return series == Series.Target
            ? new PolygonItem(points, Theme.White, color, 0.9, LineDash.Solid, true)
            : new PolygonItem(points, color, null, 0, LineDash.Solid, true);
    }

    /// <summary>A legend: a line sample with its marker and the series name, entries side by side, centred.</summary>
    public static LineBox Legend(TextEngine engine, double width, IReadOnlyList<(Series Series, string Label)> entries, TextAlign align = TextAlign.Center)
    {
        var style = Theme.Small;
        const double sample = 24, gap = 5, between = 16;
        var total = entries.Sum(e => sample + gap + engine.Width(e.Label, style)) + (between * Math.Max(0, entries.Count - 1));
        var box = new LineBox(style.LineHeight + 4);
        var baseline = (box.Height / 2) + (style.Size * 0.35);
        var x = align == TextAlign.Center ? Math.Max(0, (width - total) / 2) : 0;
        foreach (var (series, label) in entries)
        {
            var mid = box.Height / 2;
            box.Items.Add(new LineItem(new XPoint(x, mid), new XPoint(x + sample, mid), Color(series), 1.6, Dash(series)));
            box.Items.Add(Marker(series, new XPoint(x + (sample / 2), mid), 2.4));
            x += sample + gap;
            box.Items.AddRange(engine.SingleLine(label, style, baseline).Select(i => i.Offset(x, 0)));
            x += engine.Width(label, style) + between;
        }

        return box;
    }

    /// <summary>The legend of <see cref="ScoreBars"/>: bar swatches for now and in two years, the diamond for the target.</summary>
    public static LineBox BarLegend(TextEngine engine, IReadOnlyList<(Series Series, string Label)> entries)
    {
        var style = Theme.Small;
        var box = new LineBox(style.LineHeight + 4);
        var mid = box.Height / 2;
        var baseline = mid + (style.Size * 0.35);
        var x = 0d;
        foreach (var (series, label) in entries)
        {
            switch (series)
            {
                case Series.Now:
                    box.Items.Add(new RectItem(new XRect(x, mid - 3, 16, 6), Theme.Primary, null));
                    break;
                case Series.InTwoYears:
                    box.Items.Add(new RectItem(new XRect(x, mid - 3, 16, 6), Theme.AccentSoft, Theme.Accent, 0.8));
                    break;
                case Series.Target:
                    box.Items.Add(Marker(Series.Target, new XPoint(x + 8, mid), 2.6));
                    break;
            }

            x += 21;
            box.Items.AddRange(engine.SingleLine(label, style, baseline).Select(i => i.Offset(x, 0)));
            x += engine.Width(label, style) + 16;
        }

        return box;
    }

    /// <summary>
    /// A horizontal track 0–5 with a solid bar for now, a hatched-looking outlined bar for in two years
    /// (distinct by position and fill as well as colour) and a diamond for the target.
    /// </summary>
    public static LineBox ScoreBars(double width, decimal? now, decimal? inTwoYears, decimal? target)
    {
        const double height = 19, barHeight = 6;
        var box = new LineBox(height);
        AddGrid(box, width, 1, height - 1);
        if (now is { } n)
        {
            box.Items.Add(new RectItem(new XRect(0, 2.5, Position(n, width), barHeight), Theme.Primary, null));
        }

        if (inTwoYears is { } t)
        {
            box.Items.Add(new RectItem(new XRect(0, 2.5 + barHeight + 1.5, Position(t, width), barHeight), Theme.AccentSoft, Theme.Accent, 0.8));
        }

        if (target is { } g)
        {
            var x = Position(g, width);
            box.Items.Add(new LineItem(new XPoint(x, 1), new XPoint(x, height - 1), Theme.TargetColor, 0.9, LineDash.Dotted));
            box.Items.Add(Marker(Series.Target, new XPoint(x, height / 2), 2.6));
        }

        return box;
    }

    /// <summary>
    /// One box plot on the 0–5 track: whiskers from the lowest to the highest score, a box from Q1 to Q3 in the series'
    /// soft colour, the median as a bold line, and the city's own score as the series' marker (circle now, triangle in
    /// two years). Only a distribution the privacy rule lets out gets here, so nothing is drawn for fewer than k cities.
    /// </summary>
    public static LineBox BoxPlot(double width, Distribution distribution, decimal? own, Series series)
    {
        const double height = 12, boxTop = 2.5, boxHeight = 7;
        var box = new LineBox(height);
        var mid = height / 2;
        var color = Color(series);
        AddGrid(box, width, 0.5, height - 0.5);
        var (low, high) = (Position(distribution.Minimum, width), Position(distribution.Maximum, width));
        box.Items.Add(new LineItem(new XPoint(low, mid), new XPoint(high, mid), color, 0.8));
        box.Items.Add(new LineItem(new XPoint(low, mid - 2.5), new XPoint(low, mid + 2.5), color, 0.8));
        box.Items.Add(new LineItem(new XPoint(high, mid - 2.5), new XPoint(high, mid + 2.5), color, 0.8));
        var (q1, q3) = (Position(distribution.LowerQuartile, width), Position(distribution.UpperQuartile, width));
        box.Items.Add(new RectItem(new XRect(q1, boxTop, Math.Max(q3 - q1, 1), boxHeight), SoftColor(series), color, 0.8));
        var median = Position(distribution.Median, width);
        box.Items.Add(new LineItem(new XPoint(median, boxTop - 1), new XPoint(median, boxTop + boxHeight + 1), Theme.Ink, 1.6));
        if (own is { } score)
        {
            box.Items.Add(Marker(series, new XPoint(Position(score, width), mid), 2.8));
        }

        return box;
    }

    /// <summary>The legend of <see cref="BoxPlot"/>: box, median, whiskers, and the marker of each view.</summary>
    public static LineBox BoxPlotLegend(TextEngine engine, string middleHalf, string median, string range, IReadOnlyList<(Series Series, string Label)> own)
    {
        var style = Theme.Small;
        var box = new LineBox(style.LineHeight + 4);
        var mid = box.Height / 2;
        var baseline = mid + (style.Size * 0.35);
        var x = 0d;

        void Label(string label)
        {
            box.Items.AddRange(engine.SingleLine(label, style, baseline).Select(i => i.Offset(x, 0)));
            x += engine.Width(label, style) + 14;
        }

        box.Items.Add(new RectItem(new XRect(x, mid - 3.5, 16, 7), SoftColor(Series.Now), Color(Series.Now), 0.8));
        x += 21;
        Label(middleHalf);
        box.Items.Add(new LineItem(new XPoint(x + 4, mid - 4.5), new XPoint(x + 4, mid + 4.5), Theme.Ink, 1.6));
        x += 10;
        Label(median);
        box.Items.Add(new LineItem(new XPoint(x, mid), new XPoint(x + 16, mid), Color(Series.Now), 0.8));
        box.Items.Add(new LineItem(new XPoint(x, mid - 2.5), new XPoint(x, mid + 2.5), Color(Series.Now), 0.8));
        box.Items.Add(new LineItem(new XPoint(x + 16, mid - 2.5), new XPoint(x + 16, mid + 2.5), Color(Series.Now), 0.8));
        x += 21;
        Label(range);
        foreach (var (series, label) in own)
        {
            box.Items.Add(Marker(series, new XPoint(x + 4, mid), 2.8));
            x += 11;
            Label(label);
        }

        return box;
    }

    private static XColor SoftColor(Series series) => series == Series.InTwoYears ? Theme.AccentSoft : Theme.PrimarySoft;

    /// <summary>The 0–5 scale over a bar column: tick labels aligned with <see cref="ScoreBars"/>.</summary>
    public static LineBox ScaleLabels(TextEngine engine, double width, IFormatProvider culture)
    {
        var style = Theme.CellHead with { Bold = false, Color = Theme.Muted };
        var box = new LineBox(style.LineHeight);
        var baseline = style.Size * 1.0;
        for (var level = 0; level <= (int)Scale; level++)
        {
            var label = level.ToString(culture);
            var w = engine.Width(label, style);
            var x = Math.Clamp(Position((double)level, width) - (w / 2), 0, width - w);
            box.Items.AddRange(engine.SingleLine(label, style, baseline).Select(i => i.Offset(x, 0)));
        }

        return box;
    }

    /// <summary>A compact bar for a card: a track, the level now filled, a tick for in two years.</summary>
    public static LineBox MiniBar(double width, decimal? now, decimal? inTwoYears)
    {
        var box = new LineBox(12);
        box.Items.Add(new RectItem(new XRect(0, 4, width, 5), Theme.PrimarySoft, null));
        if (now is { } n)
        {
            box.Items.Add(new RectItem(new XRect(0, 4, Position(n, width), 5), Theme.Primary, null));
        }

        if (inTwoYears is { } t)
        {
            var x = Math.Clamp(Position(t, width), 1, width - 1);
            box.Items.Add(new LineItem(new XPoint(x, 1.5), new XPoint(x, 11.5), Theme.Accent, 1.8));
        }

        return box;
    }

    /// <summary>
    /// The radar chart: one spoke per axis, rings for levels 1–5, a filled polygon for now and a dashed one for
    /// in two years, each with its own marker. A value that is not rated gets no point: the outline breaks there
    /// (never dips to the centre), and the caller names those spokes under the chart. Labels wrap beside the spoke tips;
    /// if any would need more than three lines the chart shows codes only and <paramref name="useKey"/> is
    /// set so the caller prints the full labels as a key.
    /// </summary>
    public static LineBox Radar(TextEngine engine, double width, IReadOnlyList<RadarAxis> axes, IFormatProvider culture, out bool useKey)
    {
        const double labelWidth = 94, labelGap = 7, maxRadius = 92;
        var labelStyle = new TextStyle(6.8, false, false, Theme.Ink, 1.25);
        var codeStyle = labelStyle.AsBold();
        var n = axes.Count;

        List<LineBox> LabelLines(RadarAxis axis, bool withTitle, TextAlign align) =>
            engine.Break(withTitle ? [new TextSpan(axis.Code, codeStyle), new TextSpan(" " + axis.Label, labelStyle)] : [new TextSpan(axis.Code, codeStyle)], labelWidth, align);

        useKey = axes.Any(a => LabelLines(a, true, TextAlign.Left).Count > 3);
        var radius = Math.Min(maxRadius, (width - (2 * (labelWidth + labelGap))) / 2);
        var angles = Enumerable.Range(0, n).Select(i => (-Math.PI / 2) + (2 * Math.PI * i / n)).ToArray();

        // Lay out labels relative to the centre first, to know how much room the chart needs above and below.
        var labels = new List<(LineBox Line, double X, double Y)>();
        for (var i = 0; i < n; i++)
        {
            var (cos, sin) = (Math.Cos(angles[i]), Math.Sin(angles[i]));
            var tip = new XPoint((radius + labelGap) * cos, (radius + labelGap) * sin);
            var align = Math.Abs(cos) < 0.18 ? TextAlign.Center : cos > 0 ? TextAlign.Left : TextAlign.Right;
            var lines = LabelLines(axes[i], !useKey, align);
            var blockHeight = lines.Sum(l => l.Height);
            var x = align switch
            {
                TextAlign.Left => tip.X,
                TextAlign.Right => tip.X - labelWidth,
                TextAlign.Center => tip.X - (labelWidth / 2),
            };
            var y = Math.Abs(cos) < 0.18
                ? (sin < 0 ? tip.Y - blockHeight : tip.Y)
                : tip.Y - (blockHeight / 2) + (sin * blockHeight / 2);
            foreach (var line in lines)
            {
                labels.Add((line, x, y));
                y += line.Height;
            }
        }

        var top = Math.Min(-radius, labels.Select(l => l.Y).DefaultIfEmpty(0).Min()) - 2;
        var bottom = Math.Max(radius, labels.Select(l => l.Y + l.Line.Height).DefaultIfEmpty(0).Max()) + 2;
        var box = new LineBox(bottom - top);
        var centre = new XPoint(width / 2, -top);

        XPoint At(int axis, double value) => new(
            centre.X + (radius * value / Scale * Math.Cos(angles[axis])),
            centre.Y + (radius * value / Scale * Math.Sin(angles[axis])));

        for (var ring = 1; ring <= (int)Scale; ring++)
        {
            box.Items.Add(new PolygonItem([.. Enumerable.Range(0, n).Select(i => At(i, ring))], ring == Scale ? Theme.Fill : null, Theme.Grid, ring == Scale ? 0.8 : 0.5, LineDash.Solid, true));
        }

        for (var i = 0; i < n; i++)
        {
            box.Items.Add(new LineItem(centre, At(i, Scale), Theme.Grid, 0.5));
        }

        var ringStyle = new TextStyle(5.8, false, false, Theme.Muted, 1.2);
        for (var ring = 1; ring <= (int)Scale; ring++)
        {
            var p = At(0, ring);
            box.Items.AddRange(engine.SingleLine(ring.ToString(culture), ringStyle, p.Y + 2.2).Select(item => item.Offset(p.X + 2, 0)));
        }

        // Sub-dimensions carry no target (the methodology sets targets per characteristic only), so two series.
        AddSeries(box, Series.Now, [.. axes.Select(a => a.Now)], At);
        AddSeries(box, Series.InTwoYears, [.. axes.Select(a => a.InTwoYears)], At);

        foreach (var (line, x, y) in labels)
        {
            foreach (var item in line.Items)
            {
                box.Items.Add(item.Offset(centre.X + x, centre.Y + y));
            }
        }

        return box;
    }

    private static void AddSeries(LineBox box, Series series, List<decimal?> values, Func<int, double, XPoint> at)
    {
        var n = values.Count;
        if (values.All(v => v is null))
        {
            return;
        }

        var color = Color(series);
        var width = series == Series.Target ? 1.3 : 1.6;
        if (values.All(v => v is not null))
        {
            var points = values.Select((v, i) => at(i, (double)v!.Value)).ToList();
            XColor? fill = series == Series.Now ? XColor.FromArgb(0x38, Theme.Primary.R, Theme.Primary.G, Theme.Primary.B) : null;
            box.Items.Add(new PolygonItem(points, fill, color, width, Dash(series), true));
        }
        else
        {
            // Missing values break the outline: connect only neighbouring known values.
            for (var i = 0; i < n; i++)
            {
                var j = (i + 1) % n;
                if (values[i] is { } a && values[j] is { } b && n > 1)
                {
                    box.Items.Add(new PolygonItem([at(i, (double)a), at(j, (double)b)], null, color, width, Dash(series), false));
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            if (values[i] is { } v)
            {
                box.Items.Add(Marker(series, at(i, (double)v), 2.3));
            }
        }
    }

    private static double Position(decimal value, double width) => Position((double)value, width);

    private static double Position(double value, double width) => Math.Clamp(value / Scale, 0, 1) * width;

    private static void AddGrid(LineBox box, double width, double top, double bottom)
    {
        for (var level = 0; level <= (int)Scale; level++)
        {
            var x = Position((double)level, width);
            box.Items.Add(new LineItem(new XPoint(x, top), new XPoint(x, bottom), level == 0 ? Theme.Rule : Theme.Grid, level == 0 ? 0.7 : 0.4));
        }
    }
}
