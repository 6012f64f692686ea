using CityMaturity.Domain.Plans;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Results;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Plans;

/// <summary>The demo plans run.sh shows (issue 18: "Demoville gets two earlier cycles and actions").</summary>
[Collection(DatabaseCollection.Name)]
public sealed class DemoPlanTests(DatabaseFixture database) : IAsyncLifetime
{
    private DemoResultsWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("demo-results", DemoResultsWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task The_2024_review_planned_actions_that_ended_differently_and_the_2026_baseline_has_open_ones_none_overdue()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var plans = scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Plans.ImprovementPlanService>();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var review = await db.Assessments.AsNoTracking().SingleAsync(a => a.OrganisationId == _world.DemovilleId && a.Name == DemoAssessmentSeeder.SecondCycleName);

        var reviewActions = await plans.ListAsync(_world.DemovilleId, review.Id, judgeTargets: false);
        var baselineActions = await plans.ListAsync(_world.DemovilleId, _world.BaselineId, judgeTargets: false);

        Assert.Equal(
            [ActionStatus.InProgress, ActionStatus.Done, ActionStatus.Done, ActionStatus.Dropped],
            reviewActions.Select(a => a.Action.Status).Order());
        Assert.Contains(reviewActions, a => a.Action.Indicators.Count == 1 && a.Action.Documents.Count == 1);
        Assert.Single(reviewActions, a => a.Overdue);
        Assert.Equal(3, baselineActions.Count);
        Assert.DoesNotContain(baselineActions, a => a.Overdue);
        Assert.All(reviewActions.Concat(baselineActions), a => Assert.False(a.OwnerIsMember));

        // Each action was added through the service, so its history says who and when.
        var history = await plans.HistoryAsync(_world.DemovilleId, review.Id, reviewActions[0].Action.Id);
        Assert.Contains(history, change => change.Field == "title" && change.NewValue == reviewActions[0].Action.Title);
    }

    [Fact]
    public async Task Seeding_again_adds_no_action()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var before = await db.ImprovementActions.CountAsync(a => a.OrganisationId == _world.DemovilleId);

        await scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Plans.DemoPlanSeeder>().SeedAsync(_world.DemovilleId, null);

        Assert.Equal(7, before);
        Assert.Equal(before, await db.ImprovementActions.CountAsync(a => a.OrganisationId == _world.DemovilleId));
    }

    [Fact]
    public async Task The_plan_form_offers_the_weaknesses_and_gaps_in_plans_first_in_the_summarys_order()
    {
        var summary = await _world.ScoreDirectlyAsync(_world.BaselineId);
        using var admin = await _world.ClientAsync("admin@demoville.example");

        var html = System.Net.WebUtility.HtmlDecode(await admin.Http.GetStringAsync($"/orgs/demoville/assessments/{_world.BaselineId}/plan"));

        var focusStart = html.IndexOf("<optgroup label=\"Weaknesses and gaps in plans\"", StringComparison.Ordinal);
        var othersStart = html.IndexOf("<optgroup label=\"All other characteristics\"", StringComparison.Ordinal);
        Assert.True(focusStart >= 0 && othersStart > focusStart, "The form has no group of weaknesses and gaps in plans before the others.");
        var focus = html[focusStart..othersStart];
        var offered = System.Text.RegularExpressions.Regex.Matches(focus, "<option value=\"([^\"]+)\"").Select(m => m.Groups[1].Value).ToList();
        var weaknesses = summary.Weaknesses.Select(w => w.CharacteristicCode).ToList();
        Assert.NotEmpty(weaknesses);
        Assert.Equal(weaknesses, offered.Take(weaknesses.Count));
        Assert.Equal(weaknesses.Union(summary.GapsInPlans.Select(g => g.CharacteristicCode)).Order(), offered.Order());
        Assert.DoesNotContain(offered, code => html[othersStart..].Contains($"<option value=\"{code}\"", StringComparison.Ordinal));
    }
}
