using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// Turns a <see cref="BaselineReport"/> into a <see cref="LayoutDocument"/>: cover, contents, executive
/// summary, "since the last cycle" for a follow-up, one chapter per dimension, perception gaps, gaps in plans, appendix; then fills in the
/// contents' page numbers and the running heads ("page x of y") once the page count is known.
/// </summary>
internal sealed partial class BaselineReportLayout
{
    private const string SummaryKey = "summary";
    private const string PerceptionKey = "perception-gaps";
    private const string PlanGapsKey = "plan-gaps";
    private const string NextStepsKey = "next-steps";
    private const string AppendixKey = "appendix";
    private const string MethodologyKey = "appendix-methodology";
    private const string LevelsKey = "appendix-levels";
    private const string GroupsKey = "appendix-groups";
    private const string FindingsKey = "appendix-strengths-weaknesses";
    private const string DecisionsKey = "appendix-decisions";

    private readonly BaselineReport _report;
    private readonly ReportLabels _labels;
    private readonly ReportFormat _format;
    private readonly PageFlow _flow;
    private readonly List<(LayoutPage Page, string Key, double Right, double Baseline, TextStyle Style, StructureTag? Tag)> _pageReferences = [];

    private BaselineReportLayout(BaselineReport report, TextEngine engine)
    {
        _report = report;
        _labels = report.Labels;
        _format = new ReportFormat(report.Labels);
        var document = new LayoutDocument(new XSize(Theme.PageWidth, Theme.PageHeight), Theme.Body, Theme.Printable);
        _flow = new PageFlow(engine, document);
    }

    private TextEngine Engine => _flow.Engine;

    private XRect Body => _flow.Body;

    public static LayoutDocument Build(BaselineReport report, TextEngine engine)
    {
        var layout = new BaselineReportLayout(report, engine);
        return layout.Build();
    }

    private LayoutDocument Build()
    {
        var meta = _report.Metadata;
        var document = _flow.Document;
        document.Title = $"{_labels.ReportTitle}: {meta.Community} – {meta.AssessmentName}";
        document.Author = meta.Organisation;
        document.Subject = $"{meta.Standard} · {meta.AssessmentName} · {_format.Date(meta.AssessmentDate)}";
        document.CreatedAt = meta.CreatedAt;
        document.Language = meta.Language;

        // Each part is a section of the tagged PDF, so a screen reader can move between them.
        var contents = ContentsEntries();
        Section(Cover);
        Section(() => Contents(contents));
        Section(ExecutiveSummary);
        if (_report.SinceLastCycle is { } since)
        {
            Section(() => SinceLastCycle(since));
        }

        foreach (var dimension in _report.Dimensions)
        {
            Section(() => Dimension(dimension));
        }

        Section(PerceptionGaps);
        Section(PlanGaps);
        Section(Appendix);
        Section(EvidenceAppendix);

        ResolvePageReferences();
        RunningHeads();
        return document;
    }

    // ---------------------------------------------------------------- structure

    private void Section(Action part)
    {
        using var scope = _flow.Tagged(StructureRole.Section);
        part();
    }

    private List<(string Key, string Title, int Level)> ContentsEntries()
    {
        var entries = new List<(string, string, int)> { (SummaryKey, _labels.ExecutiveSummary, 1) };
        if (_report.SinceLastCycle is not null)
        {
            entries.AddRange(SinceLastCycleEntries());
        }

        entries.AddRange(_report.Dimensions.Select(d => (DimensionKey(d), DimensionTitle(d), 1)));
        entries.Add((PerceptionKey, _labels.PerceptionGaps, 1));
        entries.Add((PlanGapsKey, _labels.PlanGaps, 1));
        entries.Add((NextStepsKey, NextStepsTitle, 2));
        entries.Add((AppendixKey, _labels.Appendix, 1));
        entries.Add((MethodologyKey, _labels.Methodology, 2));
        entries.Add((FindingsKey, _labels.StrengthsAndWeaknesses, 2));
        entries.Add((LevelsKey, _labels.LevelDefinitions, 2));
        entries.Add((GroupsKey, _labels.Groups, 2));
        entries.Add((DecisionsKey, _labels.ConsensusDecisions, 2));
        entries.AddRange(EvidenceContentsEntries());
        return entries;
    }

    private static string DimensionKey(DimensionSection d) => "dimension-" + d.Code;

    private string DimensionTitle(DimensionSection d) => _format.Format(_labels.DimensionHeadingFormat, d.Code, d.Title);

    private string NextStepsTitle => _format.Format(_labels.NextStepsFormat, _report.NextSteps.StageName);

    /// <summary>A chapter: a new page, an accent bar, the title; the running head names it from here on.</summary>
    private void Chapter(string key, string title)
    {
        _flow.CurrentSection = title;
        _flow.NewPage();
        _flow.Add(new RectItem(new XRect(Body.Left, Body.Top, 36, 3.2), Theme.Accent, null));
        _flow.Advance(12);
        _flow.Anchor(key, title, 1);
        using var heading = _flow.Tagged(StructureRole.Heading1);
        _flow.Paragraph(new Paragraph(title, Theme.H1) { SpaceAfter = 10 });
    }

    private void Heading(string title, string? key = null, double spaceBefore = 16)
    {
        var lines = Engine.Break(title, Theme.H2, Body.Width);
        _flow.KeepTogether(spaceBefore + lines.Sum(l => l.Height) + 60);
        _flow.Space(spaceBefore);
        if (key is not null)
        {
            _flow.Anchor(key, title, 2);
        }

        using (_flow.Tagged(StructureRole.Heading2))
        {
            foreach (var line in lines)
            {
                _flow.Place(line, Body.Left);
            }
        }

        _flow.Space(5);
    }

    private void Subheading(IReadOnlyList<TextSpan> spans, double spaceBefore = 10)
    {
        var lines = Engine.Break(spans, Body.Width);
        _flow.KeepTogether(spaceBefore + lines.Sum(l => l.Height) + 40);
        _flow.Space(spaceBefore);
        using var heading = _flow.Tagged(StructureRole.Heading3);
        foreach (var line in lines)
        {
            _flow.Place(line, Body.Left);
        }

        _flow.Space(3);
    }

    private void Text(string text, TextStyle? style = null, double spaceAfter = 6) =>
        _flow.Paragraph(new Paragraph(text, style ?? Theme.BodyText) { SpaceAfter = spaceAfter });

    // ---------------------------------------------------------------- cover

    private void Cover()
    {
        var meta = _report.Metadata;
        _flow.NewPage(runningHeads: false);

        // The band is drawn behind the title once its height is known, so a long title stays inside it.
        _flow.Advance(10);
        _flow.Paragraph(new Paragraph(_labels.CoverKicker, new TextStyle(9, false, false, Theme.CoverSoft, 1.35)) { SpaceAfter = 6 });
        using (_flow.Tagged(StructureRole.Heading1))
        {
            _flow.Paragraph(new Paragraph(_labels.ReportTitle, new TextStyle(24, true, false, Theme.White, 1.22)) { SpaceAfter = 4 });
        }

        _flow.Paragraph(new Paragraph(meta.Standard, new TextStyle(10, false, false, Theme.CoverSoft, 1.35)));
        var bandBottom = _flow.Y + 26;
        _flow.AddBackground(new RectItem(new XRect(0, 0, Theme.PageWidth, bandBottom), Theme.CoverBand, null));
        _flow.Advance(26 + 34);

        _flow.Paragraph(new Paragraph(meta.Community, new TextStyle(26, true, false, Theme.Primary, 1.22)) { SpaceAfter = 6 });
        _flow.Paragraph(new Paragraph(meta.AssessmentName, new TextStyle(14, false, false, Theme.Muted, 1.35)) { SpaceAfter = 22 });

        var facts = new List<(string Label, string Value)>
        {
            (_labels.Organisation, meta.Organisation),
            (_labels.AssessmentDate, _format.Date(meta.AssessmentDate)),
            (_labels.Method, meta.MethodName),
            (_labels.Purpose, meta.StageName),
            (_labels.Standard, meta.Standard),
            (_labels.ReportCreated, _format.Date(meta.CreatedAt)),
        };
        var labelStyle = new TextStyle(8, false, false, Theme.Muted, 1.4);
        var valueStyle = new TextStyle(9.5, false, false, Theme.Ink, 1.4);
        var factRows = facts.Select(f => new TableRow(
            new TableCell(0, new Paragraph(f.Label, labelStyle)),
            new TableCell(1, new Paragraph(f.Value, valueStyle)))
        { RuleBelow = Theme.Rule }).ToList();
        _flow.Add(new LineItem(new XPoint(Body.Left, _flow.Y), new XPoint(Body.Right, _flow.Y), Theme.Rule, 0.4));
        TableLayout.Place(_flow, new Table([new TableColumn(140), new TableColumn(0, 1)], factRows) { PaddingX = 0, PaddingY = 5 });

        Heading(_labels.Participation, spaceBefore: 24);
        ParticipationTable(includeDescriptions: false);
        _flow.Space(14);
        Text(_labels.ScaleNote, Theme.Small);
    }

    private void ParticipationTable(bool includeDescriptions)
    {
        var meta = _report.Metadata;
        var numeric = TextAlign.Right;
        TableCell Num(int column, string text, TextStyle style) => new(column, new Paragraph(text, style, numeric));

        var columns = new List<TableColumn> { new(0, 1) };
        if (includeDescriptions)
        {
            columns.Add(new TableColumn(0, 1.6));
        }

        columns.AddRange(new[] { _labels.Participants, _labels.Started, _labels.Finished, _labels.FinishedRate }.Select(h => new TableColumn(FitHead(h, 54, 4))));
        var offset = includeDescriptions ? 1 : 0;

        TableRow Row(string name, string? description, int participants, int started, int finished, decimal? rate, TextStyle style)
        {
            var cells = new List<TableCell> { new(0, new Paragraph(name, style)) };
            if (includeDescriptions)
            {
                cells.Add(new TableCell(1, new Paragraph(description ?? string.Empty, style with { Bold = false })));
            }

            cells.Add(Num(1 + offset, _format.Count(participants), style));
            cells.Add(Num(2 + offset, _format.Count(started), style));
            cells.Add(Num(3 + offset, _format.Count(finished), style));
            cells.Add(Num(4 + offset, _format.Percent(rate), style));
            return new TableRow([.. cells]) { RuleBelow = Theme.Rule };
        }

        var headerCells = new List<TableCell> { new(0, new Paragraph(_labels.StakeholderGroup, Theme.CellHead)) };
        if (includeDescriptions)
        {
            headerCells.Add(new TableCell(1, new Paragraph(_labels.Description, Theme.CellHead)));
        }

        headerCells.Add(Num(1 + offset, _labels.Participants, Theme.CellHead));
        headerCells.Add(Num(2 + offset, _labels.Started, Theme.CellHead));
        headerCells.Add(Num(3 + offset, _labels.Finished, Theme.CellHead));
        headerCells.Add(Num(4 + offset, _labels.FinishedRate, Theme.CellHead));

        var rows = meta.Participation.Select(g => Row(g.GroupName, g.Description, g.Participants, g.Started, g.Finished, g.FinishedRate, Theme.Cell)).ToList();
        rows.Add(Row(_labels.Total, null, meta.ParticipantCount, meta.StartedCount, meta.FinishedCount, meta.FinishedRate, Theme.CellBold) with { RuleBelow = null, Fill = Theme.Fill });
        TableLayout.Place(_flow, new Table(columns, rows)
        {
            Header = new TableRow([.. headerCells]) { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 },
        });
        _flow.Paragraph(new Paragraph(_labels.ParticipationNote, Theme.Small) { SpaceBefore = 4 });
    }

    // ---------------------------------------------------------------- contents

    private void Contents(List<(string Key, string Title, int Level)> entries)
    {
        _flow.CurrentSection = _labels.Contents;
        _flow.NewPage();
        _flow.Add(new RectItem(new XRect(Body.Left, Body.Top, 36, 3.2), Theme.Accent, null));
        _flow.Advance(12);
        using (_flow.Tagged(StructureRole.Heading1))
        {
            _flow.Paragraph(new Paragraph(_labels.Contents, Theme.H1) { SpaceAfter = 14 });
        }


        const double numberWidth = 34;
        foreach (var (key, title, level) in entries)
        {
            var style = level == 1 ? new TextStyle(10, true, false, Theme.Ink, 1.4) : new TextStyle(9, false, false, Theme.Ink, 1.4);
            var indent = level == 1 ? 0 : 16;
            var lines = Engine.Break(title, style, Body.Width - indent - numberWidth - 12);
            if (lines.Count == 0)
            {
                continue; // an empty title (a blank translation) has nothing to list
            }

            var space = level == 1 ? 9 : 2;
            using var entry = _flow.Tagged(StructureRole.Paragraph);
            _flow.KeepTogether(space + lines.Sum(l => l.Height));
            _flow.Space(space);
            var top = _flow.Y;
            var page = _flow.Page;
            foreach (var line in lines)
            {
                _flow.Place(line, Body.Left + indent);
            }

            // The leader runs from the end of the title's last line to the page number.
            var last = lines[^1];
            var lastTop = _flow.Y - last.Height;
            var textEnd = Body.Left + indent + last.Items.OfType<TextRun>().Max(r => r.X + r.Width);
            var baseline = lastTop + last.Baseline;
            var leaderEnd = Body.Right - numberWidth + 4;
            if (leaderEnd - textEnd > 12)
            {
                _flow.Add(new LineItem(new XPoint(textEnd + 5, baseline - 0.5), new XPoint(leaderEnd, baseline - 0.5), Theme.Rule, 0.9, LineDash.Dotted));
            }

            _pageReferences.Add((_flow.Page, key, Body.Right, baseline, style with { Bold = level == 1 }, _flow.CurrentTag));
            if (ReferenceEquals(page, _flow.Page))
            {
                _flow.Add(new LinkItem(new XRect(Body.Left, top, Body.Width, _flow.Y - top), key));
            }
        }
    }

    private void ResolvePageReferences()
    {
        foreach (var (page, key, right, baseline, style, tag) in _pageReferences)
        {
            var number = _format.Count(_flow.Document.Anchor(key).PageIndex + 1);
            var width = Engine.Width(number, style);

            // The number belongs to its entry's paragraph, so a screen reader reads "Executive summary 3".
            var numberRuns = Engine.SingleLine(number, style, baseline).Select(i => i.Offset(right - width, 0) with { Tag = tag });
            var at = page.Items.FindLastIndex(i => ReferenceEquals(i.Tag, tag));
            page.Items.InsertRange(at < 0 ? page.Items.Count : at + 1, numberRuns);
        }
    }

    // ---------------------------------------------------------------- executive summary

    private void ExecutiveSummary()
    {
        var summary = _report.Summary;
        Chapter(SummaryKey, _labels.ExecutiveSummary);

        DimensionCards(summary.DimensionScores);

        if (summary.Radar.Count >= 3)
        {
            Heading(_labels.MaturityProfile, spaceBefore: 14);
            var useKey = false;
            using (_flow.Tagged(StructureRole.Figure, _labels.RadarAltText))
            {
                _flow.Place(new GraphicBlock((engine, width) => Charts.Radar(engine, width, summary.Radar, _format.Culture, out useKey)));
                _flow.Space(4);
                _flow.Place(new GraphicBlock((engine, width) => Charts.Legend(engine, width, LegendEntries(withTarget: false))));
            }

            RadarNotRated(summary.Radar);
            if (useKey)
            {
                var spans = new List<TextSpan> { new(_labels.RadarKey + ": ", Theme.Small.AsBold()) };
                spans.AddRange(summary.Radar.SelectMany((a, i) => new[]
                {
                    new TextSpan((i > 0 ? "; " : string.Empty) + a.Code, Theme.Small.AsBold()),
                    new TextSpan(" " + a.Label, Theme.Small),
                }));
                _flow.Paragraph(new Paragraph(spans) { SpaceBefore = 4 });
            }
        }
        else if (summary.Radar.Count > 0)
        {
            Heading(_labels.MaturityProfile, spaceBefore: 14);
            ScoreBarTable(summary.Radar.Select(a => (a.Code, a.Label, a.Now, a.InTwoYears, (decimal?)null)).ToList(), string.Empty);
        }

        _flow.Space(14);
        HighlightColumns(summary);
    }

    /// <summary>Under the radar: which spokes have no point in a series, so a gap never reads as a low score.</summary>
    private void RadarNotRated(IReadOnlyList<RadarAxis> axes)
    {
        foreach (var (name, missing) in new[]
        {
            (_labels.Now, axes.Where(a => a.Now is null).Select(a => a.Code).ToList()),
            (_labels.InTwoYears, axes.Where(a => a.InTwoYears is null).Select(a => a.Code).ToList()),
        })
        {
            if (missing.Count > 0)
            {
                _flow.Paragraph(new Paragraph(_format.Format(_labels.RadarNotRatedFormat, name.ToLower(_format.Culture), string.Join(", ", missing)), Theme.Small) { SpaceBefore = 2 });
            }
        }
    }

    private List<(Series, string)> LegendEntries(bool withTarget)
    {
        var entries = new List<(Series, string)> { (Series.Now, _labels.Now), (Series.InTwoYears, _labels.InTwoYears) };
        if (withTarget)
        {
            entries.Add((Series.Target, _labels.Target));
        }

        return entries;
    }

    private void DimensionCards(IReadOnlyList<DimensionScore> scores)
    {
        if (scores.Count == 0)
        {
            return;
        }

        // Two bands per row: the titles, then the figures, so the figures line up across cards of unequal titles.
        var perRow = Math.Min(4, scores.Count);
        var titleStyle = new TextStyle(8, true, false, Theme.Primary, 1.3);
        var rows = scores.Chunk(perRow).Select(chunk => new TableRow(new List<IReadOnlyList<TableCell>>
        {
            chunk.Select((d, i) => new TableCell(i, new Paragraph([new TextSpan(d.Code, titleStyle), new TextSpan(" · " + d.Title, titleStyle)])) { Fill = Theme.Fill }).ToList(),
            chunk.Select((d, i) => new TableCell(i, CardFigures(d)) { Fill = Theme.Fill }).ToList(),
        })).ToList();
        var table = new Table([.. Enumerable.Range(0, perRow).Select(_ => new TableColumn(0, 1))], rows)
        {
            ColumnGap = 8,
            PaddingX = 8,
            PaddingY = 5,
        };
        for (var r = 0; r < rows.Count; r++)
        {
            if (r > 0)
            {
                _flow.Space(8);
            }

            TableLayout.Place(_flow, table with { Rows = [rows[r]] });
        }
    }

    private List<IBlock> CardFigures(DimensionScore d) =>
    [
        new Paragraph(_labels.Now, new TextStyle(6.8, false, false, Theme.Muted, 1.25)),
        new Paragraph(_format.Score(d.Now), new TextStyle(20, true, false, Theme.Ink, 1.22)),
        new Paragraph(Rated(d.RatedNow, d.CharacteristicCount), new TextStyle(6.8, false, false, Theme.Muted, 1.3)) { SpaceAfter = 2 },
        new Paragraph([new TextSpan(_labels.InTwoYears + " ", new TextStyle(7.5, false, false, Theme.Muted, 1.4)), new TextSpan(_format.Score(d.InTwoYears), new TextStyle(9, true, false, Theme.Accent, 1.4))]),
        new Paragraph(Rated(d.RatedInTwoYears, d.CharacteristicCount), new TextStyle(6.8, false, false, Theme.Muted, 1.3)) { SpaceAfter = 2 },
        new GraphicBlock((_, width) => Charts.MiniBar(width, d.Now, d.InTwoYears)),
    ];

    /// <summary>"k of m rated" for one view: each score carries the count of the view it was computed from.</summary>
    private string Rated(int rated, int total) => _format.Format(_labels.RatedFormat, _format.Count(rated), _format.Count(total));

    private void HighlightColumns(ExecutiveSummary summary)
    {
        var columns = new (string Title, IReadOnlyList<SummaryHighlight> Items, int Count, XColor Color)[]
        {
            (_labels.Strengths, summary.Strengths, summary.StrengthCount, Theme.Accent),
            (_labels.Weaknesses, summary.Weaknesses, summary.WeaknessCount, Theme.TargetColor),
            (_labels.PlanGapsShort, summary.PlanGaps, summary.PlanGapCount, Theme.Primary),
        };

        var cells = columns.Select((c, i) =>
        {
            var blocks = new List<IBlock>
            {
                new GraphicBlock((_, width) =>
                {
                    var bar = new LineBox(6);
                    bar.Items.Add(new RectItem(new XRect(0, 0, width, 2.4), c.Color, null));
                    return bar;
                }),
                new Paragraph(c.Count > 0 ? _format.Format(_labels.ListCountFormat, c.Title, _format.Count(c.Count)) : c.Title, Theme.H3) { SpaceAfter = 4 },
            };
            if (c.Items.Count == 0)
            {
                blocks.Add(new Paragraph(_labels.NoneIdentified, Theme.SmallItalic));
            }

            foreach (var item in c.Items)
            {
                blocks.Add(new Paragraph([new TextSpan(item.Code, Theme.CellBold), new TextSpan(" " + item.Title, Theme.Cell)]));
                var figures = $"{_labels.Now} {_format.Score(item.Now)} · {_labels.InTwoYears} {_format.Score(item.InTwoYears)}";
                if (item.Target.HasValue)
                {
                    figures += $" · {_labels.Target} {_format.Score(item.Target)}";
                }

                if (item.Shortfall.HasValue)
                {
                    figures += " · " + _format.Format(_labels.ShortByFormat, _format.Score(item.Shortfall));
                }

                blocks.Add(new Paragraph(figures, Theme.Small) { SpaceAfter = item.Note is null ? 6 : 1 });
                if (item.Note is not null)
                {
                    blocks.Add(new Paragraph(item.Note, Theme.SmallItalic) { SpaceAfter = 6 });
                }
            }

            // The full lists: strengths and weaknesses in the appendix, gaps in plans in their own chapter.
            if (c.Count > c.Items.Count)
            {
                var shown = ReferenceEquals(c.Items, summary.PlanGaps) ? _labels.PlanGapsShownFormat : _labels.HighlightsShownFormat;
                blocks.Add(new Paragraph(_format.Format(shown, _format.Count(c.Items.Count), _format.Count(c.Count)), Theme.SmallItalic));
            }

            return new TableCell(i, blocks);
        }).ToArray();

        TableLayout.Place(_flow, new Table([new TableColumn(0, 1), new TableColumn(0, 1), new TableColumn(0, 1)], [new TableRow(cells)])
        {
            ColumnGap = 14,
            PaddingX = 0,
            PaddingY = 0,
        });
    }

    // ---------------------------------------------------------------- dimensions

    private void Dimension(DimensionSection section)
    {
        Chapter(DimensionKey(section), DimensionTitle(section));
        if (!string.IsNullOrWhiteSpace(section.Description))
        {
            Text(section.Description, Theme.BodyMuted, 10);
        }

        var score = section.Score;
        TableCell Card(int column, string caption, string value, XColor color, string? detail = null)
        {
            var blocks = new List<IBlock>
            {
                new Paragraph(caption, new TextStyle(7, false, false, Theme.Muted, 1.3)),
                new Paragraph(value, new TextStyle(16, true, false, color, 1.25)),
            };
            if (detail is not null)
            {
                blocks.Add(new Paragraph(detail, new TextStyle(7, false, false, Theme.Muted, 1.3)));
            }

            return new TableCell(column, blocks) { Fill = Theme.Fill };
        }

        TableLayout.Place(_flow, new Table([new TableColumn(0, 1), new TableColumn(0, 1), new TableColumn(0, 1)],
            [new TableRow(
                Card(0, _labels.Now, _format.Score(score.Now), Theme.Ink, Rated(score.RatedNow, score.CharacteristicCount)),
                Card(1, _labels.InTwoYears, _format.Score(score.InTwoYears), Theme.Accent, Rated(score.RatedInTwoYears, score.CharacteristicCount)),
                Card(2, _labels.Characteristics, _format.Count(score.CharacteristicCount), Theme.Ink))])
        {
            ColumnGap = 8,
            PaddingX = 8,
            PaddingY = 6,
        });

        if (section.SubDimensions.Count > 0)
        {
            Heading(_labels.SubDimensionScores);
            ScoreBarTable(section.SubDimensions.Select(s => (s.Code, s.Title, s.Now, s.InTwoYears, (decimal?)null)).ToList(), _labels.SubDimension);
        }

        Heading(_labels.Characteristics);
        CharacteristicTable(section.Characteristics);
        _flow.Paragraph(new Paragraph(_labels.TableNote, Theme.Small) { SpaceBefore = 6 });
    }

    private void ScoreBarTable(List<(string Code, string Title, decimal? Now, decimal? InTwoYears, decimal? Target)> rows, string caption)
    {
        const double barWidth = 190;
        var columns = new[] { new TableColumn(0, 1), new TableColumn(barWidth + 8), new TableColumn(64) };
        var header = new TableRow(
            new TableCell(0, new Paragraph(caption, Theme.CellHead)),
            new TableCell(1, new GraphicBlock((engine, width) => Charts.ScaleLabels(engine, width, _format.Culture))),
            new TableCell(2, new Paragraph($"{_labels.NowShort} → {_labels.InTwoYearsShort}", Theme.CellHead, TextAlign.Right)))
        { RuleBelow = Theme.Rule };

        var tableRows = rows.Select(r => new TableRow(
            new TableCell(0, new Paragraph([new TextSpan(r.Code, Theme.CellBold), new TextSpan(" " + r.Title, Theme.Cell)])),
            new TableCell(1, new GraphicBlock((_, width) => Charts.ScoreBars(width, r.Now, r.InTwoYears, r.Target))),
            new TableCell(2, new Paragraph([new TextSpan(_format.Score(r.Now), Theme.CellBold), new TextSpan(" → ", Theme.Cell), new TextSpan(_format.Score(r.InTwoYears), Theme.CellBold with { Color = Theme.Accent })], TextAlign.Right)))
        { RuleBelow = Theme.Grid }).ToList();

        TableLayout.Place(_flow, new Table(columns, tableRows) { Header = header, PaddingY = 2.5 });
        _flow.Space(4);
        _flow.Place(new GraphicBlock((engine, width) => Charts.BarLegend(engine, LegendEntries(rows.Any(r => r.Target.HasValue)))));
    }

    private void CharacteristicTable(IReadOnlyList<CharacteristicRow> rows)
    {
        const double padding = 3.5;
        var heads = new[]
        {
            _labels.Code, _labels.Characteristic, _labels.NowShort, _labels.InTwoYearsShort, _labels.Source,
            _labels.Planned, _labels.Respondents, _labels.InterquartileRange, _labels.Consensus, _labels.TargetShort,
        };
        double[] minimum = [30, 0, 26, 26, 46, 30, 18, 24, 52, 30];
        var widest = new Dictionary<int, IEnumerable<string>>
        {
            [4] = rows.Select(r => r.ScoreSource),
            [8] = rows.Select(r => r.ConsensusState),
        };
        var columns = heads.Select((head, i) => i == 1
            ? new TableColumn(0, 1)
            : new TableColumn(Math.Max(FitHead(head, minimum[i], padding), FitWords(widest.GetValueOrDefault(i, []), Theme.Cell, padding, 66)))).ToArray();
        TableCell Head(int column, string text, TextAlign align = TextAlign.Center) => new(column, new Paragraph(text, Theme.CellHead, align));
        TableCell Cell(int column, string text, TextStyle? style = null, TextAlign align = TextAlign.Center) => new(column, new Paragraph(text, style ?? Theme.Cell, align));

        var header = new TableRow([.. heads.Select((head, i) => Head(i, head, i <= 1 ? TextAlign.Left : TextAlign.Center))])
        { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 };

        var tableRows = rows.Select(c =>
        {
            var main = new List<TableCell>
            {
                Cell(0, c.Code, Theme.CellBold, TextAlign.Left),
                Cell(1, c.Title, Theme.Cell, TextAlign.Left),
                Cell(2, _format.Score(c.Now), Theme.CellBold),
                Cell(3, _format.Score(c.InTwoYears), Theme.CellBold with { Color = Theme.Accent }),
                Cell(4, c.ScoreSource),
                Cell(5, _format.Change(c.PlannedImprovement)),
                Cell(6, _format.Count(c.Respondents)),
                Cell(7, _format.Spread(c.InterquartileRange)),
                Cell(8, c.ConsensusState),
                Cell(9, _format.Level(c.Target), Theme.Cell with { Color = Theme.TargetColor }),
            };

            var criterion = c.LevelReached is { } level && c.LevelReachedCriterion is not null
                ? new Paragraph(
                [
                    new TextSpan($"{_labels.LevelReached} {_format.Level(level)}" + (c.LevelReachedName is null ? string.Empty : $" · {c.LevelReachedName}") + ": ", Theme.CriterionLead),
                    new TextSpan(c.LevelReachedCriterion, Theme.Criterion),
                ])
                : new Paragraph(_labels.NotRated, Theme.Criterion with { Italic = true });
            var detail = new List<IBlock> { criterion };
            if (c.PlansRegressCount > 0)
            {
                detail.Add(new Paragraph(_format.Format(_labels.ExpectDeclineFormat, _format.Count(c.PlansRegressCount)), Theme.Criterion with { Color = Theme.TargetColor }));
            }

            return new TableRow([main, [new TableCell(1, detail, columns.Length - 1)]]) { RuleBelow = Theme.Rule };
        }).ToList();

        TableLayout.Place(_flow, new Table(columns, tableRows) { Header = header, PaddingX = padding, PaddingY = 3 });
    }

    /// <summary>A fixed column wide enough for its head: on one line if the head is short, else for its longest word.</summary>
    private double FitHead(string head, double minimum, double padding)
    {
        var whole = Engine.Width(head, Theme.CellHead);
        var needed = whole <= 44 ? whole : head.Split(' ', StringSplitOptions.RemoveEmptyEntries).DefaultIfEmpty(string.Empty).Max(w => Engine.Width(w, Theme.CellHead));
        return Math.Max(minimum, Math.Ceiling(needed + (2 * padding) + 1));
    }

    /// <summary>Wide enough that no word of the values breaks, up to <paramref name="cap"/> (longer words still break, inside the cell).</summary>
    private double FitWords(IEnumerable<string> values, TextStyle style, double padding, double cap)
    {
        var longest = values.SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(w => Engine.Width(w, style)).DefaultIfEmpty(0).Max();
        return Math.Min(cap, Math.Ceiling(longest + (2 * padding) + 1));
    }

    // ---------------------------------------------------------------- perception gaps, plan gaps

    private void PerceptionGaps()
    {
        Chapter(PerceptionKey, _labels.PerceptionGaps);
        Text(_labels.PerceptionGapsIntro, Theme.BodyMuted, 10);
        if (_report.PerceptionGaps.Count == 0)
        {
            Text(_labels.NoPerceptionGaps);
            return;
        }

        var characteristics = _report.PerceptionGaps.Select(g => g.CharacteristicCode).Distinct(StringComparer.Ordinal).Count();
        Text(_format.Format(_labels.PerceptionGapsCountFormat, _format.Count(_report.PerceptionGaps.Count), _format.Count(characteristics)), Theme.BodyText, 8);

        var columns = new[] { new TableColumn(0, 1.3), new TableColumn(52), new TableColumn(0, 1), new TableColumn(44) };
        var header = new TableRow(
            new TableCell(0, new Paragraph(_labels.Characteristic, Theme.CellHead)),
            new TableCell(1, new Paragraph(_labels.View, Theme.CellHead)),
            new TableCell(2, new Paragraph(_labels.GroupMedians, Theme.CellHead)),
            new TableCell(3, new Paragraph(_labels.Spread, Theme.CellHead, TextAlign.Right)))
        { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 };

        var rows = _report.PerceptionGaps.Select(g => new TableRow(
            new TableCell(0, new Paragraph([new TextSpan(g.CharacteristicCode, Theme.CellBold), new TextSpan(" " + g.CharacteristicTitle, Theme.Cell)])),
            new TableCell(1, new Paragraph(ViewName(g.View), Theme.Cell)),
            new TableCell(2, [.. g.GroupMedians.Select(m => (IBlock)new Paragraph(
            [
                new TextSpan(m.GroupName + " ", Theme.Cell),
                new TextSpan(_format.Score(m.Median), Theme.CellBold),
                new TextSpan($" ({_format.Count(m.Respondents)})", Theme.Small),
            ]))]),
            new TableCell(3, new Paragraph(_format.Score(g.Spread), Theme.CellBold with { Color = Theme.TargetColor }, TextAlign.Right)))
        { RuleBelow = Theme.Rule }).ToList();

        TableLayout.Place(_flow, new Table(columns, rows) { Header = header });
    }

    private string ViewName(RatingView view) => view switch
    {
        RatingView.Now => _labels.Now,
        RatingView.InTwoYears => _labels.InTwoYears,
    };

    private void PlanGaps()
    {
        Chapter(PlanGapsKey, _labels.PlanGaps);
        Text(_labels.PlanGapsIntro, Theme.BodyMuted, 8);
        if (_report.PlanGaps.Count == 0)
        {
            Text(_labels.NoPlanGaps);
        }
        else
        {
            Text(_format.Format(_labels.PlanGapsCountFormat, _format.Count(_report.PlanGaps.Count)), Theme.BodyText, 4);
        }

        var first = true;
        foreach (var gap in _report.PlanGaps)
        {
            if (!first)
            {
                _flow.KeepTogether(80);
                _flow.Space(6);
                _flow.Add(new LineItem(new XPoint(Body.Left, _flow.Y), new XPoint(Body.Right, _flow.Y), Theme.Rule, 0.5));
            }

            first = false;
            Subheading([new TextSpan(gap.CharacteristicCode, Theme.H3 with { Color = Theme.Primary }), new TextSpan(" " + gap.CharacteristicTitle, Theme.H3)], spaceBefore: 10);
            var figures = new List<TextSpan>
            {
                new(_labels.Now + " ", Theme.Small), new(_format.Score(gap.Now), Theme.Small.AsBold() with { Color = Theme.Ink }),
                new("   " + _labels.InTwoYears + " ", Theme.Small), new(_format.Score(gap.InTwoYears), Theme.Small.AsBold() with { Color = Theme.Accent }),
            };
            if (gap.Target.HasValue)
            {
                figures.Add(new TextSpan("   " + _labels.Target + " ", Theme.Small));
                figures.Add(new TextSpan(_format.Score(gap.Target), Theme.Small.AsBold() with { Color = Theme.TargetColor }));
            }

            if (gap.Shortfall.HasValue)
            {
                figures.Add(new TextSpan("   " + _labels.ShortfallLabel + " ", Theme.Small));
                figures.Add(new TextSpan(_format.Score(gap.Shortfall), Theme.Small.AsBold() with { Color = Theme.Ink }));
            }

            _flow.Paragraph(new Paragraph(figures) { SpaceAfter = 4 });
            if (!string.IsNullOrWhiteSpace(gap.Note))
            {
                Text(gap.Note, Theme.BodyText, 4);
            }

            if (gap.Documents.Count > 0)
            {
                _flow.KeepTogether(40); // a label never ends a page without what it introduces
                _flow.Paragraph(new Paragraph(_labels.DocumentsThatHelp, Theme.Small.AsBold()) { SpaceBefore = 2, SpaceAfter = 1 });
                foreach (var document in gap.Documents)
                {
                    _flow.Paragraph(new Paragraph(
                    [
                        new TextSpan(document.Code, Theme.Cell.AsBold()),
                        new TextSpan(" " + document.Title + ". ", Theme.Cell),
                        new TextSpan(document.Purpose, Theme.Cell with { Color = Theme.Muted }),
                    ])
                    { Bullet = "•", SpaceAfter = 2 }, indent: 4);
                }
            }

            if (gap.LocalGovernmentFunctions.Count > 0)
            {
                _flow.KeepTogether(40);
                _flow.Paragraph(new Paragraph(_labels.LocalGovernmentFunctions, Theme.Small.AsBold()) { SpaceBefore = 3, SpaceAfter = 1 });
                _flow.Paragraph(new Paragraph(string.Join(" · ", gap.LocalGovernmentFunctions), Theme.Cell) { SpaceAfter = 2 }, indent: 4);
            }
        }

        Heading(NextStepsTitle, NextStepsKey, spaceBefore: 22);
        var number = 1;
        foreach (var step in _report.NextSteps.Steps)
        {
            _flow.Paragraph(new Paragraph(step, Theme.BodyText) { Bullet = _format.Count(number++) + ".", BulletIndent = 16, SpaceAfter = 4 });
        }
    }

    // ---------------------------------------------------------------- appendix

    private void Appendix()
    {
        var appendix = _report.Appendix;
        Chapter(AppendixKey, _labels.Appendix);

        Heading(_labels.Methodology, MethodologyKey, spaceBefore: 4);
        foreach (var paragraph in appendix.MethodologyParagraphs)
        {
            Text(paragraph);
        }

        StrengthsAndWeaknesses();

        Heading(_labels.LevelDefinitions, LevelsKey);
        foreach (var definitions in appendix.LevelDefinitions)
        {
            Subheading([new TextSpan($"({definitions.ClassCode}) ", Theme.H3 with { Color = Theme.Primary }), new TextSpan(definitions.ClassName, Theme.H3)]);
            Text(definitions.Question, Theme.SmallItalic, 3);
            var rows = definitions.Levels.Select(l => new TableRow(
                new TableCell(0, new Paragraph(_format.Level(l.Level), Theme.CellBold)),
                new TableCell(1, new Paragraph(l.Name, Theme.CellBold)),
                new TableCell(2, new Paragraph(l.Text, Theme.Cell)))
            { RuleBelow = Theme.Rule }).ToList();
            TableLayout.Place(_flow, new Table([new TableColumn(34), new TableColumn(96), new TableColumn(0, 1)], rows)
            {
                Header = new TableRow(
                    new TableCell(0, new Paragraph(_labels.Level, Theme.CellHead), span: 2),
                    new TableCell(2, new Paragraph(_labels.Definition, Theme.CellHead)))
                { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 },
            });
        }

        Heading(_labels.Groups, GroupsKey);
        ParticipationTable(includeDescriptions: true);

        Heading(_labels.ConsensusDecisions, DecisionsKey);
        if (appendix.ConsensusDecisions.Count == 0)
        {
            Text(_labels.NoConsensusDecisions, Theme.BodyMuted);
            return;
        }

        var decisions = appendix.ConsensusDecisions.Select(d => new TableRow(
            new TableCell(0, new Paragraph([new TextSpan(d.CharacteristicCode, Theme.CellBold), new TextSpan(" " + d.CharacteristicTitle, Theme.Cell)])),
            new TableCell(1, new Paragraph(ViewName(d.View), Theme.Cell)),
            new TableCell(2, new Paragraph(d.Level is { } level ? _format.Level(level) : _labels.NoConsensus, Theme.CellBold, TextAlign.Center)),
            new TableCell(3, new Paragraph([new TextSpan(d.Rationale, Theme.Cell), new TextSpan(d.RoundHistory.Length == 0 ? "" : " " + d.RoundHistory, Theme.SmallItalic)])))
        { RuleBelow = Theme.Rule }).ToList();
        TableLayout.Place(_flow, new Table([new TableColumn(0, 1), new TableColumn(52), new TableColumn(34), new TableColumn(0, 1.6)], decisions)
        {
            Header = new TableRow(
                new TableCell(0, new Paragraph(_labels.Characteristic, Theme.CellHead)),
                new TableCell(1, new Paragraph(_labels.View, Theme.CellHead)),
                new TableCell(2, new Paragraph(_labels.Level, Theme.CellHead, TextAlign.Center)),
                new TableCell(3, new Paragraph(_labels.Rationale, Theme.CellHead)))
            { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 },
        });
    }

    /// <summary>The full lists the executive summary shows the first few of, with their counts.</summary>
    private void StrengthsAndWeaknesses()
    {
        Heading(_labels.StrengthsAndWeaknesses, FindingsKey);
        foreach (var (title, items) in new[] { (_labels.AllStrengths, _report.StrengthsInFull), (_labels.AllWeaknesses, _report.WeaknessesInFull) })
        {
            Subheading([new TextSpan(_format.Format(_labels.ListCountFormat, title, _format.Count(items.Count)), Theme.H3)]);
            if (items.Count == 0)
            {
                Text(_labels.NoneIdentified, Theme.SmallItalic, 3);
                continue;
            }

            var rows = items.Select(h => new TableRow(
                new TableCell(0, new Paragraph([new TextSpan(h.Code, Theme.CellBold), new TextSpan(" " + h.Title, Theme.Cell)])),
                new TableCell(1, new Paragraph(_format.Score(h.Now), Theme.CellBold, TextAlign.Center)),
                new TableCell(2, new Paragraph(_format.Score(h.InTwoYears), Theme.CellBold with { Color = Theme.Accent }, TextAlign.Center)))
            { RuleBelow = Theme.Rule }).ToList();
            TableLayout.Place(_flow, new Table([new TableColumn(0, 1), new TableColumn(FitHead(_labels.NowShort, 40, 4)), new TableColumn(FitHead(_labels.InTwoYearsShort, 40, 4))], rows)
            {
                Header = new TableRow(
                    new TableCell(0, new Paragraph(_labels.Characteristic, Theme.CellHead)),
                    new TableCell(1, new Paragraph(_labels.NowShort, Theme.CellHead, TextAlign.Center)),
                    new TableCell(2, new Paragraph(_labels.InTwoYearsShort, Theme.CellHead, TextAlign.Center)))
                { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 },
            });
        }
    }

    // ---------------------------------------------------------------- running heads

    private void RunningHeads()
    {
        var meta = _report.Metadata;
        var pages = _flow.Document.Pages;
        var style = Theme.Running;
        var headBaseline = Theme.MarginTop - 30;
        var footBaseline = Theme.PageHeight - Theme.MarginBottom + 32;
        var half = (Body.Width - 24) / 2;
        foreach (var page in pages.Where(p => p.HasRunningHeads))
        {
            var left = Engine.Ellipsize(meta.Community, style, half);
            var right = Engine.Ellipsize(page.SectionTitle ?? string.Empty, style, half);
            AddRunning(page, left, style, Body.Left, headBaseline, PageRegion.Header);
            AddRunning(page, right, style, Body.Right - Engine.Width(right, style), headBaseline, PageRegion.Header);
            page.Items.Add(new LineItem(new XPoint(Body.Left, headBaseline + 7), new XPoint(Body.Right, headBaseline + 7), Theme.Rule, 0.5) { Region = PageRegion.Header });

            var number = _format.Format(_labels.PageFormat, _format.Count(page.Number), _format.Count(pages.Count));
            var numberWidth = Engine.Width(number, style);
            var footLeft = Engine.Ellipsize($"{_labels.ReportTitle} · {meta.AssessmentName}", style, Body.Width - numberWidth - 24);
            page.Items.Add(new LineItem(new XPoint(Body.Left, footBaseline - 11), new XPoint(Body.Right, footBaseline - 11), Theme.Rule, 0.5) { Region = PageRegion.Footer });
            AddRunning(page, footLeft, style, Body.Left, footBaseline, PageRegion.Footer);
            AddRunning(page, number, style with { Bold = true, Color = Theme.Ink }, Body.Right - Engine.Width(number, style with { Bold = true }), footBaseline, PageRegion.Footer);
        }
    }

    private void AddRunning(LayoutPage page, string text, TextStyle style, double x, double baseline, PageRegion region) =>
        page.Items.AddRange(Engine.SingleLine(text, style, baseline).Select(i => i.Offset(x, 0) with { Region = region }));
}
