using System.Security.Claims;
using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Plans;
using CityMaturity.Domain.Reporting;
using CityMaturity.Web.Security;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Web.Api;

/// <summary>An action as the API answers it.</summary>
public sealed record ActionDocument(
    Guid Id, string Characteristic, string CharacteristicTitle, string Title, string Owner, Guid? OwnerUserId, DateOnly DueDate,
    string Status, bool Overdue, IReadOnlyList<string> IsoDocuments, IReadOnlyList<ActionIndicatorDocument> Indicators,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <param name="Result">reached, not_reached, no_value, unit_mismatch, not_judgeable or unknown_indicator: the published value of the target year against the target.</param>
/// <param name="Value">The published value of the target year, when there is one; <paramref name="ValueUnit"/> its unit.</param>
/// <param name="ResultText">The result in a sentence.</param>
public sealed record ActionIndicatorDocument(string Code, decimal TargetValue, int TargetYear, string Result, decimal? Value, string? ValueUnit, string ResultText);

/// <summary>One recorded change of an action: when, who, which field, the value before (null when created) and after.</summary>
public sealed record ActionChangeDocument(DateTimeOffset ChangedAt, string By, string Field, string? OldValue, string? NewValue);

public sealed record ActionHistoryDocument(Guid ActionId, string Title, IReadOnlyList<ActionChangeDocument> Changes);

public sealed record ActionListDocument(Guid AssessmentId, string AssessmentName, DateOnly Today, IReadOnlyList<ActionDocument> Actions);

/// <param name="GroupTrend">The level now per stakeholder group (groups matched by name); <paramref name="GroupPlanTrend"/> the level in two years.</param>
/// <param name="Plan">The earlier compared cycle's actions with their outcomes; null without a comparison.</param>
public sealed record SeriesDocument(
    Guid Id, string Name, IReadOnlyList<SeriesCycleDocument> Cycles, SeriesTrendDocument Trend, SeriesComparisonDocument? Comparison,
    IReadOnlyList<TrendLineDocument> GroupTrend, IReadOnlyList<TrendLineDocument> GroupPlanTrend, SeriesPlanDocument? Plan,
    IReadOnlyList<SeriesRenameDocument> Renames);

/// <summary>One rename of the series, oldest first: when, by whom (display name), the name before and after.</summary>
public sealed record SeriesRenameDocument(DateTimeOffset RenamedAt, string By, string OldName, string NewName);

/// <summary>The improvement plan of the earlier compared cycle, each action beside what its characteristic did by the later one.</summary>
public sealed record SeriesPlanDocument(Guid AssessmentId, string AssessmentName, IReadOnlyList<ActionOutcomeDocument> Actions);

/// <param name="Movement">improved, regressed or unchanged (level now); null when not compared.</param>
/// <param name="Realisation">met, exceeded or missed (the earlier plan against the later level now); null when not judged.</param>
/// <param name="NotComparedBecause">Why the characteristic was not compared, when it was not.</param>
public sealed record ActionOutcomeDocument(
    Guid Id, string Characteristic, string Title, string Owner, DateOnly DueDate, string Status, string? Movement, decimal? Change,
    string? Realisation, decimal? MissedBy, IReadOnlyList<string> NotComparedBecause, IReadOnlyList<ActionIndicatorDocument> Indicators);

public sealed record SeriesCycleDocument(Guid AssessmentId, string Name, DateOnly Date, string Status, Guid? PredecessorId);

public sealed record SeriesTrendDocument(IReadOnlyList<TrendLineDocument> Dimensions, IReadOnlyList<TrendLineDocument> SubDimensions, IReadOnlyList<TrendLineDocument> Characteristics);

/// <param name="Points">One per cycle, oldest first; score null when out of scope or not rated.</param>
public sealed record TrendLineDocument(string Code, decimal? ChangeOverSeries, IReadOnlyList<TrendPointDocument> Points);

public sealed record TrendPointDocument(Guid AssessmentId, DateOnly Date, bool InScope, decimal? Score, string? Source, int Rated, int Total);

/// <summary>The two compared cycles (chosen, or the latest two comparable ones): plan realisation rates and what moved.</summary>
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
        assessment.MapGet("/actions/{actionId:guid}", ActionAsync).WithName("GetAssessmentAction")
            .Produces<ActionDocument>(StatusCodes.Status200OK, "application/json").WithSummary("One action of the improvement plan.");
        assessment.MapGet("/actions/{actionId:guid}/history", HistoryAsync).WithName("GetAssessmentActionHistory")
            .Produces<ActionHistoryDocument>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Every recorded change of one action, oldest first: when, who, which field, before and after.");
        assessment.MapGet("/actions/{actionId:guid}/history.csv", HistoryCsvAsync).WithName("GetAssessmentActionHistoryCsv").Produces<string>(contentType: "text/csv");
        assessment.MapGet("/actions.ics", CalendarAsync).WithName("GetAssessmentActionsCalendar").Produces<string>(contentType: "text/calendar");

        var series = app.MapGroup("/api/series/{id:guid}").RequireAuthorization(Policies.Api).WithTags("Series");
        series.MapGet("", SeriesAsync).WithName("GetSeries")
            .Produces<SeriesDocument>(StatusCodes.Status200OK, "application/json")
            .WithSummary("A series: its cycles, the trend per dimension, sub-dimension, characteristic and stakeholder group, the comparison of two cycles (?earlier=&later=, default the latest two) and the earlier one's actions with their outcomes.");
        series.MapGet("/progress.pdf", ProgressPdfAsync).WithName("GetSeriesProgressReport").Produces<byte[]>(contentType: ReportEndpoints.PdfContentType);
    }

    private static async Task<IResult> ListAsync(Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is not { } found)
        {
            return Results.NotFound();
        }

        var actions = await plans.ListAsync(found.OrganisationId, id, judgeTargets: true, cancellationToken);
        return Results.Ok(new ActionListDocument(id, found.Name, plans.Today, [.. actions.Select(Document)]));
    }

    private static async Task<IResult> ActionAsync(
        Guid id, Guid actionId, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken) =>
        await OneActionAsync(id, actionId, user, access, plans, judgeTargets: true, cancellationToken) is var (_, _, action) ? Results.Ok(Document(action)) : Results.NotFound();

    private static async Task<IResult> HistoryAsync(
        Guid id, Guid actionId, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken)
    {
        if (await OneActionAsync(id, actionId, user, access, plans, judgeTargets: false, cancellationToken) is not var (assessment, _, action))
        {
            return Results.NotFound();
        }

        var changes = await plans.HistoryAsync(assessment.OrganisationId, id, actionId);
        return Results.Ok(new ActionHistoryDocument(
            actionId, action.Action.Title, [.. changes.Select(c => new ActionChangeDocument(c.ChangedAt, c.By, c.Field, c.OldValue, c.NewValue))]));
    }

    private static async Task<IResult> HistoryCsvAsync(
        Guid id, Guid actionId, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await OneActionAsync(id, actionId, user, access, plans, judgeTargets: false, cancellationToken) is not var (assessment, community, _))
        {
            return Results.NotFound();
        }

        var csv = new StringBuilder(CsvText.Line(ActionChangeView.Header));
        foreach (var change in await plans.HistoryAsync(assessment.OrganisationId, id, actionId))
        {
            csv.Append(CsvText.Line(change.Cells()));
        }

        Downloads.NeverStore(response);
        return Results.File(CsvText.Encode(csv), "text/csv; charset=utf-8", Downloads.FileName(community, assessment.Name, "action-history", "csv", clock));
    }

    /// <summary>The assessment and one of its actions, when the user may read its results; null (404) otherwise.</summary>
    private static async Task<(Assessment Assessment, string Community, ActionView Action)?> OneActionAsync(
        Guid id, Guid actionId, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, bool judgeTargets, CancellationToken cancellationToken) =>
        await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is { } assessment
        && await plans.FindAsync(assessment.OrganisationId, id, actionId, judgeTargets, cancellationToken) is { } action
            ? (assessment, assessment.Community, action)
            : null;

    private static ActionDocument Document(ActionView view)
    {
        var a = view.Action;
        return new ActionDocument(
            a.Id, a.CharacteristicCode, view.CharacteristicTitle, a.Title, view.Owner, a.OwnerUserId, a.DueDate, a.Status.Key(), view.Overdue,
            a.Documents,
            [.. view.Targets.Select(IndicatorDocument)],
            a.CreatedAt, a.UpdatedAt);
    }

    private static async Task<IResult> CsvAsync(
        Guid id, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await ActionsAsync(id, user, access, plans, judgeTargets: true, cancellationToken) is not var (assessment, community, actions))
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
        if (await ActionsAsync(id, user, access, plans, judgeTargets: true, cancellationToken) is not var (assessment, community, actions))
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
        if (await ActionsAsync(id, user, access, plans, judgeTargets: false, cancellationToken) is not var (assessment, community, actions))
        {
            return Results.NotFound();
        }

        var calendar = ActionCalendar.Write($"{community}: {assessment.Name} – improvement plan", actions.Select(a => a.Calendar), clock.GetUtcNow());
        Downloads.NeverStore(response);
        return Results.File(Encoding.UTF8.GetBytes(calendar), ActionCalendar.ContentType, Downloads.FileName(community, assessment.Name, "actions", "ics", clock));
    }

    private static async Task<(Assessment Assessment, string Community, IReadOnlyList<ActionView> Actions)?> ActionsAsync(
        Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, bool judgeTargets, CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is not { } assessment)
        {
            return null;
        }

        return (assessment, assessment.Community, await plans.ListAsync(assessment.OrganisationId, id, judgeTargets, cancellationToken));
    }

    /// <summary>The series' organisation, when the user may read its results; null (404) otherwise.</summary>
    private static async Task<Guid?> ReadableSeriesAsync(Guid id, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CancellationToken cancellationToken) =>
        await plans.OrganisationOfSeriesAsync(id, cancellationToken) is { } organisationId
        && await access.IsAllowedAsync(user, organisationId, Permission.ViewResults)
            ? organisationId
            : null;

    /// <summary>The cycles asked for by ?earlier=&amp;later= (both or neither); a refusal naming what is missing when only one is given.</summary>
    private static ChosenCycles? Chosen(Guid? earlier, Guid? later) => (earlier, later) switch
    {
        ({ } e, { } l) => new ChosenCycles(e, l),
        (null, null) => null,
        _ => throw new ValidationException("Give both 'earlier' and 'later' (the assessment ids of two cycles of the series), or neither for the latest two."),
    };

    private static async Task<IResult> SeriesAsync(
        Guid id, Guid? earlier, Guid? later, ClaimsPrincipal user, OrganisationAccess access, ImprovementPlanService plans, CycleService cycles,
        CancellationToken cancellationToken)
    {
        if (await ReadableSeriesAsync(id, user, access, plans, cancellationToken) is not { } organisationId
            || await cycles.SeriesAsync(organisationId, id, Chosen(earlier, later), cancellationToken) is not { } view)
        {
            return Results.NotFound();
        }

        static TrendLineDocument Line(TrendLine line) => new(
            line.Code, line.ChangeOverSeries,
            [.. line.Points.Select(p => new TrendPointDocument(p.AssessmentId, p.Date, p.InScope, p.Score, p.Source?.ToString().ToLowerInvariant(), p.Rated, p.Total))]);
        static RateDocument Rate(RealisationRate r) => new(r.Judged, r.Met, r.Exceeded, r.Missed, r.Excluded, r.Percent);
        var comparison = view is { Compared: var (from, to), Realisation: { } realisation, Moved: { } moved }
            ? new SeriesComparisonDocument(
                from.AssessmentId, to.AssessmentId, realisation.ElapsedMonths, Rate(realisation.Overall),
                realisation.Dimensions.ToDictionary(d => d.DimensionCode, d => Rate(d.Rate)),
                moved.Count(Movement.Improved), moved.Count(Movement.Regressed), moved.Count(Movement.Unchanged), moved.Excluded.Count)
            : null;
        return Results.Ok(new SeriesDocument(
            view.Series.Id, view.Series.Name,
            [.. view.Cycles.Select(c => new SeriesCycleDocument(c.Id, c.Name, c.CycleDate, c.Status.Key(), c.PredecessorId))],
            new SeriesTrendDocument([.. view.Trend.Dimensions.Select(Line)], [.. view.Trend.SubDimensions.Select(Line)], [.. view.Trend.Characteristics.Select(Line)]),
            comparison,
            [.. view.GroupTrend.Select(Line)],
            [.. view.GroupPlanTrend.Select(Line)],
            await plans.OutcomesAsync(organisationId, view, cancellationToken) is { } outcomes ? PlanDocument(outcomes) : null,
            [.. view.Renames.Select(r => new SeriesRenameDocument(r.RenamedAt, r.By, r.OldName, r.NewName))]));
    }

    private static SeriesPlanDocument PlanDocument(PlanOutcomes outcomes) => new(
        outcomes.EarlierAssessmentId, outcomes.EarlierName,
        [.. outcomes.Actions.Select(o => new ActionOutcomeDocument(
            o.Action.Id, o.Action.CharacteristicCode, o.Action.Title, outcomes.Owners.GetValueOrDefault(o.Action.Id, string.Empty), o.Action.DueDate,
            o.Action.Status.Key(), o.Movement?.Movement.ToString().ToLowerInvariant(), o.Movement?.Change,
            o.Realisation?.Outcome.ToString().ToLowerInvariant(), o.Realisation?.MissedBy,
            [.. (o.Excluded?.Reasons ?? []).Select(ProgressReportLabels.English.ReasonOf)],
            [.. o.Targets.Select(IndicatorDocument)]))]);

    private static ActionIndicatorDocument IndicatorDocument(TargetCheck t) =>
        new(t.Target.IndicatorCode, t.Target.TargetValue, t.Target.TargetYear, TargetCheck.Key(t.Verdict), t.Value?.Value, t.Value?.Unit, t.Text);

    private static async Task<IResult> ProgressPdfAsync(
        Guid id, Guid? earlier, Guid? later, ClaimsPrincipal user, HttpResponse response, OrganisationAccess access, ImprovementPlanService plans,
        ProgressReportService reports, CancellationToken cancellationToken)
    {
        if (await ReadableSeriesAsync(id, user, access, plans, cancellationToken) is not { } organisationId)
        {
            return Results.NotFound();
        }

        if (await reports.RenderAsync(organisationId, id, Chosen(earlier, later), cancellationToken) is not { } report)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Nothing to compare yet",
                detail: "A progress report compares two cycles of the series that are not drafts; this series has fewer.");
        }

        Downloads.NeverStore(response);
        return Results.File(report.Pdf, ReportEndpoints.PdfContentType, report.FileName);
    }
}
