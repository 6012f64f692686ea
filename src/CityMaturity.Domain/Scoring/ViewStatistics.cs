using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>Whether a set of answers agrees, by the spread of its middle half.</summary>
public enum ConsensusState
{
    /// <summary>Fewer than 3 known levels: too few to judge.</summary>
    TooFewAnswers,

    /// <summary>At least 3 known levels and IQR ≤ 1.</summary>
    BroadAgreement,

    /// <summary>At least 3 known levels and IQR &gt; 1.</summary>
    NoAgreement,
}

/// <summary>
/// The statistics of one view (now or in two years) over one set of answers. Don't-know and unanswered are not
/// levels: they never enter n, the distribution or any figure computed from it.
/// </summary>
/// <remarks>
/// Every figure computed from the levels is <c>null</c> when <see cref="N"/> is 0. Median and quartiles are exact:
/// with integer levels, interpolation at (n−1)·p for p = ¼, ½, ¾ only ever yields multiples of 0.25.
/// They are computed from the five counts alone (order statistics read off the cumulative counts), so the cost
/// does not grow with the number of answers once they are counted.
/// </remarks>
public sealed record ViewStatistics
{
    // An array, not MaturityLevels.All: foreach over an array allocates no enumerator, and this runs thousands of times.
    private static readonly MaturityLevel[] LevelsInOrder = [.. MaturityLevels.All];

    private ViewStatistics(LevelDistribution distribution, int dontKnowCount)
    {
        Distribution = distribution;
        DontKnowCount = dontKnowCount;
        Consensus = ConsensusState.TooFewAnswers;
    }

    private ViewStatistics(LevelDistribution distribution, int dontKnowCount, int q1InQuarters, int medianInQuarters, int q3InQuarters)
        : this(distribution, dontKnowCount)
    {
        var n = distribution.Total;
        var iqrInQuarters = q3InQuarters - q1InQuarters;
        Mean = Figures.RoundedMean(SumOfLevels(distribution), n);
        Median = FromQuarters(medianInQuarters);
        Min = OrderStatistic(distribution, 0);
        Max = OrderStatistic(distribution, n - 1);
        Q1 = FromQuarters(q1InQuarters);
        Q3 = FromQuarters(q3InQuarters);
        Iqr = FromQuarters(iqrInQuarters);
        AgreementPercent = Math.Round(100m * CountWithinOneOf(distribution, medianInQuarters) / n, 1, MidpointRounding.AwayFromZero);
        Consensus = ConsensusFor(n, iqrInQuarters);
    }

    /// <summary>Known levels (1–5).</summary>
    public int N => Distribution.Total;

    public LevelDistribution Distribution { get; }

    /// <summary>Arithmetic mean, rounded to 2 decimals, half away from zero (2.125 → 2.13).</summary>
    public decimal? Mean { get; }

    /// <summary>The middle value; for even n the mean of the two middle values (so 2.5 is possible).</summary>
    public decimal? Median { get; }

    public MaturityLevel? Min { get; }

    public MaturityLevel? Max { get; }

    /// <summary>First quartile: linear interpolation between order statistics at zero-based position (n−1)·¼ (spreadsheets' QUARTILE.INC).</summary>
    public decimal? Q1 { get; }

    /// <summary>Third quartile: as <see cref="Q1"/> at position (n−1)·¾.</summary>
    public decimal? Q3 { get; }

    /// <summary>Q3 − Q1.</summary>
    public decimal? Iqr { get; }

    /// <summary>
    /// Share of the known levels x with |x − median| ≤ 1, as a percentage rounded to 1 decimal, half away from zero
    /// (9 of 16 → 56.3).
    /// </summary>
    public decimal? AgreementPercent { get; }

    public ConsensusState Consensus { get; }

    public int DontKnowCount { get; }

    /// <summary>Answers that said something: a level or don't know. Unanswered is not a response.</summary>
    public int ResponseCount => N + DontKnowCount;

    /// <summary>The statistics of any set of answers (unanswered entries are skipped).</summary>
    public static ViewStatistics Of(IEnumerable<LevelAnswer> answers)
    {
        Span<int> countsByLevel = stackalloc int[5];
        var dontKnowCount = 0;
        foreach (var answer in answers)
        {
            switch (answer.Kind)
            {
                case AnswerKind.Level:
                    countsByLevel[LevelSlot(answer.Level!.Value)]++;
                    break;
                case AnswerKind.DontKnow:
                    dontKnowCount++;
                    break;
                case AnswerKind.Unanswered:
                    break;
            }
        }

        return FromCounts(LevelDistribution.FromCounts(countsByLevel), dontKnowCount);
    }

    /// <summary>Zero-based slot of a level in a five-slot count; rejects values outside 1–5.</summary>
    internal static int LevelSlot(MaturityLevel level)
    {
        var slot = level.Number() - 1;
        return (uint)slot < 5
            ? slot
            : throw new ArgumentOutOfRangeException(nameof(level), level, "A maturity level is a whole number from 1 to 5.");
    }

    internal static ViewStatistics FromCounts(LevelDistribution distribution, int dontKnowCount) =>
        distribution.Total == 0
            ? new ViewStatistics(distribution, dontKnowCount)
            : new ViewStatistics(
                distribution,
                dontKnowCount,
                q1InQuarters: QuartileInQuarters(distribution, 1),
                medianInQuarters: QuartileInQuarters(distribution, 2),
                q3InQuarters: QuartileInQuarters(distribution, 3));

    private static ConsensusState ConsensusFor(int n, int iqrInQuarters) =>
        n < ScoringRules.MinimumAnswersForConsensus ? ConsensusState.TooFewAnswers
        : iqrInQuarters <= ScoringRules.BroadAgreementMaxIqr * 4 ? ConsensusState.BroadAgreement
        : ConsensusState.NoAgreement;

    private static int SumOfLevels(LevelDistribution distribution)
    {
        var sum = 0;
        foreach (var level in LevelsInOrder)
        {
            sum += level.Number() * distribution[level];
        }

        return sum;
    }

    /// <summary>The level at zero-based position <paramref name="index"/> of the sorted levels, read off the cumulative counts.</summary>
    private static MaturityLevel OrderStatistic(LevelDistribution distribution, int index)
    {
        var cumulative = 0;
        foreach (var level in LevelsInOrder)
        {
            cumulative += distribution[level];
            if (index < cumulative)
            {
                return level;
            }
        }

        // Stryker disable once all : unreachable; callers ask only for positions below n, the last cumulative count.
        throw new ArgumentOutOfRangeException(nameof(index), index, "Beyond the last known level.");
    }

    /// <summary>
    /// The quartile <paramref name="quarter"/>/4 (1 = Q1, 2 = median, 3 = Q3) times 4, as a whole number.
    /// Position (n−1)·quarter/4: its whole part picks the lower order statistic, its remainder in quarters the
    /// share of the step to the next one.
    /// </summary>
    private static int QuartileInQuarters(LevelDistribution distribution, int quarter)
    {
        var positionInQuarters = (distribution.Total - 1) * quarter;
        var lowerIndex = positionInQuarters / 4;
        var remainderInQuarters = positionInQuarters % 4;
        var lower = OrderStatistic(distribution, lowerIndex).Number();
        if (remainderInQuarters == 0)
        {
            return 4 * lower;
        }

        var upper = OrderStatistic(distribution, lowerIndex + 1).Number();
        return (4 * lower) + (remainderInQuarters * (upper - lower));
    }

    private static int CountWithinOneOf(LevelDistribution distribution, int medianInQuarters)
    {
        var count = 0;
        foreach (var level in LevelsInOrder)
        {
            if (Math.Abs((4 * level.Number()) - medianInQuarters) <= ScoringRules.AgreementDistance * 4)
            {
                count += distribution[level];
            }
        }

        return count;
    }

    // Decimal division keeps the smallest scale that is exact, so 10/4 is 2.5 and 8/4 is 2 (not 2.00).
    private static decimal FromQuarters(int quarters) => quarters / 4m;
}
