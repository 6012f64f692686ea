using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Api;

public static class RatingsCsvEndpoints
{
    /// <summary>
    /// GET /api/assessments/{id}/ratings.csv — every answer with participants' names and emails, so only for
    /// those who manage the assessment. Unknown and forbidden both answer 404.
    /// </summary>
    public static void MapRatingsCsvEndpoints(this WebApplication app) =>
        app.MapGet("/api/assessments/{id:guid}/ratings.csv", ExportAsync).RequireAuthorization();

    private static async Task<IResult> ExportAsync(
        Guid id, HttpContext context, IDbContextFactory<CityMaturityDb> dbFactory, IAuthorizationService authorization, RatingImportService ratings)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == id).Select(a => new { a.OrganisationId, a.Community, a.Name }).SingleOrDefaultAsync();
        if (assessment is null
            || !(await authorization.AuthorizeAsync(context.User, new AssessmentResource(assessment.OrganisationId, id), Policies.For(AssessmentPermission.Manage))).Succeeded)
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
