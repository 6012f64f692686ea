using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>The thresholds of the methodology (docs/methodology.md, "Scoring rules"), named once.</summary>
public static class ScoringRules
{
    /// <summary>Consensus is judged only from this many known levels on.</summary>
    public const int MinimumAnswersForConsensus = 3;

    /// <summary>Broad agreement: IQR at most this.</summary>
    public const int BroadAgreementMaxIqr = 1;

    /// <summary>A level agrees with the median when it is at most this far from it.</summary>
    public const int AgreementDistance = 1;

    /// <summary>Strength: S(now) at least this.</summary>
    public const int StrengthFrom = 4;

    /// <summary>Weakness: S(now) at most this.</summary>
    public const int WeaknessUpTo = 2;

    /// <summary>Gap in plans: S(in two years) below this level ("Fulfilled").</summary>
    public const MaturityLevel PlansShouldReach = MaturityLevel.Fulfilled;

    /// <summary>A perception gap is flagged from this many levels on.</summary>
    public const int PerceptionGapFlaggedFrom = 2;
}
