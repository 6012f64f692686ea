using System.Globalization;
using CityMaturity.Application.Cycles;
using CityMaturity.Application.Indicators;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Plans;
using CityMaturity.Infrastructure.Database;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Plans;

/// <summary>An action as the pages, exports and the API show it.</summary>
/// <param name="Owner">The member's name, or the owner typed in.</param>
/// <param name="OwnerIsMember">True when a member owns it.</param>
/// <param name="Overdue">Open and past its due date today (UTC).</param>
/// <param name="Targets">Each indicator target judged against the published value of its year.</param>
public sealed record ActionView(ImprovementAction Action, string CharacteristicTitle, string Owner, bool OwnerIsMember, bool Overdue, IReadOnlyList<TargetCheck> Targets)
{
    public ActionListRow Row => new(Action, CharacteristicTitle, Owner, Overdue, Targets);

    public CalendarEntry Calendar => new(Action, Owner, CharacteristicTitle);
}

/// <summary>One recorded change of an action: who, when, which field, before and after.</summary>
public sealed record ActionChangeView(string Field, string? OldValue, string? NewValue, DateTimeOffset ChangedAt, string By)
{
    /// <summary>Named as the ratings' history CSV names its time column (changed_at_utc).</summary>
    public static IReadOnlyList<string> Header { get; } = ["changed_at_utc", "by", "field", "old_value", "new_value"];

    /// <summary>The cells in <see cref="Header"/> order; the time in UTC, ISO 8601 with milliseconds (<see cref="CanonicalJson.Timestamp"/>).</summary>
    public object?[] Cells() => [CanonicalJson.Timestamp(ChangedAt), By, Field, OldValue, NewValue];
}

/// <summary>A member who can own an action.</summary>
public sealed record PossibleOwner(Guid UserId, string Name);

/// <summary>The actions of the earlier of two compared cycles, each with what its characteristic did by the later one.</summary>
public sealed record PlanOutcomes(Guid EarlierAssessmentId, string EarlierName, IReadOnlyList<ActionOutcome> Actions, IReadOnlyDictionary<Guid, string> Owners);

/// <summary>
/// The improvement plan of an assessment (ADR 0032): actions on its characteristics, every change audited field by
/// field, the overdue ones, and the actions of an earlier cycle beside what moved by the next. Callers authorise
/// first (read: results viewers; change: those who manage the assessment); every query is scoped to the organisation,
/// so another organisation's ids find nothing.
/// </summary>
public sealed class ImprovementPlanService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    MaturityCatalogue catalogue,
    IValidator<ActionDraft> validator,
    IndicatorDataService indicatorData,
    IndicatorLibrary indicators,
    TimeProvider clock)
{
    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The assessment's actions in catalogue order of their characteristic, then by due date. Only with
    /// <paramref name="judgeTargets"/> are the published indicator values read and each target judged (the plan page, the
    /// exports and the API show them); otherwise <see cref="ActionView.Targets"/> is empty.
    /// </summary>
    public Task<IReadOnlyList<ActionView>> ListAsync(Guid organisationId, Guid assessmentId, bool judgeTargets, CancellationToken cancellationToken = default) =>
        ViewsAsync(organisationId, assessmentId, actionId: null, judgeTargets, cancellationToken);

    /// <summary>One action of the assessment, its targets judged as in <see cref="ListAsync"/>; null when it is not there.</summary>
    public async Task<ActionView?> FindAsync(Guid organisationId, Guid assessmentId, Guid actionId, bool judgeTargets, CancellationToken cancellationToken = default) =>
        (await ViewsAsync(organisationId, assessmentId, actionId, judgeTargets, cancellationToken)).SingleOrDefault();

    private async Task<IReadOnlyList<ActionView>> ViewsAsync(
        Guid organisationId, Guid assessmentId, Guid? actionId, bool judgeTargets, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var actions = await db.ImprovementActions.AsNoTracking().Include(a => a.Indicators)
            .Where(a => a.AssessmentId == assessmentId && a.OrganisationId == organisationId && (actionId == null || a.Id == actionId))
            .ToListAsync(cancellationToken);
        var owners = await RegisteredNames.OfAsync(db, actions.Select(a => a.OwnerUserId), cancellationToken);
        var published = judgeTargets
            ? await indicatorData.PublishedAsync(
                organisationId, [.. actions.SelectMany(a => a.Indicators).Select(i => i.IndicatorCode).Distinct(StringComparer.OrdinalIgnoreCase)], cancellationToken)
            : null;
        var today = Today;
        return [.. ActionOutcomes.InPlanOrder(actions).Select(a => View(a, owners, today, published is null ? [] : IndicatorTargetChecks.Of(a, indicators.Find, published)))];
    }

    public async Task<IReadOnlyList<PossibleOwner>> PossibleOwnersAsync(Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await (from m in db.Memberships
                      join u in db.Users on m.UserId equals u.Id
                      where m.OrganisationId == organisationId
                      orderby u.DisplayName
                      select new PossibleOwner(u.Id, u.DisplayName)).AsNoTracking().ToListAsync();
    }

    /// <summary>Adds an action and its audit rows (one per field, "before" empty).</summary>
    /// <exception cref="KeyNotFoundException">No such assessment in the organisation.</exception>
    /// <exception cref="ValidationException">The draft breaks a rule; the message says which and what to do.</exception>
    public async Task<ImprovementAction> AddAsync(Guid organisationId, Guid assessmentId, ActionDraft draft, Guid? byUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var assessment = await EditableAssessmentAsync(db, organisationId, assessmentId);
        await CheckAsync(db, assessment, draft);
        var now = clock.GetUtcNow();
        var action = new ImprovementAction
        {
            Id = Guid.NewGuid(), OrganisationId = organisationId, AssessmentId = assessmentId, Status = draft.Status,
            CreatedAt = now, CreatedByUserId = byUserId, UpdatedAt = now,
        };
        var before = Snapshot.Empty;
        Apply(action, draft);
        db.ImprovementActions.Add(action);
        var after = await SnapshotAsync(db, action);
        db.ImprovementActionChanges.AddRange(Changes(action, before, after, now, byUserId));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return action;
    }

    /// <summary>Replaces the action's fields with the draft's; one audit row per field that changed (none when nothing did).</summary>
    public async Task<ImprovementAction> UpdateAsync(Guid organisationId, Guid assessmentId, Guid actionId, ActionDraft draft, Guid? byUserId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var assessment = await EditableAssessmentAsync(db, organisationId, assessmentId);
        // Locked so two people saving at once audit one after the other, each against what the other left.
        var action = await db.ImprovementActions
            .FromSql($"SELECT * FROM improvement_actions WHERE id = {actionId} AND assessment_id = {assessmentId} AND organisation_id = {organisationId} FOR UPDATE")
            .Include(a => a.Indicators)
            .SingleOrDefaultAsync() ?? throw new KeyNotFoundException("No such action in this assessment.");
        await CheckAsync(db, assessment, draft);
        var before = await SnapshotAsync(db, action);
        Apply(action, draft);
        var after = await SnapshotAsync(db, action);
        var now = clock.GetUtcNow();
        var changes = Changes(action, before, after, now, byUserId).ToList();
        if (changes.Count > 0)
        {
            action.UpdatedAt = now;
            db.ImprovementActionChanges.AddRange(changes);
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return action;
    }

    /// <summary>The draft that would leave the action as it is (the edit form starts from it).</summary>
    public static ActionDraft DraftOf(ImprovementAction action) => new(
        action.CharacteristicCode, action.Title, action.OwnerUserId, action.OwnerName, action.DueDate, action.Status,
        [.. action.Documents], [.. action.Indicators.Select(i => new IndicatorTargetDraft(i.IndicatorCode, i.TargetValue, i.TargetYear))]);

    /// <summary>Every recorded change of the action, oldest first; empty when the action is not in this assessment.</summary>
    public async Task<IReadOnlyList<ActionChangeView>> HistoryAsync(Guid organisationId, Guid assessmentId, Guid actionId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var changes = await (from c in db.ImprovementActionChanges
                             join a in db.ImprovementActions on c.ActionId equals a.Id
                             where a.Id == actionId && a.AssessmentId == assessmentId && a.OrganisationId == organisationId
                             orderby c.Id
                             select c).AsNoTracking().ToListAsync();
        var names = await RegisteredNames.OfAsync(db, changes.Select(c => c.ByUserId));
        return [.. changes.Select(c => new ActionChangeView(c.Field, c.OldValue, c.NewValue, c.ChangedAt, names.NameOf(c.ByUserId)))];
    }

    /// <summary>
    /// The earlier compared cycle's actions, each beside its characteristic's movement and plan realisation by the later
    /// cycle; null when the series has no comparable pair.
    /// </summary>
    public async Task<PlanOutcomes?> OutcomesAsync(Guid organisationId, SeriesView series, CancellationToken cancellationToken = default)
    {
        if (series.Compared is not var (earlier, _) || series.Moved is not { } moved || series.Realisation is not { } realisation)
        {
            return null;
        }

        var actions = await ListAsync(organisationId, earlier.AssessmentId, judgeTargets: true, cancellationToken);
        var targets = actions.ToDictionary(a => a.Action.Id, a => a.Targets);
        return new PlanOutcomes(
            earlier.AssessmentId, earlier.Name,
            ActionOutcomes.Of(actions.Select(a => a.Action), a => targets[a.Id], moved, realisation),
            actions.ToDictionary(a => a.Action.Id, a => a.Owner));
    }

    /// <summary>The organisation a series belongs to, or null when there is no such series (the API checks access with it).</summary>
    public async Task<Guid?> OrganisationOfSeriesAsync(Guid seriesId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AssessmentSeries.AsNoTracking().Where(s => s.Id == seriesId).Select(s => (Guid?)s.OrganisationId).SingleOrDefaultAsync(cancellationToken);
    }

    // ---------------------------------------------------------------- rules that need the database

    private static async Task<Assessment> EditableAssessmentAsync(CityMaturityDb db, Guid organisationId, Guid assessmentId)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId && a.OrganisationId == organisationId)
            ?? throw new KeyNotFoundException("No such assessment in this organisation.");
        return assessment.Status == AssessmentStatus.Archived
            ? throw new ValidationException("This assessment is archived: its improvement plan can no longer change.")
            : assessment;
    }

    private async Task CheckAsync(CityMaturityDb db, Assessment assessment, ActionDraft draft)
    {
        var validation = await validator.ValidateAsync(draft);
        if (!validation.IsValid)
        {
            throw new ValidationException(string.Join(" ", validation.Errors.Select(e => e.ErrorMessage).Distinct()));
        }

        if (!assessment.Scope.Contains(draft.CharacteristicCode))
        {
            throw new ValidationException($"Characteristic {draft.CharacteristicCode} is not in this assessment's scope: choose one it covers.");
        }

        if (draft.OwnerUserId is { } owner
            && !await db.Memberships.AnyAsync(m => m.OrganisationId == assessment.OrganisationId && m.UserId == owner))
        {
            throw new ValidationException("The owner chosen is not a member of this organisation: choose a member or type a name.");
        }
    }

    private static void Apply(ImprovementAction action, ActionDraft draft)
    {
        action.CharacteristicCode = draft.CharacteristicCode;
        action.Title = draft.Title.Trim();
        action.OwnerUserId = draft.OwnerUserId;
        action.OwnerName = draft.OwnerUserId is null ? draft.OwnerName?.Trim() : null;
        action.DueDate = draft.DueDate!.Value;
        action.Status = draft.Status;
        action.Documents = [.. draft.Documents];
        // Reconciled in place, so a kept indicator stays the same tracked row (its key is the action and the code).
        var wanted = draft.Indicators.ToDictionary(t => t.IndicatorCode.Trim(), StringComparer.OrdinalIgnoreCase);
        action.Indicators.RemoveAll(i => !wanted.ContainsKey(i.IndicatorCode));
        foreach (var (code, target) in wanted)
        {
            var kept = action.Indicators.FirstOrDefault(i => string.Equals(i.IndicatorCode, code, StringComparison.OrdinalIgnoreCase));
            if (kept is null)
            {
                kept = new ActionIndicatorTarget { ActionId = action.Id, IndicatorCode = code };
                action.Indicators.Add(kept);
            }

            kept.TargetValue = target.TargetValue!.Value;
            kept.TargetYear = target.TargetYear!.Value;
        }
    }

    // ---------------------------------------------------------------- audit

    /// <summary>The audited fields of an action as a reader sees them (owner by name, lists joined).</summary>
    private sealed record Snapshot(IReadOnlyDictionary<string, string?> Fields)
    {
        public static Snapshot Empty { get; } = new(new Dictionary<string, string?>());
    }

    private static readonly string[] AuditedFields = ["characteristic", "title", "owner", "due_date", "status", "iso_documents", "indicators"];

    private static async Task<Snapshot> SnapshotAsync(CityMaturityDb db, ImprovementAction action)
    {
        var owner = action.OwnerUserId is { } id
            ? (await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.DisplayName).FirstOrDefaultAsync()) + " (member)"
            : action.OwnerName;
        return new Snapshot(new Dictionary<string, string?>
        {
            ["characteristic"] = action.CharacteristicCode,
            ["title"] = action.Title,
            ["owner"] = owner,
            ["due_date"] = action.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["status"] = action.Status.Key(),
            ["iso_documents"] = action.Documents.Count == 0 ? null : string.Join("; ", action.Documents),
            ["indicators"] = action.Indicators.Count == 0 ? null : string.Join("; ", action.Indicators.OrderBy(i => i.IndicatorCode, StringComparer.Ordinal).Select(ActionListRow.Target)),
        });
    }

    private static IEnumerable<ImprovementActionChange> Changes(ImprovementAction action, Snapshot before, Snapshot after, DateTimeOffset at, Guid? by) =>
        AuditedFields
            .Where(field => before.Fields.GetValueOrDefault(field) != after.Fields.GetValueOrDefault(field))
            .Select(field => new ImprovementActionChange
            {
                ActionId = action.Id, AssessmentId = action.AssessmentId, Field = field, OldValue = before.Fields.GetValueOrDefault(field),
                NewValue = after.Fields.GetValueOrDefault(field), ChangedAt = at, ByUserId = by,
            });

    // ---------------------------------------------------------------- views

    private ActionView View(ImprovementAction action, IReadOnlyDictionary<Guid, string> owners, DateOnly today, IReadOnlyList<TargetCheck> targets)
    {
        var title = catalogue.TryGetCharacteristic(action.CharacteristicCode, out var characteristic)
            ? $"{characteristic.Code} {characteristic.Title}"
            : action.CharacteristicCode;
        var owner = action.OwnerUserId is { } id
            ? owners.GetValueOrDefault(id, "(former member)")
            : action.OwnerName ?? "(no owner)";
        return new ActionView(action, title, owner, action.OwnerUserId is not null, action.IsOverdueOn(today), targets);
    }
}
