using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Api;
using CityMaturity.Web.Hosting;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CityMaturity.Web.Indicators;

/// <summary>An indicator value as the API gives it.</summary>
public sealed record IndicatorValueDocument(
    string IndicatorCode, string? IndicatorName, string? Framework, int Year, decimal Value, string Unit, decimal? Numerator, decimal? Denominator,
    string? Source, string? Note, string Status, DateTimeOffset EnteredAt, int Version);

/// <summary>An organisation's indicator values, as filtered.</summary>
public sealed record IndicatorValuesDocument(string Organisation, string? Indicator, int? Year, IReadOnlyList<IndicatorValueDocument> Values);

/// <summary>
/// The indicator data API (docs/api.md): an organisation's values as JSON (filterable by indicator and year), CSV and
/// XLSX. Cookie or personal access token; every member of the organisation may read; others get 404 like an unknown
/// organisation.
/// </summary>
public static class IndicatorDataEndpoints
{
    public static void MapIndicatorDataEndpoints(this WebApplication app)
    {
        var group = app.MapGroup("/api/orgs/{slug}").RequireAuthorization(Policies.Api).WithTags("Indicator data");
        group.MapGet("/indicator-values", ValuesAsync).WithName("GetIndicatorValues")
            .WithSummary("The organisation's indicator values, optionally of one indicator (?indicator=code) and/or one year (?year=2024).");
        group.MapGet("/indicator-values.csv", CsvAsync).WithName("GetIndicatorValuesCsv")
            .WithSummary("Every indicator value in the import format: indicator_code,year,value,unit,numerator,denominator,source,note.")
            .Produces<string>(contentType: "text/csv");
        group.MapGet("/indicator-values.xlsx", WorkbookAsync).WithName("GetIndicatorValuesWorkbook")
            .WithSummary("Every indicator value as a workbook, with the indicator's name, status and when it was entered.")
            .Produces<byte[]>(contentType: XlsxWorkbook.ContentType);
        group.MapPost("/indicator-values/import", ImportAsync).WithName("ImportIndicatorValues")
            .WithSummary("Imports an indicator values CSV (the body, Content-Type: text/csv), all or nothing; ?status=published publishes what it writes.");
        // No Accepts metadata: routing would answer another content type with its own generic 415 before the handler's clear one.
    }

    public const string ImportContentType = "text/csv";

    /// <summary>
    /// The import's answer: what it wrote. A refused file gets a problem (400 for a file with problems, 409 when the
    /// values changed during the import) whose <c>problems</c> name line and column (the same list the page shows) and
    /// nothing is written.
    /// </summary>
    public sealed record IndicatorImportReceipt(string Organisation, int Created, int Changed, int Unchanged, string Status);

    public sealed record ImportProblem(int Line, string Column, string Message);

    private static async Task<IResult> ImportAsync(
        string slug, string? status, HttpContext http, OrganisationAccess access, IndicatorDataService data, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(http.User, slug, Permission.ViewOrganisation) is not { } organisation)
        {
            return NotFound();
        }

        if (!await access.IsAllowedAsync(http.User, organisation.Id, Permission.EditIndicatorData))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed",
                detail: "Only data officers, facilitators and organisation administrators import indicator values.");
        }

        if (!TryReadStatus(status, out var publish))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown status",
                detail: "status must be draft or published (or left out: new values are drafts, existing ones keep their status).");
        }

        if (!string.Equals(http.Request.ContentType?.Split(';')[0].Trim(), ImportContentType, StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Not a CSV body",
                detail: $"Send the file itself as the request body with Content-Type: {ImportContentType} (UTF-8, header {IndicatorValuesCsv.Header}).");
        }

        var result = await data.ImportAsync(organisation.Id, http.Request.Body, http.User.UserId(), publish, cancellationToken);
        if (!result.Succeeded)
        {
            return ErrorResponses.Refusal(result.Refusal!, "Nothing imported", new Dictionary<string, object?>
            {
                ["problems"] = result.Problems.Select(p => new ImportProblem(p.Line, p.Column, p.Message)).ToList(),
            });
        }

        return TypedResults.Ok(new IndicatorImportReceipt(organisation.Slug, result.Created, result.Changed, result.Unchanged,
            publish is { } chosen ? IndicatorDataService.StatusName(chosen) : "unchanged for existing values, draft for new ones"));
    }

    private static async Task<Results<Ok<IndicatorValuesDocument>, ProblemHttpResult>> ValuesAsync(
        string slug, string? indicator, string? year, HttpContext http, OrganisationAccess access, IndicatorDataService data, [Microsoft.AspNetCore.Mvc.FromServices] IndicatorLibrary library,
        CancellationToken cancellationToken)
    {
        if (await access.FindAsync(http.User, slug, Permission.ViewOrganisation) is not { } organisation)
        {
            return NotFound();
        }

        int? yearFilter = null;
        if (year is not null)
        {
            if (!int.TryParse(year, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var parsed))
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Not a year", detail: "year must be four digits, e.g. 2024.");
            }

            yearFilter = parsed;
        }

        if (indicator is not null && library.Find(indicator) is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Unknown indicator",
                detail: "indicator must be the code of an indicator of this installation (see /indicators).");
        }

        var values = await data.ValuesAsync(organisation.Id, indicator, yearFilter, cancellationToken);
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.Ok(new IndicatorValuesDocument(organisation.Slug, indicator is null ? null : library.Find(indicator)!.Code, yearFilter,
        [
            .. values.Select(v =>
            {
                var known = library.Find(v.IndicatorCode);
                return new IndicatorValueDocument(v.IndicatorCode, known?.Name, known?.FrameworkKey, v.Year, v.Value, v.Unit, v.Numerator, v.Denominator,
                    v.Source, v.Note, IndicatorDataService.StatusName(v.Status), v.EnteredAt, v.Version);
            }),
        ]));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> CsvAsync(
        string slug, HttpContext http, OrganisationAccess access, IndicatorDataService data, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(http.User, slug, Permission.ViewOrganisation) is not { } organisation)
        {
            return NotFound();
        }

        await using var text = new StringWriter();
        await data.ExportCsvAsync(organisation.Id, text, cancellationToken);
        Downloads.NeverStore(http.Response);
        return TypedResults.File([.. IndicatorValuesCsv.FileEncoding.GetPreamble(), .. IndicatorValuesCsv.FileEncoding.GetBytes(text.ToString())],
            "text/csv; charset=utf-8", FileName(organisation.Name, "csv", clock));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> WorkbookAsync(
        string slug, HttpContext http, OrganisationAccess access, IndicatorDataService data, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await access.FindAsync(http.User, slug, Permission.ViewOrganisation) is not { } organisation)
        {
            return NotFound();
        }

        var workbook = await data.ExportXlsxAsync(organisation.Id, cancellationToken);
        Downloads.NeverStore(http.Response);
        return TypedResults.File(workbook, XlsxWorkbook.ContentType, FileName(organisation.Name, "xlsx", clock));
    }

    private static bool TryReadStatus(string? text, out IndicatorValueStatus? status)
    {
        status = text switch
        {
            "draft" => IndicatorValueStatus.Draft,
            "published" => IndicatorValueStatus.Published,
            _ => null,
        };
        return status is not null || string.IsNullOrEmpty(text);
    }

    private static string FileName(string organisation, string extension, TimeProvider clock) =>
        Downloads.FileName(organisation, "indicator values", "export", extension, clock);

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such organisation, or you are not a member of it.");
}
