using System.Net;
using CityMaturity.Domain.Assessments;
using CityMaturity.Testing;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>Per-assessment roles widen access to that one assessment only, through the same handler.</summary>
[Collection(DatabaseCollection.Name)]
public sealed class AssessmentRoleTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;
    private Assessment _other = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        _other = await _world.WithAsync(sp => sp.GetRequiredService<AssessmentService>().CreateAsync(_world.Access.CityA.Id,
            new NewAssessment("Other", "City A", "commitment", AssessmentMethod.MultiStakeholder, ["1.1.1"], null), null));
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private Task AssignAsync(string email, AssessmentRoleKind role) =>
        _world.WithAsync(async sp => { await sp.GetRequiredService<AssessmentService>().AssignRoleAsync(_world.Assessment.Id, email, role); return 0; });

    private async Task<HttpStatusCode> GetAsync(string role, string path)
    {
        using var client = await _world.Access.ClientAsync(role);
        return (await client.Http.GetAsync(path)).StatusCode;
    }

    [Fact]
    public async Task An_observer_reads_the_results_of_that_assessment_only()
    {
        var dashboard = $"/orgs/city-a/assessments/{_world.Assessment.Id}/dashboard";
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("member", dashboard));

        await AssignAsync("member@example.org", AssessmentRoleKind.Observer);

        Assert.Equal(HttpStatusCode.OK, await GetAsync("member", dashboard));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("member", $"/orgs/city-a/assessments/{_other.Id}/dashboard"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("member", $"/orgs/city-a/assessments/{_world.Assessment.Id}"));
    }

    [Fact]
    public async Task A_facilitator_of_one_assessment_manages_it_and_no_other()
    {
        await AssignAsync("leader@example.org", AssessmentRoleKind.Facilitator);

        Assert.Equal(HttpStatusCode.OK, await GetAsync("leader", $"/orgs/city-a/assessments/{_world.Assessment.Id}"));
        Assert.Equal(HttpStatusCode.NotFound, await GetAsync("leader", $"/orgs/city-a/assessments/{_other.Id}"));
    }

    [Fact]
    public async Task The_one_read_standing_judges_every_role_and_permission_as_the_handler_does()
    {
        await AssignAsync("member@example.org", AssessmentRoleKind.Observer);
        await AssignAsync("leader@example.org", AssessmentRoleKind.Facilitator);
        await using var scope = _world.Access.Factory.Services.CreateAsyncScope();
        var access = scope.ServiceProvider.GetRequiredService<OrganisationAccess>();
        var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
        var granted = 0;
        foreach (var role in CityMaturity.Integration.Tests.Security.AccessWorld.Roles)
        {
            var user = await principals.CreateAsync(_world.Access.Users[role]);
            foreach (var assessment in new[] { _world.Assessment.Id, _other.Id })
            {
                foreach (var slug in new[] { "city-a", "city-b" })
                {
                    foreach (var permission in Enum.GetValues<AssessmentPermission>())
                    {
                        var case_ = $"{role} on {slug}/{(assessment == _other.Id ? "other" : "assessment")} for {permission}";
                        var expected = await access.FindAssessmentAsync(user, slug, assessment, permission);
                        var standing = await access.FindAssessmentStandingAsync(user, slug, assessment, permission);
                        Assert.True((expected is null) == (standing is null), case_);
                        if (standing is null)
                        {
                            continue;
                        }

                        granted++;
                        Assert.Equal(expected!.Assessment.Id, standing.Context.Assessment.Id);
                        foreach (var other in Enum.GetValues<AssessmentPermission>())
                        {
                            Assert.True(
                                standing.Allows(other) == await access.IsAllowedAsync(user, standing.Context.Organisation.Id, assessment, other),
                                $"{case_}: {other}");
                        }
                    }
                }
            }
        }

        // Not a vacuous pass: the observer, the one-assessment facilitator and the organisation's roles found something.
        Assert.True(granted >= 10, $"only {granted} cases granted");
    }

    [Fact]
    public async Task Only_members_of_the_organisation_can_be_given_a_role() =>
        await Assert.ThrowsAsync<ValidationException>(() => AssignAsync("other-org-admin@example.org", AssessmentRoleKind.Observer));
}
