using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CityMaturity.Domain.Indicators;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Indicators;

/// <summary>POST /api/orgs/{slug}/indicator-values/import: who may import, all or nothing, and problems by line and column.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class IndicatorImportEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private const string Path = "/api/orgs/city-a/indicator-values/import";
    private const string Good = "indicator_code,year,value,unit,numerator,denominator,source,note\r\nL1.1.1,2023,40,%,40,100,Register,\r\nL1.1.1,2024,45,%,,,Register,\r\n";

    private AccessWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("indicator-import", server => AccessWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    private static StringContent Csv(string text, string contentType = "text/csv") =>
        new(text, Encoding.UTF8, MediaTypeHeaderValue.Parse(contentType).MediaType!);

    private async Task<List<IndicatorValue>> StoredAsync()
    {
        await using var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        return await db.IndicatorValues.AsNoTracking().Where(v => v.OrganisationId == _world.CityA.Id).OrderBy(v => v.IndicatorCode).ThenBy(v => v.Year).ToListAsync();
    }

    [Theory]
    [InlineData("member", HttpStatusCode.Forbidden)]
    [InlineData("leader", HttpStatusCode.Forbidden)]
    [InlineData("data_officer", HttpStatusCode.OK)]
    [InlineData("facilitator", HttpStatusCode.OK)]
    [InlineData("org_admin", HttpStatusCode.OK)]
    [InlineData("other_org_admin", HttpStatusCode.NotFound)]
    public async Task Only_roles_that_edit_indicator_data_import_and_other_organisations_get_404(string role, HttpStatusCode expected)
    {
        using var client = await _world.ClientAsync(role);

        var response = await client.Http.PostAsync(Path, Csv(Good));

        Assert.Equal(expected, response.StatusCode);
        if (expected != HttpStatusCode.OK)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            return;
        }

        var receipt = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(2, receipt.GetProperty("created").GetInt32() + receipt.GetProperty("changed").GetInt32() + receipt.GetProperty("unchanged").GetInt32());
        var stored = await StoredAsync();
        Assert.Contains(stored, v => v.IndicatorCode == "L1.1.1" && v.Year == 2024 && v.Value == 45m);
    }

    [Fact]
    public async Task A_bad_file_writes_nothing_and_the_problem_details_name_each_line_and_column()
    {
        using var client = await _world.ClientAsync("data_officer");
        var before = await StoredAsync();
        var bad = "indicator_code,year,value,unit,numerator,denominator,source,note\r\n"
            + "L1.1.2,2022,61,%,,,Survey,\r\n"
            + "L1.1.1,2022,140,%,,,Register,\r\n"
            + "NO.SUCH.CODE,2022,5,%,,,Register,\r\n";

        var response = await client.Http.PostAsync(Path, Csv(bad));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Nothing imported", problem.GetProperty("title").GetString());
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.StartsWith("Nothing was imported: the file has ", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("; the first: line 3, value:", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(problem.GetProperty("detail").GetString(), problem.GetProperty("message").GetString());
        var problems = problem.GetProperty("problems").EnumerateArray()
            .Select(p => (p.GetProperty("line").GetInt32(), p.GetProperty("column").GetString())).ToList();
        Assert.Contains((3, "value"), problems);
        Assert.Contains((4, "indicator_code"), problems);
        Assert.DoesNotContain(problems, p => p.Item1 == 2);
        Assert.Equal(before.Select(v => (v.IndicatorCode, v.Year, v.Value, v.Version)), (await StoredAsync()).Select(v => (v.IndicatorCode, v.Year, v.Value, v.Version)));
    }

    [Fact]
    public async Task A_body_that_is_not_csv_or_an_unknown_status_is_refused_with_a_problem()
    {
        using var client = await _world.ClientAsync("data_officer");

        var json = await client.Http.PostAsync(Path, Csv(Good, "application/json"));
        var status = await client.Http.PostAsync(Path + "?status=final", Csv(Good));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("text/csv", await json.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, status.StatusCode);
        Assert.Contains("draft or published", await status.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_published_publishes_what_the_file_names()
    {
        using var client = await _world.ClientAsync("facilitator");
        var csv = "indicator_code,year,value,unit,numerator,denominator,source,note\r\nL1.1.2,2021,58,%,,,Survey,\r\n";

        var response = await client.Http.PostAsync(Path + "?status=published", Csv(csv));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = Assert.Single(await StoredAsync(), v => v.IndicatorCode == "L1.1.2" && v.Year == 2021);
        Assert.Equal((58m, IndicatorValueStatus.Published), (stored.Value, stored.Status));
    }
}
