using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Workshops;

/// <summary>A vote as the results need it: the two answers and the voter's stakeholder group (never the voter).</summary>
public readonly record struct CastVote(Guid GroupId, LevelAnswer LevelNow, LevelAnswer LevelInTwoYears);

/// <summary>The figures of one stakeholder group within a set of answers.</summary>
public sealed record GroupFigures(Guid GroupId, string GroupName, int Voters, ViewStatistics Now, ViewStatistics InTwoYears);

/// <summary>
/// What the reveal shows for a set of answers — a round's votes, or the ratings given before the workshop: the
/// methodology's statistics per view (distribution, median, IQR, agreement, consensus state), in all and per group.
/// </summary>
public sealed record AnswerFigures(int Voters, ViewStatistics Now, ViewStatistics InTwoYears, IReadOnlyList<GroupFigures> ByGroup)
{
    /// <param name="groups">Stakeholder groups in display order, by id and name; groups nobody answered from are left out.</param>
    public static AnswerFigures Of(IReadOnlyCollection<CastVote> votes, IReadOnlyList<(Guid Id, string Name)> groups)
    {
        var byGroup = groups
            .Select(g => (Group: g, Votes: votes.Where(v => v.GroupId == g.Id).ToList()))
            .Where(g => g.Votes.Count > 0)
            .Select(g => new GroupFigures(g.Group.Id, g.Group.Name, g.Votes.Count,
                ViewStatistics.Of(g.Votes.Select(v => v.LevelNow)),
                ViewStatistics.Of(g.Votes.Select(v => v.LevelInTwoYears))))
            .ToList();
        return new AnswerFigures(
            votes.Count,
            ViewStatistics.Of(votes.Select(v => v.LevelNow)),
            ViewStatistics.Of(votes.Select(v => v.LevelInTwoYears)),
            byGroup);
    }
}
