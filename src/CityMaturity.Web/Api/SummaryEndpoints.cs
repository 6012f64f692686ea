using CityMaturity.Domain.Assessments;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using System.Text;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace CityMaturity.Web.Api;

/// <summary>
/// The results API (docs/api.md): an assessment's summary as JSON and CSV, and a workbook. Signed in by cookie or by
/// personal access token; each request checks <see cref="AssessmentPermission.ViewResults"/> on the assessment
/// through its organisation, and unknown and forbidden both answer 404.
/// </summary>
public static class SummaryEndpoints
{
    public static void MapSummaryEndpoints(this WebApplication app)
    {
        var assessment = app.MapGroup("/api/assessments/{id:guid}").RequireAuthorization(Policies.Api).WithTags("Results");
        assessment.MapGet("/summary", SummaryAsync).WithName("GetAssessmentSummary")
            .Produces<SummaryDocument>(StatusCodes.Status200OK, "application/json")
            .Produces(StatusCodes.Status304NotModified)
            .WithMetadata(new ReadsAssessmentAccessWithToken())
            .WithSummary("Every figure of the assessment, per the methodology: per characteristic and view, per group, summaries and reading lists.");
        assessment.MapGet("/summary.csv", SummaryCsvAsync).WithName("GetAssessmentSummaryCsv")
            .WithSummary("The summary's figures flat: one row per characteristic × view × participant set (all, then each group).")
            .Produces<string>(contentType: "text/csv");
        assessment.MapGet("/export.xlsx", WorkbookAsync).WithName("GetAssessmentWorkbook")
            .WithSummary("A workbook with the sheets Summary, Per group and Raw ratings (participants pseudonymised).")
            .Produces<byte[]>(contentType: XlsxWorkbook.ContentType);
    }

    /// <summary>
    /// What shapes the summary JSON: the figures (one data version) and what the document reads of the assessment's own
    /// row (its name and status).
    /// </summary>
    private readonly record struct JsonKey(Guid AssessmentId, long DataVersion, AssessmentStatus Status, string Name);

    /// <summary>Serialised summary JSON and its entity tag (a hash of the bytes).</summary>
    private sealed record SummaryJson(byte[] Body, EntityTagHeaderValue ETag);

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryAsync(
        Guid id, HttpContext http, OrganisationAccess access, AssessmentSummaryService summaries, MaturityCatalogue catalogue,
        SummaryCache cache, IOptions<JsonOptions> json, EvidenceService evidence, CancellationToken cancellationToken)
    {
        // One round trip decides access and says which version of the figures is current; by token, the token's own.
        if (await access.FindVersionedAssessmentAsync(http, id, AssessmentPermission.ViewResults, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        // Serialising ~170 kB per request dominated under load; the bytes are reused while nothing changes.
        if (cache.TryGet<SummaryJson>(new JsonKey(id, assessment.DataVersion, assessment.Status, assessment.Name)) is not { } summary)
        {
            var summarised = await summaries.SummariseAsync(id, cancellationToken);
            // Evidence moves the data version too (V0009), so its counts are as current as the figures.
            var counts = await evidence.CountsAsync(id, cancellationToken);
            var body = JsonSerializer.SerializeToUtf8Bytes(SummaryDocument.From(summarised.Assessment, summarised.Summary, catalogue, counts), json.Value.SerializerOptions);
            summary = new SummaryJson(body, new EntityTagHeaderValue($"\"{Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18))}\""));
            // Kept under what it was computed from, which may already be newer than what the check above read.
            cache.Set(new JsonKey(id, summarised.DataVersion, summarised.Assessment.Status, summarised.Assessment.Name), summary);
        }

        // An integration that polls sends If-None-Match and gets 304 Not Modified while nothing changed (FileContentHttpResult
        // answers the conditional request). Always revalidate; never kept by a shared cache.
        http.Response.Headers.CacheControl = "private, no-cache";
        return TypedResults.File(summary.Body, "application/json; charset=utf-8", entityTag: summary.ETag);
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryCsvAsync(
        Guid id, HttpContext http, OrganisationAccess access, AssessmentSummaryService summaries, MaturityCatalogue catalogue, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (await DocumentAsync(id, http, access, summaries, catalogue, cancellationToken) is not (var document, var community))
        {
            return NotFound();
        }

        var csv = new StringBuilder(CsvText.Line(SummaryRow.Header));
        foreach (var row in SummaryRow.Of(document))
        {
            csv.Append(CsvText.Line(row.Cells()));
        }

        Downloads.NeverStore(http.Response);
        return TypedResults.File(CsvText.Encode(csv), "text/csv; charset=utf-8", Downloads.FileName(community, document.Name, "summary", "csv", clock));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(
        Guid id, HttpContext http, OrganisationAccess access, AssessmentResultsService results, AssessmentSummaryService summaries,
        MaturityCatalogue catalogue, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DocumentAsync(id, http, access, summaries, catalogue, cancellationToken) is not (var document, var community))
        {
            return NotFound();
        }

        var rows = SummaryRow.Of(document).ToList();
        var header = SummaryRow.Header.Cast<object?>().ToArray();
        var ratings = await results.PseudonymisedRatingsAsync(id, cancellationToken);
        var workbook = XlsxWorkbook.Write(
        [
            new XlsxSheet("Summary", [header, .. rows.Where(r => r.IsEveryone).Select(r => r.Cells())]),
            new XlsxSheet("Per group", [header, .. rows.Where(r => !r.IsEveryone).Select(r => r.Cells())]),
            new XlsxSheet("Raw ratings",
            [
                ["participant", "stakeholder_group", "characteristic", "level_now", "level_in_two_years"],
                .. ratings.Select(r => new object?[] { r.Participant, r.GroupName, r.CharacteristicCode, LevelCell(r.Now), LevelCell(r.InTwoYears) }),
            ]),
        ]);
        Downloads.NeverStore(http.Response);
        return TypedResults.File(workbook, XlsxWorkbook.ContentType, Downloads.FileName(community, document.Name, "workbook", "xlsx", clock));
    }

    /// <summary>Levels as numbers (so a spreadsheet can average them), don't know as DK, unanswered as an empty cell.</summary>
    private static object? LevelCell(CityMaturity.Domain.Assessments.LevelAnswer answer) =>
        answer.Level is { } level ? level.Number() : answer.IsAnswered ? answer.Code : null;

    /// <summary>The summary document and the community assessed (for the file name), or null when not allowed.</summary>
    private static async Task<(SummaryDocument Document, string Community)?> DocumentAsync(
        Guid id, HttpContext http, OrganisationAccess access, AssessmentSummaryService summaries, MaturityCatalogue catalogue, CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(http.User, id, AssessmentPermission.ViewResults, cancellationToken) is null)
        {
            return null;
        }

        var summarised = await summaries.SummariseAsync(id, cancellationToken);
        var counts = await http.RequestServices.GetRequiredService<EvidenceService>().CountsAsync(id, cancellationToken);
        return (SummaryDocument.From(summarised.Assessment, summarised.Summary, catalogue, counts), summarised.Assessment.Community);
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such assessment, or you may not see its results.");
}
