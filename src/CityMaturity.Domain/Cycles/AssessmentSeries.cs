namespace CityMaturity.Domain.Cycles;

/// <summary>
/// A named line of assessments of one organisation, e.g. "City-wide MMSSC": each cycle follows up the one before
/// and checks its plans. Assessments point to their series (<see cref="Assessments.Assessment.SeriesId"/>).
/// </summary>
public sealed class AssessmentSeries
{
    public const int MaxNameLength = 200;

    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>One rename of a series: who, when, the name before and after (never updated; an unchanged save writes none).</summary>
public sealed class SeriesRename
{
    public long Id { get; set; }
    public Guid SeriesId { get; set; }
    public required string OldName { get; set; }
    public required string NewName { get; set; }
    public DateTimeOffset RenamedAt { get; set; }
    public Guid? ByUserId { get; set; }
}
