namespace CityMaturity.Domain.Assessments;

/// <summary>What a participant (or an import) says about one characteristic: the editable part of a rating.</summary>
public sealed record RatingValues(LevelAnswer LevelNow, LevelAnswer LevelInTwoYears, string? Comment, IReadOnlyList<string> EvidenceLinks)
{
    public static RatingValues Empty { get; } = new(LevelAnswer.Unanswered, LevelAnswer.Unanswered, null, []);

    public static RatingValues Of(Rating rating) => new(rating.LevelNow, rating.LevelInTwoYears, rating.Comment, [.. rating.EvidenceLinks]);

    public bool SameAs(RatingValues other) =>
        LevelNow == other.LevelNow && LevelInTwoYears == other.LevelInTwoYears
        && string.Equals(KeptComment(Comment), KeptComment(other.Comment), StringComparison.Ordinal)
        && EvidenceLinks.SequenceEqual(other.EvidenceLinks, StringComparer.Ordinal);

    /// <summary>
    /// A blank comment is kept as none, so it must compare as none: otherwise saving "  " over no comment would
    /// record a change in which nothing changed (and an import of such a row would create an empty rating).
    /// </summary>
    internal static string? KeptComment(string? comment) => string.IsNullOrWhiteSpace(comment) ? null : comment;
}

/// <summary>Applies new values to a rating and produces the audit entry for the change (none when nothing changed).</summary>
public static class RatingAudit
{
    public static RatingChange? Apply(Rating rating, RatingValues values, RatingChangeSource source, Guid? changedByUserId, bool changedByParticipant, DateTimeOffset now)
    {
        var before = RatingValues.Of(rating);
        if (before.SameAs(values))
        {
            return null;
        }

        rating.LevelNow = values.LevelNow;
        rating.LevelInTwoYears = values.LevelInTwoYears;
        rating.Comment = RatingValues.KeptComment(values.Comment);
        rating.EvidenceLinks = [.. values.EvidenceLinks];
        rating.UpdatedAt = now;
        return new RatingChange
        {
            RatingId = rating.Id,
            AssessmentId = rating.AssessmentId,
            ParticipantId = rating.ParticipantId,
            CharacteristicCode = rating.CharacteristicCode,
            ChangedAt = now,
            ChangedByUserId = changedByUserId,
            ChangedByParticipant = changedByParticipant,
            Source = source,
            OldLevelNow = before.LevelNow,
            NewLevelNow = values.LevelNow,
            OldLevelInTwoYears = before.LevelInTwoYears,
            NewLevelInTwoYears = values.LevelInTwoYears,
            OldComment = before.Comment,
            NewComment = rating.Comment,
            OldEvidenceLinks = [.. before.EvidenceLinks],
            NewEvidenceLinks = [.. values.EvidenceLinks],
        };
    }
}
