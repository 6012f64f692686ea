using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Cycles;

/// <summary>How the later cycle's level now compares with the level the earlier cycle's plan leads one to expect.</summary>
public enum RealisationOutcome
{
    /// <summary>At least half a level above the expected level.</summary>
    Exceeded,

    /// <summary>Within half a level of the expected level.</summary>
    Met,

    /// <summary>At least half a level below the expected level.</summary>
    Missed,
}

/// <summary>One characteristic's plan against its outcome.</summary>
/// <param name="EarlierNow">Null only when the cycles are 24 months or more apart and it was not needed (nor rated).</param>
/// <param name="Expected">The level expected at the later date: see <see cref="PlanRealisation.ExpectedLevel"/>.</param>
/// <param name="Difference">LaterNow − Expected: positive above the expectation, negative below.</param>
public sealed record CharacteristicRealisation(
    string Code,
    string DimensionCode,
    ScorePoint? EarlierNow,
    ScorePoint EarlierInTwoYears,
    ScorePoint LaterNow,
    decimal Expected,
    decimal Difference,
    RealisationOutcome Outcome)
{
    /// <summary>By how many levels the plan was missed (0 unless missed).</summary>
    public decimal MissedBy => Outcome == RealisationOutcome.Missed ? -Difference : 0m;

    /// <summary>By how many levels the plan was exceeded (0 unless exceeded).</summary>
    public decimal ExceededBy => Outcome == RealisationOutcome.Exceeded ? Difference : 0m;
}

/// <summary>The share of judged characteristics whose plan was met or exceeded.</summary>
/// <param name="Percent">100 × (met + exceeded) / judged, 1 decimal, half away from zero; null when nothing could be judged.</param>
/// <param name="Excluded">Characteristics of this group that could not be judged (listed in <see cref="PlanRealisationResult.Excluded"/>).</param>
public sealed record RealisationRate(int Judged, int Met, int Exceeded, int Missed, int Excluded, decimal? Percent);

public sealed record DimensionRealisation(string DimensionCode, RealisationRate Rate);

/// <param name="ElapsedMonths">Whole calendar months from the earlier cycle's date to the later one's.</param>
/// <param name="ShareOfPlanExpected">min(months, 24) / 24: how much of the planned change is due by the later date.</param>
public sealed record PlanRealisationResult(
    int ElapsedMonths,
    decimal ShareOfPlanExpected,
    IReadOnlyList<CharacteristicRealisation> Characteristics,
    IReadOnlyList<ExcludedCharacteristic> Excluded,
    IReadOnlyList<DimensionRealisation> Dimensions,
    RealisationRate Overall)
{
    /// <summary>Excluded characteristics with this reason (one characteristic can have several reasons).</summary>
    public int ExcludedWith(ExclusionReason reason) => Excluded.Count(e => e.Has(reason));
}

/// <summary>
/// Did the city do what it said? The earlier cycle's "in two years" against the later cycle's "now"
/// (docs/methodology.md, "Plan realisation").
/// </summary>
public static class PlanRealisation
{
    /// <summary>A plan is for two years.</summary>
    public const int PlanHorizonMonths = 24;

    /// <summary>Within this distance of the expected level the plan counts as met; medians move in half levels.</summary>
    public const decimal MetWithin = 0.5m;

    public static PlanRealisationResult Compare(Cycle earlier, Cycle later)
    {
        CyclePairs.RequireOrder(earlier, later);
        var months = ElapsedMonths(earlier.Date, later.Date);
        var share = ShareOfPlan(months);

        var judged = new List<CharacteristicRealisation>();
        var excluded = new List<ExcludedCharacteristic>();
        foreach (var (code, dimension, inEarlier, inLater) in CyclePairs.Of(earlier, later))
        {
            var reasons = CyclePairs.ScopeExclusions(inEarlier, inLater);
            if (reasons is null)
            {
                reasons = [];
                CyclePairs.AddIfUnrated(reasons, inEarlier!.InTwoYears, CyclePoint.EarlierInTwoYears);
                if (share < 1m)
                {
                    CyclePairs.AddIfUnrated(reasons, inEarlier.Now, CyclePoint.EarlierNow);
                }

                CyclePairs.AddIfUnrated(reasons, inLater!.Now, CyclePoint.LaterNow);
            }

            if (reasons.Count > 0)
            {
                excluded.Add(new ExcludedCharacteristic(code, dimension, reasons));
                continue;
            }

            judged.Add(Judge(code, dimension, inEarlier!, inLater!, share));
        }

        var dimensions = judged.Select(j => j.DimensionCode).Concat(excluded.Select(e => e.DimensionCode))
            .Distinct(StringComparer.Ordinal)
            .Order(CharacteristicCodeComparer.Instance)
            .Select(code => new DimensionRealisation(
                code,
                Rate(judged.Where(j => j.DimensionCode == code).ToList(), excluded.Count(e => e.DimensionCode == code))))
            .ToList();

        return new PlanRealisationResult(months, share, judged, excluded, dimensions, Rate(judged, excluded.Count));
    }

    /// <summary>Whole calendar months from one date to a later one; a month counts once its day of month is reached.</summary>
    public static int ElapsedMonths(DateOnly from, DateOnly to)
    {
        var months = ((to.Year - from.Year) * 12) + to.Month - from.Month;
        return to.Day < from.Day ? months - 1 : months;
    }

    /// <summary>
    /// The level expected after <paramref name="share"/> of the plan's two years: the earlier "now" moved linearly
    /// towards the earlier "in two years", reaching it (and staying there) at 24 months. Rounded to 2 decimals.
    /// </summary>
    public static decimal ExpectedLevel(decimal? earlierNow, decimal earlierInTwoYears, decimal share)
    {
        if (share >= 1m)
        {
            return earlierInTwoYears;
        }

        var start = earlierNow ?? throw new ArgumentNullException(nameof(earlierNow), "Before 24 months the earlier level now is needed.");
        return Math.Round(start + ((earlierInTwoYears - start) * share), 2, MidpointRounding.AwayFromZero);
    }

    public static RealisationOutcome OutcomeOf(decimal difference) =>
        difference >= MetWithin ? RealisationOutcome.Exceeded
        : difference <= -MetWithin ? RealisationOutcome.Missed
        : RealisationOutcome.Met;

    private static decimal ShareOfPlan(int months) => Math.Min(months, PlanHorizonMonths) / (decimal)PlanHorizonMonths;

    private static CharacteristicRealisation Judge(string code, string dimension, CharacteristicScore earlier, CharacteristicScore later, decimal share)
    {
        var earlierNow = ScorePoint.Of(earlier.Now);
        var plan = ScorePoint.Of(earlier.InTwoYears)!;
        var outcome = ScorePoint.Of(later.Now)!;
        var expected = ExpectedLevel(earlierNow?.Score, plan.Score, share);
        var difference = Figures.WithoutTrailingZeros(outcome.Score - expected);
        return new CharacteristicRealisation(
            code, dimension, earlierNow, plan, outcome, Figures.WithoutTrailingZeros(expected), difference, OutcomeOf(difference));
    }

    private static RealisationRate Rate(List<CharacteristicRealisation> judged, int excluded)
    {
        var met = judged.Count(j => j.Outcome == RealisationOutcome.Met);
        var exceeded = judged.Count(j => j.Outcome == RealisationOutcome.Exceeded);
        var missed = judged.Count - met - exceeded;
        decimal? percent = judged.Count == 0
            ? null
            : Math.Round(100m * (met + exceeded) / judged.Count, 1, MidpointRounding.AwayFromZero);
        return new RealisationRate(judged.Count, met, exceeded, missed, excluded, percent);
    }
}
