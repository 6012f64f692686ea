using System.Linq.Expressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>What the participants grid sorts by: one value per column.</summary>
public enum ParticipantSort
{
    Name,
    Email,
    Group,
    AnswersGiven,
    Complete,
    State,
    LastActivity,
    /// <summary>Scheduled reminders sent, then the latest sent (the column's text depends on the clock, so it is not the key).</summary>
    Reminders,
}

/// <summary>One page of the participants grid.</summary>
/// <param name="Page">0-based.</param>
/// <param name="PageSize">1 to <see cref="MaxPageSize"/>; outside, the nearest.</param>
/// <param name="Search">Matched anywhere in the name, email, group name, state name or reminders text (as the grid shows it), ignoring case; blank: everyone.</param>
/// <param name="State">Only participants in this state; null: every state.</param>
public sealed record ParticipantPageRequest(
    int Page, int PageSize, string? Search = null, ParticipantProgressState? State = null, ParticipantSort Sort = ParticipantSort.Name, bool Descending = false)
{
    public const int MaxPageSize = 250;

    /// <summary>The page the manage page's first render shows: the first 50 by name.</summary>
    public static readonly ParticipantPageRequest First = new(0, 50);
}

/// <summary>The participants of one page and how many match in all (for the pager).</summary>
public sealed record ParticipantPage(IReadOnlyList<ParticipantProgress> Rows, int Total)
{
    public static readonly ParticipantPage Empty = new([], 0);
}

/// <summary>How the grid and the progress table name a participant's state.</summary>
public static class ParticipantStates
{
    public static string Name(ParticipantProgressState state) => state switch
    {
        ParticipantProgressState.NotStarted => "Not started",
        ParticipantProgressState.InProgress => "In progress",
        ParticipantProgressState.Complete => "Finished",
    };

    /// <summary>The state's key in addresses, CSS classes and the state filter.</summary>
    public static string Key(ParticipantProgressState state) => state switch
    {
        ParticipantProgressState.NotStarted => "not-started",
        ParticipantProgressState.InProgress => "in-progress",
        ParticipantProgressState.Complete => "finished",
    };
}

/// <summary>
/// The manage page's participants, one page at a time: search, state filter, sorting, paging and the total all in
/// PostgreSQL (the answers counted per participant there too), so a render reads the rows it shows, not the
/// assessment's thousand. Scoped to an organisation as well as the assessment: a caller authorises first
/// (<c>OrganisationAccess</c>), and an assessment of another organisation yields nothing.
/// </summary>
public sealed class ParticipantGrid(IDbContextFactory<CityMaturityDb> dbFactory, TimeProvider clock)
{
    public async Task<ParticipantPage> PageAsync(Guid organisationId, Guid assessmentId, ParticipantPageRequest request, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.Assessments.AsNoTracking().Where(a => a.Id == assessmentId && a.OrganisationId == organisationId)
            .Select(a => new { Characteristics = a.Scope.Count, a.Deadline, a.RemindersEnabled, a.Status }).SingleOrDefaultAsync(cancellationToken);
        if (assessment is null)
        {
            return ParticipantPage.Empty;
        }

        var characteristics = assessment.Characteristics;
        // The reminders column's text as the page shows it now (ReminderStatus), for the search.
        var reminders = ReminderOutlook.Of(assessment.Deadline, assessment.RemindersEnabled, assessment.Status, clock.GetUtcNow());

        // When neither the filter nor the order looks at the answers (the first render, a name search, sorting by name,
        // email or group), the people are paged alone and only the page's answers are counted; otherwise every
        // participant's answers are counted first.
        var answersDecide = AnswersDecide(request);
        var asked = characteristics * 2;
        var matching = Filter(db, answersDecide ? ProgressRows.Of(db, assessmentId, asked) : ProgressRows.People(db, assessmentId), request, reminders);
        var total = await matching.CountAsync(cancellationToken);
        var size = Math.Clamp(request.PageSize, 1, ParticipantPageRequest.MaxPageSize);
        var page = await Sorted(db, matching, request).Skip(Math.Max(0, request.Page) * size).Take(size).ToListAsync(cancellationToken);
        var ids = page.Select(r => r.Participant.Id).ToList();
        if (!answersDecide)
        {
            var counted = await ProgressRows.Of(db, assessmentId, asked, ids).ToDictionaryAsync(r => r.Participant.Id, cancellationToken);
            page = [.. page.Select(r => counted[r.Participant.Id])];
        }

        var sent = (await db.ParticipantReminders.AsNoTracking().Where(r => ids.Contains(r.ParticipantId)).ToListAsync(cancellationToken))
            .ToLookup(r => r.ParticipantId);
        return new ParticipantPage(
            [.. page.Select(r => new ParticipantProgress(r.Participant, r.GroupName, r.Complete, characteristics, r.Last, r.Given, [.. sent[r.Participant.Id].OrderBy(x => x.SentAt).ThenByDescending(x => x.DaysBefore)]))],
            total);
    }

    /// <summary>
    /// Whether the state filter, a search, or the order needs each participant's answers counted. Any search does: the
    /// reminders text it looks into says "finished: no more" for those who finished, instead of what is due.
    /// </summary>
    private static bool AnswersDecide(ParticipantPageRequest request) =>
        request.State is not null
        || request.Sort is not (ParticipantSort.Name or ParticipantSort.Email or ParticipantSort.Group)
        || !string.IsNullOrWhiteSpace(request.Search);

    private static List<int> StatesNamed(string? search) => string.IsNullOrEmpty(search)
        ? []
        : [.. Enum.GetValues<ParticipantProgressState>().Where(s => ParticipantStates.Name(s).Contains(search, StringComparison.OrdinalIgnoreCase)).Select(s => (int)s)];

    private static IQueryable<ProgressRow> Filter(CityMaturityDb db, IQueryable<ProgressRow> rows, ParticipantPageRequest request, ReminderOutlook reminders)
    {
        if (request.State is { } state)
        {
            var wanted = (int)state;
            rows = rows.Where(r => r.State == wanted);
        }

        if (request.Search?.Trim() is { Length: > 0 } search)
        {
            var pattern = $"%{Escaped(search)}%";
            var states = StatesNamed(search);
            Expression<Func<ProgressRow, bool>> columns = r => EF.Functions.ILike(r.Participant.Name, pattern, EscapeCharacter)
                || EF.Functions.ILike(r.Participant.Email, pattern, EscapeCharacter)
                || EF.Functions.ILike(r.GroupName, pattern, EscapeCharacter)
                || states.Contains(r.State);
            // The reminders column last: its text is built per row (PostgreSQL stops at the first branch that matches).
            var text = ReminderStatus.TextInSql(db, reminders);
            Expression<Func<string, bool>> like = t => EF.Functions.ILike(t, pattern, EscapeCharacter);
            var row = columns.Parameters[0];
            var remindersMatch = new ParameterSubstitute(like.Parameters[0], new ParameterSubstitute(text.Parameters[0], row).Visit(text.Body)).Visit(like.Body);
            rows = rows.Where(Expression.Lambda<Func<ProgressRow, bool>>(Expression.OrElse(columns.Body, remindersMatch), row));
        }

        return rows;
    }

    private const string EscapeCharacter = "\\";

    /// <summary>The search as literal text inside a LIKE pattern: its %, _ and \ stand for themselves.</summary>
    private static string Escaped(string search) =>
        search.Replace(EscapeCharacter, EscapeCharacter + EscapeCharacter, StringComparison.Ordinal)
            .Replace("%", EscapeCharacter + "%", StringComparison.Ordinal)
            .Replace("_", EscapeCharacter + "_", StringComparison.Ordinal);

    /// <summary>The requested order, then name and id, so pages neither overlap nor skip anyone.</summary>
    private static IQueryable<ProgressRow> Sorted(CityMaturityDb db, IQueryable<ProgressRow> rows, ParticipantPageRequest request)
    {
        var descending = request.Descending;
        var sorted = request.Sort switch
        {
            ParticipantSort.Email => By(rows, r => r.Participant.Email, descending),
            ParticipantSort.Group => By(rows, r => r.GroupName, descending),
            ParticipantSort.AnswersGiven => By(rows, r => r.Given, descending),
            ParticipantSort.Complete => By(rows, r => r.Complete, descending),
            ParticipantSort.State => By(rows, r => r.State, descending),
            // No activity sorts before any (as a null does in .NET), in PostgreSQL's order too.
            ParticipantSort.LastActivity => Then(By(rows, r => r.Last != null, descending), r => r.Last, descending),
            ParticipantSort.Reminders => Then(
                By(rows, r => db.ParticipantReminders.Count(x => x.ParticipantId == r.Participant.Id), descending),
                r => db.ParticipantReminders.Where(x => x.ParticipantId == r.Participant.Id).Max(x => (DateTimeOffset?)x.SentAt), descending),
            _ => By(rows, r => r.Participant.Name, descending),
        };
        return request.Sort == ParticipantSort.Name
            ? Then(sorted, r => r.Participant.Id, descending)
            : sorted.ThenBy(r => r.Participant.Name).ThenBy(r => r.Participant.Id);
    }

    private static IOrderedQueryable<ProgressRow> By<TKey>(IQueryable<ProgressRow> rows, Expression<Func<ProgressRow, TKey>> key, bool descending) =>
        descending ? rows.OrderByDescending(key) : rows.OrderBy(key);

    private static IOrderedQueryable<ProgressRow> Then<TKey>(IOrderedQueryable<ProgressRow> rows, Expression<Func<ProgressRow, TKey>> key, bool descending) =>
        descending ? rows.ThenByDescending(key) : rows.ThenBy(key);
}

/// <summary>One participant with their answers counted in SQL; composable (filtered, grouped, sorted) before it is read.</summary>
internal sealed class ProgressRow
{
    public required Participant Participant { get; init; }
    public required string GroupName { get; init; }
    public int Given { get; init; }
    public int Complete { get; init; }
    public DateTimeOffset? Last { get; init; }

    /// <summary><see cref="ParticipantProgressState"/> as a number, computed in SQL as <see cref="ParticipantProgress.State"/> does.</summary>
    public int State { get; init; }
}

internal static class ProgressRows
{
    /// <summary>
    /// Every participant of the assessment with their group's name, views answered, characteristics complete, last
    /// change and state: one row per participant from a <c>GROUP BY participant_id</c> of the ratings.
    /// </summary>
    public static IQueryable<ProgressRow> Of(CityMaturityDb db, Guid assessmentId, int answersAsked, IReadOnlyCollection<Guid>? onlyParticipants = null)
    {
        var ratings = db.Ratings.Where(r => r.AssessmentId == assessmentId);
        var participants = db.Participants.AsNoTracking().Where(p => p.AssessmentId == assessmentId);
        if (onlyParticipants is not null)
        {
            ratings = ratings.Where(r => onlyParticipants.Contains(r.ParticipantId));
            participants = participants.Where(p => onlyParticipants.Contains(p.Id));
        }

        var answers = ratings
            .GroupBy(r => r.ParticipantId)
            .Select(g => new
            {
                ParticipantId = g.Key,
                Complete = g.Count(r => EF.Property<string?>(r, RatingColumns.LevelNow) != null && EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null),
                Given = g.Count(r => EF.Property<string?>(r, RatingColumns.LevelNow) != null) + g.Count(r => EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null),
                Last = (DateTimeOffset?)g.Max(r => r.UpdatedAt),
            });
        var counted = from p in participants
                      join g in db.StakeholderGroups on p.GroupId equals g.Id
                      join a in answers on p.Id equals a.ParticipantId into answered
                      from a in answered.DefaultIfEmpty()
                      select new { Participant = p, GroupName = g.Name, Given = (int?)a.Given ?? 0, Complete = (int?)a.Complete ?? 0, Last = (DateTimeOffset?)a.Last };
        return counted.Select(r => new ProgressRow
        {
            Participant = r.Participant, GroupName = r.GroupName, Given = r.Given, Complete = r.Complete, Last = r.Last,
            State = r.Given == 0 ? (int)ParticipantProgressState.NotStarted
                : r.Given >= answersAsked ? (int)ParticipantProgressState.Complete : (int)ParticipantProgressState.InProgress,
        });
    }

    /// <summary>
    /// Every participant of the assessment with their group's name and no answers counted (zeros, no last change): for
    /// filtering and ordering by the people's own columns before only one page's answers are counted.
    /// </summary>
    public static IQueryable<ProgressRow> People(CityMaturityDb db, Guid assessmentId) =>
        from p in db.Participants.AsNoTracking()
        where p.AssessmentId == assessmentId
        join g in db.StakeholderGroups on p.GroupId equals g.Id
        select new ProgressRow { Participant = p, GroupName = g.Name, Given = 0, Complete = 0, Last = null, State = 0 };
}
