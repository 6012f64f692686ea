namespace CityMaturity.Domain.Benchmarking;

/// <summary>
/// Whom a member city may learn from on a characteristic (issue 16, ADR 0051): the cities whose score now is two or more
/// levels above its own. Whether such a city is then named also needs its consent (it shares evidence there); that part
/// is the application's. The rule is relative to the viewer's own score, so a city without a score has no one ahead of it,
/// and a city above level 3 has no one, since no score passes level 5.
/// </summary>
public static class LearnFromRule
{
    /// <summary>How many levels a peer is ahead, at least, to be one to learn from.</summary>
    public const decimal LevelsAhead = 2m;

    /// <summary>The highest score of the maturity scale.</summary>
    public const decimal HighestLevel = 5m;

    /// <summary>The lowest score a peer needs to be listed for a city scoring <paramref name="own"/>; null without an own score.</summary>
    public static decimal? AheadFrom(decimal? own) => own + LevelsAhead;

    /// <summary>Whether any score of the scale can be two levels above <paramref name="own"/>.</summary>
    public static bool AnyoneCanBeAhead(decimal? own) => AheadFrom(own) <= HighestLevel;

    /// <summary>A peer scoring <paramref name="peer"/> is two or more levels ahead of a city scoring <paramref name="own"/>; never without both scores.</summary>
    public static bool IsAhead(decimal? own, decimal? peer) => own is { } mine && peer is { } theirs && theirs >= mine + LevelsAhead;
}
