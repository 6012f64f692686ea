using CityMaturity.Application.Evidence;
using CityMaturity.Domain.Assessments;
using MudBlazor;

namespace CityMaturity.Web.Components.Evidence;

/// <summary>The Remove button of an evidence list (manage page, workshop console), as someone running the assessment.</summary>
public static class EvidenceRemoval
{
    /// <summary>Removes the item (its record stays, ADR 0025); a snackbar says what happened or why not.</summary>
    public static async Task RemoveWithNoticeAsync(this EvidenceService evidence, Assessment assessment, EvidenceView item, Guid userId, ISnackbar snackbar)
    {
        var outcome = await evidence.RemoveAsync(assessment, item.Id, EvidenceActor.Manager(userId));
        if (outcome is EvidenceOutcome.Refused refused)
        {
            snackbar.Add(refused.Message, Severity.Error, options => options.RequireInteraction = true);
        }
        else
        {
            snackbar.Add($"Removed “{item.Title}” from {item.Code}. The evidence record keeps who removed it and when.", Severity.Success);
        }
    }
}
