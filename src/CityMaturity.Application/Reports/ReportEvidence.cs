using CityMaturity.Application.Indicators;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Reports;

/// <summary>
/// Reads what the report's evidence appendix shows: the assessment's current evidence items, the latest published
/// values of the indicators linked to its characteristics (the frameworks' mapping) and the published values that
/// indicator references point at. Drafts never reach a report: their keeper has not vouched for them.
/// </summary>
public sealed class ReportEvidence(IDbContextFactory<CityMaturityDb> dbFactory, IndicatorLibrary library, IndicatorDataService indicatorData)
{
    public async Task<EvidenceAppendix> AppendixAsync(BaselineReport report, Guid assessmentId, Guid organisationId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await db.EvidenceItems.AsNoTracking()
            .Where(e => e.AssessmentId == assessmentId && e.RemovedAt == null)
            .ToListAsync(cancellationToken);

        var codes = report.Dimensions.SelectMany(d => d.Characteristics).Select(c => c.Code).ToList();
        var latest = await indicatorData.LatestLinkedAsync(organisationId, codes, cancellationToken);
        var values = latest.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<IndicatorValueNote>)[.. pair.Value.Select(NoteOf)],
            StringComparer.OrdinalIgnoreCase);

        var referenced = await ReferencedValuesAsync(db, organisationId, items, cancellationToken);
        return EvidenceAppendixBuilder.Build(report, items, values, referenced);
    }

    private async Task<Dictionary<(string Code, int Year), IndicatorValueNote>> ReferencedValuesAsync(
        CityMaturityDb db, Guid organisationId, List<CityMaturity.Domain.Evidence.EvidenceItem> items, CancellationToken cancellationToken)
    {
        var codes = items.Where(i => i.IndicatorCode is not null && i.IndicatorYear is not null).Select(i => i.IndicatorCode!).Distinct().ToList();
        if (codes.Count == 0)
        {
            return [];
        }

        var rows = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.Status == IndicatorValueStatus.Published && codes.Contains(v.IndicatorCode))
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(
            v => (v.IndicatorCode.ToUpperInvariant(), v.Year),
            v => new IndicatorValueNote(v.IndicatorCode, library.Find(v.IndicatorCode)?.Name ?? v.IndicatorCode, v.Value, v.Unit, v.Year) { Source = v.Source });
    }

    private IndicatorValueNote NoteOf(LatestIndicatorValue value) =>
        new(value.IndicatorCode, library.Find(value.IndicatorCode)?.Name ?? value.IndicatorCode, value.Value, value.Unit, value.Year)
        {
            Direction = library.Find(value.IndicatorCode)?.Direction ?? IndicatorDirection.Neither,
            PreviousYear = value.PreviousYear,
            PreviousValue = value.PreviousValue,
            Source = value.Source,
        };
}
