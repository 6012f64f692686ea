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
    /// <summary>The evidence on the assessment's characteristics (code → items), as the participant may see it.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<RatingCardEvidence>> Evidence { get; init; } = new Dictionary<string, IReadOnlyList<RatingCardEvidence>>();

    /// <summary>The city's latest indicator values per characteristic, when the installation has them (see <see cref="Evidence.IIndicatorFacts"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Evidence.IndicatorFact>> IndicatorFacts { get; init; } = new Dictionary<string, IReadOnlyList<Evidence.IndicatorFact>>();

    /// <summary>The largest document the page may send, so it can say so before uploading.</summary>
    public long MaxFileBytes { get; init; }

    /// <summary>
    /// The state with the characteristics' evidence items (grouped by characteristic, each as the card shows it) and the
    /// city's indicator values beside them (issue 15).
    /// </summary>
    public RatingPageState WithEvidence(
        IEnumerable<Evidence.EvidenceView> items, IReadOnlyDictionary<string, IReadOnlyList<Evidence.IndicatorFact>> facts, long maxFileBytes) => this with
    {
        Evidence = items.GroupBy(i => i.Code, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<RatingCardEvidence>)[.. g.Select(RatingCardEvidence.Of)], StringComparer.Ordinal),
        IndicatorFacts = facts,
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
/// sits on a consensus decision. The card needs nothing else (no hash, type, date or indicator reference), so the state
/// that every rating page loads carries nothing else (docs/performance.md, "Rating card with evidence").
/// </summary>
public sealed record RatingCardEvidence(Guid Id, string Kind, string Title, string? Url, long? SizeBytes, string AddedBy, bool Mine, bool OnConsensus)
{
    public static RatingCardEvidence Of(Evidence.EvidenceView item) =>
        new(item.Id, item.Kind, item.Title, item.Url, item.SizeBytes, item.AddedBy, item.Mine, item.OnConsensus);
}
