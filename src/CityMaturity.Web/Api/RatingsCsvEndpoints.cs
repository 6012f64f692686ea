using CityMaturity.Domain.Assessments;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

public static class RatingsCsvEndpoints
{
    /// <summary>
    /// GET /api/assessments/{id}/ratings.csv — every answer — and GET /api/assessments/{id}/history.csv — every change
    /// of every answer (the audit trail) — with participants' names and emails, so only for those who manage the
    /// assessment. Unknown and forbidden both answer 404.
    /// </summary>
    public static void MapRatingsCsvEndpoints(this WebApplication app)
    {
        app.MapGet("/api/assessments/{id:guid}/ratings.csv", ExportAsync).RequireAuthorization();
        app.MapGet("/api/assessments/{id:guid}/history.csv", HistoryAsync).RequireAuthorization();
    }

    private static async Task<IResult> ExportAsync(Guid id, HttpContext context, OrganisationAccess access, RatingImportService ratings)
    {
        if (await access.FindAssessmentAsync(context.User, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return Results.NotFound();
        }

        await using var writer = CsvAttachment(context, assessment, "ratings");
        await ratings.ExportAsync(id, writer, context.RequestAborted);
        return Results.Empty;
    }

    private static async Task<IResult> HistoryAsync(Guid id, HttpContext context, OrganisationAccess access, RatingHistoryCsv history)
    {
        if (await access.FindAssessmentAsync(context.User, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return Results.NotFound();
        }

        await using var writer = CsvAttachment(context, assessment, "history");
        await history.WriteAsync(id, writer, context.RequestAborted);
        return Results.Empty;
    }

    /// <summary>Names the download after community and assessment, and returns a UTF-8 (with BOM) writer on the response.</summary>
    private static StreamWriter CsvAttachment(HttpContext context, Assessment assessment, string what)
    {
        var fileName = $"{CityMaturity.Domain.Organisations.Slugs.From(assessment.Community)}-{CityMaturity.Domain.Organisations.Slugs.From(assessment.Name)}-{what}.csv";
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return new StreamWriter(context.Response.Body, RatingsCsv.FileEncoding);
    }
}
