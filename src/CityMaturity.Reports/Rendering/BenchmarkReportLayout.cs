using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// Lays out a <see cref="BenchmarkReport"/>: title block with the filter and k, a summary per dimension (position and
/// gap to the top quartile), the position now and the position in two years for every dimension, sub-dimension and
/// characteristic, and the members as the reader sees them. It prints only what the comparison holds, so a withheld
/// figure stays withheld.
/// </summary>
internal sealed class BenchmarkReportLayout
{
    private readonly BenchmarkReport _report;
    private readonly BenchmarkReportLabels _labels;
    private readonly ReportFormat _format;
    private readonly PlainReportPages _pages;

    private BenchmarkReportLayout(BenchmarkReport report, TextEngine engine)
    {
        _report = report;
        _labels = report.Labels;
        _format = new ReportFormat(ReportLabels.English with { Culture = report.Labels.Culture, DateFormat = report.Labels.DateFormat });
        _pages = new PlainReportPages(engine);
    }

    public static LayoutDocument Build(BenchmarkReport report, TextEngine engine) => new BenchmarkReportLayout(report, engine).Build();

    private string Titled(string city) => string.Format(System.Globalization.CultureInfo.InvariantCulture, _labels.TitleFormat, _labels.ReportTitle, city);

    private LayoutDocument Build()
    {
        var meta = _report.Metadata;
        var document = _pages.Flow.Document;
        document.Title = $"{Titled(meta.City)} – {meta.Network}";
        document.Author = meta.City;
        document.Subject = _report.FilterName;
        document.CreatedAt = meta.CreatedAt;
        document.Language = meta.Language;

        _pages.Section(TitleAndSummary);
        _pages.Section(() => Positions(RatingView.Now, _labels.Now));
        _pages.Section(() => Positions(RatingView.InTwoYears, _labels.InTwoYears));
        _pages.Section(LearnFrom);
        _pages.Section(Members);
        _pages.RunningHeads(meta.City, $"{_labels.ReportTitle} · {meta.Network}",
            (page, pages) => _format.Format(_labels.PageFormat, _format.Count(page), _format.Count(pages)));
        return document;
    }

    private void TitleAndSummary()
    {
        var meta = _report.Metadata;
        var among = _report.OwnIncluded ? _labels.OwnAmongThem : _labels.OwnNotAmongThem;
        _pages.TitleBlock(_labels.Summary, _labels.Kicker, Titled(meta.City),
        [
            (_labels.Network, meta.Network),
            (_labels.ComparedWith, _format.Format(_labels.ComparedWithFormat, _report.FilterName, _format.Count(_report.Cities), among)),
            (_labels.PrivacyThreshold, _format.Format(_labels.PrivacyFormat, _format.Count(_report.K))),
            (_labels.ReportCreated, _format.Date(meta.CreatedAt)),
        ]);
        if (meta.Generated)
        {
            _pages.Flow.Space(8);
            _pages.Text(_labels.GeneratedNotice, Theme.BodyMuted);
        }

        _pages.Flow.Space(14);
        _pages.Heading2(_labels.Summary);
        foreach (var sentence in SummarySentences())
        {
            _pages.Bullet(sentence);
        }

        _pages.Text(_labels.ScaleNote, Theme.BodyMuted);
        DistributionFigure();
    }

    /// <summary>
    /// A box plot per dimension, now and in two years, with the own city marked: a caption, the figure (tagged, with its
    /// alternative text), and its legend. Where the privacy rule withholds a dimension's figures, or no city rated it,
    /// the lane says so in words and nothing is drawn.
    /// </summary>
    private void DistributionFigure()
    {
        var flow = _pages.Flow;
        flow.Space(8);
        flow.KeepTogether(120);
        _pages.Heading2(_labels.Distribution);
        _pages.Text(_format.Format(_labels.DistributionCaptionFormat, _format.Count(_report.Cities)), Theme.Small);
        using (flow.Tagged(StructureRole.Figure, _labels.DistributionAltText))
        {
            flow.Place(new GraphicBlock((engine, width) =>
            {
                var scale = Charts.ScaleLabels(engine, PlotWidth(width), _format.Culture);
                scale.Shift(PlotLeft);
                return scale;
            }));
            foreach (var dimension in _report.Dimensions)
            {
                flow.Place(new GraphicBlock((engine, width) => DistributionRow(engine, width, dimension)));
            }
        }

        flow.Space(4);
        flow.Place(new GraphicBlock((engine, _) => Charts.BoxPlotLegend(engine, _labels.LegendMiddleHalf, _labels.LegendMedian, _labels.LegendRange,
            [(Series.Now, _labels.LegendOwnNow), (Series.InTwoYears, _labels.LegendOwnInTwoYears)])));
    }

    private const double DimensionColumn = 150, ViewColumn = 62, Gap = 6;

    private static double PlotLeft => DimensionColumn + ViewColumn + Gap;

    /// <summary>The 0–5 track, less room for a marker at 5.</summary>
    private static double PlotWidth(double width) => width - PlotLeft - 4;

    /// <summary>One dimension: its name, then a lane per view holding the box plot or, where nothing may be drawn, why.</summary>
    private LineBox DistributionRow(TextEngine engine, double width, BenchmarkReportRow dimension)
    {
        const double laneGap = 3, padding = 4;
        var plotWidth = PlotWidth(width);
        var name = engine.Break([new TextSpan(dimension.Code, Theme.CellBold), new TextSpan(" " + dimension.Title, Theme.Cell)], DimensionColumn - Gap);
        var lanes = new List<(string View, List<LineBox> Content)>();
        foreach (var (view, series, viewName) in new[] { (RatingView.Now, Series.Now, _labels.Now), (RatingView.InTwoYears, Series.InTwoYears, _labels.InTwoYears) })
        {
            var comparison = dimension.For(view);
            lanes.Add((viewName, comparison.Distribution is { } distribution
                ? [Charts.BoxPlot(plotWidth, distribution, comparison.Own, series)]
                : engine.Break(comparison.IsWithheld ? _format.Format(_labels.NotDrawnFormat, _format.Count(_report.K)) : _labels.NoCityRated, Theme.SmallItalic, plotWidth)));
        }

        var lanesHeight = lanes.Sum(l => Math.Max(12, l.Content.Sum(c => c.Height))) + laneGap;
        var row = new LineBox(Math.Max(name.Sum(l => l.Height), lanesHeight) + (2 * padding));
        row.Items.Add(new LineItem(new XPoint(0, row.Height - 0.2), new XPoint(width, row.Height - 0.2), Theme.Grid, 0.4));
        Stack(row, name, 0, padding);
        var y = padding;
        foreach (var (viewName, content) in lanes)
        {
            var laneHeight = Math.Max(12, content.Sum(c => c.Height));
            var label = engine.SingleLine(viewName, Theme.Small, 0);
            var labelBaseline = y + (laneHeight / 2) + (Theme.Small.Size * 0.35);
            row.Items.AddRange(label.Select(i => i.Offset(DimensionColumn, labelBaseline)));
            Stack(row, content, PlotLeft, y);
            y += laneHeight + laneGap;
        }

        return row;
    }

    private static void Stack(LineBox into, IEnumerable<LineBox> lines, double x, double y)
    {
        foreach (var line in lines)
        {
            into.Items.AddRange(line.Items.Select(i => i.Offset(x, y)));
            y += line.Height;
        }
    }

    /// <summary>One sentence per dimension: the score now, its rank and quartile, and the gap to the top quartile.</summary>
    internal IEnumerable<string> SummarySentences() => _report.Dimensions.Select(d =>
    {
        var name = $"{d.Code} {d.Title}";
        return d.Now.Position is { } p
            ? _format.Format(_labels.DimensionSentenceFormat, name, _format.Precise(p.Score), _format.Count(p.Rank), _format.Count(p.OutOf),
                _labels.BandName(p.Band).ToLowerInvariant(), p.GapToTopQuartile > 0 ? _format.Format(_labels.GapFormat, _format.Precise(p.GapToTopQuartile)) : string.Empty)
            : _format.Format(_labels.DimensionWithoutPositionFormat, name, d.Now.Own is { } own ? _format.Precise(own) : _labels.NotRated);
    });

    private void Positions(RatingView view, string viewName)
    {
        _pages.Chapter(_format.Format(_labels.ChapterFormat, viewName.ToLowerInvariant()));
        _pages.Text(_labels.DistributionNote, Theme.BodyMuted);
        var rows = _report.Rows;
        _pages.Grid(
            [
                (_labels.Metric, 0, 1), (_labels.Own, 34, 0), (_labels.MiddleHalf, 72, 0), (_labels.Range, 50, 0), (_labels.CitiesColumn, 32, 0),
                (_labels.Rank, 40, 0), (_labels.Percentile, 40, 0), (_labels.Quartile, 50, 0), (_labels.GapToTop, 40, 0),
            ],
            rows.Select(r => Cells(r, r.For(view))),
            index => rows[index].Level == BenchmarkLevel.Dimension);
    }

    private string[] Cells(BenchmarkReportRow row, ViewComparison view)
    {
        var name = $"{row.Code} {row.Title}";
        var own = view.Own is { } score ? _format.Precise(score) : ReportFormat.NoValue;
        if (view.Distribution is not { } d)
        {
            return [name, own, view.IsWithheld ? _labels.Withheld : _labels.NotRated, ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue];
        }

        var middle = $"{_format.Precise(d.LowerQuartile)} – {_format.Precise(d.Median)} – {_format.Precise(d.UpperQuartile)}";
        var range = $"{_format.Precise(d.Minimum)}–{_format.Precise(d.Maximum)}";
        if (view.Position is not { } p)
        {
            return [name, own, middle, range, _format.Count(d.Count), ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue, ReportFormat.NoValue];
        }

        return
        [
            name, own, middle, range, _format.Count(d.Count), _format.Format(_labels.RankFormat, _format.Count(p.Rank), _format.Count(p.OutOf)),
            _format.Count((int)p.Percentile), _labels.BandName(p.Band), _format.Precise(p.GapToTopQuartile),
        ];
    }

    private void LearnFrom()
    {
        _pages.Chapter(_labels.LearnFrom);
        if (_report.LearnFrom.Count == 0)
        {
            _pages.Text(_labels.NoneToLearnFrom);
            return;
        }

        _pages.Text(_labels.LearnFromIntro, Theme.BodyMuted);
        foreach (var characteristic in _report.LearnFrom)
        {
            _pages.Bullet(_format.Format(_labels.LearnFromFormat, $"{characteristic.Code} {characteristic.Title}", _format.Precise(characteristic.Own),
                _format.Precise(characteristic.AheadFrom), string.Join(_labels.ListSeparator, characteristic.Peers)));
        }
    }

    private void Members()
    {
        _pages.Chapter(_labels.Members);
        _pages.Text(_labels.MembersIntro, Theme.BodyMuted);
        foreach (var member in _report.MembersShown)
        {
            _pages.Bullet(member);
        }
    }
}
