using System.Diagnostics;
using System.Security.Cryptography;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Indicators;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Evidence;

/// <summary>Who adds or removes: a participant (on their own answer) or a signed-in user running the assessment.</summary>
public sealed record EvidenceActor(Guid? UserId, Guid? ParticipantId)
{
    public bool IsParticipant => ParticipantId is not null;

    public static EvidenceActor Participant(Guid participantId, Guid? userId) => new(userId, participantId);

    public static EvidenceActor Manager(Guid userId) => new(userId, null);
}

/// <summary>Where an item goes: a characteristic of an assessment, optionally a recorded consensus decision on it.</summary>
public sealed record EvidenceTarget(Assessment Assessment, string? CharacteristicCode, Guid? ConsensusDecisionId = null);

public abstract record EvidenceOutcome
{
    public sealed record Added(EvidenceItem Item) : EvidenceOutcome;

    public sealed record Removed(EvidenceItem Item) : EvidenceOutcome;

    /// <summary>Refused with a message for the person; <see cref="Kind"/> says why (the endpoints turn it into a status code).</summary>
    public sealed record Refused(RefusalKind Kind, string Title, string Message) : EvidenceOutcome;
}

/// <summary>A checked document and its bytes, ready to store.</summary>
public sealed record EvidenceDocument(EvidenceItem Item, EvidenceFile File);

/// <summary>The document ready to store, or the refusal that says why it cannot be added: one or the other, never both.</summary>
public abstract record PreparedDocument
{
    private PreparedDocument()
    {
    }

    public sealed record Ready(EvidenceDocument Document) : PreparedDocument;

    public sealed record Refused(EvidenceOutcome.Refused Refusal) : PreparedDocument;

    public static implicit operator PreparedDocument(EvidenceOutcome.Refused refusal) => new Refused(refusal);
}

/// <summary>An item as a list shows it: never the file's bytes. <see cref="Mine"/> is true for the viewer's own items.</summary>
public sealed record EvidenceView(
    Guid Id, string Code, string Kind, string Title, string? Url, string? IndicatorCode, int? IndicatorYear, string? ContentType,
    long? SizeBytes, string? Sha256, DateTimeOffset AddedAt, string AddedBy, bool Mine, bool OnConsensus, bool IsDemo);

/// <summary>
/// Evidence on an assessment's characteristics (ADR 0025): documents, links and indicator references; adding and
/// removing, each audited; the lists and counts the rating page, the workshop views, the dashboard, the report and the
/// API show. Files are checked by content before anything is written and stored in PostgreSQL with their SHA-256.
/// </summary>
public sealed class EvidenceService(
    IDbContextFactory<CityMaturityDb> dbFactory, EvidenceOptions options, TimeProvider clock, IServiceProvider services)
{
    public const int MaxItemsPerCharacteristic = 50;

    public EvidenceOptions Options => options;

    /// <summary>Why nothing can be added here (assessment not taking changes, characteristic not in scope), or null.</summary>
    public static EvidenceOutcome.Refused? WhyNotHere(EvidenceTarget target, EvidenceActor actor)
    {
        var assessment = target.Assessment;
        if (actor.IsParticipant ? !assessment.AcceptsRatings : assessment.Status == AssessmentStatus.Archived)
        {
            return new EvidenceOutcome.Refused(RefusalKind.RuleBroken, "Not added",
                $"This assessment is {assessment.Status.DisplayName().ToLowerInvariant()}: its evidence can no longer change.");
        }

        if (string.IsNullOrWhiteSpace(target.CharacteristicCode) || !assessment.Scope.Contains(target.CharacteristicCode))
        {
            return new EvidenceOutcome.Refused(RefusalKind.RuleBroken, "Not added",
                $"“{Shorten(target.CharacteristicCode)}” is not a characteristic of this assessment.");
        }

        return null;
    }

    public async Task<EvidenceOutcome> AddLinkAsync(EvidenceTarget target, string? url, EvidenceActor actor, bool isDemo = false)
    {
        if (WhyNotHere(target, actor) is { } refused)
        {
            return refused;
        }

        var address = url?.Trim() ?? string.Empty;
        if (!EvidenceLinks.IsWebAddress(address))
        {
            return new EvidenceOutcome.Refused(RefusalKind.Malformed, "Not added", EvidenceLinks.NotAWebAddress(address));
        }

        var item = NewItem(target, actor, EvidenceKind.Link, address, isDemo);
        item.Url = address;
        return await SaveAsync(target, item, file: null);
    }

    public async Task<EvidenceOutcome> AddIndicatorAsync(EvidenceTarget target, string? indicatorCode, int? year, EvidenceActor actor, bool isDemo = false)
    {
        if (WhyNotHere(target, actor) is { } refused)
        {
            return refused;
        }

        var code = indicatorCode?.Trim() ?? string.Empty;
        if (code.Length is 0 or > 60 || year is not (>= 1900 and <= 2200))
        {
            return new EvidenceOutcome.Refused(RefusalKind.Malformed, "Not added",
                "An indicator reference names an indicator code (at most 60 characters) and a year between 1900 and 2200.");
        }

        // The library is there once the indicator frameworks are registered; until then any well-formed code is kept.
        if (services.GetService<IndicatorLibrary>() is { } library)
        {
            if (library.Find(code) is not { } indicator)
            {
                return new EvidenceOutcome.Refused(RefusalKind.Malformed, "Not added", $"No indicator framework has the code “{Shorten(code)}”.");
            }

            code = indicator.Code;
        }

        var item = NewItem(target, actor, EvidenceKind.Indicator, $"{code} ({year})", isDemo);
        item.IndicatorCode = code;
        item.IndicatorYear = year;
        return await SaveAsync(target, item, file: null);
    }

    /// <summary>
    /// Reads the upload as it arrives and stops at one byte over the limit: an oversize body is never held whole. The
    /// declared length, when sent, is checked before reading anything. The type comes from the bytes alone.
    /// </summary>
    public async Task<EvidenceOutcome> AddDocumentAsync(
        EvidenceTarget target, Stream body, long? declaredLength, string? fileName, EvidenceActor actor, CancellationToken cancellationToken, bool isDemo = false)
    {
        return await PrepareDocumentAsync(target, body, declaredLength, fileName, actor, cancellationToken, isDemo) switch
        {
            PreparedDocument.Ready { Document: var document } => await SaveAsync(target, document.Item, document.File),
            PreparedDocument.Refused { Refusal: var refused } => refused,
            _ => throw new UnreachableException(),
        };
    }

    /// <summary>
    /// The checked document, not yet stored (<see cref="AddDocumentAsync"/> stores it at once; another feature stores it
    /// inside its own transaction with <see cref="SaveInAsync"/>), or why not.
    /// </summary>
    public async Task<PreparedDocument> PrepareDocumentAsync(
        EvidenceTarget target, Stream body, long? declaredLength, string? fileName, EvidenceActor actor, CancellationToken cancellationToken, bool isDemo = false)
    {
        if (WhyNotHere(target, actor) is { } refused)
        {
            return refused;
        }

        if (declaredLength > options.MaxFileBytes)
        {
            return TooLarge();
        }

        var content = await ReadAtMostAsync(body, options.MaxFileBytes, declaredLength, cancellationToken);
        if (content is null)
        {
            return TooLarge();
        }

        if (UploadTypes.Detect(content) is UploadCheck.Refused wrongType)
        {
            return new EvidenceOutcome.Refused(
                content.Length == 0 ? RefusalKind.Malformed : RefusalKind.UnsupportedType, "Not added", wrongType.Message);
        }

        var type = ((UploadCheck.Accepted)UploadTypes.Detect(content)).Type;
        var item = NewItem(target, actor, EvidenceKind.Document, EvidenceFileNames.Clean(fileName, type), isDemo);
        item.ContentType = type.ContentType;
        item.SizeBytes = content.Length;
        item.Sha256 = SHA256.HashData(content);
        return new PreparedDocument.Ready(new EvidenceDocument(item, new EvidenceFile { EvidenceId = item.Id, Content = content }));
    }

    private EvidenceOutcome.Refused TooLarge() => new(RefusalKind.TooLarge, "Not added",
        $"The file is larger than {EvidenceOptions.Megabytes(options.MaxFileBytes)}, the most a document can be.");

    /// <summary>The body's bytes, or null as soon as it proves longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAtMostAsync(Stream body, long limit, long? declaredLength, CancellationToken cancellationToken)
    {
        using var kept = new MemoryStream((int)Math.Min(declaredLength ?? 64 * 1024, limit));
        var buffer = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            if (kept.Length + read > limit)
            {
                return null;
            }

            kept.Write(buffer, 0, read);
        }

        return kept.ToArray();
    }

    private EvidenceItem NewItem(EvidenceTarget target, EvidenceActor actor, EvidenceKind kind, string title, bool isDemo) => new()
    {
        Id = Guid.NewGuid(),
        OrganisationId = target.Assessment.OrganisationId,
        AssessmentId = target.Assessment.Id,
        CharacteristicCode = target.CharacteristicCode!,
        ParticipantId = actor.ParticipantId,
        ConsensusDecisionId = target.ConsensusDecisionId,
        Kind = kind,
        Title = title,
        IsDemo = isDemo,
        AddedAt = clock.GetUtcNow(),
        AddedByUserId = actor.UserId,
        AddedByParticipantId = actor.ParticipantId,
    };

    /// <summary>One transaction: <see cref="SaveInAsync"/>, then commit.</summary>
    private async Task<EvidenceOutcome> SaveAsync(EvidenceTarget target, EvidenceItem item, EvidenceFile? file)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var outcome = await SaveInAsync(db, target, item, file);
        if (outcome is EvidenceOutcome.Added)
        {
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        return outcome;
    }

    /// <summary>
    /// Inside the caller's transaction: the assessment's state read again (it may have closed since the request began),
    /// the consensus decision checked, the organisation's quota checked under a lock (two uploads at once cannot both
    /// squeeze in), then the item, its file and its audit row added to <paramref name="db"/>. The caller saves and commits.
    /// </summary>
    public async Task<EvidenceOutcome> SaveInAsync(CityMaturityDb db, EvidenceTarget target, EvidenceItem item, EvidenceFile? file)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == item.AssessmentId);
        var actor = new EvidenceActor(item.AddedByUserId, item.AddedByParticipantId);
        if (WhyNotHere(target with { Assessment = assessment }, actor) is { } refused)
        {
            return refused;
        }

        if (item.ConsensusDecisionId is { } decisionId
            && !await db.ConsensusDecisions.AnyAsync(d => d.Id == decisionId && d.AssessmentId == item.AssessmentId && d.CharacteristicCode == item.CharacteristicCode))
        {
            return new EvidenceOutcome.Refused(RefusalKind.RuleBroken, "Not added", "That consensus decision is not one of this characteristic in this assessment.");
        }

        var onCharacteristic = await db.EvidenceItems.CountAsync(e => e.AssessmentId == item.AssessmentId && e.CharacteristicCode == item.CharacteristicCode && e.RemovedAt == null);
        if (onCharacteristic >= MaxItemsPerCharacteristic)
        {
            return new EvidenceOutcome.Refused(RefusalKind.RuleBroken, "Not added", $"A characteristic can have at most {MaxItemsPerCharacteristic} evidence items.");
        }

        if (file is not null)
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(hashtextextended('evidence-quota:' || {item.OrganisationId.ToString()}, 0))");
            var used = await db.EvidenceItems.Where(e => e.OrganisationId == item.OrganisationId && e.RemovedAt == null && e.SizeBytes != null).SumAsync(e => e.SizeBytes) ?? 0;
            var slug = await db.Organisations.Where(o => o.Id == item.OrganisationId).Select(o => o.Slug).SingleAsync();
            var quota = options.QuotaFor(slug);
            if (used + item.SizeBytes > quota)
            {
                return new EvidenceOutcome.Refused(RefusalKind.TooLarge, "Not added",
                    $"Your organisation's documents would exceed its quota of {EvidenceOptions.Megabytes(quota)} ({EvidenceOptions.Megabytes(used)} used). Remove documents no longer needed, or ask the administrator for more room.");
            }

            db.EvidenceFiles.Add(file);
        }

        db.EvidenceItems.Add(item);
        db.EvidenceChanges.Add(Change(item, EvidenceAction.Added, item.AddedAt, actor));
        return new EvidenceOutcome.Added(item);
    }

    /// <summary>A participant removes only their own items; someone running the assessment removes any of it.</summary>
    public async Task<EvidenceOutcome> RemoveAsync(Assessment assessment, Guid evidenceId, EvidenceActor actor)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var item = await db.EvidenceItems.SingleOrDefaultAsync(e => e.Id == evidenceId && e.AssessmentId == assessment.Id && e.RemovedAt == null);
        if (item is null || (actor.IsParticipant && item.ParticipantId != actor.ParticipantId))
        {
            return new EvidenceOutcome.Refused(RefusalKind.NotFound, "Not found", "There is no such evidence item of yours on this assessment.");
        }

        var current = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == assessment.Id);
        if (WhyNotHere(new EvidenceTarget(current, item.CharacteristicCode), actor) is { } refused)
        {
            return refused with { Title = "Not removed" };
        }

        if (await CitingAuditAsync(db, item.Id) is { } audit)
        {
            return new EvidenceOutcome.Refused(RefusalKind.RuleBroken, "Not removed",
                $"This item is attached to an answer in the external audit by {audit.Body} ({audit.Status.DisplayName().ToLowerInvariant()}): it stays until that audit is closed or the engagement revoked.");
        }

        var now = clock.GetUtcNow();
        item.RemovedAt = now;
        item.RemovedByUserId = actor.UserId;
        item.RemovedByParticipantId = actor.ParticipantId;
        db.EvidenceChanges.Add(Change(item, EvidenceAction.Removed, now, actor));
        // The item's row stays as the record; the bytes go, so they no longer count against the quota.
        await db.EvidenceFiles.Where(f => f.EvidenceId == item.Id).ExecuteDeleteAsync();
        await db.SaveChangesAsync();
        return new EvidenceOutcome.Removed(item);
    }

    /// <summary>
    /// The open audit (not closed, not revoked) one of whose evidence-request answers cites the item, or null. The
    /// auditor reads the answer with its documents until the audit ends; the audit's record keeps name and hash regardless.
    /// </summary>
    private static async Task<(string Body, AuditStatus Status)?> CitingAuditAsync(CityMaturityDb db, Guid evidenceId)
    {
        var citing = await (from d in db.AuditRequestDocuments
                            join r in db.AuditRequests on d.RequestId equals r.Id
                            join a in db.Audits on r.AuditId equals a.Id
                            join o in db.Organisations on a.AuditBodyId equals o.Id
                            where d.EvidenceId == evidenceId && a.Status != AuditStatus.Closed && a.RevokedAt == null
                            select new { o.Name, a.Status }).AsNoTracking().FirstOrDefaultAsync();
        return citing is null ? null : (citing.Name, citing.Status);
    }

    private static EvidenceChange Change(EvidenceItem item, EvidenceAction action, DateTimeOffset at, EvidenceActor actor) => new()
    {
        EvidenceId = item.Id,
        AssessmentId = item.AssessmentId,
        CharacteristicCode = item.CharacteristicCode,
        Action = action,
        ChangedAt = at,
        ByUserId = actor.UserId,
        ByParticipantId = actor.ParticipantId,
        What = item.Describe(),
    };

    /// <summary>
    /// The assessment's current items, optionally of one characteristic. A participant (<paramref name="viewer"/>) sees
    /// who added an item only as "you", "a facilitator" or "another participant"; someone running it sees names.
    /// </summary>
    public async Task<IReadOnlyList<EvidenceView>> ListAsync(Guid assessmentId, string? characteristicCode = null, Guid? viewer = null, bool namesShown = false)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var query = db.EvidenceItems.AsNoTracking().Where(e => e.AssessmentId == assessmentId && e.RemovedAt == null);
        if (characteristicCode is not null)
        {
            query = query.Where(e => e.CharacteristicCode == characteristicCode);
        }

        var rows = await (from e in query
                          join p in db.Participants on e.AddedByParticipantId equals p.Id into ps
                          from p in ps.DefaultIfEmpty()
                          join u in db.Users on e.AddedByUserId equals u.Id into us
                          from u in us.DefaultIfEmpty()
                          orderby e.CharacteristicCode, e.AddedAt, e.Id
                          select new { Item = e, Participant = p == null ? null : p.Name, User = u == null ? null : u.DisplayName }).ToListAsync();
        return [.. rows.Select(r =>
        {
            var e = r.Item;
            var mine = viewer is not null && e.ParticipantId == viewer;
            var by = namesShown ? r.Participant ?? r.User ?? "someone no longer here"
                : mine ? "you" : e.ParticipantId is null ? "a facilitator" : "another participant";
            return new EvidenceView(e.Id, e.CharacteristicCode, e.Kind.Key(), e.Title, e.Url, e.IndicatorCode, e.IndicatorYear, e.ContentType,
                e.SizeBytes, e.Sha256 is null ? null : Convert.ToHexStringLower(e.Sha256), e.AddedAt, e.IsDemo ? $"{by} (demo)" : by, mine,
                e.ConsensusDecisionId is not null, e.IsDemo);
        })];
    }

    /// <summary>
    /// The latest consensus decision of each characteristic of the assessment: what a page without a summary or workshop
    /// view hands the attach form, read once (the service checks the decision again when adding).
    /// </summary>
    public async Task<IReadOnlyDictionary<string, Domain.Workshops.ConsensusDecision>> LatestDecisionsAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Assessments.LatestConsensus.LatestAsync(db, assessmentId, cancellationToken);
    }

    /// <summary>How many current items each characteristic of the assessment has (characteristics without any are absent).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountsAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.EvidenceItems.AsNoTracking()
            .Where(e => e.AssessmentId == assessmentId && e.RemovedAt == null)
            .GroupBy(e => e.CharacteristicCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>A current document of the assessment with its bytes, or null.</summary>
    public async Task<(EvidenceItem Item, byte[] Content)?> OpenDocumentAsync(Guid assessmentId, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from e in db.EvidenceItems
                           join f in db.EvidenceFiles on e.Id equals f.EvidenceId
                           where e.Id == evidenceId && e.AssessmentId == assessmentId && e.RemovedAt == null && e.Kind == EvidenceKind.Document
                           select new { e, f.Content }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return found is null ? null : (found.e, found.Content);
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length > 40 ? text[..40] + "…" : text;
}
