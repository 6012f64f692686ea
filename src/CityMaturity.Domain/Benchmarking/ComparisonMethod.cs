using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Benchmarking;

/// <summary>
/// How much a shared score was checked, for the comparison's method filter: a moderated or audited score is not compared
/// naively with one person's guess. Derived from what a snapshot records (its method and score source), never entered.
/// </summary>
public enum ComparisonMethod
{
    /// <summary>Medians of what participants rated on their own (single or multi-stakeholder, no consensus throughout).</summary>
    SelfAssessed,

    /// <summary>Scores recorded as consensus in a moderated session.</summary>
    Moderated,

    /// <summary>Scores confirmed by an external audit.</summary>
    Audited,
}

/// <summary>The score sources a snapshot records as a whole (each characteristic keeps its own source as well).</summary>
public static class SnapshotSources
{
    public const string Median = "median";
    public const string Consensus = "consensus";
    public const string Mixed = "mixed";
    public const string Audited = "audited";

    /// <summary>The source of a whole assessment from the sources of its rated characteristics.</summary>
    public static string Of(IEnumerable<string> characteristicSources)
    {
        var sources = characteristicSources.Distinct(StringComparer.Ordinal).ToList();
        return sources.Count switch
        {
            0 => Median,
            1 => sources[0],
            _ => Mixed,
        };
    }
}

public static class ComparisonMethods
{
    /// <summary>
    /// Audited when the source says so; moderated when every rated characteristic is a consensus, or when a moderated
    /// workshop settled some by consensus and left the rest to the median; self-assessed otherwise. A new source the
    /// audit feature adds needs only a line here.
    /// </summary>
    public static ComparisonMethod Classify(AssessmentMethod method, string scoreSource) => scoreSource switch
    {
        SnapshotSources.Audited => ComparisonMethod.Audited,
        SnapshotSources.Consensus => ComparisonMethod.Moderated,
        SnapshotSources.Mixed when method == AssessmentMethod.ModeratedWorkshop => ComparisonMethod.Moderated,
        _ => ComparisonMethod.SelfAssessed,
    };

    public static string Key(this ComparisonMethod method) => method switch
    {
        ComparisonMethod.SelfAssessed => "self-assessed",
        ComparisonMethod.Moderated => "moderated",
        ComparisonMethod.Audited => "audited",
    };

    public static string DisplayName(this ComparisonMethod method) => method switch
    {
        ComparisonMethod.SelfAssessed => "Self-assessed",
        ComparisonMethod.Moderated => "Moderated",
        ComparisonMethod.Audited => "Audited",
    };

    public static bool TryParse(string? key, out ComparisonMethod method)
    {
        foreach (var candidate in Enum.GetValues<ComparisonMethod>())
        {
            if (candidate.Key() == key)
            {
                method = candidate;
                return true;
            }
        }

        method = default;
        return false;
    }
}
