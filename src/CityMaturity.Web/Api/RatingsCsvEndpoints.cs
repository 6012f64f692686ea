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
        app.MapGet("/api/assessments/{id:guid}/ratings.csv", ExportAsync).RequireAuthorization(Policies.Api);
        app.MapGet("/api/assessments/{id:guid}/history.csv", HistoryAsync).RequireAuthorization(Policies.Api);
    }

    private static Task<IResult> ExportAsync(Guid id, HttpContext context, OrganisationAccess access, RatingImportService ratings, TimeProvider clock) =>
        CsvAttachmentAsync(id, context, access, clock, "ratings", (writer, cancellationToken) => ratings.ExportAsync(id, writer, cancellationToken));

    private static Task<IResult> HistoryAsync(Guid id, HttpContext context, OrganisationAccess access, RatingHistoryCsv history, TimeProvider clock) =>
        CsvAttachmentAsync(id, context, access, clock, "history", (writer, cancellationToken) => history.WriteAsync(id, writer, cancellationToken));

    /// <summary>
    /// After the access check, the file named after community, assessment and <paramref name="what"/>, written by
    /// <paramref name="write"/> straight to the response (UTF-8 with a BOM).
    /// </summary>
    private static async Task<IResult> CsvAttachmentAsync(
        Guid id, HttpContext context, OrganisationAccess access, TimeProvider clock, string what, Func<TextWriter, CancellationToken, Task> write)
    {
        if (await access.FindAssessmentAsync(context.User, id, AssessmentPermission.Manage, context.RequestAborted) is not { } assessment)
        {
            return Results.NotFound();
        }

        var fileName = Downloads.FileName(assessment.Community, assessment.Name, what, "csv", clock);
        context.Response.ContentType = "text/csv; charset=utf-8";
        // RFC 6266: an ASCII name for old clients and the exact (possibly non-ASCII) one as filename*.
        var header = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        context.Response.Headers.ContentDisposition = header.ToString();
        Downloads.NeverStore(context.Response);
        await using var writer = new StreamWriter(context.Response.Body, RatingsCsv.FileEncoding);
        await write(writer, context.RequestAborted);
        return Results.Empty;
    }
}
