using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Cycles;

/// <summary>
/// How each stakeholder group sees the city across the cycles of a series: per cycle, the mean of the group's own
/// medians over the characteristics in scope where the group gave a known level (docs/methodology.md, "Cycles").
/// A consensus is the room's decision, not a group's view, so it does not enter these lines.
/// </summary>
public static class GroupTrend
{
    /// <summary>
    /// One line per group name (a follow-up copies its groups, so a group is the same by name, case and outer spaces
    /// aside), in the order the groups first appear; <see cref="TrendLine.Code"/> is the group's name.
    /// A point is not in scope where the cycle has no such group, and not rated where the group gave no known level.
    /// </summary>
    public static IReadOnlyList<TrendLine> Of(IEnumerable<Cycle> cycles, RatingView view = RatingView.Now)
    {
        var ordered = cycles.OrderBy(c => c.Date).ThenBy(c => c.AssessmentId).ToList();
        var names = new List<string>();
        foreach (var group in ordered.SelectMany(c => c.Summary.Groups))
        {
            if (!names.Any(n => SameGroup(n, group.Name)))
            {
                names.Add(group.Name.Trim());
            }
        }

        return [.. names.Select(name => new TrendLine(name, [.. ordered.Select(cycle => Point(cycle, name, view))]))];
    }

    private static bool SameGroup(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static TrendPoint Point(Cycle cycle, string name, RatingView view)
    {
        var group = cycle.Summary.Groups.FirstOrDefault(g => SameGroup(g.Name, name));
        if (group is null)
        {
            return new TrendPoint(cycle.AssessmentId, cycle.Date, false, null, null, 0, 0);
        }

        var medians = cycle.Summary.Characteristics
            .Select(c => c.For(view).Groups.FirstOrDefault(g => g.GroupId == group.Id)?.Statistics.Median)
            .ToList();
        var known = medians.OfType<decimal>().ToList();
        decimal? mean = known.Count == 0 ? null : Figures.RoundedMean(known.Sum(), known.Count);
        return new TrendPoint(cycle.AssessmentId, cycle.Date, true, mean, null, known.Count, medians.Count);
    }
}
