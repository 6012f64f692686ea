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
    public async Task The_plan_forms_choices_put_the_weaknesses_and_gaps_in_plans_first_in_the_summarys_order()
    {
        // The form's characteristic select is a MudSelect, whose items are drawn only when it opens: PlanBrowserTests opens
        // it and sees the "Weaknesses and gaps in plans" heading and a weakness first. Here, the order the page asks
        // ActionChoices for, on the demo's closed baseline and its own summary.
        var summary = await _world.ScoreDirectlyAsync(_world.BaselineId);
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var baseline = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == _world.BaselineId);

        var choices = CityMaturity.Domain.Plans.ActionChoices.Characteristics(baseline.Scope, summary.Weaknesses, summary.GapsInPlans);

        var weaknesses = summary.Weaknesses.Select(w => w.CharacteristicCode).ToList();
        var focus = choices.Focus.Select(f => f.Code).ToList();
        Assert.NotEmpty(weaknesses);
        Assert.Equal(weaknesses, focus.Take(weaknesses.Count));
        Assert.Equal(weaknesses.Union(summary.GapsInPlans.Select(g => g.CharacteristicCode)).Order(), focus.Order());
        Assert.Empty(choices.Others.Intersect(focus));
        Assert.Equal(baseline.Scope.Order(), focus.Concat(choices.Others).Order());
    }
}
