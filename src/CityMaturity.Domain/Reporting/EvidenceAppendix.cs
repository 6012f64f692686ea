using CityMaturity.Domain.Evidence;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// The report's evidence appendix: per characteristic in scope, the evidence items attached to it and the latest
/// published values of the indicators linked to it, so a reader can see what each score rests on. Who added an item
/// is told only as its origin (a participant's answer, the assessment, a consensus decision), never by name.
/// </summary>
public sealed record EvidenceAppendix(IReadOnlyList<CharacteristicEvidence> Characteristics)
{
    /// <summary>No evidence gathered (the appendix then says so).</summary>
    public static EvidenceAppendix None { get; } = new([]);

    public int ItemCount => Characteristics.Sum(c => c.Items.Count);

    public int WithItems => Characteristics.Count(c => c.Items.Count > 0);

    public int WithIndicatorValues => Characteristics.Count(c => c.IndicatorValues.Count > 0);

    /// <summary>Characteristics with neither an item nor an indicator value: the appendix lists them by code.</summary>
    public IReadOnlyList<CharacteristicEvidence> WithoutEvidence => [.. Characteristics.Where(c => !c.HasEvidence)];
}

/// <summary>One characteristic of the assessment with its score now and what stands behind it.</summary>
public sealed record CharacteristicEvidence(
    string Code,
    string Title,
    decimal? Now,
    IReadOnlyList<EvidenceNote> Items,
    IReadOnlyList<IndicatorValueNote> IndicatorValues)
{
    public bool HasEvidence => Items.Count > 0 || IndicatorValues.Count > 0;
}

/// <summary>Where an item was attached: to one participant's answer, to the assessment's characteristic, or to a consensus decision on it.</summary>
public enum EvidenceOrigin
{
    Participant,
    Assessment,
    ConsensusDecision,
}

/// <summary>
/// An evidence item as the report lists it. A document keeps its type, size and SHA-256 (so a reader can check a copy
/// is the one the raters saw); a link its address; an indicator reference its code, year and, when published, the value.
/// </summary>
public sealed record EvidenceNote(EvidenceKind Kind, string Title, EvidenceOrigin Origin, DateOnly AddedOn)
{
    public string? Url { get; init; }
    public string? ContentType { get; init; }
    public long? SizeBytes { get; init; }
    public string? Sha256 { get; init; }
    public string? IndicatorCode { get; init; }
    public int? IndicatorYear { get; init; }

    /// <summary>The referenced indicator's published value in that year, when the city has one.</summary>
    public IndicatorValueNote? ReferencedValue { get; init; }
}

/// <summary>A city's published value of an indicator in a year, with the year before it when there is one (a trend in two points).</summary>
public sealed record IndicatorValueNote(string IndicatorCode, string IndicatorName, decimal Value, string Unit, int Year)
{
    /// <summary>Which way is better, so the report words the change as the app does (<see cref="Indicators.IndicatorTrend"/>).</summary>
    public Indicators.IndicatorDirection Direction { get; init; } = Indicators.IndicatorDirection.Neither;

    public int? PreviousYear { get; init; }
    public decimal? PreviousValue { get; init; }
    public string? Source { get; init; }
}

/// <summary>Puts the appendix together from a built report (its characteristics, in report order) and the evidence read for it.</summary>
public static class EvidenceAppendixBuilder
{
    /// <param name="report">The report whose characteristics (in chapter order) the appendix follows.</param>
    /// <param name="items">The assessment's evidence items; removed ones are left out here.</param>
    /// <param name="indicatorValues">Per characteristic code, the latest published values of its linked indicators.</param>
    /// <param name="referencedValues">Published values by (indicator code, year), for indicator references.</param>
    public static EvidenceAppendix Build(
        BaselineReport report,
        IEnumerable<EvidenceItem> items,
        IReadOnlyDictionary<string, IReadOnlyList<IndicatorValueNote>> indicatorValues,
        IReadOnlyDictionary<(string Code, int Year), IndicatorValueNote>? referencedValues = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(indicatorValues);
        var byCharacteristic = items
            .Where(i => i.RemovedAt is null)
            .GroupBy(i => i.CharacteristicCode, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.OrdinalIgnoreCase);

        return new EvidenceAppendix(
        [
            .. report.Dimensions.SelectMany(d => d.Characteristics).Select(row => new CharacteristicEvidence(
                row.Code,
                row.Title,
                row.Now,
                [
                    .. (byCharacteristic.GetValueOrDefault(row.Code) ?? [])
                        .OrderBy(i => OriginOf(i))
                        .ThenBy(i => i.AddedAt)
                        .ThenBy(i => i.Title, StringComparer.Ordinal)
                        .Select(i => NoteOf(i, referencedValues)),
                ],
                [.. (indicatorValues.GetValueOrDefault(row.Code) ?? []).OrderBy(v => v.IndicatorCode, StringComparer.Ordinal)])),
        ]);
    }

    public static EvidenceOrigin OriginOf(EvidenceItem item) =>
        item.ConsensusDecisionId is not null ? EvidenceOrigin.ConsensusDecision
        : item.ParticipantId is not null ? EvidenceOrigin.Participant
        : EvidenceOrigin.Assessment;

    private static EvidenceNote NoteOf(EvidenceItem item, IReadOnlyDictionary<(string Code, int Year), IndicatorValueNote>? referencedValues) =>
        new(item.Kind, item.Title, OriginOf(item), DateOnly.FromDateTime(item.AddedAt.UtcDateTime))
        {
            Url = item.Url,
            ContentType = item.ContentType,
            SizeBytes = item.SizeBytes,
            Sha256 = item.Sha256 is null ? null : Convert.ToHexStringLower(item.Sha256),
            IndicatorCode = item.IndicatorCode,
            IndicatorYear = item.IndicatorYear,
            ReferencedValue = item.IndicatorCode is { } code && item.IndicatorYear is { } year
                ? referencedValues?.GetValueOrDefault((code.ToUpperInvariant(), year))
                : null,
        };
}

/// <summary>The evidence appendix of a report (kept in its own part of the record so other sections merge apart).</summary>
public sealed partial record BaselineReport
{
    /// <summary>What each score rests on; <see cref="EvidenceAppendix.None"/> until the report service reads the evidence.</summary>
    public EvidenceAppendix Evidence { get; init; } = EvidenceAppendix.None;
}
