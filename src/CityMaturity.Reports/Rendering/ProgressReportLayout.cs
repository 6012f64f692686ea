using System.Globalization;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Plans;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// Lays out a <see cref="ProgressReport"/>: title block, executive summary, what moved, plan realisation, the actions
/// and their outcomes, and (only when there are any) the characteristics not compared. Every table is whole; the
/// summary names the "Not compared" chapter only when that chapter is printed.
/// </summary>
internal sealed class ProgressReportLayout
{
    private readonly ProgressReport _report;
    private readonly ProgressReportLabels _labels;
    private readonly ReportFormat _format;
    private readonly PlainReportPages _pages;

    private ProgressReportLayout(ProgressReport report, TextEngine engine)
    {
        _report = report;
        _labels = report.Labels;
        _format = new ReportFormat(ReportLabels.English with { Culture = report.Labels.Culture, DateFormat = report.Labels.DateFormat });
        _pages = new PlainReportPages(engine);
    }

    private PageFlow Flow => _pages.Flow;

    public static LayoutDocument Build(ProgressReport report, TextEngine engine) => new ProgressReportLayout(report, engine).Build();

    private LayoutDocument Build()
    {
        var meta = _report.Metadata;
        var document = Flow.Document;
        document.Title = $"{_labels.ReportTitle}: {meta.Community} – {meta.SeriesName}";
        document.Author = meta.Organisation;
        document.Subject = $"{meta.EarlierName} → {meta.LaterName}";
        document.CreatedAt = meta.CreatedAt;
        document.Language = meta.Language;

        Section(TitleAndSummary);
        Section(WhatMoved);
        Section(Realisation);
        Section(Actions);
        if (_report.NotCompared.Count > 0)
        {
            Section(NotCompared);
        }

        RunningHeads();
        return document;
    }

    private void Section(Action part) => _pages.Section(part);

    private void Chapter(string title) => _pages.Chapter(title);

    private void Text(string text, TextStyle? style = null, double spaceAfter = 6) => _pages.Text(text, style, spaceAfter);

    // ---------------------------------------------------------------- title and summary

    private void TitleAndSummary()
    {
        var meta = _report.Metadata;
        _pages.TitleBlock(_labels.ExecutiveSummary, _labels.Kicker, $"{_labels.ReportTitle}: {meta.Community}",
        [
            (_labels.Organisation, meta.Organisation),
            (_labels.Series, meta.SeriesName),
            (_labels.EarlierCycle, $"{meta.EarlierName} · {_format.Date(meta.EarlierDate)}"),
            (_labels.LaterCycle, $"{meta.LaterName} · {_format.Date(meta.LaterDate)}"),
            (_labels.MonthsApart, _format.Count(_report.Realisation.ElapsedMonths)),
            (_labels.ReportCreated, _format.Date(meta.CreatedAt)),
        ]);

        Flow.Space(14);
        _pages.Heading2(_labels.ExecutiveSummary);
        foreach (var sentence in SummarySentences())
        {
            _pages.Bullet(sentence);
        }
    }

    /// <summary>The summary's sentences; each list it mentions is printed in full further on.</summary>
    internal IEnumerable<string> SummarySentences()
    {
        var compared = _report.Movements.Count;
        yield return compared == 0
            ? _labels.NothingCompared
            : _format.Format(_labels.MovedSentenceFormat, _format.Count(_report.Count(Movement.Improved)),
                _format.Count(_report.Count(Movement.Regressed)), _format.Count(_report.Count(Movement.Unchanged)), _format.Count(compared));
        if (_report.NotCompared.Count > 0)
        {
            yield return _format.Format(_labels.NotComparedSentenceFormat, _format.Count(_report.NotCompared.Count));
        }

        if (_report.Converged + _report.Diverged > 0)
        {
            yield return _format.Format(_labels.SpreadSentenceFormat, _format.Count(_report.Converged), _format.Count(_report.Diverged));
        }

        var overall = _report.Realisation.Overall;
        yield return overall.Percent is { } percent
            ? _format.Format(_labels.RealisationSentenceFormat, Percent(percent), _format.Count(overall.Met + overall.Exceeded), _format.Count(overall.Judged))
            : _labels.RealisationNoneSentence;

        if (_report.Actions.Count == 0)
        {
            yield return _labels.NoActionsSentence;
            yield break;
        }

        var byStatus = ActionStatuses.All
            .Select(s => (Status: s, Count: _report.Actions.Count(a => a.Status == s)))
            .Where(s => s.Count > 0)
            .Select(s => _format.Format(_labels.StatusCountFormat, _format.Count(s.Count), _labels.StatusName(s.Status).ToLower(_format.Culture)));
        yield return _format.Format(_labels.ActionsSentenceFormat, _format.Count(_report.Actions.Count), string.Join(_labels.ListSeparator, byStatus));
        if (_report.ActionsOpenPastDue > 0)
        {
            yield return _format.Format(_labels.OpenPastDueSentenceFormat, _format.Count(_report.ActionsOpenPastDue));
        }
    }

    // ---------------------------------------------------------------- chapters

    private void WhatMoved()
    {
        Chapter(_labels.WhatMoved);
        Text(_labels.WhatMovedIntro, Theme.BodyMuted);
        if (_report.Movements.Count == 0)
        {
            Text(_labels.NothingCompared);
            return;
        }

        Grid(
            [(_labels.Characteristic, 0, 1), (_labels.Earlier, 46, 0), (_labels.Later, 46, 0), (_labels.Change, 46, 0), (_labels.Movement, 64, 0), (_labels.Groups, 64, 0)],
            _report.Movements.Select(m => new[]
            {
                $"{m.Code} {m.Title}", _format.Score(m.Earlier), _format.Score(m.Later), _format.Change(m.Change), MovementName(m.Movement), SpreadName(m.Spread),
            }));
    }

    private void Realisation()
    {
        Chapter(_labels.PlanRealisation);
        var realisation = _report.Realisation;
        Text(_format.Format(_labels.RealisationIntroFormat, _format.Count(realisation.ElapsedMonths), Percent(realisation.ShareOfPlanExpected * 100)), Theme.BodyMuted);
        var rates = _report.Dimensions
            .Select(d => (Name: $"{d.Code} {d.Title}", Rate: realisation.Dimensions.First(r => r.DimensionCode == d.Code).Rate))
            .Append((Name: _labels.Overall, Rate: realisation.Overall));
        Grid(
            [(_labels.Dimension, 0, 1), (_labels.Judged, 44, 0), (_labels.Met, 40, 0), (_labels.Exceeded, 52, 0), (_labels.Missed, 44, 0), (_labels.Rate, 48, 0)],
            rates.Select(r => new[]
            {
                r.Name, _format.Count(r.Rate.Judged), _format.Count(r.Rate.Met), _format.Count(r.Rate.Exceeded), _format.Count(r.Rate.Missed),
                r.Rate.Percent is { } p ? Percent(p) : ReportFormat.NoValue,
            }));
        if (_report.Realised.Count == 0)
        {
            return;
        }

        Flow.Space(12);
        Grid(
            [(_labels.Characteristic, 0, 1), (_labels.Plan, 40, 0), (_labels.Expected, 52, 0), (_labels.Later, 40, 0), (_labels.Outcome, 90, 0)],
            _report.Realised.Select(r => new[]
            {
                $"{r.Code} {r.Title}", _format.Score(r.Plan), _format.Score(r.Expected), _format.Score(r.LaterNow), OutcomeName(r.Outcome, r.Difference),
            }));
    }

    private void Actions()
    {
        Chapter(_labels.Actions);
        if (_report.Actions.Count == 0)
        {
            Text(_labels.NoActionsSentence);
            return;
        }

        Text(_labels.ActionsIntro, Theme.BodyMuted);
        Grid(
            [(_labels.Action, 0, 1), (_labels.Owner, 80, 0), (_labels.Due, 56, 0), (_labels.Status, 52, 0), (_labels.Movement, 74, 0), (_labels.Outcome, 74, 0)],
            _report.Actions.Select(a => new[]
            {
                a.Indicators.Count == 0 ? $"{a.CharacteristicCode} · {a.Title}" : $"{a.CharacteristicCode} · {a.Title}\n{_labels.Indicators}: {string.Join("; ", a.Indicators)}",
                a.Owner,
                a.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                _labels.StatusName(a.Status),
                a.Movement is { } movement ? $"{MovementName(movement)} ({_format.Change(a.Change)})" : _labels.NotComparedShort,
                a.Realisation is { } outcome ? OutcomeLabel(outcome) : _labels.NotComparedShort,
            }));
    }

    private void NotCompared()
    {
        Chapter(_labels.NotCompared);
        Text(_labels.NotComparedIntro, Theme.BodyMuted);
        Grid([(_labels.Characteristic, 0, 1), (_labels.Reason, 220, 0)], _report.NotCompared.Select(e => new[] { $"{e.Code} {e.Title}", e.Reasons }));
    }

    // ---------------------------------------------------------------- pieces

    private void Grid(IReadOnlyList<(string Head, double Width, double Flex)> columns, IEnumerable<string[]> rows) => _pages.Grid(columns, rows);

    private string Percent(decimal percent) => Math.Round(percent, 1, MidpointRounding.AwayFromZero).ToString("0.#", _format.Culture) + " %";

    private string MovementName(Movement movement) => movement switch
    {
        Movement.Improved => _labels.Improved,
        Movement.Regressed => _labels.Regressed,
        Movement.Unchanged => _labels.Unchanged,
    };

    private string SpreadName(SpreadChange? spread) => spread switch
    {
        SpreadChange.Converged => _labels.Converged,
        SpreadChange.Diverged => _labels.Diverged,
        SpreadChange.Unchanged => _labels.SpreadUnchanged,
        null => _labels.NotComparable,
    };

    private string OutcomeLabel(RealisationOutcome outcome) => outcome switch
    {
        RealisationOutcome.Met => _labels.Met,
        RealisationOutcome.Exceeded => _labels.Exceeded,
        RealisationOutcome.Missed => _labels.Missed,
    };

    private string OutcomeName(RealisationOutcome outcome, decimal difference) => outcome switch
    {
        RealisationOutcome.Met => _labels.Met,
        RealisationOutcome.Exceeded => _format.Format(_labels.ExceededByFormat, _format.Score(difference)),
        RealisationOutcome.Missed => _format.Format(_labels.MissedByFormat, _format.Score(-difference)),
    };

    private void RunningHeads()
    {
        var meta = _report.Metadata;
        _pages.RunningHeads(meta.Community, $"{_labels.ReportTitle} · {meta.SeriesName}",
            (page, pages) => _format.Format(_labels.PageFormat, _format.Count(page), _format.Count(pages)));
    }
}
