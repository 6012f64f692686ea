using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using CityMaturity.Application.Assessments;
using CityMaturity.Application.Live;
using Npgsql;

namespace CityMaturity.Application.Workshops;

/// <summary>A facilitator's step succeeded (no refusal) or was refused, with its kind and the sentence to show.</summary>
public sealed record StepOutcome(Refusal? Refusal)
{
    public static readonly StepOutcome Done = new((Refusal?)null);

    public bool Succeeded => Refusal is null;
}

/// <summary>
/// The facilitator's side of a moderated workshop: start, step through the agenda, open, close and reveal rounds,
/// record consensus decisions, pause, resume and end. Callers have already checked that the user may manage the
/// assessment; every method also checks that the workshop belongs to it. Each step locks the workshop's row, so two
/// consoles (or two instances) never interleave steps. Changes reach every console, presenter view and phone through
/// the database's NOTIFY (db/migrations/V0006), not through this class; this class only counts its own change at once
/// (<see cref="WorkshopEvents.Count"/>), so this instance's <see cref="RoomCache"/> never serves the state before it.
/// </summary>
public sealed class WorkshopService(IDbContextFactory<CityMaturityDb> dbFactory, MaturityCatalogue catalogue, WorkshopFigures figures, WorkshopEvents events, IAuditFacts auditFacts, TimeProvider clock)
{
    /// <summary>The agenda a new workshop proposes: the assessment's scope in catalogue order (dimension by dimension).</summary>
    public IReadOnlyList<string> DefaultAgenda(Assessment assessment) =>
        [.. catalogue.Characteristics.Select(c => c.Code).Where(assessment.Scope.Contains)];

    public async Task<IReadOnlyList<WorkshopListRow>> ListAsync(Guid assessmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await db.Workshops.AsNoTracking()
            .Where(w => w.AssessmentId == assessmentId)
            .OrderByDescending(w => w.CreatedAt)
            .Select(w => new
            {
                Workshop = w,
                Attendees = db.WorkshopAttendees.Count(a => a.WorkshopId == w.Id && a.RemovedAt == null),
                Rounds = db.WorkshopRounds.Count(r => r.WorkshopId == w.Id),
            })
            .ToListAsync();
        return [.. rows.Select(r => new WorkshopListRow(r.Workshop, r.Attendees, r.Rounds))];
    }

    /// <summary>Starts a workshop on the agenda given (codes from the scope, each once, in the order to discuss them).</summary>
    public async Task<(Workshop? Workshop, Refusal? Refusal)> StartAsync(Guid assessmentId, IReadOnlyList<string> agenda, bool allowWalkIns, Guid? userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        if (assessment.Status is AssessmentStatus.Closed or AssessmentStatus.Archived)
        {
            return (null, new Refusal(RefusalKind.RuleBroken, $"This assessment is {assessment.Status.DisplayName().ToLowerInvariant()}: reopen it to run a workshop."));
        }

        if (agenda.Count == 0)
        {
            return (null, new Refusal(RefusalKind.RuleBroken, "Choose at least one characteristic for the agenda."));
        }

        if (agenda.FirstOrDefault(code => !assessment.Scope.Contains(code)) is { } outside)
        {
            return (null, new Refusal(RefusalKind.RuleBroken, $"{outside} is not part of this assessment."));
        }

        if (agenda.GroupBy(code => code).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return (null, new Refusal(RefusalKind.RuleBroken, $"{twice.Key} is on the agenda twice."));
        }

        // A code is unique only among workshops not yet ended; on the rare collision, draw again.
        for (var attempt = 0; ; attempt++)
        {
            var workshop = new Workshop
            {
                Id = Guid.NewGuid(),
                AssessmentId = assessmentId,
                JoinCode = JoinCodes.NewCode(),
                Status = WorkshopStatus.Running,
                Agenda = [.. agenda],
                AllowWalkIns = allowWalkIns,
                CreatedBy = userId,
                CreatedAt = clock.GetUtcNow(),
            };
            db.Workshops.Add(workshop);
            try
            {
                await db.SaveChangesAsync();
                return (workshop, null);
            }
            catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } && attempt < 5)
            {
                db.Entry(workshop).State = EntityState.Detached;
            }
        }
    }

    public async Task<ConsoleView?> ConsoleAsync(Guid assessmentId, Guid workshopId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workshop = await db.Workshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workshopId && w.AssessmentId == assessmentId, cancellationToken);
        if (workshop is null)
        {
            return null;
        }

        var groups = await WorkshopFigures.GroupsAsync(db, workshopId, cancellationToken);
        var groupNames = groups.ToDictionary(g => g.Id, g => g.Name);
        var attendees = await db.WorkshopAttendees.AsNoTracking()
            .Where(a => a.WorkshopId == workshopId && a.RemovedAt == null)
            .OrderBy(a => a.JoinedAt)
            .ToListAsync(cancellationToken);
        var code = workshop.CurrentCharacteristic;
        var rounds = await db.WorkshopRounds.AsNoTracking()
            .Where(r => r.WorkshopId == workshopId && r.CharacteristicCode == code)
            .OrderBy(r => r.Number)
            .ToListAsync(cancellationToken);
        var roundViews = new List<RoundView>(rounds.Count);
        foreach (var round in rounds)
        {
            roundViews.Add(await figures.RoundViewAsync(db, round, cancellationToken));
        }

        return new ConsoleView(
            workshop,
            catalogue.GetCharacteristic(code),
            [.. attendees.Select(a => new AttendeeRow(a.Id, a.DisplayName, groupNames.GetValueOrDefault(a.GroupId, "?"), a.IsWalkIn, a.JoinedAt))],
            roundViews,
            await BeforeWorkshopAsync(db, assessmentId, code, groups, cancellationToken),
            await LatestConsensus.LatestAsync(db, assessmentId, cancellationToken));
    }

    public async Task<PresenterView?> PresenterAsync(Guid assessmentId, Guid workshopId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var workshop = await db.Workshops.AsNoTracking().SingleOrDefaultAsync(w => w.Id == workshopId && w.AssessmentId == assessmentId, cancellationToken);
        if (workshop is null)
        {
            return null;
        }

        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId, cancellationToken);
        var code = workshop.CurrentCharacteristic;
        var round = await db.WorkshopRounds.AsNoTracking()
            .Where(r => r.WorkshopId == workshopId && r.CharacteristicCode == code)
            .OrderByDescending(r => r.Number)
            .FirstOrDefaultAsync(cancellationToken);
        var decision = await db.ConsensusDecisions.AsNoTracking()
            .Where(d => d.AssessmentId == assessmentId && d.WorkshopId == workshopId && d.CharacteristicCode == code)
            .OrderByDescending(d => d.RecordedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return new PresenterView(
            workshop,
            assessment,
            catalogue.GetCharacteristic(code),
            await db.WorkshopAttendees.CountAsync(a => a.WorkshopId == workshopId && a.RemovedAt == null, cancellationToken),
            round is null ? null : await figures.RoundViewAsync(db, round, cancellationToken),
            decision);
    }

    /// <summary>The number of votes in the workshop's open round (what the console polls between full refreshes).</summary>
    public async Task<int?> OpenRoundVoteCountAsync(Guid workshopId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var openRound = await db.WorkshopRounds.AsNoTracking()
            .Where(r => r.WorkshopId == workshopId && r.Status == RoundStatus.Open)
            .Select(r => (Guid?)r.Id)
            .SingleOrDefaultAsync(cancellationToken);
        return openRound is { } id ? await WorkshopFigures.VoteCountAsync(db, id, cancellationToken) : null;
    }

    /// <param name="timer">Closes the round by itself after this long; null for no timer.</param>
    public Task<StepOutcome> OpenRoundAsync(Guid assessmentId, Guid workshopId, TimeSpan? timer) =>
        StepAsync(assessmentId, workshopId, async (db, workshop, latest) =>
        {
            if (Refusal.Of(RefusalKind.WrongState, WorkshopRules.WhyNotOpenRound(workshop, latest)) is { } refusal)
            {
                return refusal;
            }

            var code = workshop.CurrentCharacteristic;
            var previous = await db.WorkshopRounds.Where(r => r.WorkshopId == workshop.Id && r.CharacteristicCode == code).MaxAsync(r => (int?)r.Number) ?? 0;
            var now = clock.GetUtcNow();
            db.WorkshopRounds.Add(new WorkshopRound
            {
                Id = Guid.NewGuid(),
                WorkshopId = workshop.Id,
                CharacteristicCode = code,
                Number = previous + 1,
                Status = RoundStatus.Open,
                OpenedAt = now,
                ClosesAt = timer is { } t ? now + t : null,
            });
            return null;
        });

    public Task<StepOutcome> CloseRoundAsync(Guid assessmentId, Guid workshopId) =>
        StepAsync(assessmentId, workshopId, (_, _, latest) =>
        {
            if (Refusal.Of(RefusalKind.WrongState, WorkshopRules.WhyNotClose(latest)) is { } refusal)
            {
                return Task.FromResult<Refusal?>(refusal);
            }

            latest!.Status = RoundStatus.Closed;
            latest.ClosedAt = clock.GetUtcNow();
            return Task.FromResult<Refusal?>(null);
        });

    public async Task<StepOutcome> RevealAsync(Guid assessmentId, Guid workshopId)
    {
        var outcome = await StepAsync(assessmentId, workshopId, (_, _, latest) =>
        {
            if (Refusal.Of(RefusalKind.WrongState, WorkshopRules.WhyNotReveal(latest)) is { } refusal)
            {
                return Task.FromResult<Refusal?>(refusal);
            }

            latest!.Status = RoundStatus.Revealed;
            latest.RevealedAt = clock.GetUtcNow();
            return Task.FromResult<Refusal?>(null);
        });
        if (outcome.Succeeded)
        {
            CityMaturity.Application.Telemetry.AppMetrics.Reveals.Add(1);
        }

        return outcome;
    }

    public Task<StepOutcome> MoveToAsync(Guid assessmentId, Guid workshopId, int position) =>
        StepAsync(assessmentId, workshopId, (_, workshop, latest) =>
        {
            if (Refusal.Of(RefusalKind.WrongState, WorkshopRules.WhyNotMoveTo(workshop, latest, position)) is { } refusal)
            {
                return Task.FromResult<Refusal?>(refusal);
            }

            workshop.CurrentPosition = position;
            return Task.FromResult<Refusal?>(null);
        });

    public Task<StepOutcome> ChangeStatusAsync(Guid assessmentId, Guid workshopId, WorkshopStatus to) =>
        StepAsync(assessmentId, workshopId, (_, workshop, latest) =>
        {
            if (Refusal.Of(RefusalKind.WrongState, WorkshopRules.WhyNotChangeStatus(workshop, to)) is { } refusal)
            {
                return Task.FromResult<Refusal?>(refusal);
            }

            var now = clock.GetUtcNow();
            if (to == WorkshopStatus.Ended)
            {
                workshop.EndedAt = now;
                // Ending closes an open round; its votes stay hidden unless it was revealed.
                if (latest?.Status == RoundStatus.Open)
                {
                    latest.Status = RoundStatus.Closed;
                    latest.ClosedAt = now;
                }
            }

            workshop.Status = to;
            return Task.FromResult<Refusal?>(null);
        });

    /// <summary>Records the consensus (or "no consensus — noted") for the characteristic on screen.</summary>
    public Task<StepOutcome> RecordDecisionAsync(Guid assessmentId, Guid workshopId, MaturityLevel? levelNow, MaturityLevel? levelInTwoYears, string? rationale, IReadOnlyList<string> evidenceLinks, Guid? userId) =>
        StepAsync(assessmentId, workshopId, async (db, workshop, latest) =>
        {
            if (Refusal.Of(RefusalKind.RuleBroken, await auditFacts.WhyFrozenAsync(db, assessmentId)) is { } frozen)
            {
                return frozen;
            }

            var decision = new ConsensusDecision
            {
                Id = Guid.NewGuid(),
                AssessmentId = assessmentId,
                WorkshopId = workshop.Id,
                CharacteristicCode = workshop.CurrentCharacteristic,
                LevelNow = levelNow,
                LevelInTwoYears = levelInTwoYears,
                Rationale = rationale?.Trim() ?? string.Empty,
                EvidenceLinks = [.. evidenceLinks.Select(l => l.Trim()).Where(l => l.Length > 0)],
                RecordedBy = userId,
                RecordedAt = clock.GetUtcNow(),
            };
            if (Refusal.Of(RefusalKind.RuleBroken, WorkshopRules.WhyNotRecord(workshop, latest, decision)) is { } refusal)
            {
                return refusal;
            }

            db.ConsensusDecisions.Add(decision);
            return null;
        });

    /// <summary>
    /// Takes someone out of the room (a wrong identity, a duplicate phone): their session stops working and their votes
    /// in rounds not yet revealed are dropped, so revealed figures never change afterwards.
    /// </summary>
    public Task<StepOutcome> RemoveAttendeeAsync(Guid assessmentId, Guid workshopId, Guid attendeeId) =>
        StepAsync(assessmentId, workshopId, async (db, workshop, _) =>
        {
            var attendee = await db.WorkshopAttendees.SingleOrDefaultAsync(a => a.Id == attendeeId && a.WorkshopId == workshop.Id && a.RemovedAt == null);
            if (attendee is null)
            {
                return new Refusal(RefusalKind.NotFound, "That person is not in the workshop.");
            }

            attendee.RemovedAt = clock.GetUtcNow();
            await db.WorkshopVotes
                .Where(v => v.AttendeeId == attendeeId && db.WorkshopRounds.Any(r => r.Id == v.RoundId && r.Status != RoundStatus.Revealed))
                .ExecuteDeleteAsync();
            return null;
        }, WorkshopChange.Attendees);

    /// <summary>
    /// One facilitator step: the workshop's row locked (FOR NO KEY UPDATE — it must not block the key-share locks that
    /// votes' foreign keys take, or a close would deadlock with votes in flight) for the transaction, the step applied to the tracked
    /// workshop and its latest round, saved and committed — or refused with nothing written.
    /// </summary>
    /// <param name="changes">What a step changes: the room's state, or (removing someone) its attendees.</param>
    private async Task<StepOutcome> StepAsync(
        Guid assessmentId, Guid workshopId, Func<CityMaturityDb, Workshop, WorkshopRound?, Task<Refusal?>> step, WorkshopChange changes = WorkshopChange.State)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var workshop = await db.Workshops
            .FromSql($"SELECT * FROM workshops WHERE id = {workshopId} AND assessment_id = {assessmentId} FOR NO KEY UPDATE")
            .SingleOrDefaultAsync();
        if (workshop is null)
        {
            return new StepOutcome(new Refusal(RefusalKind.NotFound, "This workshop does not exist."));
        }

        var latest = await db.WorkshopRounds.Where(r => r.WorkshopId == workshopId).OrderByDescending(r => r.OpenedAt).FirstOrDefaultAsync();
        if (latest is not null && latest.CharacteristicCode != workshop.CurrentCharacteristic && latest.Status != RoundStatus.Open)
        {
            // Rounds of another characteristic are history; the steps act on the one on screen.
            latest = await db.WorkshopRounds.Where(r => r.WorkshopId == workshopId && r.CharacteristicCode == workshop.CurrentCharacteristic)
                .OrderByDescending(r => r.Number).FirstOrDefaultAsync();
        }

        if (await step(db, workshop, latest) is { } refusal)
        {
            return new StepOutcome(refusal);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        events.Count(workshopId, changes);
        return StepOutcome.Done;
    }

    private static async Task<AnswerFigures> BeforeWorkshopAsync(CityMaturityDb db, Guid assessmentId, string code, IReadOnlyList<(Guid Id, string Name)> groups, CancellationToken cancellationToken)
    {
        var ratings = await (from r in db.Ratings
                             join p in db.Participants on r.ParticipantId equals p.Id
                             where r.AssessmentId == assessmentId && r.CharacteristicCode == code
                             select new { p.GroupId, Now = EF.Property<string?>(r, RatingColumns.LevelNow), InTwoYears = EF.Property<string?>(r, RatingColumns.LevelInTwoYears) })
            .ToListAsync(cancellationToken);
        var answers = ratings
            .Select(r => new CastVote(r.GroupId, LevelAnswer.FromCode(r.Now), LevelAnswer.FromCode(r.InTwoYears)))
            .Where(v => v.LevelNow.IsAnswered || v.LevelInTwoYears.IsAnswered)
            .ToList();
        return AnswerFigures.Of(answers, groups);
    }
}
