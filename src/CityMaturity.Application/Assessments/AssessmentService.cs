using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Accounts;
using CityMaturity.Application.Organisations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Assessments;

/// <param name="Groups">The stakeholder groups, in order; null for <see cref="AssessmentVocabulary.DefaultGroups"/>.</param>
/// <param name="Targets">Target levels of characteristics in scope; null or empty for none.</param>
public sealed record NewAssessment(
    string Name, string Community, string Purpose, AssessmentMethod Method, IReadOnlyList<string> Scope, DateOnly? Deadline,
    IReadOnlyList<string>? Groups = null, IReadOnlyDictionary<string, MaturityLevel>? Targets = null)
{
    /// <summary>The groups the assessment starts with: the given ones (cleaned, blank lines left out) or the defaults.</summary>
    public IReadOnlyList<string> GroupsToCreate =>
        Groups is null ? AssessmentVocabulary.DefaultGroups : [.. Groups.Select(PersonNames.Clean).Where(g => g.Length > 0)];
}

public enum ParticipantProgressState
{
    NotStarted,
    InProgress,
    Complete,
}

/// <param name="Answered">Characteristics with both views answered.</param>
/// <param name="LastAnswerAt">The last change of any of their answers (their last activity).</param>
/// <param name="AnswersGiven">Views answered (each characteristic asks for two), as the participant's page counts them.</param>
/// <param name="RemindersSent">Scheduled reminders that went out, earliest first.</param>
public sealed record ParticipantProgress(
    Participant Participant, string GroupName, int Answered, int Total, DateTimeOffset? LastAnswerAt,
    int AnswersGiven = 0, IReadOnlyList<ParticipantReminder>? RemindersSent = null)
{
    public int AnswersAsked => Total * 2;

    /// <summary>Started with the first view answered (not the first complete characteristic); finished with every view answered.</summary>
    public ParticipantProgressState State => AnswersGiven == 0 ? ParticipantProgressState.NotStarted
        : AnswersGiven >= AnswersAsked ? ParticipantProgressState.Complete : ParticipantProgressState.InProgress;
}

public sealed record GroupProgress(StakeholderGroup Group, int Participants, int NotStarted, int InProgress, int Complete);

public sealed record AssessmentOverview(Assessment Assessment, IReadOnlyList<StakeholderGroup> Groups, IReadOnlyList<ParticipantProgress> Participants, IReadOnlyList<AssessmentTarget> Targets);

/// <summary>
/// What the manage page shows besides the participants grid (which reads its page through <see cref="ParticipantGrid"/>):
/// the assessment, its groups with their progress counted in PostgreSQL, and its targets.
/// </summary>
public sealed record AssessmentSetup(Assessment Assessment, IReadOnlyList<StakeholderGroup> Groups, IReadOnlyList<GroupProgress> ByGroup, IReadOnlyList<AssessmentTarget> Targets);

/// <summary>Result of adding a pasted list: what was added and what was skipped and why.</summary>
public sealed record ParticipantListResult(int Added, IReadOnlyList<string> Skipped);

/// <summary>
/// Setting up and running assessments: groups, participants, personal links, status, targets, progress.
/// Callers authorise first (<see cref="Security.OrganisationAccess.FindAssessmentAsync"/>).
/// </summary>
public sealed class AssessmentService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    MaturityCatalogue catalogue,
    MailService mail,
    IValidator<NewAssessment> validator,
    IAuditFacts audits,
    TimeProvider clock)
{
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromDays(90);

    public async Task<IReadOnlyList<Assessment>> ListAsync(Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId).OrderByDescending(a => a.CreatedAt).ToListAsync();
    }

    /// <summary>Assessments in which this member is a participant (rating signed in).</summary>
    public async Task<IReadOnlyList<Assessment>> ParticipatingAsync(Guid organisationId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await (from p in db.Participants
                      join a in db.Assessments on p.AssessmentId equals a.Id
                      where p.UserId == userId && a.OrganisationId == organisationId
                      orderby a.CreatedAt descending
                      select a).AsNoTracking().ToListAsync();
    }

    public async Task<Assessment> CreateAsync(Guid organisationId, NewAssessment request, Guid? createdBy)
    {
        var validation = await validator.ValidateAsync(request);
        if (!validation.IsValid)
        {
            throw new ValidationException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage)));
        }

        var inScope = request.Scope.ToHashSet(StringComparer.Ordinal);
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, Name = request.Name.Trim(), Community = request.Community.Trim(),
            Purpose = request.Purpose, Method = request.Method, Status = AssessmentStatus.Draft,
            Scope = [.. catalogue.Characteristics.Select(c => c.Code).Where(inScope.Contains)],
            Deadline = request.Deadline, CreatedBy = createdBy, CreatedAt = clock.GetUtcNow(),
        };
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Assessments.Add(assessment);
        db.StakeholderGroups.AddRange(request.GroupsToCreate.Select((name, i) =>
            new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = name, Position = i }));
        db.AssessmentTargets.AddRange((request.Targets ?? new Dictionary<string, MaturityLevel>()).Select(t =>
            new AssessmentTarget { AssessmentId = assessment.Id, CharacteristicCode = t.Key, TargetLevel = t.Value.Number() }));
        await db.SaveChangesAsync();
        return assessment;
    }

    /// <summary>Two clicks for a member: an open single-stakeholder assessment of the whole model, with them as its participant.</summary>
    public async Task<Assessment> StartSelfAssessmentAsync(Organisation organisation, Guid userId)
    {
        AppUser user;
        await using (var users = await dbFactory.CreateDbContextAsync())
        {
            user = await users.Users.AsNoTracking().SingleAsync(u => u.Id == userId);
        }

        var assessment = await CreateAsync(organisation.Id, new NewAssessment(
            $"Self-assessment by {user.DisplayName} ({clock.GetUtcNow():yyyy-MM-dd})", organisation.Name, "baseline-review",
            AssessmentMethod.SingleStakeholder, [.. catalogue.Characteristics.Select(c => c.Code)], null), user.Id);
        await using var db = await dbFactory.CreateDbContextAsync();
        var group = await db.StakeholderGroups.Where(g => g.AssessmentId == assessment.Id).OrderBy(g => g.Position).FirstAsync();
        db.Participants.Add(new Participant
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, GroupId = group.Id, Name = user.DisplayName, Email = user.Email!,
            UserId = user.Id, CreatedAt = clock.GetUtcNow(),
        });
        var tracked = await db.Assessments.SingleAsync(a => a.Id == assessment.Id);
        tracked.Status = AssessmentStatus.Open;
        await db.SaveChangesAsync();
        return tracked;
    }

    public async Task<AssessmentOverview> OverviewAsync(Guid assessmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        var groups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == assessmentId).OrderBy(g => g.Position).ToListAsync();
        var participants = await db.Participants.AsNoTracking().Where(p => p.AssessmentId == assessmentId).OrderBy(p => p.Name).ToListAsync();
        // Counted in SQL: one row per participant (1,000), not one per rating (32,000 in the load world).
        var byParticipant = await db.Ratings.AsNoTracking()
            .Where(r => r.AssessmentId == assessmentId)
            .GroupBy(r => r.ParticipantId)
            .Select(g => new
            {
                ParticipantId = g.Key,
                Complete = g.Count(r => EF.Property<string?>(r, RatingColumns.LevelNow) != null && EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null),
                Given = g.Count(r => EF.Property<string?>(r, RatingColumns.LevelNow) != null) + g.Count(r => EF.Property<string?>(r, RatingColumns.LevelInTwoYears) != null),
                Last = g.Max(r => r.UpdatedAt),
            })
            .ToDictionaryAsync(a => a.ParticipantId, a => (a.Complete, a.Given, a.Last));
        var reminders = (await db.ParticipantReminders.AsNoTracking().Where(r => r.AssessmentId == assessmentId).ToListAsync())
            .ToLookup(r => r.ParticipantId);
        var targets = await db.AssessmentTargets.AsNoTracking().Where(t => t.AssessmentId == assessmentId).ToListAsync();
        var groupNames = groups.ToDictionary(g => g.Id, g => g.Name);
        return new AssessmentOverview(assessment, groups,
            [.. participants.Select(p => byParticipant.TryGetValue(p.Id, out var a)
                ? new ParticipantProgress(p, groupNames[p.GroupId], a.Complete, assessment.Scope.Count, a.Last, a.Given, [.. reminders[p.Id].OrderBy(r => r.SentAt)])
                : new ParticipantProgress(p, groupNames[p.GroupId], 0, assessment.Scope.Count, null, 0, [.. reminders[p.Id].OrderBy(r => r.SentAt)]))],
            targets);
    }

    /// <summary>The manage page's assessment, groups, progress per group and targets, without loading a participant.</summary>
    /// <param name="assessment">
    /// The assessment's row when the caller has just read it (a page's access check reads it with the user's standing);
    /// otherwise it is read here.
    /// </param>
    public async Task<AssessmentSetup> SetupAsync(Guid assessmentId, Assessment? assessment = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        assessment = assessment?.Id == assessmentId ? assessment : await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        var groups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == assessmentId).OrderBy(g => g.Position).ToListAsync();
        var counts = await ProgressRows.Of(db, assessmentId, assessment.Scope.Count * 2)
            .GroupBy(r => new { r.Participant.GroupId, r.State })
            .Select(g => new { g.Key.GroupId, g.Key.State, Count = g.Count() })
            .ToListAsync();
        int Count(Guid groupId, ParticipantProgressState state) => counts.Where(c => c.GroupId == groupId && c.State == (int)state).Sum(c => c.Count);
        var targets = await db.AssessmentTargets.AsNoTracking().Where(t => t.AssessmentId == assessmentId).ToListAsync();
        return new AssessmentSetup(assessment, groups,
            [.. groups.Select(g => new GroupProgress(g, counts.Where(c => c.GroupId == g.Id).Sum(c => c.Count),
                Count(g.Id, ParticipantProgressState.NotStarted), Count(g.Id, ParticipantProgressState.InProgress), Count(g.Id, ParticipantProgressState.Complete)))],
            targets);
    }

    /// <summary>The names of these participants of the assessment (e.g. those in a page of the history), by id.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> ParticipantNamesAsync(Guid assessmentId, IEnumerable<Guid> participantIds)
    {
        var ids = participantIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, string>();
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.Participants.AsNoTracking().Where(p => p.AssessmentId == assessmentId && ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name);
    }

    public async Task MoveToAsync(Guid assessmentId, AssessmentStatus status)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.SingleAsync(a => a.Id == assessmentId);
        if (!assessment.Status.CanMoveTo(status))
        {
            throw new ValidationException($"An assessment that is {assessment.Status.DisplayName().ToLowerInvariant()} cannot become {status.DisplayName().ToLowerInvariant()}.");
        }

        // Reopening would let ratings move under the auditors' feet; archiving hides what they examine.
        if (await audits.WhyFrozenAsync(db, assessmentId) is { } frozen)
        {
            throw new ValidationException(frozen);
        }

        assessment.Status = status;
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException e) when (DatabaseRefusals.Of(e) is { } byDatabase)
        {
            // An engagement committed after the check above: the database's freeze says so, in a sentence for the page.
            throw new ValidationException(byDatabase);
        }
    }

    /// <summary>Turns the scheduled reminders of one assessment on or off (those already sent stay recorded).</summary>
    public async Task SetRemindersAsync(Guid assessmentId, bool enabled)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Assessments.Where(a => a.Id == assessmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.RemindersEnabled, enabled));
    }

    public async Task SetTargetAsync(Guid assessmentId, string code, MaturityLevel? level)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        if (!assessment.Scope.Contains(code))
        {
            throw new ValidationException($"{code} is not in the scope of this assessment.");
        }

        await db.AssessmentTargets.Where(t => t.AssessmentId == assessmentId && t.CharacteristicCode == code).ExecuteDeleteAsync();
        if (level is { } target)
        {
            db.AssessmentTargets.Add(new AssessmentTarget { AssessmentId = assessmentId, CharacteristicCode = code, TargetLevel = target.Number() });
            await db.SaveChangesAsync();
        }
    }

    public async Task AddGroupAsync(Guid assessmentId, string name)
    {
        var trimmed = GroupName(name);
        await using var db = await dbFactory.CreateDbContextAsync();
        var groups = await db.StakeholderGroups.Where(g => g.AssessmentId == assessmentId).ToListAsync();
        if (groups.Any(g => string.Equals(g.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationException($"There is already a group called “{trimmed}”.");
        }

        db.StakeholderGroups.Add(new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessmentId, Name = trimmed, Position = groups.Count == 0 ? 0 : groups.Max(g => g.Position) + 1 });
        await db.SaveChangesAsync();
    }

    public async Task RenameGroupAsync(Guid assessmentId, Guid groupId, string name)
    {
        var trimmed = GroupName(name);
        await using var db = await dbFactory.CreateDbContextAsync();
        var others = await db.StakeholderGroups.Where(g => g.AssessmentId == assessmentId && g.Id != groupId).Select(g => g.Name).ToListAsync();
        if (others.Any(n => string.Equals(n, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationException($"There is already a group called “{trimmed}”.");
        }

        var group = await db.StakeholderGroups.SingleAsync(g => g.Id == groupId && g.AssessmentId == assessmentId);
        group.Name = trimmed;
        await db.SaveChangesAsync();
    }

    public async Task RemoveGroupAsync(Guid assessmentId, Guid groupId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Participants.AnyAsync(p => p.GroupId == groupId))
        {
            throw new ValidationException("Only a group without participants can be removed: move its participants first.");
        }

        await db.StakeholderGroups.Where(g => g.Id == groupId && g.AssessmentId == assessmentId).ExecuteDeleteAsync();
    }

    public async Task<Participant> AddParticipantAsync(Guid assessmentId, string name, string email, Guid groupId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var result = await AddParticipantsAsync(db, assessmentId, [(name, email, groupId)]);
        if (result.Skipped.Count > 0)
        {
            throw new ValidationException(result.Skipped[0]);
        }

        return await db.Participants.AsNoTracking().SingleAsync(p => p.AssessmentId == assessmentId && p.Email == OrganisationService.NormaliseEmail(email));
    }

    /// <summary>
    /// Adds participants from pasted lines "name, email, group" (tab or semicolon also separate). Duplicates
    /// (already in the assessment or twice in the list) and faulty lines are reported, never doubled.
    /// </summary>
    public async Task<ParticipantListResult> AddParticipantListAsync(Guid assessmentId, string text)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var groups = await db.StakeholderGroups.AsNoTracking().Where(g => g.AssessmentId == assessmentId).ToListAsync();
        var parsed = new List<(string, string, Guid)>();
        var skipped = new List<string>();
        foreach (var (line, number) in text.Split('\n').Select((l, i) => (l.Trim(), i + 1)).Where(l => l.Item1.Length > 0))
        {
            var parts = line.Split([',', ';', '\t']).Select(p => p.Trim()).ToArray();
            var group = parts.Length == 3 ? groups.FirstOrDefault(g => string.Equals(g.Name, parts[2], StringComparison.OrdinalIgnoreCase)) : null;
            if (parts.Length != 3)
            {
                skipped.Add($"Line {number}: expected “name, email, group”.");
            }
            else if (group is null)
            {
                skipped.Add($"Line {number}: there is no group “{parts[2]}” in this assessment.");
            }
            else
            {
                parsed.Add((parts[0], parts[1], group.Id));
            }
        }

        var result = await AddParticipantsAsync(db, assessmentId, parsed);
        return new ParticipantListResult(result.Added, [.. skipped, .. result.Skipped]);
    }

    private async Task<ParticipantListResult> AddParticipantsAsync(CityMaturityDb db, Guid assessmentId, IReadOnlyList<(string Name, string Email, Guid GroupId)> people)
    {
        var existing = (await db.Participants.Where(p => p.AssessmentId == assessmentId).Select(p => p.Email).ToListAsync())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Members of the organisation rate signed in (no link needed); everyone else gets a personal link.
        var organisationId = await db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.OrganisationId).SingleAsync();
        var members = (await (from m in db.Memberships
                              join u in db.Users on m.UserId equals u.Id
                              where m.OrganisationId == organisationId
                              select new { u.Id, u.NormalizedEmail }).ToListAsync())
            .ToDictionary(m => m.NormalizedEmail!, m => m.Id, StringComparer.Ordinal);
        var skipped = new List<string>();
        var added = 0;
        foreach (var (name, email, groupId) in people)
        {
            string address;
            try
            {
                address = OrganisationService.NormaliseEmail(email);
            }
            catch (ValidationException e)
            {
                skipped.Add(e.Message);
                continue;
            }

            var trimmedName = PersonNames.Clean(name);
            if (trimmedName.Length is 0 or > PersonNames.MaxLength)
            {
                skipped.Add($"{address}: a name of 1 to {PersonNames.MaxLength} characters is needed (control characters and text-direction controls do not count).");
            }
            else if (!existing.Add(address))
            {
                skipped.Add($"{address} is already a participant.");
            }
            else
            {
                db.Participants.Add(new Participant
                {
                    Id = Guid.NewGuid(), AssessmentId = assessmentId, GroupId = groupId, Name = trimmedName, Email = address,
                    UserId = members.TryGetValue(address.ToUpperInvariant(), out var memberId) ? memberId : null, CreatedAt = clock.GetUtcNow(),
                });
                added++;
            }
        }

        await db.SaveChangesAsync();
        return new ParticipantListResult(added, skipped);
    }

    /// <summary>
    /// Issues a new personal rating link (the previous one stops working), mails it and returns it. Only the
    /// token's hash is stored, so a reminder must carry a fresh link. A reminder says what is left to do.
    /// </summary>
    public async Task<string> SendLinkAsync(Guid assessmentId, Guid participantId, Uri baseUri, bool reminder)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var participant = await db.Participants.SingleAsync(p => p.Id == participantId && p.AssessmentId == assessmentId);
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessmentId);
        var url = IssueLink(participant, baseUri, clock.GetUtcNow(), reminder);
        await db.SaveChangesAsync();
        var text = reminder
            ? RatingMail.Reminder(assessment, participant.Name, url, await AnswerCounts.GivenAsync(db, participantId), AnswerCounts.AskedOf(assessment), freshLink: true)
            : RatingMail.Invitation(assessment, participant.Name, url);
        await mail.SendAsync(participant.Email, text.Subject, text.Body, kind: reminder ? OutboxKinds.Reminder : OutboxKinds.Invitation);
        return url;
    }

    /// <summary>Gives the (tracked) participant a new personal link, replacing the earlier one; returns its address.</summary>
    internal static string IssueLink(Participant participant, Uri baseUri, DateTimeOffset now, bool reminder)
    {
        var (token, hash) = InvitationTokens.Create();
        participant.TokenHash = hash;
        participant.TokenExpiresAt = now + LinkLifetime;
        participant.TokenRevokedAt = null;
        if (reminder)
        {
            participant.RemindedAt = now;
        }
        else
        {
            participant.InvitedAt = now;
        }

        return new Uri(baseUri, $"rate/{token}").ToString();
    }

    public async Task RevokeLinkAsync(Guid assessmentId, Guid participantId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Participants.Where(p => p.Id == participantId && p.AssessmentId == assessmentId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.TokenRevokedAt, clock.GetUtcNow()));
    }

    /// <summary>
    /// Sends the first invitation to every outside participant who has none yet; links already sent stay valid.
    /// Members rate signed in and get no link. Returns how many were invited.
    /// </summary>
    public async Task<int> InviteUninvitedAsync(Guid assessmentId, Uri baseUri)
    {
        List<Guid> uninvited;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            uninvited = await db.Participants.Where(p => p.AssessmentId == assessmentId && p.UserId == null && p.InvitedAt == null)
                .OrderBy(p => p.CreatedAt).Select(p => p.Id).ToListAsync();
        }

        foreach (var participantId in uninvited)
        {
            await SendLinkAsync(assessmentId, participantId, baseUri, reminder: false);
        }

        return uninvited.Count;
    }

    /// <summary>Sends a fresh link to every participant with a link who has not completed; returns how many.</summary>
    public async Task<int> RemindBehindAsync(Guid assessmentId, Uri baseUri)
    {
        var overview = await OverviewAsync(assessmentId);
        var behind = overview.Participants.Where(p => p.State != ParticipantProgressState.Complete && p.Participant.UserId is null).ToList();
        foreach (var participant in behind)
        {
            await SendLinkAsync(assessmentId, participant.Participant.Id, baseUri, reminder: true);
        }

        return behind.Count;
    }

    public sealed record AssessmentRoleView(Guid UserId, string DisplayName, string Email, AssessmentRoleKind Role);

    /// <summary>Members of the organisation given a role on this assessment only.</summary>
    public async Task<IReadOnlyList<AssessmentRoleView>> RolesAsync(Guid assessmentId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await (from r in db.AssessmentRoles
                      join u in db.Users on r.UserId equals u.Id
                      where r.AssessmentId == assessmentId
                      orderby u.DisplayName
                      select new AssessmentRoleView(u.Id, u.DisplayName, u.Email!, r.Role)).AsNoTracking().ToListAsync();
    }

    /// <summary>Makes a member of the assessment's organisation its facilitator or observer (replacing an earlier role).</summary>
    public async Task AssignRoleAsync(Guid assessmentId, string email, AssessmentRoleKind role)
    {
        var address = OrganisationService.NormaliseEmail(email).ToUpperInvariant();
        await using var db = await dbFactory.CreateDbContextAsync();
        var organisationId = await db.Assessments.Where(a => a.Id == assessmentId).Select(a => a.OrganisationId).SingleAsync();
        var userId = await (from m in db.Memberships
                            join u in db.Users on m.UserId equals u.Id
                            where m.OrganisationId == organisationId && u.NormalizedEmail == address
                            select (Guid?)u.Id).SingleOrDefaultAsync()
            ?? throw new ValidationException($"{email.Trim()} is not a member of this organisation: invite them to the organisation first.");
        await db.AssessmentRoles.Where(r => r.AssessmentId == assessmentId && r.UserId == userId).ExecuteDeleteAsync();
        db.AssessmentRoles.Add(new AssessmentRole { AssessmentId = assessmentId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    public async Task RemoveRoleAsync(Guid assessmentId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.AssessmentRoles.Where(r => r.AssessmentId == assessmentId && r.UserId == userId).ExecuteDeleteAsync();
    }

    /// <summary>The latest changes of the assessment's answers (newest first), and how many there are in all.</summary>
    public async Task<(IReadOnlyList<RatingChange> Latest, int Total)> HistoryAsync(Guid assessmentId, int limit = 200)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var changes = db.RatingChanges.AsNoTracking().Where(c => c.AssessmentId == assessmentId);
        var latest = await changes.OrderByDescending(c => c.ChangedAt).ThenByDescending(c => c.Id).Take(limit).ToListAsync();
        return (latest, latest.Count < limit ? latest.Count : await changes.CountAsync());
    }

    public const int MaxGroupNameLength = 100;

    public const string GroupNameRule = "A group name has 1 to 100 characters.";

    /// <summary>A group's name as stored: cleaned like a person's name (no control or text-direction characters).</summary>
    private static string GroupName(string name)
    {
        var cleaned = PersonNames.Clean(name);
        return cleaned.Length is 0 or > MaxGroupNameLength ? throw new ValidationException(GroupNameRule) : cleaned;
    }
}

public sealed class NewAssessmentValidator : AbstractValidator<NewAssessment>
{
    public const int MaxGroups = 30;

    public NewAssessmentValidator(MaturityCatalogue catalogue)
    {
        RuleFor(a => a.Name).Must(n => n.Trim().Length is > 0 and <= 200).WithMessage("The name needs 1 to 200 characters.");
        RuleFor(a => a.Community).Must(n => n.Trim().Length is > 0 and <= 200).WithMessage("The community assessed needs 1 to 200 characters.");
        RuleFor(a => a.Purpose).Must(p => AssessmentVocabulary.PurposeKeys.Contains(p)).WithMessage("Choose the ISO 37104 stage the assessment serves.");
        RuleFor(a => a.Method).IsInEnum().WithMessage("Choose an assessment method.");
        RuleFor(a => a.Scope).NotEmpty().WithMessage("Choose at least one characteristic.")
            .Must(scope => scope.All(code => catalogue.TryGetCharacteristic(code, out _))).WithMessage("The scope names a characteristic that does not exist.");
        RuleFor(a => a.GroupsToCreate).NotEmpty().WithMessage("Name at least one stakeholder group.")
            .Must(groups => groups.Count <= MaxGroups).WithMessage($"An assessment has at most {MaxGroups} stakeholder groups.")
            .Must(groups => groups.All(g => g.Length <= AssessmentService.MaxGroupNameLength)).WithMessage(AssessmentService.GroupNameRule)
            .Must(groups => groups.Distinct(StringComparer.OrdinalIgnoreCase).Count() == groups.Count).WithMessage("Each stakeholder group needs its own name: two are called the same.");
        RuleFor(a => a.Targets).Must((assessment, targets) => targets is null || targets.All(t => assessment.Scope.Contains(t.Key) && Enum.IsDefined(t.Value)))
            .WithMessage("A target is set for a characteristic outside the scope; set targets only for characteristics the assessment covers.");
    }
}
