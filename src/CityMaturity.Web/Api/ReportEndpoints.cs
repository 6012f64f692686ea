using System.Security.Claims;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Web.Api;

/// <summary>The baseline report as a PDF download, under the same permission as the results dashboard.</summary>
public static class ReportEndpoints
{
    public const string PdfContentType = "application/pdf";

    public static string ReportPath(Guid assessmentId) => $"/api/assessments/{assessmentId}/report.pdf";

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/assessments/{id:guid}/report.pdf", DownloadAsync)
            .RequireAuthorization(Policies.Api)
            .WithName("BaselineReportPdf");
        return app;
    }

    /// <summary>Unknown and forbidden assessments both answer 404, so ids of other organisations reveal nothing.</summary>
    private static async Task<IResult> DownloadAsync(
        Guid id,
        ClaimsPrincipal user,
        HttpResponse response,
        OrganisationAccess access,
        BaselineReportService reports,
        CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(user, id, AssessmentPermission.ViewResults, cancellationToken) is null)
        {
            return Results.NotFound();
        }

        var report = await reports.RenderAsync(id, cancellationToken);
        Downloads.NeverStore(response);
        return Results.File(report.Pdf, PdfContentType, report.FileName);
    }
}
