namespace CityMaturity.Infrastructure.Database;

/// <summary>
/// Names of the EF properties behind Rating.LevelNow and Rating.LevelInTwoYears (private fields holding the
/// stored code), for queries that filter or project on them in SQL: <c>EF.Property&lt;string?&gt;(r, RatingColumns.LevelNow)</c>.
/// </summary>
public static class RatingColumns
{
    public const string LevelNow = "_levelNow";
    public const string LevelInTwoYears = "_levelInTwoYears";
}

/// <summary>Names of the EF properties behind WorkshopVote.LevelNow and WorkshopVote.LevelInTwoYears (as <see cref="RatingColumns"/>).</summary>
public static class WorkshopVoteColumns
{
    public const string LevelNow = "_levelNow";
    public const string LevelInTwoYears = "_levelInTwoYears";
}
