using CityMaturity.Domain.Assessments;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;

namespace CityMaturity.Web.Api;

public static class RatingsCsvEndpoints
{
    /// <summary>
    /// GET /api/assessments/{id}/ratings.csv — every answer with participants' names and emails, so only for
    /// those who manage the assessment. Unknown and forbidden both answer 404.
    /// </summary>
    public static void MapRatingsCsvEndpoints(this WebApplication app) =>
        app.MapGet("/api/assessments/{id:guid}/ratings.csv", ExportAsync).RequireAuthorization();

    private static async Task<IResult> ExportAsync(Guid id, HttpContext context, OrganisationAccess access, RatingImportService ratings)
    {
        if (await access.FindAssessmentAsync(context.User, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return Results.NotFound();
        }

        var fileName = $"{CityMaturity.Domain.Organisations.Slugs.From(assessment.Community)}-{CityMaturity.Domain.Organisations.Slugs.From(assessment.Name)}-ratings.csv";
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(context.Response.Body, RatingsCsv.FileEncoding);
        await ratings.ExportAsync(id, writer, context.RequestAborted);
        return Results.Empty;
    }
}
