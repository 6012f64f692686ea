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
    public IReadOnlyDictionary<string, IReadOnlyList<Evidence.EvidenceView>> Evidence { get; init; } = new Dictionary<string, IReadOnlyList<Evidence.EvidenceView>>();

    /// <summary>The city's latest indicator values per characteristic, when the installation has them (see <see cref="Evidence.IIndicatorFacts"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<Evidence.IndicatorFact>> IndicatorFacts { get; init; } = new Dictionary<string, IReadOnlyList<Evidence.IndicatorFact>>();

    /// <summary>The largest document the page may send, so it can say so before uploading.</summary>
    public long MaxFileBytes { get; init; }

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
