using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>An open assessment the member rates and has not finished.</summary>
public sealed record RatingTask(Guid AssessmentId, string Name, string Community, DateOnly? Deadline, int AnswersGiven, int AnswersAsked);

/// <summary>An assessment whose results the member may read.</summary>
public sealed record ResultsTask(Guid AssessmentId, string Name, string Community, AssessmentStatus Status);

public sealed record OrganisationTasks(Organisation Organisation, OrganisationRole Role, IReadOnlyList<RatingTask> ToRate, IReadOnlyList<ResultsTask> ResultsToRead);

/// <summary>
/// What a signed-in member has to do, per organisation: assessments to rate (they are a participant, it is open, they
/// have not given every answer) and results to read (open or closed assessments whose results their organisation role
/// or their role on the assessment lets them see — the same rule as <see cref="AssessmentAuthorizationHandler"/>).
/// </summary>
public sealed class MemberTasks(IDbContextFactory<CityMaturityDb> dbFactory)
{
    public async Task<IReadOnlyList<OrganisationTasks>> OfAsync(Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var memberships = await (from m in db.Memberships
                                 join o in db.Organisations on m.OrganisationId equals o.Id
                                 where m.UserId == userId
                                 orderby o.Name
                                 select new { Organisation = o, m.Role }).AsNoTracking().ToListAsync();
        var organisationIds = memberships.Select(m => m.Organisation.Id).ToList();

        var rating = await (from p in db.Participants
                            join a in db.Assessments on p.AssessmentId equals a.Id
                            where p.UserId == userId && a.Status == AssessmentStatus.Open && organisationIds.Contains(a.OrganisationId)
                            select new
                            {
                                Assessment = a,
                                Given = db.Ratings.Where(r => r.ParticipantId == p.Id).Sum(r =>
                                    (EF.Property<string?>(r, RatingColumns.LevelNow) != null ? 1 : 0) + (EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null ? 1 : 0)),
                            }).AsNoTracking().ToListAsync();

        var readable = await (from a in db.Assessments
                              where organisationIds.Contains(a.OrganisationId) && (a.Status == AssessmentStatus.Open || a.Status == AssessmentStatus.Closed)
                              select new
                              {
                                  Assessment = a,
                                  Role = db.AssessmentRoles.Where(r => r.AssessmentId == a.Id && r.UserId == userId).Select(r => (AssessmentRoleKind?)r.Role).FirstOrDefault(),
                              }).AsNoTracking().ToListAsync();

        return [.. memberships.Select(m => new OrganisationTasks(
            m.Organisation, m.Role,
            [.. rating.Where(r => r.Assessment.OrganisationId == m.Organisation.Id && r.Given < AnswerCounts.AskedOf(r.Assessment))
                .OrderBy(r => r.Assessment.Deadline ?? DateOnly.MaxValue).ThenBy(r => r.Assessment.Name)
                .Select(r => new RatingTask(r.Assessment.Id, r.Assessment.Name, r.Assessment.Community, r.Assessment.Deadline, r.Given, AnswerCounts.AskedOf(r.Assessment)))],
            [.. readable.Where(r => r.Assessment.OrganisationId == m.Organisation.Id
                    && AssessmentAccess.Grants(m.Role, r.Role, AssessmentPermission.ViewResults))
                .OrderByDescending(r => r.Assessment.CreatedAt)
                .Select(r => new ResultsTask(r.Assessment.Id, r.Assessment.Name, r.Assessment.Community, r.Assessment.Status))]))];
    }

    /// <summary>Where a member lands after signing in without a page to go back to: their one organisation's tasks, else the list.</summary>
    public async Task<string> LandingPathAsync(Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var slugs = await (from m in db.Memberships
                           join o in db.Organisations on m.OrganisationId equals o.Id
                           where m.UserId == userId
                           select o.Slug).Take(2).ToListAsync();
        return slugs.Count == 1 ? $"/orgs/{slugs[0]}" : "/orgs";
    }
}
