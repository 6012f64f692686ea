using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Scoring;

/// <summary>
/// One pass over the ratings into flat counters: per characteristic, view and participant set (all participants,
/// then each group), five level counts and a don't-know count. Statistics are then read from the counts, so no
/// rating is ever sorted or copied.
/// </summary>
internal sealed class RatingTallies
{
    private const int DontKnowSlot = 5;
    private const int SlotsPerTally = 6;
    private const int ViewCount = 2;
    private const int AllParticipants = 0;

    private readonly int[] _counts;
    private readonly int[] _plansRegressCounts;
    private readonly int _participantSetCount;

    private RatingTallies(int characteristicCount, int groupCount)
    {
        _participantSetCount = groupCount + 1;
        _counts = new int[characteristicCount * ViewCount * _participantSetCount * SlotsPerTally];
        _plansRegressCounts = new int[characteristicCount];
    }

    public static RatingTallies Count(IReadOnlyList<RatingInput> ratings, AssessmentScope scope, IReadOnlyList<GroupInput> groups)
    {
        var tallies = new RatingTallies(scope.Count, groups.Count);
        var participantSetByGroup = ParticipantSetByGroup(groups);

        // Ratings usually arrive participant by participant, so the group of the previous rating is the likely one.
        var lastGroupId = Guid.Empty;
        var lastParticipantSet = -1;

        // An indexed loop: foreach over the interface would allocate an enumerator, and this runs once per rating.
        for (var i = 0; i < ratings.Count; i++)
        {
            var rating = ratings[i];
            if (!scope.TryIndexOfKnown(rating.CharacteristicCode, "A rating", out var characteristic))
            {
                continue;
            }

            if (rating.GroupId != lastGroupId || lastParticipantSet == -1)
            {
                lastGroupId = rating.GroupId;
                lastParticipantSet = participantSetByGroup.TryGetValue(rating.GroupId, out var found)
                    ? found
                    : throw new ArgumentException($"A rating of '{rating.CharacteristicCode}' names the group {rating.GroupId}, which is not a group of the assessment.", nameof(ratings));
            }

            tallies.Add(characteristic, RatingView.Now, lastParticipantSet, rating.Now);
            tallies.Add(characteristic, RatingView.InTwoYears, lastParticipantSet, rating.InTwoYears);
            if (PlansRegress(rating))
            {
                tallies._plansRegressCounts[characteristic]++;
            }
        }

        return tallies;
    }

    public ViewStatistics ForAllParticipants(int characteristic, RatingView view) => StatisticsOf(characteristic, view, AllParticipants);

    public ViewStatistics ForGroup(int characteristic, RatingView view, int groupIndex) => StatisticsOf(characteristic, view, groupIndex + 1);

    public int PlansRegressCount(int characteristic) => _plansRegressCounts[characteristic];

    private static bool PlansRegress(RatingInput rating) =>
        rating.Now.Level is { } now && rating.InTwoYears.Level is { } inTwoYears && inTwoYears < now;

    private static Dictionary<Guid, int> ParticipantSetByGroup(IReadOnlyList<GroupInput> groups)
    {
        var participantSetByGroup = new Dictionary<Guid, int>(groups.Count);
        for (var index = 0; index < groups.Count; index++)
        {
            if (!participantSetByGroup.TryAdd(groups[index].Id, index + 1))
            {
                throw new ArgumentException($"The group {groups[index].Id} is listed twice.", nameof(groups));
            }
        }

        return participantSetByGroup;
    }

    private void Add(int characteristic, RatingView view, int participantSet, LevelAnswer answer)
    {
        var slot = answer.Kind switch
        {
            AnswerKind.Level => ViewStatistics.LevelSlot(answer.Level!.Value),
            AnswerKind.DontKnow => DontKnowSlot,
            AnswerKind.Unanswered => -1,
        };
        if (slot < 0)
        {
            return;
        }

        _counts[Offset(characteristic, view, AllParticipants) + slot]++;
        _counts[Offset(characteristic, view, participantSet) + slot]++;
    }

    private ViewStatistics StatisticsOf(int characteristic, RatingView view, int participantSet)
    {
        var tally = _counts.AsSpan(Offset(characteristic, view, participantSet), SlotsPerTally);
        return ViewStatistics.FromCounts(LevelDistribution.FromCounts(tally[..DontKnowSlot]), tally[DontKnowSlot]);
    }

    private int Offset(int characteristic, RatingView view, int participantSet) =>
        ((((characteristic * ViewCount) + (int)view) * _participantSetCount) + participantSet) * SlotsPerTally;
}
