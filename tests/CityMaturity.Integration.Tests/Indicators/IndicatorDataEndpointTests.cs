using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Indicators;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Indicators;

/// <summary>The indicator data API and page over HTTP: who may read, who may edit, and what others see (404).</summary>
[Collection(DatabaseCollection.Name)]
public sealed class IndicatorDataEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private AccessWorld _world = null!;

    public async Task InitializeAsync()
    {
        _world = await AccessWorld.CreateAsync(database.Server);
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var csv = "indicator_code,year,value,unit,numerator,denominator,source,note\r\n"
            + "L1.1.1,2023,40,%,40,100,Register,\r\nL1.1.1,2024,45,%,,,\"=HYPERLINK(\"\"http://evil.example\"\")\",\r\nL1.2.1,2024,72,points out of 100,,,Survey,\r\n";
        var result = await scope.ServiceProvider.GetRequiredService<IndicatorDataService>()
            .ImportAsync(_world.CityA.Id, new MemoryStream(Encoding.UTF8.GetBytes(csv)), _world.Users["data_officer"].Id);
        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Theory]
    [InlineData("member"), InlineData("leader"), InlineData("data_officer"), InlineData("facilitator"), InlineData("org_admin")]
    public async Task Every_member_reads_the_values_filtered_by_indicator_and_year(string role)
    {
        using var client = await _world.ClientAsync(role);

        var document = await client.Http.GetFromJsonAsync<JsonElement>("/api/orgs/city-a/indicator-values?indicator=l1.1.1&year=2024");

        Assert.Equal("L1.1.1", document.GetProperty("indicator").GetString());
        var value = Assert.Single(document.GetProperty("values").EnumerateArray());
        Assert.Equal((2024, 45m, "%", "draft"), (value.GetProperty("year").GetInt32(), value.GetProperty("value").GetDecimal(),
            value.GetProperty("unit").GetString(), value.GetProperty("status").GetString()));
    }

    [Theory]
    [InlineData("/api/orgs/city-a/indicator-values")]
    [InlineData("/api/orgs/city-a/indicator-values.csv")]
    [InlineData("/api/orgs/city-a/indicator-values.xlsx")]
    [InlineData("/api/orgs/no-such-city/indicator-values")]
    public async Task Another_organisations_administrator_gets_404_problem_details(string path)
    {
        using var client = await _world.ClientAsync("other_org_admin");

        var response = await client.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Register", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("year=twenty", "Not a year")]
    [InlineData("indicator=NOPE", "Unknown indicator")]
    public async Task A_bad_filter_is_a_400_problem(string query, string title)
    {
        using var client = await _world.ClientAsync("member");

        var response = await client.Http.GetAsync("/api/orgs/city-a/indicator-values?" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(title, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_personal_access_token_reads_the_values()
    {
        string token;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            token = (await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(_world.Users["leader"].Id, "indicators")).Token!;
        }

        using var http = _world.Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/orgs/city-a/indicator-values?year=2023");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("values").EnumerateArray());
    }

    [Fact]
    public async Task The_csv_export_neutralises_formulas_and_the_workbook_is_a_zip()
    {
        using var client = await _world.ClientAsync("member");

        var csv = await client.Http.GetAsync("/api/orgs/city-a/indicator-values.csv");
        var xlsx = await client.Http.GetAsync("/api/orgs/city-a/indicator-values.xlsx");

        var text = await csv.Content.ReadAsStringAsync();
        Assert.StartsWith("indicator_code,year,value,unit,numerator,denominator,source,note\r\nL1.1.1,2023,40,%,40,100,Register,\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(", text, StringComparison.Ordinal);
        Assert.Equal("no-store", csv.Headers.CacheControl?.ToString());
        Assert.Equal("PK"u8.ToArray(), (await xlsx.Content.ReadAsByteArrayAsync())[..2]);
    }

    [Theory]
    [InlineData("member", false), InlineData("leader", false), InlineData("data_officer", true), InlineData("facilitator", true), InlineData("org_admin", true)]
    public async Task Only_editing_roles_get_inputs_and_the_import_on_the_page(string role, bool edits)
    {
        using var client = await _world.ClientAsync(role);

        var html = await client.Http.GetStringAsync("/orgs/city-a/indicators");

        Assert.Contains("Indicator data of City A", html, StringComparison.Ordinal);
        Assert.Equal(edits, html.Contains("data-testid=\"indicator-import\"", StringComparison.Ordinal));
        Assert.Equal(edits, html.Contains("data-testid=\"save-year\"", StringComparison.Ordinal));
    }
}
