using System.Security.Claims;
using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Plans;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

/// <summary>An action as the API answers it.</summary>
public sealed record ActionDocument(
    Guid Id, string Characteristic, string CharacteristicTitle, string Title, string Owner, Guid? OwnerUserId, DateOnly DueDate,
    string Status, bool Overdue, IReadOnlyList<string> IsoDocuments, IReadOnlyList<ActionIndicatorDocument> Indicators,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record ActionIndicatorDocument(string Code, decimal TargetValue, int TargetYear);

public sealed record ActionListDocument(Guid AssessmentId, string AssessmentName, DateOnly Today, IReadOnlyList<ActionDocument> Actions);

public sealed record SeriesDocument(
    Guid Id, string Name, IReadOnlyList<SeriesCycleDocument> Cycles, SeriesTrendDocument Trend, SeriesComparisonDocument? Comparison);

public sealed record SeriesCycleDocument(Guid AssessmentId, string Name, DateOnly Date, string Status, Guid? PredecessorId);

public sealed record SeriesTrendDocument(IReadOnlyList<TrendLineDocument> Dimensions, IReadOnlyList<TrendLineDocument> SubDimensions, IReadOnlyList<TrendLineDocument> Characteristics);

/// <param name="Points">One per cycle, oldest first; score null when out of scope or not rated.</param>
public sealed record TrendLineDocument(string Code, decimal? ChangeOverSeries, IReadOnlyList<TrendPointDocument> Points);

public sealed record TrendPointDocument(Guid AssessmentId, DateOnly Date, bool InScope, decimal? Score, string? Source, int Rated, int Total);

/// <summary>The latest two comparable cycles: plan realisation rates and what moved.</summary>
public sealed record SeriesComparisonDocument(
    Guid EarlierAssessmentId, Guid LaterAssessmentId, int ElapsedMonths, RateDocument Overall, IReadOnlyDictionary<string, RateDocument> Dimensions,
    int Improved, int Regressed, int Unchanged, int NotCompared);

public sealed record RateDocument(int Judged, int Met, int Exceeded, int Missed, int Excluded, decimal? Percent);

/// <summary>
/// The improvement plan and series API (docs/api.md): an assessment's actions as JSON, CSV, XLSX and an iCalendar
/// file of due dates; a series with its trend figures; the progress report PDF of a series. Cookie or personal access
/// token like the other /api GETs; unknown and forbidden both answer 404 (as problem details).
/// </summary>
public static class PlanEndpoints
{
    public static void MapPlanEndpoints(this WebApplication app)
    {
        var assessment = app.MapGroup("/api/assessments/{id:guid}").RequireAuthorization(Policies.Api).WithTags("Improvement plan");
        assessment.MapGet("/actions", ListAsync).WithName("GetAssessmentActions")
            .Produces<ActionListDocument>(StatusCodes.Status200OK, "application/json")
            .WithSummary("The assessment's improvement plan: every action with owner, due date, status, ISO documents and indicator targets.");
        assessment.MapGet("/actions.csv", CsvAsync).WithName("GetAssessmentActionsCsv").Produces<string>(contentType: "text/csv");
        assessment.MapGet("/actions.xlsx", XlsxAsync).WithName("GetAssessmentActionsXlsx").Produces<byte[]>(contentType: XlsxWorkbook.ContentType);
        assessment.MapGet("/actions.ics", CalendarAsync).WithName("GetAssessmentActionsCalendar").Produces<string>(contentType: "text/calendar");

        var series = app.MapGroup("/api/series/{id:guid}").RequireAuthorization(Policies.Api).WithTags("Series");
        series.MapGet("", SeriesAsync).WithName("GetSeries")
            .Produces<SeriesDocument>(StatusCodes.Status200OK, "application/json")
            .WithSummary("A series: its cycles, the trend of the level now per dimension, sub-dimension and characteristic, and the latest comparison.");
        series.MapGet("/progress.pdf", ProgressPdfAsync).WithName("GetSeriesProgressReport").Produces<byte[]>(contentType: ReportEndpoints.PdfContentType);
    }

    private static async Task<IResult> ListAsync(Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        var actions = await plans.ListAsync(found.OrganisationId, id, cancellationToken);
        return Results.Ok(new ActionListDocument(id, found.Name, plans.Today, [.. actions.Select(Document)]));
    }

    private static ActionDocument Document(ActionView view)
    {
        var a = view.Action;
        return new ActionDocument(
            a.Id, a.CharacteristicCode, view.CharacteristicTitle, a.Title, view.Owner, a.OwnerUserId, a.DueDate, a.Status.Key(), view.Overdue,
            a.Documents, [.. a.Indicators.Select(i => new ActionIndicatorDocument(i.IndicatorCode, i.TargetValue, i.TargetYear))], a.CreatedAt, a.UpdatedAt);
    }

    private static async Task<IResult> CsvAsync(
        Guid id, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ActionsAsync(id, user, access, plans, cancellationToken) is not var (assessment, community, actions))
        {
            return Results.NotFound();
        }

        var csv = new StringBuilder(CsvText.Line(ActionListRow.Header));
        foreach (var action in actions)
        {
            csv.Append(CsvText.Line(action.Row.Cells()));
        }

        Downloads.NeverStore(response);
        return Results.File(CsvText.Encode(csv), "text/csv; charset=utf-8", Downloads.FileName(community, assessment.Name, "actions", "csv", clock));
    }

    private static async Task<IResult> XlsxAsync(
        Guid id, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ActionsAsync(id, user, access, plans, cancellationToken) is not var (assessment, community, actions))
        {
            return Results.NotFound();
        }

        var workbook = XlsxWorkbook.Write([new XlsxSheet("Actions", [[.. ActionListRow.Header], .. actions.Select(a => a.Row.Cells())])]);
        Downloads.NeverStore(response);
        return Results.File(workbook, XlsxWorkbook.ContentType, Downloads.FileName(community, assessment.Name, "actions", "xlsx", clock));
    }

    private static async Task<IResult> CalendarAsync(
        Guid id, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ActionsAsync(id, user, access, plans, cancellationToken) is not var (assessment, community, actions))
        {
            return Results.NotFound();
        }

        var calendar = ActionCalendar.Write($"{community}: {assessment.Name} – improvement plan", actions.Select(a => a.Calendar), clock.GetUtcNow());
        Downloads.NeverStore(response);
        return Results.File(Encoding.UTF8.GetBytes(calendar), ActionCalendar.ContentType, Downloads.FileName(community, assessment.Name, "actions", "ics", clock));
    }

    private static async Task<(Assessment Assessment, string Community, IReadOnlyList<ActionView> Actions)?> ActionsAsync(
        Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is not { } assessment)
        {
            return null;
        }

        return (assessment, assessment.Community, await plans.ListAsync(assessment.OrganisationId, id, cancellationToken));
    }

    /// <summary>The series' organisation, when the user may read its results; null (404) otherwise.</summary>
    private static async Task<Guid?> ReadableSeriesAsync(Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken) =>
        await plans.OrganisationOfSeriesAsync(id, cancellationToken) is { } organisationId
        && await access.IsAllowedAsync(user, organisationId, Permission.ViewResults)
            ? organisationId
            : null;

    private static async Task<IResult> SeriesAsync(
        Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CycleService cycles, CancellationToken cancellationToken)
    {
        if (await ReadableSeriesAsync(id, user, access, plans, cancellationToken) is not { } organisationId
            || await cycles.SeriesAsync(organisationId, id, cancellationToken) is not { } view)
        {
            return Results.NotFound();
        }

        static TrendLineDocument Line(TrendLine line) => new(
            line.Code, line.ChangeOverSeries,
            [.. line.Points.Select(p => new TrendPointDocument(p.AssessmentId, p.Date, p.InScope, p.Score, p.Source?.ToString().ToLowerInvariant(), p.Rated, p.Total))]);
        static RateDocument Rate(RealisationRate r) => new(r.Judged, r.Met, r.Exceeded, r.Missed, r.Excluded, r.Percent);
        var comparison = view is { Compared: var (earlier, later), Realisation: { } realisation, Moved: { } moved }
            ? new SeriesComparisonDocument(
                earlier.AssessmentId, later.AssessmentId, realisation.ElapsedMonths, Rate(realisation.Overall),
                realisation.Dimensions.ToDictionary(d => d.DimensionCode, d => Rate(d.Rate)),
                moved.Count(Movement.Improved), moved.Count(Movement.Regressed), moved.Count(Movement.Unchanged), moved.Excluded.Count)
            : null;
        return Results.Ok(new SeriesDocument(
            view.Series.Id, view.Series.Name,
            [.. view.Cycles.Select(c => new SeriesCycleDocument(c.Id, c.Name, c.CycleDate, c.Status.Key(), c.PredecessorId))],
            new SeriesTrendDocument([.. view.Trend.Dimensions.Select(Line)], [.. view.Trend.SubDimensions.Select(Line)], [.. view.Trend.Characteristics.Select(Line)]),
            comparison));
    }

    private static async Task<IResult> ProgressPdfAsync(
        Guid id, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, ProgressReportService reports,
        CancellationToken cancellationToken)
    {
        if (await ReadableSeriesAsync(id, user, access, plans, cancellationToken) is not { } organisationId)
        {
            return Results.NotFound();
        }

        if (await reports.RenderAsync(organisationId, id, cancellationToken) is not { } report)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to compare yet",
                detail: "A progress report compares two cycles of the series that are not drafts; this series has fewer.");
        }

        Downloads.NeverStore(response);
        return Results.File(report.Pdf, ReportEndpoints.PdfContentType, report.FileName);
    }
}
