using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Api;
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

    private static string FileName(string organisation, string extension, TimeProvider clock) =>
        Downloads.FileName(organisation, "indicator values", "export", extension, clock);

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such organisation, or you are not a member of it.");
}
