using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Plans;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Plans;

/// <summary>
/// Demo improvement plans for Demoville (issue 18): the actions "Review 2024" set itself, with how they ended, so the
/// series page shows each action beside what its characteristic did by "Baseline 2026"; and the open actions of
/// "Baseline 2026". Added through the real service (rules and audit apply) by the demo facilitator; runs only while
/// neither assessment has an action, so whatever a person changed stays as they left it.
/// </summary>
public sealed class DemoPlanSeeder(IDbContextFactory<CityMaturityDb> dbFactory, ImprovementPlanService plans, MaturityCatalogue catalogue)
{
    private sealed record DemoAction(string Code, string Title, string Owner, int DueMonthsAfterCycle, ActionStatus Status, string? Indicator = null);

    /// <summary>What the 2024 review planned, and how each action ended by 2026.</summary>
    private static readonly DemoAction[] ReviewActions =
    [
        new("1.1.1", "Adopt the smart city strategy 2030 in council", "Mayor's office", 6, ActionStatus.Done),
        new("2.1.2", "Move the ten most used permits online", "Digital services department", 12, ActionStatus.Done, "EC: ICT: PS: 2A"),
        new("3.1.3", "Publish the mobility datasets on the open data portal", "Data office", 9, ActionStatus.InProgress, "EC: ICT: PS: 1A"),
        new("2.3.1", "Pilot smart street lighting in two districts", "Public works", 12, ActionStatus.Dropped),
    ];

    /// <summary>The plan the 2026 baseline sets, due after the demo's today.</summary>
    private static readonly DemoAction[] BaselineActions =
    [
        new("3.1.3", "Finish the mobility open data release", "Data office", 9, ActionStatus.InProgress),
        new("1.2.1", "Set up a citizens' panel on digital services", "Participation team", 12, ActionStatus.Planned),
        new("2.3.1", "Business case for smart street lighting, city-wide", "Public works", 15, ActionStatus.Planned),
    ];

    public async Task SeedAsync(Guid organisationId, Guid? facilitatorId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessments = await db.Assessments.AsNoTracking()
            .Where(a => a.OrganisationId == organisationId
                && (a.Name == DemoAssessmentSeeder.SecondCycleName || a.Name == DemoAssessmentSeeder.ClosedAssessmentName))
            .ToListAsync();
        var ids = assessments.Select(a => a.Id).ToList();
        if (assessments.Count == 0 || await db.ImprovementActions.AnyAsync(a => ids.Contains(a.AssessmentId)))
        {
            return;
        }

        foreach (var assessment in assessments)
        {
            var actions = assessment.Name == DemoAssessmentSeeder.SecondCycleName ? ReviewActions : BaselineActions;
            foreach (var action in actions.Where(a => assessment.Scope.Contains(a.Code)))
            {
                await plans.AddAsync(organisationId, assessment.Id, Draft(action, assessment.CycleDate), facilitatorId);
            }
        }
    }

    private ActionDraft Draft(DemoAction action, DateOnly cycleDate)
    {
        var characteristic = catalogue.Characteristics.Single(c => c.Code == action.Code);
        var documents = catalogue.DocumentsFor(characteristic);
        return new ActionDraft(
            action.Code, action.Title, OwnerUserId: null, OwnerName: action.Owner, cycleDate.AddMonths(action.DueMonthsAfterCycle), action.Status,
            documents.Count == 0 ? [] : [documents[0].Code],
            action.Indicator is null ? [] : [new IndicatorTargetDraft(action.Indicator, 80m, cycleDate.Year + 2)]);
    }
}
