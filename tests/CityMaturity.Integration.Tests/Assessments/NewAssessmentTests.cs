using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Integration.Tests.Security;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.Extensions.DependencyInjection;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>The new-assessment form's choices: stakeholder groups edited before creation, and target levels.</summary>
[Collection(DatabaseCollection.Name)]
public class NewAssessmentTests(DatabaseFixture database)
{
    private static readonly string[] Scope = ["1.1.1", "2.3.1", "4.5"];

    private Task<AccessWorld> WorldAsync() => database.SharedAsync(nameof(NewAssessmentTests), server => AccessWorld.CreateAsync(server));

    private async Task<Guid> CreateAsync(IReadOnlyList<string>? groups, IReadOnlyDictionary<string, MaturityLevel>? targets)
    {
        var world = await WorldAsync();
        await using var scope = world.Factory.Services.CreateAsyncScope();
        var request = new NewAssessment("Baseline", "City A", "baseline-review", AssessmentMethod.MultiStakeholder, Scope, null, groups, targets);
        return (await scope.ServiceProvider.GetRequiredService<AssessmentService>().CreateAsync(world.CityA.Id, request, null)).Id;
    }

    private async Task<AssessmentOverview> OverviewAsync(Guid id)
    {
        await using var scope = (await WorldAsync()).Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentService>().OverviewAsync(id);
    }

    [Fact]
    public async Task The_groups_typed_in_the_form_are_the_assessments_groups_in_that_order()
    {
        var id = await CreateAsync(["Residents", "", "  City council ", "Local\u202E businesses"], null);

        var overview = await OverviewAsync(id);

        Assert.Equal(["Residents", "City council", "Local businesses"], overview.Groups.Select(g => g.Name));
        Assert.Equal([0, 1, 2], overview.Groups.Select(g => g.Position));
    }

    [Fact]
    public async Task Without_groups_the_defaults_are_created()
    {
        var overview = await OverviewAsync(await CreateAsync(null, null));

        Assert.Equal(AssessmentVocabulary.DefaultGroups, overview.Groups.Select(g => g.Name));
    }

    [Fact]
    public async Task Targets_chosen_in_the_form_are_stored()
    {
        var id = await CreateAsync(null, new Dictionary<string, MaturityLevel> { ["1.1.1"] = MaturityLevel.Fulfilled, ["4.5"] = MaturityLevel.SustainablyOptimising });

        var overview = await OverviewAsync(id);

        Assert.Equal([("1.1.1", 3), ("4.5", 5)], overview.Targets.OrderBy(t => t.CharacteristicCode).Select(t => (t.CharacteristicCode, t.TargetLevel)));
    }

    [Theory]
    [InlineData("no groups", "at least one stakeholder group")]
    [InlineData("duplicate groups", "two are called the same")]
    [InlineData("target outside scope", "outside the scope")]
    public async Task A_bad_choice_is_refused_with_a_clear_message_and_nothing_is_created(string what, string message)
    {
        var world = await WorldAsync();
        async Task<int> CountAsync()
        {
            await using var scope = world.Factory.Services.CreateAsyncScope();
            return (await scope.ServiceProvider.GetRequiredService<AssessmentService>().ListAsync(world.CityA.Id)).Count;
        }

        var before = await CountAsync();
        var (groups, targets) = what switch
        {
            "no groups" => ((IReadOnlyList<string>?)["", "  "], (IReadOnlyDictionary<string, MaturityLevel>?)null),
            "duplicate groups" => (["Residents", "residents"], null),
            _ => (null, new Dictionary<string, MaturityLevel> { ["3.2.1"] = MaturityLevel.Fulfilled }),
        };

        var refused = await Assert.ThrowsAsync<ValidationException>(() => CreateAsync(groups, targets));

        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync());
    }
}
