using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>An assessment's summary with what was read to compute it (for exports and reports that need names).</summary>
public sealed record SummarisedAssessment(
    Assessment Assessment,
    IReadOnlyList<StakeholderGroup> Groups,
    IReadOnlyList<Participant> Participants,
    AssessmentSummary Summary)
{
    /// <summary>The assessment's data version the figures were computed from (see db/migrations/V0005).</summary>
    public long DataVersion { get; init; }

    /// <summary>The consensus decisions that count (the latest per characteristic), read with the figures they shaped.</summary>
    public IReadOnlyDictionary<string, Domain.Workshops.ConsensusDecision> Decisions { get; init; } =
        new Dictionary<string, Domain.Workshops.ConsensusDecision>();
}

/// <summary>
/// Loads what the scoring rules read — in one query per table, projected to what is needed — and runs them.
/// Every figure on the dashboard, in the API, the exports and the PDF comes through here.
/// Summaries are cached against the assessment's data version, which database triggers move on every change
/// of ratings, participants, groups or targets (db/migrations/V0005): a cached summary is never stale, on
/// any instance, whichever path wrote the data.
/// </summary>
public sealed class AssessmentSummaryService(IDbContextFactory<CityMaturityDb> dbFactory, MaturityCatalogue catalogue, SummaryCache cache, IAuditFacts audits)
{
    public Task<SummarisedAssessment> SummariseAsync(Guid assessmentId, CancellationToken cancellationToken = default) =>
        SummariseAsync(assessmentId, onlyGroupId: null, cancellationToken);

    /// <param name="onlyGroupId">
    /// When set, the figures of that stakeholder group alone: the same rules over its members' ratings only
    /// (so S is that group's median), with that group as the only group.
    /// </param>
    public Task<SummarisedAssessment> SummariseAsync(Guid assessmentId, Guid? onlyGroupId, CancellationToken cancellationToken = default) =>
        SummariseAsync(assessmentId, known: null, onlyGroupId, cancellationToken);

    /// <summary>
    /// As <see cref="SummariseAsync(Guid, Guid?, CancellationToken)"/>, for a caller that has just read the assessment's
    /// row (a page's access check reads it with the user's standing): that row is used instead of being read again.
    /// </summary>
    public Task<SummarisedAssessment> SummariseAsync(Assessment assessment, Guid? onlyGroupId = null, CancellationToken cancellationToken = default) =>
        SummariseAsync(assessment.Id, assessment, onlyGroupId, cancellationToken);

    private async Task<SummarisedAssessment> SummariseAsync(Guid assessmentId, Assessment? known, Guid? onlyGroupId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = known ?? await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId, cancellationToken);
        var version = await db.AssessmentDataVersions.AsNoTracking()
            .Where(v => v.AssessmentId == assessmentId).Select(v => v.Version).SingleOrDefaultAsync(cancellationToken);
        var key = new SummaryCache.Key(assessmentId, onlyGroupId, version);
        if (cache.TryGet<SummarisedAssessment>(key) is { } cached)
        {
            // The assessment's own row (its status) is read fresh every time; only the figures come from the cache.
            return cached with { Assessment = assessment };
        }

        var computed = await ComputeAsync(db, assessment, onlyGroupId, cancellationToken) with { DataVersion = version };
        cache.Set(key, computed);
        return computed;
    }

    private async Task<SummarisedAssessment> ComputeAsync(CityMaturityDb db, Assessment assessment, Guid? onlyGroupId, CancellationToken cancellationToken)
    {
        var assessmentId = assessment.Id;
        var groups = await db.StakeholderGroups.AsNoTracking()
            .Where(g => g.AssessmentId == assessmentId && (onlyGroupId == null || g.Id == onlyGroupId))
            .OrderBy(g => g.Position).ToListAsync(cancellationToken);
        var participants = await db.Participants.AsNoTracking()
            .Where(p => p.AssessmentId == assessmentId && (onlyGroupId == null || p.GroupId == onlyGroupId))
            .ToListAsync(cancellationToken);
        var groupOf = participants.ToDictionary(p => p.Id, p => p.GroupId);
        var ratings = await db.Ratings.AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId)
            .Where(r => onlyGroupId == null || db.Participants.Any(p => p.Id == r.ParticipantId && p.GroupId == onlyGroupId))
            .Select(r => new { r.ParticipantId, r.CharacteristicCode, Now = EF.Property<string?>(r, RatingColumns.LevelNow), InTwoYears = EF.Property<string?>(r, RatingColumns.LevelInTwoYears) })
            .ToListAsync(cancellationToken);
        var targets = await db.AssessmentTargets.AsNoTracking().Where(t => t.AssessmentId == assessmentId).ToListAsync(cancellationToken);
        var decisions = await LatestConsensus.LatestAsync(db, assessmentId, cancellationToken);
        var audited = await audits.AuditedLevelsAsync(db, assessmentId, cancellationToken);

        var input = new AssessmentScoringInput(
            catalogue,
            assessment.Scope,
            [.. groups.Select(g => new GroupInput(g.Id, g.Name))],
            [.. ratings.Select(r => new RatingInput(r.ParticipantId, groupOf[r.ParticipantId], r.CharacteristicCode, LevelAnswer.FromCode(r.Now), LevelAnswer.FromCode(r.InTwoYears)))],
            // A consensus recorded in a workshop is the room's decision, and stands for a group's figures too.
            LatestConsensus.ScoringInputs(decisions.Values),
            targets.ToDictionary(t => t.CharacteristicCode, t => MaturityLevels.FromNumber(t.TargetLevel)))
        {
            // A closed audit's verified levels count ahead of consensus and median (issue 17), for a group's figures too.
            AuditedLevels = audited,
        };
        return new SummarisedAssessment(assessment, groups, participants, AssessmentScorer.Summarise(input)) { Decisions = decisions };
    }
}
