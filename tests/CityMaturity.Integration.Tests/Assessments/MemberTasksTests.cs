using System.Net;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>A member's tasks ("to rate", "results to read") and where signing in lands them.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class MemberTasksTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private Guid _memberParticipantId;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        var member = _world.Access.Users["member"];
        _memberParticipantId = await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            var groups = (await assessments.OverviewAsync(_world.Assessment.Id)).Groups;
            return (await assessments.AddParticipantAsync(_world.Assessment.Id, "Max Member", member.Email!, groups[1].Id)).Id;
        });
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_participating_member_has_the_open_assessment_to_rate_with_progress_until_finished()
    {
        await AnswerAsync(3);
        var tasks = Assert.Single(await TasksOfAsync("member"));
        var task = Assert.Single(tasks.ToRate);
        Assert.Equal((_world.Assessment.Id, 3, 64), (task.AssessmentId, task.AnswersGiven, task.AnswersAsked));
        Assert.Empty(tasks.ResultsToRead); // a plain member may not read results

        await AnswerAsync(64);
        Assert.Empty(Assert.Single(await TasksOfAsync("member")).ToRate);
    }

    [Fact]
    public async Task Results_to_read_follow_the_results_permission_and_leave_drafts_out()
    {
        await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            await assessments.CreateAsync(_world.Access.CityA.Id, new NewAssessment("Draft", "City A", "baseline-review", AssessmentMethod.MultiStakeholder, ["1.1.1"], null), null);
            await assessments.AssignRoleAsync(_world.Assessment.Id, _world.Access.Users["member"].Email!, AssessmentRoleKind.Observer);
            return 0;
        });

        Assert.Equal([_world.Assessment.Id], Assert.Single(await TasksOfAsync("leader")).ResultsToRead.Select(r => r.AssessmentId));
        Assert.Equal([_world.Assessment.Id], Assert.Single(await TasksOfAsync("member")).ResultsToRead.Select(r => r.AssessmentId));
        Assert.Empty(Assert.Single(await TasksOfAsync("leader")).ToRate);

        // Closing ends the rating task but not the reading one.
        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().MoveToAsync(_world.Assessment.Id, AssessmentStatus.Closed);
            return 0;
        });
        var member = Assert.Single(await TasksOfAsync("member"));
        Assert.Empty(member.ToRate);
        Assert.Single(member.ResultsToRead);
    }

    [Fact]
    public async Task Signing_in_lands_a_one_organisation_member_on_its_tasks_and_honours_a_return_address()
    {
        Assert.Equal($"/orgs/{_world.Access.CityA.Slug}", await SignInLocationAsync("member@example.org", null));
        Assert.Equal("/orgs/city-a/assessments", await SignInLocationAsync("member@example.org", "/orgs/city-a/assessments"));

        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<OrganisationService>().AddMemberAsync(_world.Access.CityB.Id, _world.Access.Users["member"].Id, OrganisationRole.Member);
            return 0;
        });
        Assert.Equal("/orgs", await SignInLocationAsync("member@example.org", null));
    }

    [Fact]
    public async Task The_organisation_home_lists_the_tasks_and_the_organisation_list_counts_them()
    {
        await AnswerAsync(3);
        using var client = await _world.Access.ClientAsync("member");

        var home = await client.Http.GetStringAsync($"/orgs/{_world.Access.CityA.Slug}");
        Assert.Contains("To rate <span class=\"task-count\">(1)</span>", home);
        Assert.Contains($"href=\"orgs/{_world.Access.CityA.Slug}/assessments/{_world.Assessment.Id}/rate\">Baseline</a>", home);
        Assert.Contains("3 of 64 answers", home);
        Assert.Contains("No results for you to read yet.", home);

        var list = await client.Http.GetStringAsync("/orgs");
        Assert.Contains("1 to rate · 0 results to read", list);
    }

    private async Task<IReadOnlyList<OrganisationTasks>> TasksOfAsync(string role) =>
        await _world.WithAsync(sp => sp.GetRequiredService<MemberTasks>().OfAsync(_world.Access.Users[role].Id));

    private async Task<string?> SignInLocationAsync(string email, string? returnUrl)
    {
        using var client = TestClient.Create(_world.Access.Factory);
        var token = await client.AntiforgeryTokenAsync("/account/login");
        var fields = new Dictionary<string, string> { ["email"] = email, ["password"] = TestAccounts.Password };
        if (returnUrl is not null)
        {
            fields["returnUrl"] = returnUrl;
        }

        var response = await client.PostFormAsync("/account/login", token, fields);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location?.OriginalString;
    }

    /// <summary>Stores the member's first <paramref name="views"/> answers (replacing earlier ones).</summary>
    private async Task AnswerAsync(int views)
    {
        var catalogue = _world.Services.GetRequiredService<MaturityCatalogue>();
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        await db.Ratings.Where(r => r.ParticipantId == _memberParticipantId).ExecuteDeleteAsync();
        foreach (var (code, i) in catalogue.Characteristics.Select((c, i) => (c.Code, i)).TakeWhile(x => 2 * x.i < views))
        {
            db.Ratings.Add(new Rating
            {
                Id = Guid.NewGuid(), AssessmentId = _world.Assessment.Id, ParticipantId = _memberParticipantId, CharacteristicCode = code,
                LevelNow = LevelAnswer.Of(MaturityLevel.Initial),
                LevelInTwoYears = 2 * i + 1 < views ? LevelAnswer.Of(MaturityLevel.Fulfilled) : LevelAnswer.Unanswered,
                Version = 1, UpdatedAt = DateTimeOffset.UtcNow,
            });
        }

        await db.SaveChangesAsync();
    }
}
