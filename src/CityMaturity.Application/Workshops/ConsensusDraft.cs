using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using FluentValidation;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// The console's consensus form as the facilitator filled it: the levels (null for "none"), the rationale and the evidence
/// links, and whether it is recorded as "no consensus".
/// </summary>
public sealed record ConsensusDraft(MaturityLevel? LevelNow, MaturityLevel? LevelInTwoYears, string? Rationale, IReadOnlyList<string> EvidenceLinks, bool IsNoConsensus);

/// <summary>
/// The consensus form's rules, for the console's messages under each field before anything is sent. The rationale and link
/// rules are the domain's own (<see cref="WorkshopRules.WhyNotRationale"/>, <see cref="Domain.Assessments.EvidenceLinks.WhyNot"/>),
/// which <see cref="WorkshopService.RecordDecisionAsync"/> applies again under the workshop's lock; the rule that a
/// consensus names a level is the form's (the service takes no level as "no consensus").
/// </summary>
public sealed class ConsensusDraftValidator : AbstractValidator<ConsensusDraft>
{
    public const string LevelMissing = "Choose the consensus level for now, in 2 years, or both — or record “no consensus”.";

    public ConsensusDraftValidator()
    {
        RuleFor(d => d.LevelNow).Must((draft, now) => draft.IsNoConsensus || now is not null || draft.LevelInTwoYears is not null)
            .WithMessage(LevelMissing);
        RuleFor(d => d.Rationale).Custom((rationale, context) =>
        {
            if (WorkshopRules.WhyNotRationale(context.InstanceToValidate.IsNoConsensus, rationale) is { } why)
            {
                context.AddFailure(why);
            }
        });
        RuleFor(d => d.EvidenceLinks).Custom((links, context) =>
        {
            if (Domain.Assessments.EvidenceLinks.WhyNot(links) is { } why)
            {
                context.AddFailure(why);
            }
        });
    }
}
