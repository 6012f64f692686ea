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
using System.IO.Compression;

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

    /// <summary>
    /// Serialised summary JSON and its entity tag (a hash of the bytes), kept once per cached version. The gzip copy, with
    /// its own entity tag, is compressed on the first request that asks for gzip, so a version no client fetches
    /// compressed costs neither the compression nor the memory.
    /// </summary>
    private sealed class SummaryJson
    {
        private readonly Lazy<byte[]> gzip;

        private SummaryJson(byte[] body, string tag)
        {
            Body = body;
            ETag = new EntityTagHeaderValue($"\"{tag}\"");
            GzipETag = new EntityTagHeaderValue($"\"{tag}-gzip\"");
            gzip = new Lazy<byte[]>(() => Compress(body));
        }

        public byte[] Body { get; }

        public EntityTagHeaderValue ETag { get; }

        public byte[] Gzip => gzip.Value;

        public EntityTagHeaderValue GzipETag { get; }

        public static SummaryJson Of(byte[] body) =>
            new(body, Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18)));

        private static byte[] Compress(byte[] body)
        {
            using var compressed = new MemoryStream();
            using (var compressor = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                compressor.Write(body);
            }

            return compressed.ToArray();
        }
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryAsync(
        Guid id, HttpContext http, OrganisationAccess access, SummaryCache cache, AssessmentSummaryService summaries, EvidenceService evidence,
        MaturityCatalogue catalogue, IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        // One round trip decides access and says which version of the figures is current; by token, the token's own.
        if (await access.FindVersionedAssessmentAsync(http, id, AssessmentPermission.ViewResults, cancellationToken) is not { } assessment)
        {
            return NotFound();
        }

        // Serialising ~170 kB per request dominated under load; the bytes are reused while nothing changes.
        var summary = cache.TryGet<SummaryJson>(new JsonKey(id, assessment.DataVersion, assessment.Status, assessment.Name))
            ?? await SummariseAsync(id, summaries, evidence, catalogue, json.Value.SerializerOptions, cache, cancellationToken);

        // An integration that polls sends If-None-Match and gets 304 Not Modified while nothing changed (FileContentHttpResult
        // answers the conditional request against the entity tag of the encoding chosen). Always revalidate; never kept
        // by a shared cache.
        http.Response.Headers.CacheControl = "private, no-cache";
        http.Response.Headers.Vary = HeaderNames.AcceptEncoding;
        if (AcceptsGzip(http.Request))
        {
            http.Response.Headers.ContentEncoding = "gzip";
            return TypedResults.File(summary.Gzip, "application/json; charset=utf-8", entityTag: summary.GzipETag);
        }

        return TypedResults.File(summary.Body, "application/json; charset=utf-8", entityTag: summary.ETag);
    }

    /// <summary>A cache miss: the figures, the evidence counts and the JSON, kept under the version they were computed from.</summary>
    private static async Task<SummaryJson> SummariseAsync(
        Guid id, AssessmentSummaryService summaries, EvidenceService evidence, MaturityCatalogue catalogue, JsonSerializerOptions options,
        SummaryCache cache, CancellationToken cancellationToken)
    {
        var (document, summarised) = await BuildDocumentAsync(id, summaries, evidence, catalogue, cancellationToken);
        var summary = SummaryJson.Of(JsonSerializer.SerializeToUtf8Bytes(document, options));
        // Kept under what it was computed from, which may already be newer than what the access check read.
        cache.Set(new JsonKey(id, summarised.DataVersion, summarised.Assessment.Status, summarised.Assessment.Name), summary);
        return summary;
    }

    /// <summary>The summary document and what it was computed from; evidence moves the data version too (V0009), so its counts are as current as the figures.</summary>
    private static async Task<(SummaryDocument Document, SummarisedAssessment Summarised)> BuildDocumentAsync(
        Guid id, AssessmentSummaryService summaries, EvidenceService evidence, MaturityCatalogue catalogue, CancellationToken cancellationToken)
    {
        var summarised = await summaries.SummariseAsync(id, cancellationToken);
        var counts = await evidence.CountsAsync(id, cancellationToken);
        return (SummaryDocument.From(summarised.Assessment, summarised.Summary, catalogue, counts), summarised);
    }

    /// <summary>
    /// Whether the client takes gzip: named with a quality above zero, or "*" above zero with gzip not refused by name
    /// (RFC 9110, 12.5.3). No Accept-Encoding, or identity only, gets the plain bytes.
    /// </summary>
    private static bool AcceptsGzip(HttpRequest request)
    {
        if (request.Headers.AcceptEncoding.Count == 0)
        {
            return false;
        }

        double? gzip = null, any = null;
        foreach (var coding in request.GetTypedHeaders().AcceptEncoding)
        {
            var quality = coding.Quality ?? 1;
            if (coding.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = Math.Max(gzip ?? 0, quality);
            }
            else if (coding.Value.Equals("*", StringComparison.Ordinal))
            {
                any = Math.Max(any ?? 0, quality);
            }
        }

        return (gzip ?? any ?? 0) > 0;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SummaryCsvAsync(
        Guid id, HttpContext http, OrganisationAccess access, AssessmentSummaryService summaries, EvidenceService evidence, MaturityCatalogue catalogue,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DocumentAsync(id, http, access, summaries, evidence, catalogue, cancellationToken) is not (var document, var community))
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
        EvidenceService evidence, MaturityCatalogue catalogue, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await DocumentAsync(id, http, access, summaries, evidence, catalogue, cancellationToken) is not (var document, var community))
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
        Guid id, HttpContext http, OrganisationAccess access, AssessmentSummaryService summaries, EvidenceService evidence, MaturityCatalogue catalogue,
        CancellationToken cancellationToken)
    {
        if (await access.FindAssessmentAsync(http.User, id, AssessmentPermission.ViewResults, cancellationToken) is null)
        {
            return null;
        }

        var (document, summarised) = await BuildDocumentAsync(id, summaries, evidence, catalogue, cancellationToken);
        return (document, summarised.Assessment.Community);
    }

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such assessment, or you may not see its results.");
}
