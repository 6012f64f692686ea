using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// Who took part, as the report counts it: a participant has <em>started</em> with one answer (a level or "don't know")
/// in either view of any characteristic, and <em>finished</em> when every characteristic in scope has both views
/// answered (the manage page's "complete"). Ids only: no name ever reaches the report.
/// </summary>
public sealed record ParticipantResponses(IReadOnlySet<Guid> Started, IReadOnlySet<Guid> Finished)
{
    public static ParticipantResponses None { get; } = new(new HashSet<Guid>(), new HashSet<Guid>());

    /// <param name="answers">One entry per stored rating: participant, characteristic and the two answers.</param>
    /// <param name="scopeCount">How many characteristics the assessment covers.</param>
    /// <param name="inScope">Whether a characteristic code is in the assessment's scope.</param>
    public static ParticipantResponses From(
        IEnumerable<(Guid ParticipantId, string CharacteristicCode, LevelAnswer Now, LevelAnswer InTwoYears)> answers,
        int scopeCount,
        Func<string, bool> inScope)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(inScope);
        var started = new HashSet<Guid>();
        var complete = new Dictionary<Guid, HashSet<string>>();
        foreach (var (participant, code, now, inTwoYears) in answers)
        {
            if (!now.IsAnswered && !inTwoYears.IsAnswered)
            {
                continue;
            }

            started.Add(participant);
            if (now.IsAnswered && inTwoYears.IsAnswered && inScope(code))
            {
                if (!complete.TryGetValue(participant, out var codes))
                {
                    complete[participant] = codes = new HashSet<string>(StringComparer.Ordinal);
                }

                codes.Add(code);
            }
        }

        var finished = complete.Where(c => scopeCount > 0 && c.Value.Count >= scopeCount).Select(c => c.Key).ToHashSet();
        return new ParticipantResponses(started, finished);
    }
}
