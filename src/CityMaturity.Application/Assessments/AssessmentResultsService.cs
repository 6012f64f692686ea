using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>One participant's answers to one characteristic, as the results pages and exports may show them.</summary>
/// <param name="Participant">The participant's name, or their pseudonym (P01, P02 …) for readers who may not see names.</param>
/// <param name="Comment">Only alongside names: a comment can identify its author as surely as a name.</param>
public sealed record IndividualAnswer(string Participant, string GroupName, string CharacteristicCode, LevelAnswer Now, LevelAnswer InTwoYears, string? Comment);

/// <summary>
/// Reading an assessment's results beyond the summary: the individual answers behind the figures — with names only for those who run the assessment, pseudonymised for everyone else.
/// </summary>
public sealed class AssessmentResultsService(IDbContextFactory<CityMaturityDb> dbFactory)
{
    /// <summary>Every stored rating, participants pseudonymised (never names), ordered by participant then catalogue code.</summary>
    public Task<IReadOnlyList<IndividualAnswer>> PseudonymisedRatingsAsync(Guid assessmentId, CancellationToken cancellationToken = default) =>
        AnswersAsync(assessmentId, code: null, withNames: false, cancellationToken);

    /// <summary>The answers to one characteristic; names and comments only when <paramref name="withNames"/>.</summary>
    public Task<IReadOnlyList<IndividualAnswer>> AnswersToAsync(Guid assessmentId, string code, bool withNames, CancellationToken cancellationToken = default) =>
        AnswersAsync(assessmentId, code, withNames, cancellationToken);

    private async Task<IReadOnlyList<IndividualAnswer>> AnswersAsync(Guid assessmentId, string? code, bool withNames, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var groups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == assessmentId).ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.AssessmentId == assessmentId)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.GroupId })
            .ToListAsync(cancellationToken);
        var labels = participants.Select((p, index) => (p.Id, Label: withNames ? p.Name : Domain.Audits.Pseudonyms.Label(index), Group: groups[p.GroupId]))
            .ToDictionary(p => p.Id);
        var order = participants.Select((p, index) => (p.Id, index)).ToDictionary(p => p.Id, p => p.index);
        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId && (code == null || r.CharacteristicCode == code))
            .Select(r => new { r.ParticipantId, r.CharacteristicCode, r.LevelNow, r.LevelInTwoYears, r.Comment })
            .ToListAsync(cancellationToken);
        return
        [
            .. ratings
                .OrderBy(r => order[r.ParticipantId]).ThenBy(r => r.CharacteristicCode, CharacteristicCodeComparer.Instance)
                .Select(r => new IndividualAnswer(
                    labels[r.ParticipantId].Label, labels[r.ParticipantId].Group, r.CharacteristicCode, r.LevelNow, r.LevelInTwoYears,
                    withNames ? r.Comment : null)),
        ];
    }
}
