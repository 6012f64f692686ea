using CityMaturity.Application.Assessments;
using CityMaturity.Application.Evidence;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Application.Audits;

/// <summary>A service's answer: the value, or why not (the endpoint maps the kind to a status, a page shows the message).</summary>
public sealed record AuditAnswer(AuditView? Value, RefusalKind? Refusal, string? Message)
{
    public bool Succeeded => Refusal is null;

    public static AuditAnswer Done(AuditView value) => new(value, null, null);

    public static AuditAnswer No(RefusalKind kind, string message) => new(null, kind, message);
}

public sealed record EngagementRequest(string? AuditBodySlug, DateOnly? EngagedFrom, DateOnly? EngagedUntil, IReadOnlyList<int>? IndicatorYears, bool ShowPersonalData);

public sealed record FindingRequest(string? Code, int? VerifiedLevel, string? Finding, string? EvidenceExamined, string? Note, bool ExaminedInDepth, string? SamplingReason);

/// <summary>One audit as the city or the auditor sees its state.</summary>
public sealed record AuditView(
    Guid Id, Guid AssessmentId, string AssessmentName, string City, string AuditBody, string Status, int SubmissionVersion,
    DateOnly EngagedFrom, DateOnly EngagedUntil, IReadOnlyList<int> IndicatorYears, bool ShowPersonalData, bool Revoked,
    string? Opinion, string? Reservations, string? CityResponse, string? AttestationCode,
    IReadOnlyList<FindingView> Findings, IReadOnlyList<RequestView> Requests);

public sealed record FindingView(string Code, string VerifiedLevel, string Finding, string EvidenceExamined, string? Note, bool ExaminedInDepth, string? SamplingReason);

public sealed record RequestView(Guid Id, string Code, string Question, DateTimeOffset AskedAt, string? Answer, DateTimeOffset? AnsweredAt, string State)
{
    /// <summary>The documents the city attached to its answer (evidence items of the characteristic).</summary>
    public IReadOnlyList<RequestDocument> Documents { get; init; } = [];

    /// <summary>The follow-ups after the question and the first answer, in the order posted.</summary>
    public IReadOnlyList<RequestMessageView> Messages { get; init; } = [];

    /// <summary>When the auditor closed the request (null while it is not closed by hand).</summary>
    public DateTimeOffset? ClosedAt { get; init; }
}

/// <summary>A follow-up in a request's thread: which side ("city" or "audit_body"), who (the name as it read then), when, what.</summary>
public sealed record RequestMessageView(Guid Id, string Party, string Author, string Text, DateTimeOffset PostedAt);

/// <summary>A document attached to an answer; <see cref="Removed"/> when the city has since removed the evidence item.</summary>
public sealed record RequestDocument(Guid EvidenceId, string Title, long? SizeBytes, string? Sha256, bool Removed);

/// <summary>What an auditor reads of the assessment: results, decisions with rationale, participants (pseudonymous by default).</summary>
public sealed record AuditorWorkspace(
    AuditView Audit,
    IReadOnlyList<WorkspaceCharacteristic> Characteristics,
    IReadOnlyList<WorkspaceParticipant> Participants,
    IReadOnlyList<WorkspaceIndicatorValue> IndicatorValues)
{
    /// <summary>The assessment's current evidence (documents, links, indicator references); who added it as the city allows.</summary>
    public IReadOnlyList<EvidenceView> Evidence { get; init; } = [];
}

public sealed record WorkspaceCharacteristic(string Code, string Title, decimal? ScoreNow, string Source, int Answers, string? ConsensusRationale);

public sealed record WorkspaceParticipant(string Label, string Group, string? Email);

/// <summary>
/// One of the city's indicator values of a year in scope, with what the auditor needs beside it: the indicator's name, the
/// value's source and parts, the framework's verification notes (empty where our data has none) and the verdict so far.
/// </summary>
public sealed record WorkspaceIndicatorValue(
    Guid Id, string IndicatorCode, int Year, decimal Value, string? Verdict, string? Reason,
    string? Name, string Unit, string? Source, decimal? Numerator, decimal? Denominator, string Status, IReadOnlyList<string> VerificationNotes);

public sealed record AccessLogRow(DateTimeOffset At, string Who, string What);

public sealed record ChainCheck(int Entries, string? HeadHash, ChainBreak? Break)
{
    public bool Holds => Break is null;
}

/// <summary>
/// External audits (issue 17): a city engages an audit body on a closed assessment, the body's auditors examine and
/// record findings, the city responds, the body closes with an opinion and a signed attestation. Every step appends to
/// the audit's hash chain in the same transaction that makes it. Callers authorise the city side (the endpoints and
/// pages check the organisation permission); the auditor side is authorised here, by membership of the audit body and
/// an active grant, and logged.
/// </summary>
public sealed class AuditService(
    IDbContextFactory<CityMaturityDb> dbFactory,
    MaturityCatalogue catalogue,
    AssessmentSummaryService summaries,
    EvidenceService evidence,
    IndicatorLibrary indicators,
    AttestationKeys keys,
    TimeProvider clock)
{
    public const int MaxTextLength = CharacteristicFinding.MaxTextLength;

    // ------------------------------------------------------------------ the city's side

    /// <summary>Engages an audit body on a closed assessment of the city (the caller holds the city's manage-members permission).</summary>
    public async Task<AuditAnswer> EngageAsync(Guid assessmentId, EngagementRequest request, Guid userId, CancellationToken cancellationToken = default)
    {
        if (request.EngagedFrom is not { } from || request.EngagedUntil is not { } until || until < from)
        {
            return AuditAnswer.No(RefusalKind.Malformed, "Give the engagement's start and end dates (the end on or after the start).");
        }

        var years = (request.IndicatorYears ?? []).Distinct().Order().ToList();
        if (years.Any(y => y is < 1950 or > 2200) || years.Count > 50)
        {
            return AuditAnswer.No(RefusalKind.Malformed, "Indicator years must be between 1950 and 2200 (at most 50 of them).");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var assessment = (await db.Assessments.FromSql($"SELECT * FROM assessments WHERE id = {assessmentId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        if (assessment is null)
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such assessment.");
        }

        if (assessment.Status != AssessmentStatus.Closed)
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, "Close the assessment before engaging an audit body: an audit examines finished results.");
        }

        var body = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == request.AuditBodySlug && o.Kind == OrganisationKind.AuditBody, cancellationToken);
        if (body is null)
        {
            return AuditAnswer.No(RefusalKind.Malformed, "There is no audit body with that address.");
        }

        if (await AuditFreeze.WhyFrozenAsync(db, assessmentId, cancellationToken) is not null)
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, "This assessment already has an open audit; revoke it first.");
        }

        var now = Now();
        var audit = new Audit
        {
            Id = Guid.NewGuid(), AssessmentId = assessmentId, AuditBodyId = body.Id, EngagedFrom = from, EngagedUntil = until,
            IndicatorYears = years, ShowPersonalData = request.ShowPersonalData, Status = AuditStatus.Requested, EngagedBy = userId, CreatedAt = now,
        };
        db.Audits.Add(audit);
        await db.SaveChangesAsync(cancellationToken);
        await AppendAsync(db, audit, "engaged", City(userId),
            [("auditBody", body.Name), ("assessment", assessment.Name), ("from", Iso(from)), ("until", Iso(until)),
             ("indicatorYears", string.Join(",", years)), ("showPersonalData", request.ShowPersonalData ? "yes" : "no")], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return AuditAnswer.Done((await ViewAsync(audit.Id, cancellationToken))!);
    }

    /// <summary>Revokes the grant: the auditors lose access at once; an open audit stops freezing the figures.</summary>
    public Task<AuditAnswer> RevokeAsync(Guid auditId, Guid userId, CancellationToken cancellationToken = default) =>
        StepAsync(auditId, City(userId), async (db, audit) =>
        {
            if (audit.RevokedAt is not null)
            {
                return "The engagement is already revoked.";
            }

            audit.RevokedAt = Now();
            if (await db.AuditAttestations.SingleOrDefaultAsync(a => a.AuditId == audit.Id, cancellationToken) is { WithdrawnAt: null } attestation)
            {
                attestation.WithdrawnAt = audit.RevokedAt;
                attestation.WithdrawnReason = "The city revoked the engagement.";
            }

            return null;
        }, new EntryOf("revoked"), cancellationToken);

    /// <summary>The city's response to issued findings.</summary>
    public Task<AuditAnswer> RespondAsync(Guid auditId, string? response, Guid userId, CancellationToken cancellationToken = default) =>
        StepAsync(auditId, City(userId), (_, audit) =>
        {
            if (string.IsNullOrWhiteSpace(response) || response.Length > MaxTextLength)
            {
                return Task.FromResult<string?>($"Write the city's response (at most {MaxTextLength} characters).");
            }

            audit.CityResponse = response.Trim();
            return Task.FromResult(Move(audit, AuditStatus.CityResponded, AuditParty.City));
        }, new EntryOf("city-responded", ("response", response?.Trim())), cancellationToken);

    /// <summary>After responding, the city may submit again: a new submission version, and the auditors resume.</summary>
    public Task<AuditAnswer> ResubmitAsync(Guid auditId, Guid userId, CancellationToken cancellationToken = default) =>
        StepAsync(auditId, City(userId), (_, audit) =>
        {
            var refusal = Move(audit, AuditStatus.InProgress, AuditParty.City);
            if (refusal is null)
            {
                audit.SubmissionVersion++;
            }

            return Task.FromResult(refusal);
        }, new EntryOf("resubmitted"), cancellationToken);

    /// <summary>The city answers a request for more evidence (documents go to the characteristic's evidence).</summary>
    public async Task<AuditAnswer> AnswerRequestAsync(Guid auditId, Guid requestId, string? answer, Guid userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(answer) || answer.Length > MaxTextLength)
        {
            return AuditAnswer.No(RefusalKind.Malformed, $"Write an answer (at most {MaxTextLength} characters).");
        }

        return await StepAsync(auditId, City(userId), async (db, audit) =>
        {
            var request = await db.AuditRequests.SingleOrDefaultAsync(r => r.Id == requestId && r.AuditId == audit.Id, cancellationToken);
            if (request is null)
            {
                return "There is no such request.";
            }

            if (request.ClosedAt is not null)
            {
                return "The auditor closed this request: it takes no answer.";
            }

            if (!request.IsOpen)
            {
                return "This request is already answered: write a follow-up instead.";
            }

            request.Answer = answer.Trim();
            request.AnsweredBy = userId;
            request.AnsweredAt = Now();
            return null;
        }, new EntryOf("request-answered", ("request", requestId.ToString("D")), ("answer", answer.Trim())), cancellationToken);
    }

    /// <summary>
    /// The city attaches a document to an open evidence request, before answering it: the document becomes an evidence
    /// item of the request's characteristic (checked and stored like every evidence document), linked to the request,
    /// and the chain records its name and SHA-256 — all in the step's one transaction, or nothing.
    /// </summary>
    public async Task<AuditAnswer> AttachToRequestAsync(
        Guid auditId, Guid requestId, Stream body, long? declaredLength, string? fileName, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var lookup = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await (from r in lookup.AuditRequests
                           join a in lookup.Audits on r.AuditId equals a.Id
                           join s in lookup.Assessments on a.AssessmentId equals s.Id
                           where r.Id == requestId && r.AuditId == auditId
                           select new { r.CharacteristicCode, Assessment = s }).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such request.");
        }

        var target = new EvidenceTarget(found.Assessment, found.CharacteristicCode);
        var prepared = await evidence.PrepareDocumentAsync(target, body, declaredLength, fileName, EvidenceActor.Manager(userId), cancellationToken);
        if (prepared is not PreparedDocument.Ready { Document: var document })
        {
            var refused = ((PreparedDocument.Refused)prepared).Refusal;
            return AuditAnswer.No(refused.Kind, refused.Message);
        }

        var item = document.Item;
        return await StepAsync(auditId, City(userId), async (db, audit) =>
        {
            var request = await db.AuditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId, cancellationToken);
            if (!request.IsOpen || request.ClosedAt is not null)
            {
                return "This request is already answered or closed: attach documents before answering.";
            }

            if (await evidence.SaveInAsync(db, target, item, document.File) is EvidenceOutcome.Refused notStored)
            {
                return notStored.Message;
            }

            db.AuditRequestDocuments.Add(new AuditRequestDocument { RequestId = requestId, EvidenceId = item.Id, AttachedBy = userId, AttachedAt = Now() });
            return null;
        }, new EntryOf("request-document-attached", ("request", requestId.ToString("D")), ("evidence", item.Id.ToString("D")),
            ("title", item.Title), ("sha256", Convert.ToHexStringLower(item.Sha256!))), cancellationToken);
    }

    /// <summary>
    /// A follow-up in an evidence request's thread, by the city (the caller authorised it for the assessment, as for its
    /// other steps) or by the audit body (authorised here: membership, an active grant). The message and its entry in
    /// the audit's chain are written together. A closed request, or an audit that ended, takes no more messages.
    /// </summary>
    public async Task<AuditAnswer> PostRequestMessageAsync(
        Guid auditId, Guid requestId, string? text, AuditParty by, Guid userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > AuditRequestMessage.MaxLength)
        {
            return AuditAnswer.No(RefusalKind.Malformed, $"Write the message (at most {AuditRequestMessage.MaxLength} characters).");
        }

        if (!await IsRequestOfAsync(auditId, requestId, cancellationToken))
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such request.");
        }

        var message = new AuditRequestMessage { Id = Guid.NewGuid(), RequestId = requestId, Party = by, AuthorId = userId, AuthorName = "", Body = text.Trim() };
        async Task<string?> Post(CityMaturityDb db, Audit audit)
        {
            if (await db.AuditRequests.AsNoTracking().AnyAsync(r => r.Id == requestId && r.ClosedAt != null, cancellationToken))
            {
                return "This request is closed: it takes no more messages.";
            }

            message.AuthorName = await db.Users.AsNoTracking().Where(u => u.Id == userId)
                .Select(u => u.DisplayName != "" ? u.DisplayName : u.Email ?? "").SingleAsync(cancellationToken);
            message.PostedAt = Now();
            db.AuditRequestMessages.Add(message);
            return null;
        }

        var entry = new EntryOf("request-message-posted", ("request", requestId.ToString("D")), ("message", message.Id.ToString("D")), ("text", message.Body));
        return by == AuditParty.AuditBody
            ? await AuditorStepAsync(auditId, userId, Post, entry, cancellationToken)
            : await StepAsync(auditId, City(userId), Post, entry, cancellationToken);
    }

    /// <summary>The auditor closes a request (satisfied, or no longer needed): both sides then see it closed, and it takes no more posts.</summary>
    public async Task<AuditAnswer> CloseRequestAsync(Guid auditId, Guid requestId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!await IsRequestOfAsync(auditId, requestId, cancellationToken))
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such request.");
        }

        return await AuditorStepAsync(auditId, userId, async (db, _) =>
        {
            var request = await db.AuditRequests.SingleAsync(r => r.Id == requestId, cancellationToken);
            if (request.ClosedAt is not null)
            {
                return "This request is already closed.";
            }

            (request.ClosedAt, request.ClosedBy) = (Now(), userId);
            return null;
        }, new EntryOf("request-closed", ("request", requestId.ToString("D"))), cancellationToken);
    }

    private async Task<bool> IsRequestOfAsync(Guid auditId, Guid requestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditRequests.AsNoTracking().AnyAsync(r => r.Id == requestId && r.AuditId == auditId, cancellationToken);
    }

    /// <summary>The audits of an assessment, newest first, for its city.</summary>
    public async Task<IReadOnlyList<AuditView>> ForAssessmentAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = await db.Audits.AsNoTracking().Where(a => a.AssessmentId == assessmentId).OrderByDescending(a => a.CreatedAt).Select(a => a.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(ids, cancellationToken);
    }

    /// <summary>The audit of that assessment, for its city (null when the audit belongs to another assessment).</summary>
    public async Task<AuditView?> ForCityAsync(Guid assessmentId, Guid auditId, CancellationToken cancellationToken = default)
    {
        var view = await ViewAsync(auditId, cancellationToken);
        return view?.AssessmentId == assessmentId ? view : null;
    }

    /// <summary>Whether the audit is one of this assessment's (the city's endpoints check it before every step).</summary>
    public async Task<bool> BelongsToAsync(Guid assessmentId, Guid auditId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Audits.AnyAsync(a => a.Id == auditId && a.AssessmentId == assessmentId, cancellationToken);
    }

    /// <summary>Everything the auditors opened, newest first: the city sees who looked at what, when.</summary>
    public async Task<IReadOnlyList<AccessLogRow>> AccessLogAsync(Guid auditId, CancellationToken cancellationToken = default) =>
        [.. (await AccessLogsAsync([auditId], cancellationToken))[auditId]];

    /// <summary>The access logs of several audits (at most <see cref="AccessLogLength"/> rows each, newest first) in one query: a page's list of audits.</summary>
    public async Task<ILookup<Guid, AccessLogRow>> AccessLogsAsync(IReadOnlyCollection<Guid> auditIds, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = auditIds.Distinct().ToList();
        var rows = await (from l in db.AuditAccessLog
                          join u in db.Users on l.UserId equals u.Id into users
                          from u in users.DefaultIfEmpty()
                          where ids.Contains(l.AuditId)
                          orderby l.At descending, l.Id descending
                          select new { l.AuditId, Row = new AccessLogRow(l.At, u == null ? "(removed account)" : u.DisplayName ?? u.Email!, l.What) })
            .AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.AuditId).SelectMany(g => g.Take(AccessLogLength)).ToLookup(r => r.AuditId, r => r.Row);
    }

    /// <summary>How many of an audit's latest access-log rows the city's views show.</summary>
    public const int AccessLogLength = 1000;

    // ------------------------------------------------------------------ the auditor's side

    /// <summary>
    /// The audit, if <paramref name="userId"/> belongs to its audit body and the grant is active today; null otherwise
    /// (unknown, another body, expired and revoked all look alike). Logs what was opened.
    /// </summary>
    public async Task<Audit?> AuditorAccessAsync(Guid auditId, Guid userId, string what, CancellationToken cancellationToken = default)
    {
        var audit = await GrantedAuditAsync(auditId, userId, cancellationToken);
        if (audit is not null)
        {
            await LogAsync(auditId, userId, what, cancellationToken);
        }

        return audit;
    }

    /// <summary>The audit, if the user belongs to its audit body and the grant is active today; null otherwise. Logs nothing.</summary>
    private async Task<Audit?> GrantedAuditAsync(Guid auditId, Guid userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audit = await (from a in db.Audits
                           join m in db.Memberships on a.AuditBodyId equals m.OrganisationId
                           where a.Id == auditId && m.UserId == userId
                           select a).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        return audit is not null && audit.GrantsAccessOn(Today()) ? audit : null;
    }

    private async Task LogAsync(Guid auditId, Guid userId, string what, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.AuditAccessLog.Add(new AuditAccess { AuditId = auditId, UserId = userId, At = Now(), What = what });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The audits an auditor may open now (their bodies' active grants).</summary>
    public async Task<IReadOnlyList<AuditView>> ForAuditorAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var today = Today();
        var ids = await (from a in db.Audits
                         join m in db.Memberships on a.AuditBodyId equals m.OrganisationId
                         where m.UserId == userId && a.RevokedAt == null && a.EngagedFrom <= today && a.EngagedUntil >= today
                         orderby a.CreatedAt descending
                         select a.Id).ToListAsync(cancellationToken);
        return await ViewsAsync(ids, cancellationToken);
    }

    /// <summary>
    /// The auditor's workspace: results, decisions with rationale, participants (P01 … unless the city shows names),
    /// indicator values in scope. Opening it is logged as <paramref name="what"/>; a page reading it again after a step
    /// (which the step's own log line covers) passes null, so the city's log has one line per genuine opening.
    /// </summary>
    public async Task<AuditorWorkspace?> WorkspaceAsync(Guid auditId, Guid userId, string? what = "workspace", CancellationToken cancellationToken = default)
    {
        if ((what is null ? await GrantedAuditAsync(auditId, userId, cancellationToken) : await AuditorAccessAsync(auditId, userId, what, cancellationToken)) is not { } audit)
        {
            return null;
        }

        var view = (await ViewAsync(auditId, cancellationToken))!;
        var summarised = await summaries.SummariseAsync(audit.AssessmentId, cancellationToken);
        var characteristics = summarised.Summary.Characteristics.Select(c => new WorkspaceCharacteristic(
            c.Code, catalogue.GetCharacteristic(c.Code).Title, c.Now.Score, Results.ResultFormat.Source(c.Now.Source), c.Now.Statistics.N,
            summarised.Decisions.TryGetValue(c.Code, out var decision) ? decision.Rationale : null)).ToList();
        var groups = summarised.Groups.ToDictionary(g => g.Id, g => g.Name);
        var ordered = summarised.Participants.OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).ToList();
        var pseudonyms = Pseudonyms.For(ordered.Select(p => p.Id));
        var participants = ordered.Select(p => audit.ShowPersonalData
            ? new WorkspaceParticipant(p.Name, groups.GetValueOrDefault(p.GroupId, ""), p.Email)
            : new WorkspaceParticipant(pseudonyms[p.Id], groups.GetValueOrDefault(p.GroupId, ""), null)).ToList();

        var values = await IndicatorValuesInScopeAsync(audit, cancellationToken);
        var items = await evidence.ListAsync(audit.AssessmentId, namesShown: audit.ShowPersonalData);
        return new AuditorWorkspace(view, characteristics, participants, values) { Evidence = items };
    }

    /// <summary>The indicator values of the audit's years, for the city: the same rows and verdicts the auditor sees.</summary>
    public async Task<IReadOnlyList<WorkspaceIndicatorValue>> IndicatorChecksForCityAsync(Guid assessmentId, Guid auditId, CancellationToken cancellationToken = default) =>
        (await IndicatorChecksForCityAsync(assessmentId, cancellationToken)).GetValueOrDefault(auditId) ?? [];

    /// <summary>The indicator values in scope of every audit of the assessment, by audit, in a fixed number of queries (the city's page lists them all).</summary>
    public async Task<IReadOnlyDictionary<Guid, IReadOnlyList<WorkspaceIndicatorValue>>> IndicatorChecksForCityAsync(Guid assessmentId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var audits = await db.Audits.AsNoTracking().Where(a => a.AssessmentId == assessmentId).ToListAsync(cancellationToken);
        return await IndicatorValuesInScopeAsync(audits, cancellationToken);
    }

    private async Task<IReadOnlyList<WorkspaceIndicatorValue>> IndicatorValuesInScopeAsync(Audit audit, CancellationToken cancellationToken) =>
        (await IndicatorValuesInScopeAsync([audit], cancellationToken))[audit.Id];

    /// <summary>
    /// The city's indicator values of each audit's years with that audit's verdicts (audits of one assessment): three
    /// queries however many audits — the organisation, the values of all their years, and their verdicts.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, IReadOnlyList<WorkspaceIndicatorValue>>> IndicatorValuesInScopeAsync(List<Audit> audits, CancellationToken cancellationToken)
    {
        if (audits.Count == 0)
        {
            return new Dictionary<Guid, IReadOnlyList<WorkspaceIndicatorValue>>();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessmentIds = audits.Select(a => a.AssessmentId).Distinct().ToList();
        var organisationId = await db.Assessments.Where(a => assessmentIds.Contains(a.Id)).Select(a => a.OrganisationId).Distinct().SingleAsync(cancellationToken);
        var years = audits.SelectMany(a => a.IndicatorYears).Distinct().ToList();
        var auditIds = audits.Select(a => a.Id).ToList();
        var values = await db.IndicatorValues.AsNoTracking().Where(v => v.OrganisationId == organisationId && years.Contains(v.Year))
            .OrderBy(v => v.IndicatorCode).ThenBy(v => v.Year).ToListAsync(cancellationToken);
        var checks = (await db.AuditIndicatorChecks.AsNoTracking().Where(c => auditIds.Contains(c.AuditId)).ToListAsync(cancellationToken))
            .ToDictionary(c => (c.AuditId, c.IndicatorValueId));
        return audits.ToDictionary(a => a.Id, a => (IReadOnlyList<WorkspaceIndicatorValue>)[.. values.Where(v => a.IndicatorYears.Contains(v.Year)).Select(v =>
        {
            var check = checks.GetValueOrDefault((a.Id, v.Id));
            var indicator = indicators.Find(v.IndicatorCode);
            return new WorkspaceIndicatorValue(v.Id, v.IndicatorCode, v.Year, v.Value, check?.Verdict.Code(), check?.Reason,
                indicator?.Name, v.Unit, v.Source, v.Numerator, v.Denominator, v.Status.ToString().ToLowerInvariant(), indicator?.VerificationNotes ?? []);
        })]);
    }

    /// <summary>
    /// One of the assessment's current documents for an auditor whose grant holds, or null (no grant, not this
    /// assessment's, removed, not a document: all alike). Every download is logged by name and hash for the city.
    /// </summary>
    public async Task<(Domain.Evidence.EvidenceItem Item, byte[] Content)?> OpenDocumentAsync(Guid auditId, Guid evidenceId, Guid userId, CancellationToken cancellationToken = default)
    {
        if (await GrantedAuditAsync(auditId, userId, cancellationToken) is not { } audit
            || await evidence.OpenDocumentAsync(audit.AssessmentId, evidenceId, cancellationToken) is not { } document)
        {
            return null;
        }

        var sha = document.Item.Sha256 is { } hash ? Convert.ToHexStringLower(hash)[..16] : "?";
        await LogAsync(auditId, userId, $"downloaded {document.Item.CharacteristicCode} “{document.Item.Title}” (sha256 {sha}…)", cancellationToken);
        return document;
    }

    public Task<AuditAnswer> StartAsync(Guid auditId, Guid userId, CancellationToken cancellationToken = default) =>
        AuditorStepAsync(auditId, userId, (_, audit) => Task.FromResult(Move(audit, AuditStatus.InProgress, AuditParty.AuditBody)), new EntryOf("started"), cancellationToken);

    /// <summary>Records (or replaces) the finding on one characteristic in scope, while the audit is in progress.</summary>
    public async Task<AuditAnswer> RecordFindingAsync(Guid auditId, FindingRequest request, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!FindingKinds.TryParse(request.Finding, out var kind))
        {
            return AuditAnswer.No(RefusalKind.Malformed, "The finding is one of conforms, minor_gap, major_gap, not_evidenced.");
        }

        MaturityLevel? level = null;
        if (request.VerifiedLevel is { } number)
        {
            if (!MaturityLevels.TryFromNumber(number, out var known))
            {
                return AuditAnswer.No(RefusalKind.Malformed, "The verified level is 1 to 5, or empty when it cannot be verified.");
            }

            level = known;
        }

        var finding = new CharacteristicFinding(request.Code ?? "", level, kind, request.EvidenceExamined?.Trim() ?? "", request.Note?.Trim(), request.ExaminedInDepth, request.SamplingReason?.Trim());
        if (finding.WhyInvalid() is { } invalid)
        {
            return AuditAnswer.No(RefusalKind.Malformed, invalid);
        }

        return await AuditorStepAsync(auditId, userId, async (db, audit) =>
        {
            if (audit.Status != AuditStatus.InProgress)
            {
                return $"Findings are recorded while the audit is in progress; it is {audit.Status.DisplayName().ToLowerInvariant()}.";
            }

            if (!await InScopeAsync(db, audit, finding.CharacteristicCode, cancellationToken))
            {
                return $"{finding.CharacteristicCode} is not part of the audited assessment.";
            }

            var row = await db.AuditFindings.SingleOrDefaultAsync(f => f.AuditId == audit.Id && f.CharacteristicCode == finding.CharacteristicCode, cancellationToken);
            if (row is null)
            {
                row = new AuditFindingRecord { AuditId = audit.Id, CharacteristicCode = finding.CharacteristicCode, EvidenceExamined = "" };
                db.AuditFindings.Add(row);
            }

            row.VerifiedLevel = (short?)finding.VerifiedLevel?.Number();
            row.Finding = finding.Finding;
            row.EvidenceExamined = finding.EvidenceExamined;
            row.Note = finding.Note;
            row.ExaminedInDepth = finding.ExaminedInDepth;
            row.SamplingReason = finding.ExaminedInDepth ? finding.SamplingReason : null;
            row.RecordedBy = userId;
            row.RecordedAt = Now();
            return null;
        }, new EntryOf("finding",
            ("code", finding.CharacteristicCode), ("verifiedLevel", FindingKinds.VerifiedLevelCode(finding.VerifiedLevel)), ("finding", finding.Finding.Code()),
            ("evidenceExamined", finding.EvidenceExamined), ("note", finding.Note), ("examinedInDepth", finding.ExaminedInDepth ? "yes" : "no"),
            ("samplingReason", finding.ExaminedInDepth ? finding.SamplingReason : null)), cancellationToken);
    }

    /// <summary>Verifies, queries or rejects one of the city's indicator values of a year in scope.</summary>
    public async Task<AuditAnswer> CheckIndicatorValueAsync(Guid auditId, Guid indicatorValueId, string? verdictCode, string? reason, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!IndicatorVerdicts.TryParse(verdictCode, out var verdict))
        {
            return AuditAnswer.No(RefusalKind.Malformed, "The verdict is one of verified, queried, rejected.");
        }

        if (verdict.NeedsReason() && string.IsNullOrWhiteSpace(reason) || (reason?.Length ?? 0) > MaxTextLength)
        {
            return AuditAnswer.No(RefusalKind.Malformed, $"A queried or rejected value needs a reason (at most {MaxTextLength} characters).");
        }

        return await AuditorStepAsync(auditId, userId, async (db, audit) =>
        {
            if (audit.Status != AuditStatus.InProgress)
            {
                return "Indicator values are checked while the audit is in progress.";
            }

            var organisationId = await db.Assessments.Where(a => a.Id == audit.AssessmentId).Select(a => a.OrganisationId).SingleAsync(cancellationToken);
            var value = await db.IndicatorValues.AsNoTracking().SingleOrDefaultAsync(v => v.Id == indicatorValueId && v.OrganisationId == organisationId, cancellationToken);
            if (value is null || !audit.IndicatorYears.Contains(value.Year))
            {
                return "That indicator value is not in the audit's scope.";
            }

            var check = await db.AuditIndicatorChecks.SingleOrDefaultAsync(c => c.AuditId == audit.Id && c.IndicatorValueId == indicatorValueId, cancellationToken);
            if (check is null)
            {
                check = new AuditIndicatorCheck { AuditId = audit.Id, IndicatorValueId = indicatorValueId };
                db.AuditIndicatorChecks.Add(check);
            }

            check.Verdict = verdict;
            check.Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
            check.CheckedBy = userId;
            check.CheckedAt = Now();
            return null;
        }, new EntryOf("indicator-checked", ("indicatorValue", indicatorValueId.ToString("D")), ("verdict", verdict.Code()), ("reason", reason?.Trim())), cancellationToken);
    }

    /// <summary>Asks the city for more evidence on one characteristic.</summary>
    public async Task<AuditAnswer> AskAsync(Guid auditId, string? code, string? question, Guid userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(question) || question.Length > MaxTextLength)
        {
            return AuditAnswer.No(RefusalKind.Malformed, $"Write the question (at most {MaxTextLength} characters).");
        }

        return await AuditorStepAsync(auditId, userId, async (db, audit) =>
        {
            if (audit.Status is not (AuditStatus.InProgress or AuditStatus.FindingsIssued))
            {
                return "Evidence is requested while the audit is in progress or its findings are open.";
            }

            if (!await InScopeAsync(db, audit, code ?? "", cancellationToken))
            {
                return $"{code} is not part of the audited assessment.";
            }

            db.AuditRequests.Add(new AuditRequest { Id = Guid.NewGuid(), AuditId = audit.Id, CharacteristicCode = code!, Question = question.Trim(), AskedBy = userId, AskedAt = Now() });
            return null;
        }, new EntryOf("evidence-requested", ("code", code), ("question", question.Trim())), cancellationToken);
    }

    /// <summary>Issues the findings: every characteristic of the assessment must have one.</summary>
    public Task<AuditAnswer> IssueFindingsAsync(Guid auditId, Guid userId, CancellationToken cancellationToken = default) =>
        AuditorStepAsync(auditId, userId, async (db, audit) =>
        {
            var scope = await ScopeAsync(db, audit, cancellationToken);
            var recorded = await db.AuditFindings.Where(f => f.AuditId == audit.Id).Select(f => f.CharacteristicCode).ToListAsync(cancellationToken);
            var missing = scope.Except(recorded, StringComparer.Ordinal).ToList();
            return missing.Count > 0
                ? $"Record a finding for every characteristic first; missing: {string.Join(", ", missing.Take(10))}{(missing.Count > 10 ? " …" : "")}."
                : Move(audit, AuditStatus.FindingsIssued, AuditParty.AuditBody);
        }, new EntryOf("findings-issued"), cancellationToken);

    /// <summary>Closes the audit with an opinion and signs its attestation. The record is then immutable.</summary>
    public async Task<AuditAnswer> CloseAsync(Guid auditId, string? opinionCode, string? reservations, Guid userId, CancellationToken cancellationToken = default)
    {
        if (!AuditStatuses.TryParseOpinion(opinionCode, out var opinion))
        {
            return AuditAnswer.No(RefusalKind.Malformed, "The opinion is one of verified, verified_with_reservations, not_verified.");
        }

        reservations = string.IsNullOrWhiteSpace(reservations) ? null : reservations.Trim();
        if (opinion == AuditOpinion.VerifiedWithReservations && reservations is null || (reservations?.Length ?? 0) > MaxTextLength)
        {
            return AuditAnswer.No(RefusalKind.Malformed, $"Verified with reservations needs the reservations written out (at most {MaxTextLength} characters).");
        }

        return await AuditorStepAsync(auditId, userId, (_, audit) =>
        {
            var refusal = Move(audit, AuditStatus.Closed, AuditParty.AuditBody);
            if (refusal is null)
            {
                audit.Opinion = opinion;
                audit.Reservations = reservations;
                audit.ClosedAt = Now();
            }

            return Task.FromResult(refusal);
        }, new EntryOf("closed", ("opinion", opinion.Code()), ("reservations", reservations)) { After = SignAttestationAsync }, cancellationToken);
    }

    // ------------------------------------------------------------------ the record and the attestation

    /// <summary>Re-reads the audit's chain from the database and checks every link.</summary>
    public async Task<ChainCheck> VerifyChainAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await db.AuditEntries.AsNoTracking().Where(e => e.AuditId == auditId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
        var chained = entries.Select(e => e.ToChained()).ToList();
        return new ChainCheck(chained.Count, chained.LastOrDefault()?.Hash, AuditChain.Verify(chained));
    }

    /// <summary>The entries of an audit's record, oldest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> RecordAsync(Guid auditId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEntries.AsNoTracking().Where(e => e.AuditId == auditId).OrderBy(e => e.Sequence).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Withdraws an attestation (the city or the body), with the reason the public page shows: the page then says
    /// "withdrawn" and why, and the audited levels stop counting. Without a reason nothing is withdrawn, on every path.
    /// </summary>
    public Task<AuditAnswer> WithdrawAttestationAsync(Guid auditId, string? reason, AuditParty by, Guid userId, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Task.FromResult(AuditAnswer.No(RefusalKind.RuleBroken,
                "Write the reason for withdrawing: the public page shows it to whoever checks the attestation."));
        }

        async Task<string?> Withdraw(CityMaturityDb db, Audit audit)
        {
            var attestation = await db.AuditAttestations.SingleOrDefaultAsync(a => a.AuditId == audit.Id, cancellationToken);
            if (attestation is null || attestation.WithdrawnAt is not null)
            {
                return "There is no attestation in force to withdraw.";
            }

            attestation.WithdrawnAt = Now();
            attestation.WithdrawnReason = reason.Trim()[..Math.Min(reason.Trim().Length, MaxTextLength)];
            audit.RevokedAt = attestation.WithdrawnAt; // the audited levels stop counting (and the summaries' data version moves)
            return null;
        }

        // The audit body's side is authorised here (membership, an active grant), like its other steps; the city's
        // side, like its other steps, by the caller's check of the assessment.
        var entry = new EntryOf("attestation-withdrawn", ("reason", reason.Trim()));
        return by == AuditParty.AuditBody
            ? AuditorStepAsync(auditId, userId, Withdraw, entry, cancellationToken)
            : StepAsync(auditId, City(userId), Withdraw, entry, cancellationToken);
    }

    /// <summary>Levels verified by the assessment's closed, unwithdrawn audit (the latest), for the scoring rules.</summary>
    public static async Task<IReadOnlyDictionary<string, MaturityLevel>> AuditedLevelsAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken)
    {
        var latest = await db.Audits.AsNoTracking()
            .Where(a => a.AssessmentId == assessmentId && a.Status == AuditStatus.Closed && a.RevokedAt == null)
            .OrderByDescending(a => a.ClosedAt).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (latest is null)
        {
            return new Dictionary<string, MaturityLevel>();
        }

        var levels = await db.AuditFindings.AsNoTracking().Where(f => f.AuditId == latest && f.VerifiedLevel != null)
            .Select(f => new { f.CharacteristicCode, f.VerifiedLevel }).ToListAsync(cancellationToken);
        return levels.ToDictionary(l => l.CharacteristicCode, l => MaturityLevels.FromNumber(l.VerifiedLevel!.Value), StringComparer.Ordinal);
    }

    private async Task SignAttestationAsync(CityMaturityDb db, Audit audit, CancellationToken cancellationToken)
    {
        var facts = await (from a in db.Assessments
                           join city in db.Organisations on a.OrganisationId equals city.Id
                           join body in db.Organisations on audit.AuditBodyId equals body.Id
                           where a.Id == audit.AssessmentId
                           select new { Assessment = a.Name, a.Community, City = city.Name, Body = body.Name }).AsNoTracking().SingleAsync(cancellationToken);
        var findings = await db.AuditFindings.AsNoTracking().Where(f => f.AuditId == audit.Id).ToListAsync(cancellationToken);
        var order = catalogue.Characteristics.Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var head = await db.AuditEntries.Where(e => e.AuditId == audit.Id).OrderByDescending(e => e.Sequence).FirstAsync(cancellationToken);
        var code = AttestationSignature.NewCode();
        var issuedAt = Now();
        AttestationDocument DocumentFor(string keyId) => new(
            code, issuedAt, facts.Body, facts.City, facts.Community, facts.Assessment, audit.AssessmentId, audit.SubmissionVersion,
            audit.EngagedFrom, audit.EngagedUntil, audit.IndicatorYears, audit.Opinion!.Value, audit.Reservations,
            [.. findings.OrderBy(f => order.GetValueOrDefault(f.CharacteristicCode, int.MaxValue)).Select(f => new AttestedCharacteristic(
                f.CharacteristicCode, catalogue.GetCharacteristic(f.CharacteristicCode).DimensionCode,
                f.VerifiedLevel is { } level ? MaturityLevels.FromNumber(level) : null, f.Finding))],
            head.Hash, head.Sequence, keyId);
        byte[] canonical = [];
        var (keyId, signature) = await keys.SignAsync(audit.AuditBodyId, id => canonical = DocumentFor(id).CanonicalBytes(), cancellationToken);
        db.AuditAttestations.Add(new AuditAttestation { Code = code, AuditId = audit.Id, Canonical = canonical, Signature = signature, KeyId = keyId, IssuedAt = issuedAt });
    }

    // ------------------------------------------------------------------ plumbing

    /// <summary>The entry a step appends to the chain: its kind, details, and work to do once it is in (signing).</summary>
    private sealed record EntryOf(string Kind, params (string Name, string? Value)[] Details)
    {
        public Func<CityMaturityDb, Audit, CancellationToken, Task>? After { get; init; }
    }

    private async Task<AuditAnswer> AuditorStepAsync(Guid auditId, Guid userId, Func<CityMaturityDb, Audit, Task<string?>> step, EntryOf entry, CancellationToken cancellationToken)
    {
        if (await AuditorAccessAsync(auditId, userId, entry.Kind, cancellationToken) is null)
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such audit, or it is not yours to work on.");
        }

        return await StepAsync(auditId, Auditor(userId), step, entry, cancellationToken);
    }

    /// <summary>
    /// One step: the audit's row locked for the transaction (steps of one audit queue, so its chain never forks), the
    /// step applied, its entry appended to the chain, all committed together — or refused with nothing written.
    /// A closed audit refuses every step but withdrawing its attestation.
    /// </summary>
    private async Task<AuditAnswer> StepAsync(Guid auditId, string actor, Func<CityMaturityDb, Audit, Task<string?>> step, EntryOf entry, CancellationToken cancellationToken)
    {
        var kind = entry.Kind;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var audit = (await db.Audits.FromSql($"SELECT * FROM audits WHERE id = {auditId} FOR UPDATE").ToListAsync(cancellationToken)).SingleOrDefault();
        if (audit is null)
        {
            return AuditAnswer.No(RefusalKind.NotFound, "There is no such audit.");
        }

        if (audit.Status == AuditStatus.Closed && kind != "attestation-withdrawn")
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, "This audit is closed: its record can no longer change.");
        }

        if (audit.RevokedAt is not null && kind != "attestation-withdrawn")
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, "This engagement was revoked: the audit can no longer change.");
        }

        if (await step(db, audit) is { } refusal)
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, refusal);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.CheckViolation or PostgresErrorCodes.UniqueViolation })
        {
            return AuditAnswer.No(RefusalKind.RuleBroken, "That would break a rule of the audit's record.");
        }

        await AppendAsync(db, audit, kind, actor, entry.Details, cancellationToken);
        if (entry.After is { } after)
        {
            await after(db, audit, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return AuditAnswer.Done((await ViewAsync(auditId, cancellationToken))!);
    }

    /// <summary>Appends one entry to the audit's chain (the caller holds the audit's row lock, so the sequence is ours).</summary>
    private async Task AppendAsync(CityMaturityDb db, Audit audit, string kind, string actor, IReadOnlyList<(string Name, string? Value)> details, CancellationToken cancellationToken)
    {
        var previous = await db.AuditEntries.AsNoTracking().Where(e => e.AuditId == audit.Id).OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken);
        (string, string?)[] withStatus = [("status", audit.Status.Code()), ("submissionVersion", audit.SubmissionVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), .. details];
        var content = new AuditEntryContent(audit.Id, (previous?.Sequence ?? 0) + 1, CanonicalJson.Truncate(Now()), kind, actor, AuditChain.Details(withStatus));
        db.AuditEntries.Add(AuditEntry.Of(AuditChain.Append(previous?.ToChained(), content)));
        await db.SaveChangesAsync(cancellationToken);
    }

    private static string? Move(Audit audit, AuditStatus to, AuditParty by)
    {
        if (!audit.Status.CanMoveTo(to) || AuditStatuses.MovedBy(audit.Status, to) != by)
        {
            return $"An audit that is {audit.Status.DisplayName().ToLowerInvariant()} cannot become {to.DisplayName().ToLowerInvariant()} by this step.";
        }

        audit.Status = to;
        return null;
    }

    private static async Task<IReadOnlyList<string>> ScopeAsync(CityMaturityDb db, Audit audit, CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == audit.AssessmentId, cancellationToken);
        return assessment.Scope;
    }

    private static async Task<bool> InScopeAsync(CityMaturityDb db, Audit audit, string code, CancellationToken cancellationToken) =>
        (await ScopeAsync(db, audit, cancellationToken)).Contains(code, StringComparer.Ordinal);

    private async Task<AuditView?> ViewAsync(Guid auditId, CancellationToken cancellationToken) =>
        (await ViewsAsync([auditId], cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The views of several audits, in the order of <paramref name="auditIds"/> (unknown ids left out), in six queries
    /// however many audits: the audits with their names, their findings, the documents attached to answers, the
    /// requests' follow-ups, the requests, and the attestation codes.
    /// </summary>
    private async Task<IReadOnlyList<AuditView>> ViewsAsync(List<Guid> auditIds, CancellationToken cancellationToken)
    {
        if (auditIds.Count == 0)
        {
            return [];
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = auditIds.Distinct().ToList();
        var found = (await (from a in db.Audits
                            join s in db.Assessments on a.AssessmentId equals s.Id
                            join city in db.Organisations on s.OrganisationId equals city.Id
                            join body in db.Organisations on a.AuditBodyId equals body.Id
                            where ids.Contains(a.Id)
                            select new { a, Assessment = s.Name, City = city.Name, Body = body.Name }).AsNoTracking().ToListAsync(cancellationToken))
            .ToDictionary(f => f.a.Id);
        var order = catalogue.Characteristics.Select((c, i) => (c.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        var findings = (await db.AuditFindings.AsNoTracking().Where(f => ids.Contains(f.AuditId)).ToListAsync(cancellationToken))
            .OrderBy(f => order.GetValueOrDefault(f.CharacteristicCode, int.MaxValue))
            .ToLookup(f => f.AuditId, f => new FindingView(f.CharacteristicCode, FindingKinds.VerifiedLevelCode(f.VerifiedLevel is { } l ? MaturityLevels.FromNumber(l) : null),
                f.Finding.Code(), f.EvidenceExamined, f.Note, f.ExaminedInDepth, f.SamplingReason));
        var attached = (await (from d in db.AuditRequestDocuments
                               join r in db.AuditRequests on d.RequestId equals r.Id
                               join e in db.EvidenceItems on d.EvidenceId equals e.Id
                               where ids.Contains(r.AuditId)
                               orderby d.AttachedAt
                               select new { d.RequestId, e.Id, e.Title, e.SizeBytes, e.Sha256, e.RemovedAt }).AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(d => d.RequestId, d => new RequestDocument(d.Id, d.Title, d.SizeBytes, d.Sha256 is null ? null : Convert.ToHexStringLower(d.Sha256), d.RemovedAt is not null));
        var messages = (await (from m in db.AuditRequestMessages
                               join r in db.AuditRequests on m.RequestId equals r.Id
                               where ids.Contains(r.AuditId)
                               orderby m.Sequence
                               select m).AsNoTracking().ToListAsync(cancellationToken))
            .ToLookup(m => m.RequestId);
        var requests = (await db.AuditRequests.AsNoTracking().Where(r => ids.Contains(r.AuditId)).OrderBy(r => r.AskedAt).ToListAsync(cancellationToken))
            .ToLookup(r => r.AuditId, r =>
            {
                var thread = messages[r.Id].ToList();
                var state = RequestStates.Of(r.AnsweredAt, r.ClosedAt is not null, thread.LastOrDefault());
                return new RequestView(r.Id, r.CharacteristicCode, r.Question, r.AskedAt, r.Answer, r.AnsweredAt, state.Code())
                {
                    Documents = [.. attached[r.Id]],
                    Messages = [.. thread.Select(m => new RequestMessageView(m.Id, m.Party == AuditParty.City ? "city" : "audit_body", m.AuthorName, m.Body, m.PostedAt))],
                    ClosedAt = r.ClosedAt,
                };
            });
        var codes = await db.AuditAttestations.AsNoTracking().Where(t => ids.Contains(t.AuditId)).ToDictionaryAsync(t => t.AuditId, t => t.Code, cancellationToken);
        return [.. auditIds.Where(found.ContainsKey).Select(id =>
        {
            var facts = found[id];
            var audit = facts.a;
            return new AuditView(audit.Id, audit.AssessmentId, facts.Assessment, facts.City, facts.Body, audit.Status.Code(), audit.SubmissionVersion,
                audit.EngagedFrom, audit.EngagedUntil, audit.IndicatorYears, audit.ShowPersonalData, audit.RevokedAt is not null,
                audit.Opinion?.Code(), audit.Reservations, audit.CityResponse, codes.GetValueOrDefault(id), [.. findings[id]], [.. requests[id]]);
        })];
    }

    private DateTimeOffset Now() => CanonicalJson.Truncate(clock.GetUtcNow());

    private DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    private static string City(Guid userId) => $"city:{userId:D}";

    private static string Auditor(Guid userId) => $"auditor:{userId:D}";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
