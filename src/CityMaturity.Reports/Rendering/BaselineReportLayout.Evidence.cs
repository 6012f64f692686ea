using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;
using PdfSharp.Drawing;

namespace CityMaturity.Reports.Rendering;

/// <summary>
/// The evidence appendix (issue 15): its own chapter after the appendix, one block per characteristic that has
/// evidence, then the codes of those without. Kept apart from the other chapters so they change independently.
/// </summary>
internal sealed partial class BaselineReportLayout
{
    private const string EvidenceKey = "appendix-evidence";

    private IEnumerable<(string Key, string Title, int Level)> EvidenceContentsEntries() => [(EvidenceKey, _labels.EvidenceAppendix, 1)];

    private void EvidenceAppendix()
    {
        var evidence = _report.Evidence;
        Chapter(EvidenceKey, _labels.EvidenceAppendix);
        Text(_labels.EvidenceIntro, Theme.BodyMuted, 8);
        if (evidence.Characteristics.Count == 0)
        {
            Text(_labels.EvidenceNone, Theme.BodyText);
            return;
        }

        Text(_format.Format(
            _labels.EvidenceCountFormat,
            _format.Count(evidence.WithItems),
            _format.Count(evidence.Characteristics.Count),
            _format.Count(evidence.ItemCount),
            _format.Count(evidence.WithIndicatorValues)), Theme.BodyText, 4);

        var shown = evidence.Characteristics.Where(c => c.HasEvidence).ToList();
        if (shown.Count == 0)
        {
            Text(_labels.EvidenceNone, Theme.BodyText);
            return;
        }

        var first = true;
        foreach (var characteristic in shown)
        {
            if (!first)
            {
                _flow.KeepTogether(60);
                _flow.Space(4);
                _flow.Add(new LineItem(new XPoint(Body.Left, _flow.Y), new XPoint(Body.Right, _flow.Y), Theme.Rule, 0.5));
            }

            first = false;
            CharacteristicEvidenceBlock(characteristic);
        }

        var without = evidence.WithoutEvidence;
        if (without.Count > 0)
        {
            _flow.Space(8);
            Text(_format.Format(_labels.EvidenceWithoutFormat, _format.Count(without.Count), string.Join(", ", without.Select(c => c.Code))), Theme.BodyMuted);
        }
    }

    private void CharacteristicEvidenceBlock(CharacteristicEvidence characteristic)
    {
        Subheading([new TextSpan(characteristic.Code, Theme.H3 with { Color = Theme.Primary }), new TextSpan(" " + characteristic.Title, Theme.H3)], spaceBefore: 8);
        Text(_format.Format(_labels.EvidenceScoreFormat, _format.Score(characteristic.Now)), Theme.Small, 2);

        if (characteristic.Items.Count > 0)
        {
            _flow.KeepTogether(36); // a label never ends a page without what it introduces
            _flow.Paragraph(new Paragraph(_labels.EvidenceItems, Theme.Small.AsBold()) { SpaceBefore = 2, SpaceAfter = 1 });
            foreach (var item in characteristic.Items)
            {
                _flow.Paragraph(new Paragraph(EvidenceSpans(item)) { Bullet = "•", SpaceAfter = 2 }, indent: 4);
            }
        }

        if (characteristic.IndicatorValues.Count > 0)
        {
            _flow.KeepTogether(36);
            _flow.Paragraph(new Paragraph(_labels.IndicatorValues, Theme.Small.AsBold()) { SpaceBefore = 3, SpaceAfter = 1 });
            foreach (var value in characteristic.IndicatorValues)
            {
                _flow.Paragraph(new Paragraph(IndicatorSpans(value)) { Bullet = "•", SpaceAfter = 2 }, indent: 4);
            }
        }
    }

    private List<TextSpan> EvidenceSpans(EvidenceNote item)
    {
        var spans = new List<TextSpan> { new(EvidenceKindName(item.Kind) + ": ", Theme.Cell.AsBold()) };
        switch (item.Kind)
        {
            case EvidenceKind.Document:
                spans.Add(new TextSpan(item.Title, Theme.Cell));
                spans.Add(new TextSpan($" ({item.ContentType}, {FileSize(item.SizeBytes)}, SHA-256 {item.Sha256})", Theme.Small));
                break;
            case EvidenceKind.Link:
                spans.Add(new TextSpan(item.Url ?? item.Title, Theme.Cell));
                break;
            case EvidenceKind.Indicator:
                spans.Add(new TextSpan($"{item.IndicatorCode} ({item.IndicatorYear})", Theme.Cell));
                spans.Add(new TextSpan(", " + (item.ReferencedValue is { } value
                    ? _format.Format(_labels.IndicatorReferencedFormat, ValueWithUnit(value.Value, value.Unit), value.Year)
                    : _labels.IndicatorNotPublished), Theme.Cell));
                break;
        }

        spans.Add(new TextSpan(" · " + _format.Format(_labels.EvidenceAddedFormat, OriginText(item.Origin), _format.Date(item.AddedOn)), Theme.SmallItalic));
        return spans;
    }

    private List<TextSpan> IndicatorSpans(IndicatorValueNote value)
    {
        var spans = new List<TextSpan>
        {
            new(value.IndicatorCode + " ", Theme.Cell.AsBold()),
            new(value.IndicatorName + ": ", Theme.Cell),
            new(ValueWithUnit(value.Value, value.Unit), Theme.CellBold with { Color = Theme.Accent }),
            new($" ({value.Year}", Theme.Cell),
        };
        if (IndicatorTrend.Of(value.Direction, value.Value, value.PreviousYear, value.PreviousValue, _labels.IndicatorTrend, previous => ValueWithUnit(previous, value.Unit)) is { } trend)
        {
            spans.Add(new TextSpan("; " + trend.Text, Theme.Cell));
        }

        spans.Add(new TextSpan(")", Theme.Cell));
        if (!string.IsNullOrWhiteSpace(value.Source))
        {
            spans.Add(new TextSpan($" · {_labels.SourceOfValue}: {value.Source}", Theme.SmallItalic));
        }

        return spans;
    }

    /// <summary>A city's value as it was entered, without trailing zeros, and its unit ("42.5 %", "3 km").</summary>
    private string ValueWithUnit(decimal value, string unit) =>
        (value / 1.000000000000000000000000000000000m).ToString("G29", _format.Culture) + (string.IsNullOrWhiteSpace(unit) ? string.Empty : " " + unit);

    private string FileSize(long? bytes) => bytes switch
    {
        null => ReportFormat.NoValue,
        < 1024 => _format.Count((int)bytes.Value) + " B",
        < 1024 * 1024 => _format.Format("{0:0.#} kB", bytes.Value / 1024d),
        _ => _format.Format("{0:0.#} MB", bytes.Value / (1024d * 1024d)),
    };

    private string EvidenceKindName(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Document => _labels.EvidenceDocument,
        EvidenceKind.Link => _labels.EvidenceLink,
        EvidenceKind.Indicator => _labels.EvidenceIndicator,
    };

    private string OriginText(EvidenceOrigin origin) => origin switch
    {
        EvidenceOrigin.Participant => _labels.EvidenceFromParticipant,
        EvidenceOrigin.Assessment => _labels.EvidenceFromAssessment,
        EvidenceOrigin.ConsensusDecision => _labels.EvidenceFromConsensus,
    };
}
