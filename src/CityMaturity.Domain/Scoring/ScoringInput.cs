using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>One participant's answers for one characteristic. A participant has at most one rating per characteristic.</summary>
public sealed record RatingInput(Guid ParticipantId, Guid GroupId, string CharacteristicCode, LevelAnswer Now, LevelAnswer InTwoYears)
{
    public LevelAnswer For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>A stakeholder group of the assessment.</summary>
public sealed record GroupInput(Guid Id, string Name);

/// <summary>A level recorded in a moderated session. "No consensus" is simply the absence of a decision.</summary>
public sealed record ConsensusInput(string CharacteristicCode, RatingView View, MaturityLevel Level);

/// <summary>Everything the scoring rules read about one assessment.</summary>
/// <param name="Catalogue">The model; only its structure matters, so any language gives the same figures.</param>
/// <param name="ScopeCodes">
/// The characteristics the assessment covers, or <c>null</c> for all 32. Summaries count "k of m rated" over these;
/// ratings, consensus decisions and targets for characteristics outside the scope are ignored.
/// </param>
/// <param name="Groups">Every stakeholder group of the assessment, in display order (groups without ratings included).</param>
/// <param name="Ratings">All ratings; each names a group from <paramref name="Groups"/>.</param>
/// <param name="ConsensusDecisions">At most one per characteristic and view.</param>
/// <param name="Targets">Target level by characteristic code, where the assessment sets one.</param>
public sealed record AssessmentScoringInput(
    MaturityCatalogue Catalogue,
    IReadOnlyList<string>? ScopeCodes,
    IReadOnlyList<GroupInput> Groups,
    IReadOnlyList<RatingInput> Ratings,
    IReadOnlyList<ConsensusInput> ConsensusDecisions,
    IReadOnlyDictionary<string, MaturityLevel> Targets)
{
    /// <summary>
    /// Levels verified now by a closed external audit, by characteristic code: they win over consensus and median for
    /// the "now" view (an audit verifies the present, not plans). Characteristics an auditor could not verify are absent.
    /// </summary>
    public IReadOnlyDictionary<string, MaturityLevel> AuditedLevels { get; init; } = new Dictionary<string, MaturityLevel>();
}
