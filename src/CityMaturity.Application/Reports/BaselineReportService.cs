using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Reports;
using CityMaturity.Application.Assessments;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Reports;

/// <summary>A rendered report and the name to download it under.</summary>
public sealed record RenderedBaselineReport(BaselineReport Model, byte[] Pdf, string FileName);

/// <summary>Loads an assessment's figures (through <see cref="AssessmentSummaryService"/>), builds the report model and renders it.</summary>
public sealed class BaselineReportService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    AssessmentSummaryService summaries,
    MaturityCatalogue catalogue,
    Workshops.WorkshopFigures figures,
    TimeProvider clock,
    ReportEvidence evidence)
{
    /// <summary>The report model of an assessment; the caller has checked access.</summary>
    public async Task<BaselineReport> BuildAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var summarised = await summaries.SummariseAsync(assessmentId, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var organisationName = await db.Organisations.AsNoTracking()
            .Where(o => o.Id == summarised.Assessment.OrganisationId)
            .Select(o => o.Name)
            .SingleAsync(cancellationToken);

        // Started: one answer in either view; finished: both views of every characteristic in scope (ParticipantResponses).
        var answers = await db.Ratings.AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId)
            .Select(r => new { r.ParticipantId, r.CharacteristicCode, r.LevelNow, r.LevelInTwoYears })
            .ToListAsync(cancellationToken);
        var scope = summarised.Summary.Characteristics.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var responses = ParticipantResponses.From(
            answers.Select(a => (a.ParticipantId, a.CharacteristicCode, a.LevelNow, a.LevelInTwoYears)), scope.Count, scope.Contains);

        var decisions = await Workshops.ConsensusRecords.NotesAsync(db, catalogue, figures, summarised.Decisions, cancellationToken);
        var previous = await PreviousCycleAsync(db, summarised.Assessment, cancellationToken);
        var report = BaselineReportBuilder.Build(
            summarised.Assessment, summarised.Groups, summarised.Participants, summarised.Summary, responses,
            organisationName, catalogue, clock.GetUtcNow(), decisions, previousCycle: previous);
        return report with { Evidence = await evidence.AppendixAsync(report, assessmentId, summarised.Assessment.OrganisationId, cancellationToken) };
    }

    /// <summary>The assessment this one follows up, with its figures, for the "since the last cycle" chapter; null when none.</summary>
    private async Task<Cycle?> PreviousCycleAsync(CityMaturityDb db, Assessment assessment, CancellationToken cancellationToken)
    {
        if (assessment.PredecessorId is not { } predecessorId)
        {
            return null;
        }

        // A follow-up is only ever started within its organisation; the check keeps another organisation's figures out regardless.
        var predecessor = await db.Assessments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == predecessorId && a.OrganisationId == assessment.OrganisationId, cancellationToken);
        if (predecessor is null)
        {
            return null;
        }

        var summary = await summaries.SummariseAsync(predecessor.Id, cancellationToken);
        return new Cycle(predecessor.Id, predecessor.Name, predecessor.CycleDate, summary.Summary);
    }

    public async Task<RenderedBaselineReport> RenderAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var model = await BuildAsync(assessmentId, cancellationToken);
        var pdf = BaselineReportRenderer.Render(model);
        CityMaturity.Application.Telemetry.AppMetrics.ReportsRendered.Add(1);
        return new RenderedBaselineReport(model, pdf, ReportFileName.For(model));
    }
}
