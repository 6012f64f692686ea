using CityMaturity.Application.Cycles;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Reports;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Plans;

/// <summary>A rendered progress report and the name to download it under.</summary>
public sealed record RenderedProgressReport(ProgressReport Model, byte[] Pdf, string FileName);

/// <summary>
/// The progress report of a series: two of its cycles (chosen, or the latest two comparable ones, as the series page), what moved,
/// plan realisation and the earlier cycle's actions with their outcomes. Callers authorise first.
/// </summary>
public sealed class ProgressReportService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    CycleService cycles,
    ImprovementPlanService plans,
    MaturityCatalogue catalogue,
    TimeProvider clock)
{
    /// <summary>The model; null when the series is not the organisation's or has no two comparable cycles.</summary>
    /// <param name="chosen">The two cycles to compare; null: the latest two comparable ones.</param>
    /// <exception cref="Organisations.ValidationException">The chosen cycles cannot be compared (CycleService says why).</exception>
    public async Task<ProgressReport?> BuildAsync(Guid organisationId, Guid seriesId, ChosenCycles? chosen = null, CancellationToken cancellationToken = default)
    {
        if (await cycles.SeriesAsync(organisationId, seriesId, chosen, cancellationToken) is not { Compared: var (earlier, later) } series
            || series.Moved is not { } moved || series.Realisation is not { } realisation
            || await plans.OutcomesAsync(organisationId, series, cancellationToken) is not { } outcomes)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisation = await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => o.Name).SingleAsync(cancellationToken);
        var community = series.Cycles.First(c => c.Id == later.AssessmentId).Community;
        var metadata = new ProgressReportMetadata(
            organisation, community, series.Series.Name, earlier.Name, earlier.Date, later.Name, later.Date, clock.GetUtcNow(), catalogue.Language);
        return ProgressReportBuilder.Build(metadata, moved, realisation, outcomes.Actions, outcomes.Owners, catalogue);
    }

    public async Task<RenderedProgressReport?> RenderAsync(Guid organisationId, Guid seriesId, ChosenCycles? chosen = null, CancellationToken cancellationToken = default)
    {
        if (await BuildAsync(organisationId, seriesId, chosen, cancellationToken) is not { } model)
        {
            return null;
        }

        var pdf = ProgressReportRenderer.Render(model);
        var meta = model.Metadata;
        return new RenderedProgressReport(
            model, pdf, ReportFileName.For(meta.Community, meta.SeriesName, "progress", DateOnly.FromDateTime(meta.CreatedAt.UtcDateTime), "pdf"));
    }
}
