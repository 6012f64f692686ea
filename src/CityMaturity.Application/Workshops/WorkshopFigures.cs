using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace CityMaturity.Application.Workshops;

/// <summary>
/// The one place that reads vote values, and it returns them only for revealed rounds. A revealed round cannot
/// change any more (votes are refused once a round closes), so its figures are cached: when 200 phones ask for the
/// reveal at the same moment, the votes are read once.
/// </summary>
public sealed class WorkshopFigures : IDisposable
{
    private readonly MemoryCache _revealed = new(new MemoryCacheOptions { SizeLimit = 2_000 });

    /// <summary>One read of a revealed round's votes at a time (a read takes milliseconds and happens once per round).</summary>
    private readonly SemaphoreSlim _reading = new(1, 1);

    public async Task<RoundView> RoundViewAsync(CityMaturityDb db, WorkshopRound round, CancellationToken cancellationToken = default)
    {
        if (!round.IsRevealed)
        {
            return new RoundView(round, await VoteCountAsync(db, round.Id, cancellationToken), Results: null);
        }

        var figures = (await RevealedAsync(db, round, cancellationToken)).Figures;
        return new RoundView(round, figures.Voters, figures);
    }

    /// <summary>A revealed round's figures and one attendee's own vote in it, from the same cached read.</summary>
    public async Task<(AnswerFigures Figures, WorkshopVote? Own)> RevealedWithOwnVoteAsync(CityMaturityDb db, WorkshopRound round, Guid attendeeId, CancellationToken cancellationToken = default)
    {
        var revealed = await RevealedAsync(db, round, cancellationToken);
        return (revealed.Figures, revealed.VotesByAttendee.GetValueOrDefault(attendeeId));
    }

    private async Task<Revealed> RevealedAsync(CityMaturityDb db, WorkshopRound round, CancellationToken cancellationToken)
    {
        if (!round.IsRevealed)
        {
            throw new InvalidOperationException("The votes of a round are read only once it is revealed.");
        }

        if (!_revealed.TryGetValue(round.Id, out Revealed? revealed) || revealed is null)
        {
            // The phones all ask within milliseconds of the reveal: one of them reads, the others wait for it and take
            // the cached figures (without this, every request that missed the cache read all the votes again).
            await _reading.WaitAsync(cancellationToken);
            try
            {
                if (!_revealed.TryGetValue(round.Id, out revealed) || revealed is null)
                {
                    revealed = await ReadRevealedAsync(db, round, cancellationToken);
                    _revealed.Set(round.Id, revealed, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromHours(2) });
                }
            }
            finally
            {
                _reading.Release();
            }
        }

        return revealed;
    }

    /// <summary>Votes that say something (a level or don't know in at least one view); never their values.</summary>
    public static Task<int> VoteCountAsync(CityMaturityDb db, Guid roundId, CancellationToken cancellationToken = default) =>
        db.WorkshopVotes.Where(v => v.RoundId == roundId)
            .Where(v => EF.Property<string?>(v, WorkshopVoteColumns.LevelNow) != null || EF.Property<string?>(v, WorkshopVoteColumns.LevelInTwoYears) != null)
            .CountAsync(cancellationToken);

    private static async Task<Revealed> ReadRevealedAsync(CityMaturityDb db, WorkshopRound round, CancellationToken cancellationToken)
    {
        var votes = await (from v in db.WorkshopVotes
                           join a in db.WorkshopAttendees on v.AttendeeId equals a.Id
                           where v.RoundId == round.Id
                           select new { v.AttendeeId, a.GroupId, Now = EF.Property<string?>(v, WorkshopVoteColumns.LevelNow), InTwoYears = EF.Property<string?>(v, WorkshopVoteColumns.LevelInTwoYears) })
            .ToListAsync(cancellationToken);
        var cast = votes
            .Select(v => new CastVote(v.GroupId, LevelAnswer.FromCode(v.Now), LevelAnswer.FromCode(v.InTwoYears)))
            .Where(v => v.LevelNow.IsAnswered || v.LevelInTwoYears.IsAnswered)
            .ToList();
        var byAttendee = votes.ToDictionary(
            v => v.AttendeeId,
            v => new WorkshopVote { RoundId = round.Id, AttendeeId = v.AttendeeId, WorkshopId = round.WorkshopId, LevelNow = LevelAnswer.FromCode(v.Now), LevelInTwoYears = LevelAnswer.FromCode(v.InTwoYears) });
        return new Revealed(AnswerFigures.Of(cast, await GroupsAsync(db, round.WorkshopId, cancellationToken)), byAttendee);
    }

    public static async Task<IReadOnlyList<(Guid Id, string Name)>> GroupsAsync(CityMaturityDb db, Guid workshopId, CancellationToken cancellationToken = default)
    {
        var groups = await (from g in db.StakeholderGroups
                            join w in db.Workshops on g.AssessmentId equals w.AssessmentId
                            where w.Id == workshopId
                            orderby g.Position
                            select new { g.Id, g.Name }).ToListAsync(cancellationToken);
        return [.. groups.Select(g => (g.Id, g.Name))];
    }

    /// <summary>A revealed round: its figures, and each attendee's vote (a phone shows its own beside the figures).</summary>
    private sealed record Revealed(AnswerFigures Figures, IReadOnlyDictionary<Guid, WorkshopVote> VotesByAttendee);

    public void Dispose()
    {
        _revealed.Dispose();
        _reading.Dispose();
    }
}
