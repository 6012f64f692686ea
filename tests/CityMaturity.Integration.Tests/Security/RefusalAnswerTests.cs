using System.Net;
using System.Text.Json;
using CityMaturity.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;

namespace CityMaturity.Integration.Tests.Security;

/// <summary>
/// The one error model (ADR 0027): a service's <see cref="ValidationException"/> is a sentence for the user, and the
/// error middleware answers it as 422 with that sentence — problem details for JSON clients, a page for people —
/// instead of "something went wrong" (a 500) when an endpoint does not catch it (e.g. two tabs accepting one invitation).
/// </summary>
public class RefusalAnswerTests
{
    private const string Sentence = "This invitation has already been used or was withdrawn.";

    [Fact]
    public void Every_refusal_kind_answers_with_its_own_status_and_a_state_that_moved_on_is_a_conflict()
    {
        var statuses = Enum.GetValues<CityMaturity.Application.RefusalKind>().Select(ErrorResponses.StatusOf).ToList();

        Assert.Equal(statuses.Count, statuses.Distinct().Count());
        Assert.All(statuses, status => Assert.InRange(status, 400, 499));
        // The phones' room script shows the sentence of a 409 (a closed round, a paused workshop) and stays in the room.
        Assert.Equal(StatusCodes.Status409Conflict, ErrorResponses.StatusOf(CityMaturity.Application.RefusalKind.WrongState));
    }

    [Fact]
    public async Task A_refusal_reaching_the_middleware_is_a_422_problem_with_the_services_sentence()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/api/refuse", null);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(422, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(Sentence, problem.RootElement.GetProperty("detail").GetString());
        Assert.Equal(Sentence, problem.RootElement.GetProperty("message").GetString());
    }

    [Fact]
    public async Task People_get_the_same_sentence_on_a_page_encoded()
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.PostAsync("/account/refuse", null);
        var page = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(Sentence), page, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/refuse/conflict", 409)]
    [InlineData("/api/refuse/missing", 404)]
    public async Task A_thrown_refusal_answers_with_the_status_of_its_kind(string path, int status)
    {
        await using var app = await StartAsync();
        using var client = app.GetTestClient();

        using var response = await client.PostAsync(path, null);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal(Sentence, problem.RootElement.GetProperty("message").GetString());
    }

    private static async Task<WebApplication> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var app = builder.Build();
        app.UseErrorResponses();
        app.MapPost("/api/refuse", IResult () => throw new ValidationException(Sentence));
        app.MapPost("/api/refuse/conflict", IResult () => throw new ValidationException(Sentence, CityMaturity.Application.RefusalKind.WrongState));
        app.MapPost("/api/refuse/missing", IResult () => throw new ValidationException(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.NotFound, Sentence)));
        app.MapPost("/account/refuse", IResult () => throw new ValidationException(Sentence + " <b>"));
        await app.StartAsync();
        return app;
    }
}
