using CityMaturity.Domain.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Assessments;

[Collection(DatabaseCollection.Name)]
public sealed class AssessmentServiceTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("assessment-service", server => AssessmentWorld.CreateAsync(server));

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<T> WithServiceAsync<T>(Func<AssessmentService, Task<T>> action) => _world.WithAsync(sp => action(sp.GetRequiredService<AssessmentService>()));

    [Fact]
    public async Task A_new_assessment_starts_as_a_draft_with_the_six_default_groups()
    {
        var overview = await WithServiceAsync(async s =>
        {
            var created = await s.CreateAsync(_world.Access.CityA.Id, new NewAssessment("Pilot", "City A", "commitment", AssessmentMethod.MultiStakeholder, ["4.1", "1.1.1"], new DateOnly(2027, 3, 31)), null);
            return await s.OverviewAsync(created.Id);
        });

        Assert.Equal(AssessmentStatus.Draft, overview.Assessment.Status);
        Assert.Equal(["1.1.1", "4.1"], overview.Assessment.Scope);
        Assert.Equal(AssessmentVocabulary.DefaultGroups, overview.Groups.Select(g => g.Name));
    }

    [Theory]
    [InlineData("", "City A", "commitment", "The name needs 1 to 200 characters.")]
    [InlineData("X", "City A", "planning", "Choose the ISO 37104 stage the assessment serves.")]
    public async Task Invalid_settings_are_refused_with_the_reason(string name, string community, string purpose, string message)
    {
        var error = await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(s =>
            s.CreateAsync(_world.Access.CityA.Id, new NewAssessment(name, community, purpose, AssessmentMethod.MultiStakeholder, ["1.1.1"], null), null)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_characteristic_in_the_scope_is_refused() =>
        await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(s =>
            s.CreateAsync(_world.Access.CityA.Id, new NewAssessment("X", "City A", "commitment", AssessmentMethod.SingleStakeholder, ["2.3.3"], null), null)));

    [Fact]
    public async Task A_pasted_list_reports_duplicates_and_unknown_groups_instead_of_doubling()
    {
        var result = await WithServiceAsync(s => s.AddParticipantListAsync(_world.Assessment.Id,
            "Chloé Novak, chloe@example.org, Civil society\n" +
            "Ana Again, ANA@example.org, Citizens\n" +
            "Dev Larsen, dev@example.org, Astronauts\n" +
            "Chloé Twice, chloe@example.org, Citizens\n" +
            "no commas here"));

        Assert.Equal(1, result.Added);
        Assert.Contains(result.Skipped, s => s.Contains("ana@example.org is already a participant", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Contains("no group “Astronauts”", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Contains("chloe@example.org is already a participant", StringComparison.Ordinal));
        Assert.Contains(result.Skipped, s => s.Contains("Line 5", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Status_moves_only_forward_along_the_allowed_path()
    {
        var created = await WithServiceAsync(s => s.CreateAsync(_world.Access.CityA.Id, new NewAssessment("Path", "City A", "commitment", AssessmentMethod.MultiStakeholder, ["1.1.1"], null), null));

        await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(async s => { await s.MoveToAsync(created.Id, AssessmentStatus.Closed); return 0; }));
        await WithServiceAsync(async s => { await s.MoveToAsync(created.Id, AssessmentStatus.Open); await s.MoveToAsync(created.Id, AssessmentStatus.Closed); await s.MoveToAsync(created.Id, AssessmentStatus.Archived); return 0; });
        await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(async s => { await s.MoveToAsync(created.Id, AssessmentStatus.Open); return 0; }));
    }

    [Fact]
    public async Task A_group_in_use_cannot_be_removed_but_an_empty_one_can_and_names_stay_unique()
    {
        var overview = await WithServiceAsync(s => s.OverviewAsync(_world.Assessment.Id));
        var used = overview.Groups[0];

        await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(async s => { await s.RemoveGroupAsync(_world.Assessment.Id, used.Id); return 0; }));
        await Assert.ThrowsAsync<ValidationException>(() => WithServiceAsync(async s => { await s.AddGroupAsync(_world.Assessment.Id, "CITIZENS"); return 0; }));
        await WithServiceAsync(async s => { await s.AddGroupAsync(_world.Assessment.Id, "Utilities"); return 0; });
        var utilities = (await WithServiceAsync(s => s.OverviewAsync(_world.Assessment.Id))).Groups.Single(g => g.Name == "Utilities");
        await WithServiceAsync(async s => { await s.RemoveGroupAsync(_world.Assessment.Id, utilities.Id); return 0; });

        Assert.DoesNotContain((await WithServiceAsync(s => s.OverviewAsync(_world.Assessment.Id))).Groups, g => g.Name == "Utilities");
    }

    [Fact]
    public async Task A_member_added_as_participant_rates_signed_in_without_a_link()
    {
        var leader = _world.Access.Users["leader"];
        var groups = (await WithServiceAsync(s => s.OverviewAsync(_world.Assessment.Id))).Groups;

        await WithServiceAsync(s => s.AddParticipantAsync(_world.Assessment.Id, "Leo", leader.Email!.ToUpperInvariant(), groups[1].Id));

        var session = await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByUserAsync(_world.Assessment.Id, leader.Id));
        Assert.NotNull(session);
        Assert.Null(session.Participant.TokenHash);
    }

    [Fact]
    public async Task A_self_assessment_is_open_with_the_member_as_its_only_participant()
    {
        var member = _world.Access.Users["member"];

        var assessment = await WithServiceAsync(s => s.StartSelfAssessmentAsync(_world.Access.CityA, member.Id));

        Assert.Equal((AssessmentStatus.Open, AssessmentMethod.SingleStakeholder, 32), (assessment.Status, assessment.Method, assessment.Scope.Count));
        var session = await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByUserAsync(assessment.Id, member.Id));
        Assert.NotNull(session);
        Assert.Equal(member.Email, session.Participant.Email);
    }
}
