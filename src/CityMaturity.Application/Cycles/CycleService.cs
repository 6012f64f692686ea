using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Cycles;

/// <summary>What a follow-up starts with beyond the copied settings.</summary>
/// <param name="SeriesName">Names the new series when the predecessor is in none yet; ignored otherwise.</param>
/// <param name="ParticipantIds">The predecessor's participants to copy (to re-invite); others are left behind.</param>
public sealed record FollowUp(string Name, string SeriesName, DateOnly? Deadline, IReadOnlyCollection<Guid> ParticipantIds);

/// <summary>An entry of the organisation's list: a series with its cycles, or an assessment in no series (Series null).</summary>
/// <param name="Cycles">Oldest first.</param>
public sealed record SeriesListing(AssessmentSeries? Series, IReadOnlyList<Assessment> Cycles);

/// <summary>Two cycles of a series a reader chose to compare, by assessment id.</summary>
public sealed record ChosenCycles(Guid Earlier, Guid Later);

/// <summary>A series with every figure its page shows.</summary>
/// <param name="Cycles">Oldest first.</param>
/// <param name="Compared">The latest cycle that is not a draft and the one before it; null without two such cycles.</param>
/// <param name="Realisation">Of <paramref name="Compared"/>.</param>
/// <param name="Moved">Of <paramref name="Compared"/>.</param>
public sealed record SeriesView(
    AssessmentSeries Series,
    IReadOnlyList<Assessment> Cycles,
    SeriesTrendResult Trend,
    (Cycle Earlier, Cycle Later)? Compared,
    PlanRealisationResult? Realisation,
    WhatMovedResult? Moved)
{
    /// <summary>The "in two years" view across the cycles: how each cycle's plans moved.</summary>
    public SeriesTrendResult? PlanTrend { get; init; }

    /// <summary>The level now per stakeholder group (mean of the group's own medians), groups matched by name.</summary>
    public IReadOnlyList<TrendLine> GroupTrend { get; init; } = [];

    /// <summary>The "in two years" view per stakeholder group.</summary>
    public IReadOnlyList<TrendLine> GroupPlanTrend { get; init; } = [];

    /// <summary>Every rename of the series, oldest first.</summary>
    public IReadOnlyList<SeriesRenameView> Renames { get; init; } = [];

    /// <summary>Why the chosen cycles could not be compared (the latest two are instead); only from <see cref="CycleService.SeriesOrLatestAsync"/>.</summary>
    public string? ChoiceRefused { get; init; }
}

/// <summary>One rename of a series as a reader sees it: <paramref name="By"/> is the member's display name.</summary>
public sealed record SeriesRenameView(DateTimeOffset RenamedAt, string By, string OldName, string NewName);

/// <summary>
/// Assessment cycles: series, follow-ups and the figures across cycles (Domain/Cycles).
/// Callers authorise first; every read is scoped to the caller's organisation so another organisation's ids find nothing.
/// </summary>
public sealed class CycleService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    AssessmentSummaryService summaries,
    MaturityCatalogue catalogue,
    IValidator<NewAssessment> validator,
    TimeProvider clock)
{
    public const string SeriesNameRule = "A series name has 1 to 200 characters.";

    public async Task<IReadOnlyList<SeriesListing>> ListAsync(Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var series = await db.AssessmentSeries.AsNoTracking().Where(s => s.OrganisationId == organisationId).ToListAsync();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync();
        var listings = series
            .Select(s => new SeriesListing(s, InCycleOrder(assessments.Where(a => a.SeriesId == s.Id))))
            .Concat(assessments.Where(a => a.SeriesId is null).Select(a => new SeriesListing(null, [a])));
        return [.. listings.OrderByDescending(l => l.Cycles.Count == 0 ? DateOnly.MinValue : l.Cycles[^1].CycleDate)];
    }

    /// <summary>The series of that organisation, without figures; null when it does not exist there.</summary>
    public async Task<AssessmentSeries?> FindSeriesAsync(Guid organisationId, Guid seriesId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.AssessmentSeries.AsNoTracking().SingleOrDefaultAsync(s => s.Id == seriesId && s.OrganisationId == organisationId);
    }

    /// <summary>
    /// The series of that organisation with its figures; null when it does not exist there. The comparison is of the
    /// <paramref name="chosen"/> cycles, or, without a choice, of the latest two comparable ones.
    /// </summary>
    /// <exception cref="ValidationException">A chosen cycle is not in this series, is a draft, or the earlier is not dated before the later.</exception>
    public Task<SeriesView?> SeriesAsync(Guid organisationId, Guid seriesId, ChosenCycles? chosen = null, CancellationToken cancellationToken = default) =>
        ViewAsync(organisationId, seriesId, chosen, fallBackToLatest: false, cancellationToken);

    /// <summary>
    /// As <see cref="SeriesAsync"/>, for a page: chosen cycles that cannot be compared are not an error, the latest two
    /// comparable ones are compared instead and <see cref="SeriesView.ChoiceRefused"/> says why.
    /// </summary>
    public Task<SeriesView?> SeriesOrLatestAsync(Guid organisationId, Guid seriesId, ChosenCycles? chosen, CancellationToken cancellationToken = default) =>
        ViewAsync(organisationId, seriesId, chosen, fallBackToLatest: true, cancellationToken);

    private async Task<SeriesView?> ViewAsync(Guid organisationId, Guid seriesId, ChosenCycles? chosen, bool fallBackToLatest, CancellationToken cancellationToken)
    {
        List<Assessment> cycles;
        AssessmentSeries? series;
        List<SeriesRenameView> renames;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            series = await db.AssessmentSeries.AsNoTracking()
                .SingleOrDefaultAsync(s => s.Id == seriesId && s.OrganisationId == organisationId, cancellationToken);
            if (series is null)
            {
                return null;
            }

            cycles = InCycleOrder(await db.Assessments.AsNoTracking()
                .Where(a => a.SeriesId == seriesId && a.OrganisationId == organisationId).ToListAsync(cancellationToken));
            var renamed = await db.SeriesRenames.AsNoTracking().Where(r => r.SeriesId == seriesId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
            var names = await RegisteredNames.OfAsync(db, renamed.Select(r => r.ByUserId), cancellationToken);
            renames = [.. renamed.Select(r => new SeriesRenameView(r.RenamedAt, names.NameOf(r.ByUserId), r.OldName, r.NewName))];
        }

        // Checked before any cycle is scored.
        (Guid Earlier, Guid Later)? chosenPair = null;
        string? choiceRefused = null;
        try
        {
            chosenPair = chosen is null ? null : ChosenPair(cycles, chosen);
        }
        catch (ValidationException refused) when (fallBackToLatest)
        {
            choiceRefused = refused.Message;
        }

        var scored = new List<Cycle>(cycles.Count);
        foreach (var assessment in cycles)
        {
            var summary = await summaries.SummariseAsync(assessment.Id, cancellationToken);
            scored.Add(new Cycle(assessment.Id, assessment.Name, assessment.CycleDate, summary.Summary));
        }

        var trend = SeriesTrend.Of(catalogue, scored);
        // A draft has no answers yet: comparing with it would only list every characteristic as not rated.
        var drafts = cycles.Where(a => a.Status == AssessmentStatus.Draft).Select(a => a.Id).ToHashSet();
        var comparable = chosenPair is var (earlierId, laterId)
            ? (trend.Cycles.Single(c => c.AssessmentId == earlierId), trend.Cycles.Single(c => c.AssessmentId == laterId))
            : LastComparablePair([.. trend.Cycles.Where(c => !drafts.Contains(c.AssessmentId))]);
        return new SeriesView(
            series,
            cycles,
            trend,
            comparable,
            comparable is var (earlier, later) ? PlanRealisation.Compare(earlier, later) : null,
            comparable is var (from, to) ? WhatMoved.Compare(from, to) : null)
        {
            PlanTrend = SeriesTrend.Of(catalogue, scored, RatingView.InTwoYears),
            GroupTrend = Domain.Cycles.GroupTrend.Of(scored),
            GroupPlanTrend = Domain.Cycles.GroupTrend.Of(scored, RatingView.InTwoYears),
            Renames = renames,
            ChoiceRefused = choiceRefused,
        };
    }

    /// <summary>
    /// Starts the next cycle after a closed assessment: a draft with its community, purpose, method, scope, stakeholder
    /// groups, targets and the chosen participants (no rating links: they are invited afresh), in its series.
    /// </summary>
    public async Task<Assessment> StartFollowUpAsync(Guid organisationId, Guid predecessorId, FollowUp request, Guid? createdBy)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var predecessor = await db.Assessments
            .SingleOrDefaultAsync(a => a.Id == predecessorId && a.OrganisationId == organisationId)
            ?? throw new KeyNotFoundException("No such assessment in this organisation.");
        if (predecessor.Status is not (AssessmentStatus.Closed or AssessmentStatus.Archived))
        {
            throw new ValidationException("Only a closed assessment can be followed up: close it first.");
        }

        if (await db.Assessments.AsNoTracking().Where(a => a.PredecessorId == predecessorId).Select(a => a.Name).FirstOrDefaultAsync() is { } existing)
        {
            throw new ValidationException($"This assessment already has a follow-up: '{existing}'.");
        }

        var groups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == predecessorId).OrderBy(g => g.Position).ToListAsync();
        var targets = await db.AssessmentTargets.AsNoTracking().Where(t => t.AssessmentId == predecessorId).ToListAsync();
        var copy = new NewAssessment(
            request.Name, predecessor.Community, predecessor.Purpose, predecessor.Method, predecessor.Scope, request.Deadline,
            [.. groups.Select(g => g.Name)], targets.ToDictionary(t => t.CharacteristicCode, t => MaturityLevels.FromNumber(t.TargetLevel)));
        var validation = await validator.ValidateAsync(copy);
        if (!validation.IsValid)
        {
            throw new ValidationException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        var seriesId = predecessor.SeriesId ?? await NewSeriesAsync(db, organisationId, request.SeriesName, predecessor);
        var now = clock.GetUtcNow();
        var followUp = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, Name = request.Name.Trim(), Community = predecessor.Community,
            Purpose = predecessor.Purpose, Method = predecessor.Method, Status = AssessmentStatus.Draft, Scope = [.. predecessor.Scope],
            Deadline = request.Deadline, CreatedBy = createdBy, CreatedAt = now, SeriesId = seriesId, PredecessorId = predecessorId,
        };
        db.Assessments.Add(followUp);
        var groupCopies = groups.ToDictionary(
            g => g.Id,
            g => new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = followUp.Id, Name = g.Name, Position = g.Position });
        db.StakeholderGroups.AddRange(groupCopies.Values);
        db.AssessmentTargets.AddRange(targets.Select(t =>
            new AssessmentTarget { AssessmentId = followUp.Id, CharacteristicCode = t.CharacteristicCode, TargetLevel = t.TargetLevel }));

        var chosen = request.ParticipantIds.ToHashSet();
        var participants = await db.Participants.AsNoTracking().Where(p => p.AssessmentId == predecessorId).OrderBy(p => p.Name).ToListAsync();
        db.Participants.AddRange(participants.Where(p => chosen.Contains(p.Id)).Select(p => new Participant
        {
            // Who they are and which group they speak for; never the old link, its expiry or invitation dates.
            Id = Guid.NewGuid(), AssessmentId = followUp.Id, GroupId = groupCopies[p.GroupId].Id, Name = p.Name, Email = p.Email,
            UserId = p.UserId, CreatedAt = now,
        }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return followUp;
    }

    /// <summary>
    /// Renames a series of that organisation (the caller has checked it may manage assessments there). The name follows
    /// the rule of a new series: 1 to 200 characters once cleaned, unique in the organisation whatever the case.
    /// A rename is recorded (who, when, before and after) by the same save, one transaction; saving the same name writes nothing.
    /// </summary>
    public async Task<AssessmentSeries> RenameSeriesAsync(Guid organisationId, Guid seriesId, string name, Guid? byUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var series = await db.AssessmentSeries.SingleOrDefaultAsync(s => s.Id == seriesId && s.OrganisationId == organisationId)
            ?? throw new KeyNotFoundException("No such series in this organisation.");
        var newName = await UsableSeriesNameAsync(db, organisationId, name, seriesId);
        if (string.Equals(newName, series.Name, StringComparison.Ordinal))
        {
            return series;
        }

        db.SeriesRenames.Add(new SeriesRename { SeriesId = seriesId, OldName = series.Name, NewName = newName, RenamedAt = clock.GetUtcNow(), ByUserId = byUserId });
        series.Name = newName;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (e.InnerException is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.UniqueViolation })
        {
            // Someone took the name between the check and the save.
            throw new ValidationException($"A series named '{series.Name}' exists already: choose another name.");
        }

        return series;
    }

    /// <summary>The cleaned name, or a refusal saying which rule it breaks; <paramref name="renaming"/> may keep its own name.</summary>
    private static async Task<string> UsableSeriesNameAsync(CityMaturityDb db, Guid organisationId, string? name, Guid? renaming = null)
    {
        var cleaned = PersonNames.Clean(name ?? string.Empty);
        if (cleaned.Length is 0 or > AssessmentSeries.MaxNameLength)
        {
            throw new ValidationException(SeriesNameRule);
        }

        // An organisation has a handful of series: comparing in memory keeps the rule (case-insensitive) in one language.
        var taken = await db.AssessmentSeries.Where(s => s.OrganisationId == organisationId && s.Id != renaming).Select(s => s.Name).ToListAsync();
        if (taken.Contains(cleaned, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationException($"A series named '{cleaned}' exists already: choose another name.");
        }

        return cleaned;
    }

    private async Task<Guid> NewSeriesAsync(CityMaturityDb db, Guid organisationId, string name, Assessment predecessor)
    {
        var cleaned = await UsableSeriesNameAsync(db, organisationId, name);
        var series = new AssessmentSeries { Id = Guid.NewGuid(), OrganisationId = organisationId, Name = cleaned, CreatedAt = clock.GetUtcNow() };
        db.AssessmentSeries.Add(series);
        predecessor.SeriesId = series.Id;
        return series.Id;
    }

    private static List<Assessment> InCycleOrder(IEnumerable<Assessment> assessments) =>
        [.. assessments.OrderBy(a => a.CycleDate).ThenBy(a => a.CreatedAt)];

    /// <summary>The chosen cycles' ids, checked against the series' cycles (membership, status, dates) before anything is scored.</summary>
    private static (Guid Earlier, Guid Later) ChosenPair(IReadOnlyList<Assessment> cycles, ChosenCycles chosen)
    {
        Assessment Find(Guid id, string which) =>
            cycles.FirstOrDefault(c => c.Id == id)
            ?? throw new ValidationException($"The {which} cycle chosen ({id}) is not a cycle of this series: choose two of the series' cycles.");
        var (earlier, later) = (Find(chosen.Earlier, "earlier"), Find(chosen.Later, "later"));
        if (new[] { earlier, later }.FirstOrDefault(c => c.Status == AssessmentStatus.Draft) is { } draft)
        {
            throw new ValidationException($"'{draft.Name}' is a draft and has no answers to compare yet: choose cycles that are open or closed.");
        }

        return earlier.CycleDate < later.CycleDate
            ? (earlier.Id, later.Id)
            : throw new ValidationException(
                $"'{earlier.Name}' ({IsoDate(earlier.CycleDate)}) is not dated before '{later.Name}' ({IsoDate(later.CycleDate)}): the earlier cycle must come first, on an earlier date.");
    }

    private static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The latest cycle and the one before it, if they are dated apart (the comparisons need time to pass).</summary>
    private static (Cycle Earlier, Cycle Later)? LastComparablePair(List<Cycle> cycles) =>
        cycles.Count >= 2 && cycles[^2].Date < cycles[^1].Date ? (cycles[^2], cycles[^1]) : null;
}
