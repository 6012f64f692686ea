using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// The "since the last cycle" chapter of a follow-up: what moved (every characteristic, in three lists with their counts)
/// and plan realisation (rate overall and per dimension, every judged plan, every one not judged with its reasons).
/// </summary>
internal sealed partial class BaselineReportLayout
{
    private const string SinceKey = "since-last-cycle";
    private const string MovedKey = "since-what-moved";
    private const string RealisationKey = "since-plan-realisation";

    private IEnumerable<(string Key, string Title, int Level)> SinceLastCycleEntries()
    {
        yield return (SinceKey, _labels.SinceLastCycle, 1);
        if (_report.SinceLastCycle?.Comparison is not null)
        {
            yield return (MovedKey, _labels.WhatMoved, 2);
            yield return (RealisationKey, _labels.PlanRealisation, 2);
        }
    }

    private void SinceLastCycle(SinceLastCycle since)
    {
        Chapter(SinceKey, _labels.SinceLastCycle);
        Text(_format.Format(_labels.SinceIntroFormat, since.PreviousName, _format.Date(since.PreviousDate), _format.Date(since.Date)), Theme.BodyMuted, 8);
        if (since.Comparison is not { } comparison)
        {
            Text(_format.Format(_labels.SinceNotDatedApartFormat, _format.Date(since.PreviousDate), _format.Date(since.Date)));
            return;
        }

        Heading(_labels.WhatMoved, MovedKey, spaceBefore: 6);
        Text(_format.Format(
            _labels.MovedCountsFormat,
            _format.Count(comparison.Improved.Count),
            _format.Count(comparison.Regressed.Count),
            _format.Count(comparison.Unchanged.Count),
            _format.Count(comparison.ComparedCount),
            _format.Count(comparison.NotCompared.Count)));
        Text(_format.Format(_labels.SpreadCountsFormat, _format.Count(comparison.Converged), _format.Count(comparison.Diverged)));
        Text(_labels.SourcesNote, Theme.Small);
        foreach (var (title, items) in new[] { (_labels.Improved, comparison.Improved), (_labels.Regressed, comparison.Regressed), (_labels.Unchanged, comparison.Unchanged) })
        {
            Subheading([new TextSpan(_format.Format(_labels.ListCountFormat, title, _format.Count(items.Count)), Theme.H3)]);
            if (items.Count == 0)
            {
                Text(_labels.NoneIdentified, Theme.SmallItalic, 3);
                continue;
            }

            MovedTable(items);
        }

        Uncompared(_labels.NotCompared, comparison.NotCompared);

        Heading(_labels.PlanRealisation, RealisationKey);
        Text(_format.Format(_labels.RealisationIntroFormat, _format.Count(comparison.ElapsedMonths), _format.Percent(comparison.ShareOfPlanExpected)), Theme.BodyMuted);
        var overall = comparison.Overall;
        Text(_format.Format(
            _labels.RealisationRateFormat,
            overall.Percent is null ? _labels.NoneJudged : _format.Percentage(overall.Percent),
            _format.Count(overall.Met),
            _format.Count(overall.Exceeded),
            _format.Count(overall.Missed),
            _format.Count(overall.Judged),
            _format.Count(overall.NotJudged)));
        RateTable(comparison.Dimensions);
        if (comparison.Realisation.Count > 0)
        {
            _flow.Space(8);
            RealisationTable(comparison.Realisation);
        }

        Uncompared(_labels.NotJudged, comparison.NotJudged);
    }

    private static TableRow HeaderRow(params string[] heads) =>
        new([.. heads.Select((head, i) => new TableCell(i, new Paragraph(head, Theme.CellHead, i == 0 ? TextAlign.Left : TextAlign.Center)))])
        { Fill = Theme.HeaderFill, RuleBelow = Theme.Primary, RuleWidth = 0.8 };

    private static TableCell NameCell(string code, string title) =>
        new(0, new Paragraph([new TextSpan(code, Theme.CellBold), new TextSpan(" " + title, Theme.Cell)]));

    /// <summary>A score with its source under it, so a consensus level is never mistaken for a median.</summary>
    private TableCell ScoreCell(int column, SourcedScore? score, TextStyle? style = null) => score is null
        ? new TableCell(column, new Paragraph(ReportFormat.NoValue, Theme.Cell, TextAlign.Center))
        : new TableCell(column, [
            new Paragraph(_format.Score(score.Score), style ?? Theme.CellBold, TextAlign.Center),
            new Paragraph(score.Source, Theme.Criterion, TextAlign.Center),
        ]);

    private TableColumn Fixed(string head, double minimum = 40) => new(FitHead(head, minimum, 4));

    /// <summary>A score column wide enough for its head and for every source word under the scores (never "Consens-us").</summary>
    private TableColumn ScoreColumn(string head, IEnumerable<SourcedScore?> scores) =>
        new(Math.Max(FitHead(head, 40, 4), FitWords(scores.Select(s => s?.Source ?? string.Empty), Theme.Criterion, 4, 66)));

    private void MovedTable(IReadOnlyList<MovedCharacteristic> items)
    {
        var heads = new[] { _labels.Characteristic, _labels.Previous, _labels.ThisCycle, _labels.Change, _labels.GroupsSpread };
        var rows = items.Select(m => new TableRow(
            NameCell(m.Code, m.Title),
            ScoreCell(1, m.Previous, Theme.Cell),
            ScoreCell(2, m.Now),
            new TableCell(3, new Paragraph(_format.Change(m.Change), Theme.CellBold, TextAlign.Center)),
            new TableCell(4, new Paragraph(SpreadText(m.Spread), Theme.Cell, TextAlign.Center)))
        { RuleBelow = Theme.Rule }).ToList();
        TableLayout.Place(_flow, new Table(
            [new TableColumn(0, 1), ScoreColumn(heads[1], items.Select(m => m.Previous)), ScoreColumn(heads[2], items.Select(m => m.Now)), Fixed(heads[3]), Fixed(heads[4], 100)], rows)
        {
            Header = HeaderRow(heads),
        });
    }

    private string SpreadText(GroupSpread? spread) => spread switch
    {
        null => _labels.SpreadNotComparable,
        { Direction: SpreadChange.Converged } => _format.Format(_labels.ConvergedFormat, _format.Score(spread.Earlier), _format.Score(spread.Later)),
        { Direction: SpreadChange.Diverged } => _format.Format(_labels.DivergedFormat, _format.Score(spread.Earlier), _format.Score(spread.Later)),
        _ => _format.Format(_labels.SpreadUnchangedFormat, _format.Score(spread.Later)),
    };

    private void RateTable(IReadOnlyList<RealisationRateRow> dimensions)
    {
        var heads = new[] { _labels.Dimension, _labels.Rate, _labels.Met, _labels.Exceeded, _labels.Missed, _labels.NotJudged };
        TableCell Number(int column, string text, TextStyle? style = null) => new(column, new Paragraph(text, style ?? Theme.Cell, TextAlign.Center));
        var rows = dimensions.Select(d => new TableRow(
            NameCell(d.Code, d.Title),
            Number(1, d.Percent is null ? _labels.NoneJudged : _format.Percentage(d.Percent), Theme.CellBold),
            Number(2, _format.Count(d.Met)),
            Number(3, _format.Count(d.Exceeded)),
            Number(4, _format.Count(d.Missed)),
            Number(5, _format.Count(d.NotJudged)))
        { RuleBelow = Theme.Rule }).ToList();
        TableLayout.Place(_flow, new Table([new TableColumn(0, 1), .. heads.Skip(1).Select(h => Fixed(h))], rows) { Header = HeaderRow(heads) });
    }

    private void RealisationTable(IReadOnlyList<RealisedCharacteristic> items)
    {
        var heads = new[] { _labels.Characteristic, _labels.PreviousNow, _labels.PreviousPlan, _labels.Expected, _labels.ThisCycle, _labels.Outcome };
        var rows = items.Select(r => new TableRow(
            NameCell(r.Code, r.Title),
            ScoreCell(1, r.PreviousNow, Theme.Cell),
            ScoreCell(2, r.Plan, Theme.Cell with { Color = Theme.Accent }),
            new TableCell(3, new Paragraph(_format.Precise(r.Expected), Theme.Cell, TextAlign.Center)),
            ScoreCell(4, r.Now),
            new TableCell(5, new Paragraph(OutcomeText(r), r.Outcome == RealisationOutcome.Missed ? Theme.CellBold with { Color = Theme.TargetColor } : Theme.CellBold, TextAlign.Center)))
        { RuleBelow = Theme.Rule }).ToList();
        TableLayout.Place(_flow, new Table(
            [
                new TableColumn(0, 1), ScoreColumn(heads[1], items.Select(r => r.PreviousNow)), ScoreColumn(heads[2], items.Select(r => r.Plan)),
                Fixed(heads[3]), ScoreColumn(heads[4], items.Select(r => r.Now)), Fixed(heads[5], 90),
            ], rows)
        {
            Header = HeaderRow(heads),
        });
    }

    private string OutcomeText(RealisedCharacteristic row) => row.Outcome switch
    {
        RealisationOutcome.Met => _labels.MetOutcome,
        RealisationOutcome.Exceeded => _format.Format(_labels.ExceededByFormat, _format.Precise(row.Difference)),
        RealisationOutcome.Missed => _format.Format(_labels.MissedByFormat, _format.Precise(-row.Difference)),
    };

    /// <summary>Characteristics left out of a comparison, each with every reason: the counts above refer to this list.</summary>
    private void Uncompared(string title, IReadOnlyList<UncomparedCharacteristic> items)
    {
        Subheading([new TextSpan(_format.Format(_labels.ListCountFormat, title, _format.Count(items.Count)), Theme.H3)]);
        if (items.Count == 0)
        {
            Text(_labels.NoneIdentified, Theme.SmallItalic, 3);
            return;
        }

        foreach (var item in items)
        {
            _flow.Paragraph(new Paragraph(
            [
                new TextSpan(item.Code, Theme.Cell.AsBold()),
                new TextSpan(" " + item.Title + ": ", Theme.Cell),
                new TextSpan(string.Join("; ", item.Reasons), Theme.Cell with { Color = Theme.Muted }),
            ])
            { Bullet = "•", SpaceAfter = 2 }, indent: 4);
        }
    }
}
