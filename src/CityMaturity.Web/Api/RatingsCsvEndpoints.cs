using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
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

    private static Task<IResult> ExportAsync(Guid id, HttpContext context, OrganisationAccess access, RatingImportService ratings) =>
        CsvAttachmentAsync(id, context, access, "ratings", (writer, cancellationToken) => ratings.ExportAsync(id, writer, cancellationToken));

    private static Task<IResult> HistoryAsync(Guid id, HttpContext context, OrganisationAccess access, RatingHistoryCsv history) =>
        CsvAttachmentAsync(id, context, access, "history", (writer, cancellationToken) => history.WriteAsync(id, writer, cancellationToken));

    /// <summary>
    /// After the access check, the file named after community, assessment and <paramref name="what"/>, written by
    /// <paramref name="write"/> straight to the response (UTF-8 with a BOM).
    /// </summary>
    private static async Task<IResult> CsvAttachmentAsync(Guid id, HttpContext context, OrganisationAccess access, string what, Func<TextWriter, CancellationToken, Task> write)
    {
        if (await access.FindAssessmentAsync(context.User, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return Results.NotFound();
        }

        var fileName = $"{Slugs.From(assessment.Community)}-{Slugs.From(assessment.Name)}-{what}.csv";
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await using var writer = new StreamWriter(context.Response.Body, RatingsCsv.FileEncoding);
        await write(writer, context.RequestAborted);
        return Results.Empty;
    }
}
