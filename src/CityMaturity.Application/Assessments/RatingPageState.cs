using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// The JSON the participant's rating page renders (GET /rate/{token}/state): who they are, what the assessment is
/// for, the characteristics in scope with their level texts, and their own answers with the version each was read at.
/// It holds nothing about anybody else's answers.
/// </summary>
/// <param name="Participant">Their own participant id: a device keeps unsent answers under it, so a fresh link (a
/// reminder replaces the old one) picks up what was waiting under the old link.</param>
public sealed record RatingPageState(
    Guid Participant,
    RatingPageAssessment Assessment,
    IReadOnlyList<RatingPageLevel> Levels,
    IReadOnlyList<RatingPageCharacteristic> Scope,
    IReadOnlyDictionary<string, RatingAnswer> Answers,
    DateTimeOffset ServerTime)
{
    /// <summary>
    /// How many evidence items each characteristic has (characteristics without any are absent): the card shows the count
    /// at once; the items and the city's indicator values load when the card opens (<see cref="RatingCardEvidenceSet"/>,
    /// ADR 0052), so the state every rating page loads first does not carry the whole assessment's evidence.
    /// </summary>
    public IReadOnlyDictionary<string, int> EvidenceCounts { get; init; } = new Dictionary<string, int>();

    /// <summary>The largest document the page may send, so it can say so before uploading.</summary>
    public long MaxFileBytes { get; init; }

    /// <summary>The state with the characteristics' evidence counts (issue 15) and the upload limit.</summary>
    public RatingPageState WithEvidenceCounts(IReadOnlyDictionary<string, int> counts, long maxFileBytes) => this with
    {
        EvidenceCounts = counts,
        MaxFileBytes = maxFileBytes,
    };

    public static RatingPageState Of(RatingSession session, MaturityCatalogue catalogue, IReadOnlyDictionary<string, Rating> ratings, DateTimeOffset now)
    {
        var assessment = session.Assessment;
        var stage = catalogue.PdcaStages.FirstOrDefault(s => s.Key == assessment.Purpose);
        return new RatingPageState(
            session.Participant.Id,
            new RatingPageAssessment(
                assessment.Name,
                assessment.Community,
                session.OrganisationName,
                stage?.Name ?? assessment.Purpose,
                stage?.ModelUse,
                assessment.Deadline,
                assessment.AcceptsRatings,
                assessment.AcceptsRatings ? null : $"This assessment is {assessment.Status.DisplayName().ToLowerInvariant()}: you can read your answers but no longer change them.",
                session.Participant.Name,
                session.GroupName),
            [.. catalogue.Levels.Select(l => new RatingPageLevel(l.Level.Number(), l.Name, l.Summary))],
            [.. assessment.Scope.Select(code => RatingPageCharacteristic.Of(catalogue, catalogue.GetCharacteristic(code)))],
            ratings.ToDictionary(r => r.Key, r => RatingAnswer.Of(r.Value), StringComparer.Ordinal),
            now);
    }
}

public sealed record RatingPageAssessment(
    string Name, string Community, string Organisation, string Purpose, string? PurposeExplained, DateOnly? Deadline,
    bool AcceptsRatings, string? ClosedMessage, string You, string YourGroup);

public sealed record RatingPageLevel(int Number, string Name, string Summary);

public sealed record RatingPageCharacteristic(string Code, string Title, string About, string Dimension, string SubDimension, IReadOnlyList<string> Criteria)
{
    public static RatingPageCharacteristic Of(MaturityCatalogue catalogue, Characteristic characteristic)
    {
        var dimension = catalogue.GetDimension(characteristic.DimensionCode);
        var subDimension = catalogue.GetSubDimension(characteristic.SubDimensionCode);
        return new RatingPageCharacteristic(
            characteristic.Code,
            characteristic.Title,
            characteristic.About,
            $"{dimension.Code} {dimension.Title}",
            subDimension.Code == characteristic.Code ? string.Empty : $"{subDimension.Code} {subDimension.Title}",
            [.. characteristic.Criteria.All.Select(c => c.Text)]);
    }
}

/// <summary>One stored answer as the page sees it; <see cref="Version"/> is what the next save must name.</summary>
public sealed record RatingAnswer(string Now, string InTwoYears, string Comment, IReadOnlyList<string> Links, int Version)
{
    public static RatingAnswer Of(Rating rating) =>
        new(rating.LevelNow.Code, rating.LevelInTwoYears.Code, rating.Comment ?? string.Empty, [.. rating.EvidenceLinks], rating.Version);
}

/// <summary>
/// An evidence item as the rating card shows it: what it is, its link or size, who added it (never a participant's
/// name, see <see cref="Evidence.EvidenceService"/>), whether it is the viewer's own (they may remove it) and whether it
/// sits on a consensus decision. The card needs nothing else (no hash, type, date or indicator reference), so its
/// evidence carries nothing else (docs/performance.md, "Rating card with evidence").
/// </summary>
public sealed record RatingCardEvidence(Guid Id, string Kind, string Title, string? Url, long? SizeBytes, string AddedBy, bool Mine, bool OnConsensus)
{
    public static RatingCardEvidence Of(Evidence.EvidenceView item) =>
        new(item.Id, item.Kind, item.Title, item.Url, item.SizeBytes, item.AddedBy, item.Mine, item.OnConsensus);
}

/// <summary>
/// One characteristic's evidence as its rating card shows it, loaded when the card opens (GET …/rate/evidence?code=,
/// ADR 0052): the items anyone attached and the city's latest published values of the indicators linked to it, each with
/// its trend. A phone's card lists at most <see cref="ListedValues"/> values, the most recent years first, and says how
/// many more there are (<see cref="MoreIndicatorValues"/>); the page asks for all of them (?all=true) only when the
/// participant does, so the card's cost does not grow with the mapping (a purpose has up to 58 linked indicators).
/// Written with <see cref="RatingCardJson"/> (ADR 0057).
/// </summary>
public sealed record RatingCardEvidenceSet(string Code, IReadOnlyList<RatingCardEvidence> Items, IReadOnlyList<Evidence.IndicatorFact> IndicatorFacts, int MoreIndicatorValues)
{
    /// <summary>As the workshop console and presenter list them (<see cref="Evidence.ListedIndicatorValues"/>).</summary>
    public const int ListedValues = Evidence.ListedIndicatorValues.AtFirst;

    /// <param name="facts">The values most recent year first, as <see cref="Evidence.IIndicatorFacts"/> gives them.</param>
    public static RatingCardEvidenceSet Of(string code, IReadOnlyList<Evidence.EvidenceView> items, IReadOnlyList<Evidence.IndicatorFact> facts, bool allValues = false)
    {
        var cardItems = new RatingCardEvidence[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            cardItems[i] = RatingCardEvidence.Of(items[i]);
        }

        return allValues
            ? new(code, cardItems, facts, 0)
            : new(code, cardItems, Evidence.ListedIndicatorValues.Listed(facts), Evidence.ListedIndicatorValues.OthersCount(facts));
    }
}
