using CityMaturity.Application.Assessments;
using CityMaturity.Application.Evidence;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// Learning between the cities of a benchmark network (issue 16, ADR 0042): the evidence a city chooses, item by item, to
/// share with its published results; "learn from", which points a member at the cities two or more levels ahead of its own
/// score on a characteristic that share evidence on it (ADR 0051); and peer challenge threads on a city's shared score and evidence.
/// <para>
/// Everything is shown under an organisation's name or alias as <see cref="NetworkAudience"/> decides; who attached an item,
/// wrote a post or hid one is never in any output. Sharing evidence on a characteristic is what lets a city be named there:
/// a city that shares none is never listed, and no per-city score is shown, only that it is two or more levels ahead.
/// </para>
/// </summary>
public sealed class PeerLearningService(
    IDbContextFactory<CityMaturityDb> dbFactory, BenchmarkService benchmarks, EvidenceService evidenceService, MaturityCatalogue catalogue,
    IndicatorLibrary indicators, TimeProvider clock)
{
    public static readonly string PostRule = $"A post has 1 to {BenchmarkChallengePost.MaxBodyLength} characters.";
    public static readonly string ReasonRule = $"Say why the post is hidden, in 1 to {BenchmarkChallengePost.MaxReasonLength} characters.";
    /// <summary>Why a coordinator outside the members gets no list: it is relative to a member's own score.</summary>
    public const string CoordinatorNote =
        "You coordinate this network: you moderate its challenge threads and see no figures. Whom to learn from is shown to each " +
        "member city: per characteristic, the cities two or more levels ahead of its own score now that share evidence there.";

    /// <summary>Why a member that has published nothing gets no list.</summary>
    public static string UnscoredNote(string city) =>
        $"{city} has no published score here. Whom to learn from is relative to your own score: per characteristic, the cities two " +
        "or more levels ahead of it now that share evidence there. Share an assessment's results with the network to see them.";

    public static readonly string ShowAgainRule = $"Say why the post is shown again, in 1 to {BenchmarkChallengePost.MaxReasonLength} characters.";

    /// <summary>The evidence items of the assessment the organisation shares with the network, with its choice for each.</summary>
    public async Task<EvidenceSharing> EvidenceChoicesAsync(Guid networkId, Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var snapshot = await db.BenchmarkSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.NetworkId == networkId && s.OrganisationId == organisationId);
        if (snapshot is null)
        {
            return new EvidenceSharing(null, []);
        }

        var name = await db.Assessments.AsNoTracking().Where(a => a.Id == snapshot.AssessmentId).Select(a => a.Name).SingleAsync();
        var items = await db.EvidenceItems.AsNoTracking().Where(e => e.AssessmentId == snapshot.AssessmentId && e.RemovedAt == null).ToListAsync();
        var shared = await db.BenchmarkSharedEvidence.AsNoTracking().Where(s => s.SnapshotId == snapshot.Id).Select(s => s.EvidenceId).ToListAsync();
        return new EvidenceSharing(name, [.. items.OrderBy(e => e.CharacteristicCode, CharacteristicCodeComparer.Instance).ThenBy(e => e.AddedAt)
            .Select(e => new EvidenceChoice(SharedEvidenceItem.Of(e), shared.Contains(e.Id)))]);
    }

    /// <summary>Shares exactly <paramref name="evidenceIds"/> of the published assessment's evidence with the network (replacing the choice).</summary>
    public async Task ShareEvidenceAsync(Guid networkId, Guid organisationId, Guid userId, IReadOnlyCollection<Guid> evidenceIds)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await BenchmarkService.RequireAdministratorAsync(db, userId, organisationId);
        var snapshot = await db.BenchmarkSnapshots.AsNoTracking().SingleOrDefaultAsync(s => s.NetworkId == networkId && s.OrganisationId == organisationId)
            ?? throw new ValidationException("Share an assessment's results with this network first: evidence goes with them.");
        var chosen = evidenceIds.Distinct().ToList();
        var found = await db.EvidenceItems.AsNoTracking()
            .Where(e => chosen.Contains(e.Id) && e.AssessmentId == snapshot.AssessmentId && e.RemovedAt == null).Select(e => e.Id).ToListAsync();
        if (chosen.Count != found.Count)
        {
            throw new ValidationException($"{chosen.Count - found.Count} of the chosen items are not current evidence of the shared assessment: reload the page and choose again.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.BenchmarkSharedEvidence.Where(s => s.SnapshotId == snapshot.Id).ExecuteDeleteAsync();
        db.BenchmarkSharedEvidence.AddRange(found.Select(id => new BenchmarkSharedEvidence { SnapshotId = snapshot.Id, EvidenceId = id, SharedBy = userId, SharedAt = now }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The peer page as <paramref name="userId"/> may see it, with the <paramref name="parts"/> asked for (a part not asked
    /// for is empty: the API's /learn-from and /challenges each need one); null for an unknown or invisible network.
    /// </summary>
    public async Task<PeerLearning?> ViewAsync(Guid networkId, Guid userId, PeerParts parts = PeerParts.All, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await benchmarks.StandingAsync(db, networkId, userId, cancellationToken) is not (_, { } standing))
        {
            return null;
        }

        var audience = NetworkAudience.Of(standing);
        var evidence = await SharedEvidenceAsync(db, networkId, cancellationToken);
        var challenges = await db.BenchmarkChallenges.AsNoTracking().Where(c => c.NetworkId == networkId).ToListAsync(cancellationToken);
        IReadOnlyList<LearnFromCharacteristic> learnFrom = [];
        var noFigures = audience.Viewer is null ? CoordinatorNote : null;
        if (parts.HasFlag(PeerParts.LearnFrom) && audience.Viewer is { } viewer)
        {
            // The comparison of the whole network, under every rule of ADR 0030: a characteristic it withholds gets no list.
            var view = await benchmarks.ViewAsync(networkId, userId, null, null, cancellationToken);
            noFigures = view?.NoFigures;
            if (view?.Comparison is { } comparison)
            {
                learnFrom = await LearnFromAsync(db, comparison, viewer.Id, evidence, challenges, audience, cancellationToken);
                noFigures = learnFrom.Any(c => c.Own is not null) ? null : UnscoredNote(viewer.Name);
            }
        }

        var threads = parts.HasFlag(PeerParts.Threads) ? await ThreadsAsync(db, challenges, evidence, audience, cancellationToken) : [];
        return new PeerLearning(audience.Network, audience.Viewer, audience.IsCoordinator, noFigures, learnFrom, threads);
    }

    /// <summary>
    /// A document a member shares with the network, for a member to download; null when the network is not theirs to read or
    /// the document is not shared there (both look the same).
    /// </summary>
    public async Task<(EvidenceItem Item, byte[] Content)?> OpenSharedDocumentAsync(Guid networkId, Guid userId, Guid evidenceId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NetworkAudience.LoadAsync(db, networkId, userId, cancellationToken) is not { ReadsFigures: true })
        {
            return null;
        }

        var assessmentId = await (from s in db.BenchmarkSharedEvidence
                                  join n in db.BenchmarkSnapshots on s.SnapshotId equals n.Id
                                  where n.NetworkId == networkId && s.EvidenceId == evidenceId
                                  select (Guid?)n.AssessmentId).SingleOrDefaultAsync(cancellationToken);
        return assessmentId is { } id ? await evidenceService.OpenDocumentAsync(id, evidenceId, cancellationToken) : null;
    }

    /// <summary>A member questions another member's shared score and evidence on a characteristic where that member shares evidence.</summary>
    public async Task<BenchmarkChallenge> OpenChallengeAsync(Guid networkId, Guid userId, Guid targetOrganisationId, string characteristicCode, string question)
    {
        var body = CheckedBody(question);
        if (!catalogue.TryGetCharacteristic(characteristicCode, out _))
        {
            throw new ValidationException($"The framework has no characteristic '{characteristicCode}': a challenge is about one of its characteristics.", RefusalKind.Malformed);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var asking = await AskingMemberAsync(db, networkId, userId, targetOrganisationId);
        if (!await SharedRows(db, networkId).AnyAsync(r => r.OrganisationId == targetOrganisationId && r.Item.CharacteristicCode == characteristicCode))
        {
            throw new ValidationException("A challenge is about a city's score on a characteristic where it shares evidence; this city shares none there now.");
        }

        return await StartThreadAsync(db, new BenchmarkChallenge { CharacteristicCode = characteristicCode }, networkId, userId, asking, targetOrganisationId, body);
    }

    /// <summary>
    /// A member questions another member's indicator value of one year that it shares with the network now (the rules of
    /// a characteristic thread: a member asks, never about itself, under names or aliases only).
    /// </summary>
    public async Task<BenchmarkChallenge> OpenIndicatorChallengeAsync(Guid networkId, Guid userId, Guid targetOrganisationId, string indicatorCode, int year, string question)
    {
        var body = CheckedBody(question);
        await using var db = await dbFactory.CreateDbContextAsync();
        var asking = await AskingMemberAsync(db, networkId, userId, targetOrganisationId);
        var code = (indicatorCode ?? string.Empty).Trim();
        if (!await db.BenchmarkIndicatorValues.AnyAsync(v => v.NetworkId == networkId && v.OrganisationId == targetOrganisationId && v.IndicatorCode == code && v.Year == year))
        {
            throw new ValidationException("A challenge on an indicator is about a value the city shares with the network; it shares none for that indicator and year now.");
        }

        return await StartThreadAsync(db, new BenchmarkChallenge { IndicatorCode = code, IndicatorYear = year }, networkId, userId, asking, targetOrganisationId, body);
    }

    /// <summary>The member a person asks for; a city does not challenge itself.</summary>
    private static async Task<Guid> AskingMemberAsync(CityMaturityDb db, Guid networkId, Guid userId, Guid targetOrganisationId)
    {
        var viewer = await MemberViewerAsync(db, networkId, userId);
        return targetOrganisationId == viewer.Id ? throw new ValidationException("A city does not challenge itself.") : viewer.Id;
    }

    /// <summary>Saves a new thread (its subject, a characteristic or an indicator value, already set) with its first post.</summary>
    private async Task<BenchmarkChallenge> StartThreadAsync(
        CityMaturityDb db, BenchmarkChallenge challenge, Guid networkId, Guid userId, Guid askingOrganisationId, Guid targetOrganisationId, string body)
    {
        var now = clock.GetUtcNow();
        (challenge.Id, challenge.NetworkId, challenge.TargetOrganisationId) = (Guid.NewGuid(), networkId, targetOrganisationId);
        (challenge.OpenedByOrganisationId, challenge.OpenedBy, challenge.OpenedAt) = (askingOrganisationId, userId, now);
        db.BenchmarkChallenges.Add(challenge);
        db.BenchmarkChallengePosts.Add(new BenchmarkChallengePost { Id = Guid.NewGuid(), ChallengeId = challenge.Id, AuthorOrganisationId = askingOrganisationId, Body = body, PostedBy = userId, PostedAt = now });
        await db.SaveChangesAsync();
        return challenge;
    }

    /// <summary>
    /// The member that appears to this person under <paramref name="shownAs"/> (its name or alias, exactly as their views
    /// show it): how the API names the city a challenge is about, since no output carries an organisation's id.
    /// </summary>
    public async Task<Guid> MemberShownAsAsync(Guid networkId, Guid userId, string? shownAs)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var audience = await NetworkAudience.LoadAsync(db, networkId, userId, CancellationToken.None);
        if (audience?.Viewer is null)
        {
            throw new KeyNotFoundException("No such network for this person to take part in.");
        }

        var name = (shownAs ?? string.Empty).Trim();
        return audience.Lines.Where(l => string.Equals(l.Value.ShownAs, name, StringComparison.Ordinal)).Select(l => (Guid?)l.Key).SingleOrDefault()
            ?? throw new ValidationException("No member of this network appears under that name: use the name or alias the network's views show.");
    }

    /// <summary>An answer (or a further question) in an open thread, under the member's name or alias.</summary>
    public async Task ReplyAsync(Guid challengeId, Guid userId, string text)
    {
        var body = CheckedBody(text);
        await using var db = await dbFactory.CreateDbContextAsync();
        var challenge = await VisibleChallengeAsync(db, challengeId);
        var viewer = await MemberViewerAsync(db, challenge.NetworkId, userId);
        if (!challenge.IsOpen)
        {
            throw new ValidationException("This challenge is closed: open a new one to ask again.");
        }

        db.BenchmarkChallengePosts.Add(new BenchmarkChallengePost { Id = Guid.NewGuid(), ChallengeId = challengeId, AuthorOrganisationId = viewer.Id, Body = body, PostedBy = userId, PostedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync();
    }

    /// <summary>Closes a thread: the challenged city, the city that asked, or a coordinator.</summary>
    public async Task CloseAsync(Guid challengeId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var challenge = await VisibleChallengeAsync(db, challengeId);
        var audience = await NetworkAudience.LoadAsync(db, challenge.NetworkId, userId, CancellationToken.None) ?? throw new KeyNotFoundException("No such challenge.");
        if (!MayClose(challenge, audience))
        {
            throw new KeyNotFoundException("No such challenge for this person to close.");
        }

        await db.BenchmarkChallenges.Where(c => c.Id == challengeId && c.ClosedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAt, clock.GetUtcNow()).SetProperty(c => c.ClosedBy, userId));
    }

    /// <summary>
    /// A coordinator hides a post, saying why; the post's text then leaves every view, the record of the hiding stays.
    /// With <paramref name="networkId"/> (the API's address) a post of another network is not found.
    /// </summary>
    public Task HideAsync(Guid postId, Guid userId, string reason, Guid? networkId = null) =>
        ModerateAsync(postId, userId, reason, networkId, PostModerationAction.Hidden);

    /// <summary>A coordinator shows a hidden post again, saying why; the hiding and the showing both stay on record.</summary>
    public Task UnhideAsync(Guid postId, Guid userId, string reason, Guid? networkId = null) =>
        ModerateAsync(postId, userId, reason, networkId, PostModerationAction.Shown);

    private async Task ModerateAsync(Guid postId, Guid userId, string? reason, Guid? networkId, PostModerationAction action)
    {
        var why = (reason ?? string.Empty).Trim();
        if (why.Length is 0 or > BenchmarkChallengePost.MaxReasonLength)
        {
            throw new ValidationException(action == PostModerationAction.Hidden ? ReasonRule : ShowAgainRule);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        var post = await db.BenchmarkChallengePosts.SingleOrDefaultAsync(p => p.Id == postId) ?? throw new KeyNotFoundException("No such post.");
        var challenge = await VisibleChallengeAsync(db, post.ChallengeId);
        if (networkId is { } expected && challenge.NetworkId != expected)
        {
            throw new KeyNotFoundException("No such post.");
        }

        await BenchmarkService.RequireCoordinatorAsync(db, challenge.NetworkId, userId);
        var hide = action == PostModerationAction.Hidden;
        if ((post.HiddenAt is not null) == hide)
        {
            return; // already as asked: nothing to record
        }

        var now = clock.GetUtcNow();
        if (hide)
        {
            (post.HiddenAt, post.HiddenBy, post.HiddenReason) = (now, userId, why);
        }
        else
        {
            (post.HiddenAt, post.HiddenBy, post.HiddenReason) = (null, null, null);
        }

        db.BenchmarkPostModeration.Add(new BenchmarkPostModeration { Id = Guid.NewGuid(), PostId = postId, Action = action, Reason = why, ActedBy = userId, ActedAt = now });
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Per characteristic the whole network's comparison shows (a withheld one gets no list), the cities two or more levels
    /// ahead of the viewer's own score now that share evidence there (<see cref="LearnFromRule"/>, ADR 0051). A peer's score
    /// is read here only to apply the rule; nothing of it leaves but the fact that the peer is listed.
    /// </summary>
    private static async Task<IReadOnlyList<LearnFromCharacteristic>> LearnFromAsync(
        CityMaturityDb db, NetworkComparison comparison, Guid viewerId, ILookup<Guid, SharedEvidenceItem> evidence, IReadOnlyList<BenchmarkChallenge> challenges,
        NetworkAudience audience, CancellationToken cancellationToken)
    {
        var sharing = evidence.Select(g => g.Key).Where(id => id != viewerId && audience.Lines.ContainsKey(id)).ToList();
        var scores = await (from s in db.BenchmarkSnapshotScores
                            join n in db.BenchmarkSnapshots on s.SnapshotId equals n.Id
                            where n.NetworkId == audience.Network.Id && sharing.Contains(n.OrganisationId) && s.Level == BenchmarkLevel.Characteristic && s.ScoreNow != null
                            select new { n.OrganisationId, s.Code, s.ScoreNow }).AsNoTracking().ToListAsync(cancellationToken);
        var scoreOf = scores.ToDictionary(s => (s.OrganisationId, s.Code), s => s.ScoreNow!.Value);
        var open = challenges.Where(c => c.IsOpen).ToLookup(c => (c.TargetOrganisationId, c.CharacteristicCode));
        var result = new List<LearnFromCharacteristic>();
        foreach (var metric in comparison.Metrics.Where(m => m.Metric.Level == BenchmarkLevel.Characteristic))
        {
            if (metric.Now.Distribution is null || metric.Now.IsWithheld)
            {
                continue;
            }

            var (code, own) = (metric.Metric.Code, metric.Now.Own);
            var peers = sharing
                .Where(id => LearnFromRule.IsAhead(own, scoreOf.TryGetValue((id, code), out var score) ? score : null))
                .Select(id => new LearnFromPeer(id, audience.ShownAs(id), audience.Lines[id].IsNamed, [.. evidence[id].Where(e => e.CharacteristicCode == code)], open[(id, code)].Count(), audience.Lines[id].AsMembersSeeIt))
                .Where(p => p.Evidence.Count > 0)
                .OrderByDescending(p => p.IsNamed).ThenBy(p => p.ShownAs, StringComparer.CurrentCultureIgnoreCase).ToList();
            result.Add(new LearnFromCharacteristic(code, metric.Metric.Name, own, peers));
        }

        return result;
    }

    private async Task<IReadOnlyList<ChallengeThread>> ThreadsAsync(
        CityMaturityDb db, IReadOnlyList<BenchmarkChallenge> challenges, ILookup<Guid, SharedEvidenceItem> evidence, NetworkAudience audience, CancellationToken cancellationToken)
    {
        // A city that withdrew its results takes the threads about them out of view with them, and one that withdrew an
        // indicator year the threads about that year's values (they come back if it shares again).
        var networkId = audience.Network.Id;
        var published = (await db.BenchmarkSnapshots.AsNoTracking().Where(s => s.NetworkId == networkId).Select(s => s.OrganisationId).ToListAsync(cancellationToken)).ToHashSet();
        var codes = challenges.Where(c => c.IndicatorCode is not null).Select(c => c.IndicatorCode!).Distinct().ToList();
        var values = (await db.BenchmarkIndicatorValues.AsNoTracking().Where(v => v.NetworkId == networkId && codes.Contains(v.IndicatorCode)).ToListAsync(cancellationToken))
            .ToDictionary(v => (v.OrganisationId, v.IndicatorCode, v.Year));
        ChallengedValue? ValueOf(BenchmarkChallenge c) =>
            c.IndicatorCode is { } code && values.TryGetValue((c.TargetOrganisationId, code, c.IndicatorYear!.Value), out var v) ? new ChallengedValue(code, v.Year, v.Value, v.Unit) : null;
        var visible = challenges.Where(c => c.IndicatorCode is null ? published.Contains(c.TargetOrganisationId) : ValueOf(c) is not null).ToList();
        var ids = visible.Select(c => c.Id).ToList();
        var posts = (await db.BenchmarkChallengePosts.AsNoTracking().Where(p => ids.Contains(p.ChallengeId)).ToListAsync(cancellationToken)).ToLookup(p => p.ChallengeId);
        return [.. visible.OrderByDescending(c => c.IsOpen).ThenByDescending(c => c.OpenedAt).Select(c => new ChallengeThread(
            c.Id, c.CharacteristicCode, SubjectName(c),
            audience.ShownAs(c.TargetOrganisationId), audience.IsOwn(c.TargetOrganisationId), audience.ShownAs(c.OpenedByOrganisationId), audience.IsOwn(c.OpenedByOrganisationId),
            c.IsOpen, c.OpenedAt,
            [.. posts[c.Id].OrderBy(p => p.PostedAt).ThenBy(p => p.Id).Select(p => new ChallengePostView(
                p.Id, audience.ShownAs(p.AuthorOrganisationId), audience.IsOwn(p.AuthorOrganisationId), p.HiddenAt is null ? p.Body : null, p.PostedAt, p.HiddenReason))],
            c.CharacteristicCode is { } characteristic ? [.. evidence[c.TargetOrganisationId].Where(e => e.CharacteristicCode == characteristic)] : [],
            MayPost: c.IsOpen && audience.Viewer is not null, MayClose: c.IsOpen && MayClose(c, audience)) { Value = ValueOf(c) })];
    }

    /// <summary>The characteristic's title, or the indicator's name (its code where the library does not know it).</summary>
    private string SubjectName(BenchmarkChallenge challenge) =>
        challenge.CharacteristicCode is { } code
            ? catalogue.TryGetCharacteristic(code, out var characteristic) ? characteristic.Title : code
            : indicators.Find(challenge.IndicatorCode!)?.Name ?? challenge.IndicatorCode!;

    private static bool MayClose(BenchmarkChallenge challenge, NetworkAudience audience) =>
        audience.IsCoordinator || audience.IsOwn(challenge.TargetOrganisationId) || audience.IsOwn(challenge.OpenedByOrganisationId);

    /// <summary>The shared, current evidence of each member's published assessment in the network, by organisation.</summary>
    private static async Task<ILookup<Guid, SharedEvidenceItem>> SharedEvidenceAsync(CityMaturityDb db, Guid networkId, CancellationToken cancellationToken)
    {
        var rows = await SharedRows(db, networkId).ToListAsync(cancellationToken);
        return rows.OrderBy(r => r.Item.CharacteristicCode, CharacteristicCodeComparer.Instance).ThenBy(r => r.Item.AddedAt).ToLookup(r => r.OrganisationId, r => SharedEvidenceItem.Of(r.Item));
    }

    /// <summary>The query of the shared, current evidence items of the network's published assessments, with whose they are.</summary>
    private static IQueryable<SharedRow> SharedRows(CityMaturityDb db, Guid networkId) =>
        from s in db.BenchmarkSharedEvidence
        join n in db.BenchmarkSnapshots on s.SnapshotId equals n.Id
        join e in db.EvidenceItems.AsNoTracking() on s.EvidenceId equals e.Id
        where n.NetworkId == networkId && e.RemovedAt == null && e.AssessmentId == n.AssessmentId
        select new SharedRow { OrganisationId = n.OrganisationId, Item = e };

    /// <summary>The organisation through which the person takes part (a results reader of an accepted member); otherwise not found.</summary>
    private static async Task<Organisation> MemberViewerAsync(CityMaturityDb db, Guid networkId, Guid userId) =>
        (await NetworkAudience.LoadAsync(db, networkId, userId, CancellationToken.None))?.Viewer
        ?? throw new KeyNotFoundException("No such network for this person to take part in.");

    private static async Task<BenchmarkChallenge> VisibleChallengeAsync(CityMaturityDb db, Guid challengeId) =>
        await db.BenchmarkChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.Id == challengeId) ?? throw new KeyNotFoundException("No such challenge.");

    private static string CheckedBody(string? text)
    {
        var body = (text ?? string.Empty).Trim();
        return body.Length is 0 or > BenchmarkChallengePost.MaxBodyLength ? throw new ValidationException(PostRule) : body;
    }

    private sealed class SharedRow
    {
        public Guid OrganisationId { get; init; }
        public required EvidenceItem Item { get; init; }
    }
}
