using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Scoring;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Infrastructure.Database.Configurations;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// Benchmark networks (ADR 0030): creating them, inviting and accepting organisations, city profiles, publishing and
/// withdrawing results, and the comparison under the privacy rule (Domain/Benchmarking).
/// <para>
/// Who sees what is decided here, because it depends on the network rather than on one organisation: a network is
/// visible to its coordinators and to those who read results (<see cref="Permission.ViewResults"/>) in an accepted member
/// organisation; only the latter see figures. Organisation-scoped actions (profile, publish, withdraw, accept) need the
/// caller to hold <see cref="Permission.ManageMembers"/> in that organisation, checked here from the membership table.
/// Unknown and invisible networks look the same: null or <see cref="KeyNotFoundException"/>.
/// </para>
/// </summary>
public sealed class BenchmarkService(IDbContextFactory<CityMaturityDb> dbFactory, AssessmentSummaryService summaries, MaturityCatalogue catalogue, TimeProvider clock,
    FluentValidation.IValidator<NewNetwork> networkRules, NetworkFiguresCache figuresCache)
{

    public async Task<NetworkOverview> OverviewAsync(Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var roles = await RolesAsync(db, userId, cancellationToken);
        var coordinated = await db.BenchmarkCoordinators.AsNoTracking().Where(c => c.UserId == userId).Select(c => c.NetworkId).ToListAsync(cancellationToken);
        var organisationIds = roles.Keys.ToList();
        var memberships = await db.BenchmarkMembers.AsNoTracking().Where(m => organisationIds.Contains(m.OrganisationId)).ToListAsync(cancellationToken);
        var networkIds = memberships.Select(m => m.NetworkId).Concat(coordinated).Distinct().ToList();
        var networks = await db.BenchmarkNetworks.AsNoTracking().Where(n => networkIds.Contains(n.Id)).ToDictionaryAsync(n => n.Id, cancellationToken);
        var counts = await db.BenchmarkMembers.AsNoTracking().Where(m => networkIds.Contains(m.NetworkId) && m.Status == MembershipStatus.Accepted)
            .GroupBy(m => m.NetworkId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

        var listings = new List<NetworkListing>();
        foreach (var network in networks.Values.OrderBy(n => n.Name, StringComparer.CurrentCultureIgnoreCase))
        {
            var viewer = ViewerOrganisation(memberships.Where(m => m.NetworkId == network.Id), roles, organisations);
            var isCoordinator = coordinated.Contains(network.Id);
            if (viewer is not null || isCoordinator)
            {
                listings.Add(new NetworkListing(network, counts.GetValueOrDefault(network.Id), isCoordinator, viewer));
            }
        }

        var invitations = memberships
            .Where(m => m.Status == MembershipStatus.Invited && roles[m.OrganisationId].Grants(Permission.ManageMembers))
            .Select(m => new NetworkInvitation(networks[m.NetworkId], organisations[m.OrganisationId]))
            .OrderBy(i => i.Network.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        var administered = organisations.Values.Where(o => roles[o.Id].Grants(Permission.ManageMembers)).OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
        return new NetworkOverview(listings, invitations, administered);
    }

    /// <summary>
    /// A new network, run by its creator. A system administrator creates one on its own; an organisation administrator
    /// creates one for an organisation they administer, which becomes its first member.
    /// </summary>
    public async Task<BenchmarkNetwork> CreateAsync(Guid userId, bool isSystemAdmin, Guid? organisationId, string name, string? description, int k)
    {
        if ((await networkRules.ValidateAsync(new NewNetwork(name ?? string.Empty, description, k, organisationId, isSystemAdmin))).Errors is [var refused, ..])
        {
            throw new ValidationException(refused.ErrorMessage);
        }

        var cleaned = PersonNames.Clean(name ?? string.Empty);
        var about = (description ?? string.Empty).Trim();
        await using var db = await dbFactory.CreateDbContextAsync();
        if (organisationId is { } founder)
        {
            await RequireAdministratorAsync(db, userId, founder);
        }

        // A few networks at most: the case-insensitive comparison stays in one language (the unique index agrees).
        var names = await db.BenchmarkNetworks.Select(n => n.Name).ToListAsync();
        if (names.Contains(cleaned, StringComparer.OrdinalIgnoreCase))
        {
            throw new ValidationException($"A network named '{cleaned}' exists already: choose another name.");
        }

        var now = clock.GetUtcNow();
        var network = new BenchmarkNetwork { Id = Guid.NewGuid(), Name = cleaned, Description = about, KThreshold = k, CreatedBy = userId, CreatedAt = now };
        db.BenchmarkNetworks.Add(network);
        db.BenchmarkCoordinators.Add(new BenchmarkCoordinator { NetworkId = network.Id, UserId = userId });
        if (organisationId is { } member)
        {
            db.BenchmarkMembers.Add(new BenchmarkMember
            {
                NetworkId = network.Id, OrganisationId = member, Status = MembershipStatus.Accepted, Alias = MemberAliases.Pick(Random.Shared, new HashSet<string>()),
                InvitedBy = userId, InvitedAt = now, AcceptedBy = userId, AcceptedAt = now,
            });
        }

        await db.SaveChangesAsync();
        return network;
    }

    /// <summary>A coordinator invites an organisation by its address (slug); its administrators accept on their list.</summary>
    public async Task InviteAsync(Guid networkId, Guid userId, string organisationSlug)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireCoordinatorAsync(db, networkId, userId);
        var slug = (organisationSlug ?? string.Empty).Trim().ToLowerInvariant();
        var organisation = await db.Organisations.AsNoTracking().SingleOrDefaultAsync(o => o.Slug == slug)
            ?? throw new ValidationException($"No organisation has the address '{slug}'.");
        if (await db.BenchmarkMembers.AnyAsync(m => m.NetworkId == networkId && m.OrganisationId == organisation.Id))
        {
            throw new ValidationException($"{organisation.Name} is invited or a member already.");
        }

        var taken = (await db.BenchmarkMembers.Where(m => m.NetworkId == networkId).Select(m => m.Alias).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        db.BenchmarkMembers.Add(new BenchmarkMember
        {
            NetworkId = networkId, OrganisationId = organisation.Id, Status = MembershipStatus.Invited, Alias = MemberAliases.Pick(Random.Shared, taken),
            InvitedBy = userId, InvitedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync();
    }

    /// <summary>What a coordinator manages: who coordinates, k, and the record of changes to both (newest first).</summary>
    public async Task<NetworkSettings> SettingsAsync(Guid networkId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await RequireCoordinatorAsync(db, networkId, userId);
        var network = await db.BenchmarkNetworks.AsNoTracking().SingleAsync(n => n.Id == networkId, cancellationToken);
        var coordinators = await (from c in db.BenchmarkCoordinators
                                  join u in db.Users on c.UserId equals u.Id
                                  where c.NetworkId == networkId
                                  select new NetworkCoordinator(u.Id, u.DisplayName, u.Email ?? string.Empty)).ToListAsync(cancellationToken);
        var events = await db.BenchmarkNetworkEvents.AsNoTracking().Where(e => e.NetworkId == networkId)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(cancellationToken);
        return new NetworkSettings(network, [.. coordinators.OrderBy(c => c.Email, StringComparer.OrdinalIgnoreCase)], events);
    }

    /// <summary>A coordinator adds another by the email of their account; recorded.</summary>
    public async Task AddCoordinatorAsync(Guid networkId, Guid userId, string email)
    {
        var address = (email ?? string.Empty).Trim();
        if (!EmailAddresses.IsValid(address))
        {
            throw new ValidationException($"'{address}' is not an email address.");
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var actor = await LockAsCoordinatorAsync(db, networkId, userId);
        var normalised = address.ToUpperInvariant();
        var user = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == normalised)
            ?? throw new ValidationException($"No account has the address {address}: they sign up first.");
        if (await db.BenchmarkCoordinators.AnyAsync(c => c.NetworkId == networkId && c.UserId == user.Id))
        {
            throw new ValidationException($"{address} coordinates this network already.");
        }

        db.BenchmarkCoordinators.Add(new BenchmarkCoordinator { NetworkId = networkId, UserId = user.Id });
        db.BenchmarkNetworkEvents.Add(Event(networkId, NetworkEventKind.CoordinatorAdded, userId, actor, user.Email));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>A coordinator removes one (themselves included), never the last: a network always has someone to run it.</summary>
    public async Task RemoveCoordinatorAsync(Guid networkId, Guid userId, Guid coordinatorId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        // The network's row is locked first, so two removals at once cannot both see a second coordinator.
        var actor = await LockAsCoordinatorAsync(db, networkId, userId);
        var coordinators = await db.BenchmarkCoordinators.Where(c => c.NetworkId == networkId).ToListAsync();
        var removed = coordinators.SingleOrDefault(c => c.UserId == coordinatorId)
            ?? throw new KeyNotFoundException("That person does not coordinate this network.");
        if (coordinators.Count == 1)
        {
            throw new ValidationException("A network needs at least one coordinator: add another before removing the last.");
        }

        var email = await db.Users.Where(u => u.Id == coordinatorId).Select(u => u.Email).SingleAsync();
        db.BenchmarkCoordinators.Remove(removed);
        db.BenchmarkNetworkEvents.Add(Event(networkId, NetworkEventKind.CoordinatorRemoved, userId, actor, email));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>
    /// A coordinator changes the privacy threshold (never below <see cref="BenchmarkPrivacy.MinimumK"/>); recorded with the
    /// value before and after. The change moves the network's figures version (ADR 0055), so every page and API answer
    /// applies the new k on its next request.
    /// </summary>
    public async Task ChangeKAsync(Guid networkId, Guid userId, int k)
    {
        if (!BenchmarkPrivacy.IsValidK(k))
        {
            throw new ValidationException(BenchmarkPrivacy.KRule);
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var actor = await LockAsCoordinatorAsync(db, networkId, userId);
        var network = await db.BenchmarkNetworks.SingleAsync(n => n.Id == networkId);
        if (network.KThreshold == k)
        {
            return;
        }

        var change = Event(networkId, NetworkEventKind.KChanged, userId, actor);
        (change.OldK, change.NewK, network.KThreshold) = (network.KThreshold, k, k);
        db.BenchmarkNetworkEvents.Add(change);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>An organisation administrator accepts the invitation; the organisation appears anonymously until it chooses otherwise.</summary>
    public async Task AcceptAsync(Guid networkId, Guid organisationId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireAdministratorAsync(db, userId, organisationId);
        var member = await db.BenchmarkMembers.SingleOrDefaultAsync(m => m.NetworkId == networkId && m.OrganisationId == organisationId && m.Status == MembershipStatus.Invited)
            ?? throw new KeyNotFoundException("No such invitation.");
        member.Status = MembershipStatus.Accepted;
        member.AcceptedBy = userId;
        member.AcceptedAt = clock.GetUtcNow();
        await db.SaveChangesAsync();
    }

    /// <summary>Leaves a network (or declines its invitation): the membership and any published results go at once.</summary>
    public async Task LeaveAsync(Guid networkId, Guid organisationId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireAdministratorAsync(db, userId, organisationId);
        // The snapshot's foreign key cascades: one statement removes the membership and everything published under it.
        await db.BenchmarkMembers.Where(m => m.NetworkId == networkId && m.OrganisationId == organisationId).ExecuteDeleteAsync();
    }

    /// <summary>Whether the organisation appears by name (with its profile) or by its alias only.</summary>
    public async Task SetShowNameAsync(Guid networkId, Guid organisationId, Guid userId, bool showName)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireAdministratorAsync(db, userId, organisationId);
        var member = await db.BenchmarkMembers.SingleOrDefaultAsync(m => m.NetworkId == networkId && m.OrganisationId == organisationId)
            ?? throw new KeyNotFoundException("The organisation is not in this network.");
        member.ShowName = showName;
        await db.SaveChangesAsync();
    }

    public async Task SaveProfileAsync(Guid organisationId, Guid userId, CityProfile profile)
    {
        var cleaned = new CityProfile
        {
            OrganisationId = organisationId,
            Country = (profile.Country ?? string.Empty).Trim(),
            Region = (profile.Region ?? string.Empty).Trim(),
            PopulationBand = profile.PopulationBand ?? string.Empty,
            AreaType = profile.AreaType ?? string.Empty,
            Tags = CityProfileRules.ParseTags(string.Join(',', profile.Tags)),
            UpdatedAt = clock.GetUtcNow(),
        };
        if (CityProfileRules.Check(cleaned) is { Count: > 0 } problems)
        {
            throw new ValidationException(string.Join(" ", problems));
        }

        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireAdministratorAsync(db, userId, organisationId);
        var existing = await db.CityProfiles.SingleOrDefaultAsync(p => p.OrganisationId == organisationId);
        if (existing is null)
        {
            db.CityProfiles.Add(cleaned);
        }
        else
        {
            db.Entry(existing).CurrentValues.SetValues(cleaned);
            existing.Tags = cleaned.Tags;
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Publishes a closed assessment's scores into a network, replacing what the organisation published there before. The
    /// scores are read from the same summary as the dashboard; only scores, counts, method, source and date are copied.
    /// </summary>
    public async Task<BenchmarkSnapshot> PublishAsync(Guid networkId, Guid organisationId, Guid assessmentId, Guid userId)
    {
        await using (var check = await dbFactory.CreateDbContextAsync())
        {
            await RequireAdministratorAsync(check, userId, organisationId);
            await RequireAcceptedMemberAsync(check, networkId, organisationId);

            var assessment = await check.Assessments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == assessmentId && a.OrganisationId == organisationId)
                ?? throw new KeyNotFoundException("No such assessment in this organisation.");
            if (assessment.Status is not (AssessmentStatus.Closed or AssessmentStatus.Archived))
            {
                throw new ValidationException("Only a closed assessment's results can be shared: close it first.");
            }
        }

        var summarised = await summaries.SummariseAsync(assessmentId);
        var snapshot = SnapshotOf(summarised, networkId, organisationId, userId, out var scores);

        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.BenchmarkSnapshots.Where(s => s.NetworkId == networkId && s.OrganisationId == organisationId).ExecuteDeleteAsync();
        db.BenchmarkSnapshots.Add(snapshot);
        db.BenchmarkSnapshotScores.AddRange(scores);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return snapshot;
    }

    /// <summary>
    /// Withdraws the organisation's results from the network: deleted, so every page and API answer loses them at once.
    /// With <paramref name="assessmentId"/> (the assessment's own page), only if what is shared is that assessment.
    /// </summary>
    public async Task<bool> WithdrawAsync(Guid networkId, Guid organisationId, Guid userId, Guid? assessmentId = null)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await RequireAdministratorAsync(db, userId, organisationId);
        return await db.BenchmarkSnapshots
            .Where(s => s.NetworkId == networkId && s.OrganisationId == organisationId && (assessmentId == null || s.AssessmentId == assessmentId))
            .ExecuteDeleteAsync() > 0;
    }

    public async Task<OrganisationSharing> OrganisationAsync(Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var profile = await db.CityProfiles.AsNoTracking().SingleOrDefaultAsync(p => p.OrganisationId == organisationId)
            ?? new CityProfile { OrganisationId = organisationId };
        var rows = await (from m in db.BenchmarkMembers
                          join n in db.BenchmarkNetworks on m.NetworkId equals n.Id
                          where m.OrganisationId == organisationId
                          select new { m, n }).AsNoTracking().ToListAsync();
        var snapshots = await db.BenchmarkSnapshots.AsNoTracking().Where(s => s.OrganisationId == organisationId).ToListAsync();
        var assessments = await db.Assessments.AsNoTracking().Where(a => a.OrganisationId == organisationId).ToListAsync();
        var networks = rows.OrderBy(r => r.n.Name, StringComparer.CurrentCultureIgnoreCase).Select(r =>
        {
            var snapshot = snapshots.FirstOrDefault(s => s.NetworkId == r.n.Id);
            return new OrganisationNetwork(r.n, r.m, snapshot, assessments.FirstOrDefault(a => a.Id == snapshot?.AssessmentId)?.Name);
        }).ToList();
        var publishable = assessments.Where(a => a.Status is AssessmentStatus.Closed or AssessmentStatus.Archived)
            .OrderByDescending(a => a.CycleDate).ToList();
        return new OrganisationSharing(profile, networks, publishable);
    }

    /// <summary>
    /// The networks that hold this assessment's shared results and that the person reads through a member organisation
    /// (as <see cref="ViewAsync"/> would show them), by name: the dashboard links to each.
    /// </summary>
    public async Task<IReadOnlyList<BenchmarkNetwork>> NetworksSharingAsync(Guid assessmentId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var networkIds = await db.BenchmarkSnapshots.AsNoTracking().Where(s => s.AssessmentId == assessmentId)
            .Select(s => s.NetworkId).Distinct().ToListAsync(cancellationToken);
        var readable = new List<BenchmarkNetwork>();
        foreach (var networkId in networkIds)
        {
            if (await NetworkStanding.LoadAsync(db, networkId, userId, cancellationToken) is { Viewer: not null } standing)
            {
                readable.Add(standing.Network);
            }
        }

        return [.. readable.OrderBy(n => n.Name, StringComparer.CurrentCultureIgnoreCase)];
    }

    /// <summary>
    /// The network as one person may see it, compared under <paramref name="peerKey"/> and <paramref name="methodKey"/>
    /// (both optional); null when the network does not exist or the person may not see it.
    /// <para>
    /// The network's figures come from <see cref="NetworkFiguresCache"/> at the figures version read here (ADR 0055); who
    /// the person is — the member organisation they read through, whether they coordinate — is read fresh on every request,
    /// and only then are the figures placed from that organisation's point of view.
    /// </para>
    /// </summary>
    public async Task<NetworkView?> ViewAsync(Guid networkId, Guid userId, string? peerKey, string? methodKey, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await StandingAsync(db, networkId, userId, cancellationToken) is not ({ } figures, { } standing))
        {
            return null;
        }

        var (network, viewer, isCoordinator) = (figures.Network, standing.Viewer, standing.IsCoordinator);
        var lines = figures.LinesFor(viewer, isCoordinator);
        var published = figures.Family.Cities.Count;
        if (viewer is null)
        {
            // A coordinator outside the network's members runs it: names and who has published, no figures.
            return new NetworkView(network, null, isCoordinator, lines, published, [], null, null, null);
        }

        if (figures.Family.Offered.Count == 0)
        {
            return new NetworkView(network, viewer, isCoordinator, lines, published, figures.Filters, null,
                $"Figures appear once at least {network.KThreshold} cities have published results; {published} have so far.", null);
        }

        var (filter, refusal) = ChooseFilter(figures.Family, peerKey, methodKey);
        var shared = await figuresCache.FilterAsync(figures, filter, () => NetworkComparison.Shared(figures.Family, filter, Metrics()));
        return new NetworkView(network, viewer, isCoordinator, lines, published, figures.Filters, shared.ForViewer(figures.Family, viewer.Id), null, refusal);
    }

    /// <summary>
    /// Where the person stands in the network, for views that read it: the network's figures from
    /// <see cref="NetworkFiguresCache"/> at the figures version read here (ADR 0055), and who the person is — the member
    /// organisation they read through, whether they coordinate — read afresh. Null when the network does not exist or the
    /// person may not see it. Writes check with <see cref="NetworkStanding.LoadAsync"/> instead.
    /// </summary>
    internal async Task<(NetworkFigures Figures, NetworkStanding Standing)?> StandingAsync(CityMaturityDb db, Guid networkId, Guid userId, CancellationToken cancellationToken)
    {
        var version = await db.BenchmarkNetworks.Where(n => n.Id == networkId)
            .Select(n => (long?)EF.Property<long>(n, BenchmarkNetworkColumns.FiguresVersion)).SingleOrDefaultAsync(cancellationToken);
        if (version is not { } current)
        {
            return null;
        }

        var figures = await figuresCache.NetworkAsync(networkId, current, () => LoadFiguresAsync(networkId));
        var viewer = ViewerOrganisation(figures.Members, await RolesAsync(db, userId, cancellationToken), figures.Organisations);
        var isCoordinator = await db.BenchmarkCoordinators.AnyAsync(c => c.NetworkId == networkId && c.UserId == userId, cancellationToken);
        return viewer is null && !isCoordinator ? null : (figures, new NetworkStanding(figures.Network, figures.Members, figures.Organisations, viewer, isCoordinator));
    }

    /// <summary>
    /// Everything the comparison is computed from, read in one repeatable-read transaction so that the version and the rows
    /// agree: the figures are never older than the version they are kept under.
    /// </summary>
    private async Task<NetworkFigures> LoadFiguresAsync(Guid networkId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var found = await db.BenchmarkNetworks.AsNoTracking().Where(n => n.Id == networkId)
            .Select(n => new { Network = n, Version = EF.Property<long>(n, BenchmarkNetworkColumns.FiguresVersion) }).SingleAsync();
        var members = await db.BenchmarkMembers.AsNoTracking().Where(m => m.NetworkId == networkId).ToListAsync();
        var organisationIds = members.Select(m => m.OrganisationId).ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => organisationIds.Contains(o.Id)).ToDictionaryAsync(o => o.Id);
        var profiles = await db.CityProfiles.AsNoTracking().Where(p => organisationIds.Contains(p.OrganisationId)).ToDictionaryAsync(p => p.OrganisationId);
        var snapshots = await db.BenchmarkSnapshots.AsNoTracking().Where(s => s.NetworkId == networkId).ToListAsync();

        // The network's score rows (about 50 a city) by a join on the network, only the columns compared; each metric's key
        // made once, not once a row (docs/performance.md, "Cross-city benchmarking under load").
        var scores = await (from x in db.BenchmarkSnapshotScores
                            join n in db.BenchmarkSnapshots on x.SnapshotId equals n.Id
                            where n.NetworkId == networkId
                            select new { x.SnapshotId, x.Level, x.Code, x.ScoreNow, x.ScoreInTwoYears }).AsNoTracking().ToListAsync();
        await transaction.CommitAsync();

        var keys = new Dictionary<(BenchmarkLevel, string), string>();
        var scoresBySnapshot = scores.ToLookup(x => x.SnapshotId);
        var cities = snapshots.Select(s => new BenchmarkCity(
            s.OrganisationId,
            profiles.GetValueOrDefault(s.OrganisationId),
            s.ComparisonMethod,
            scoresBySnapshot[s.Id].ToDictionary(x => KeyOf(keys, x.Level, x.Code), x => new SharedScore(x.ScoreNow, x.ScoreInTwoYears)))).ToList();
        var family = FilterFamily.Build(cities, found.Network.KThreshold);
        var filters = family.Offered.Select(f => new OfferedFilter(f, FilterKey(f), family.Cities.Count(f.Matches))).ToList();
        return new NetworkFigures(found.Version, found.Network, members, organisations, profiles, snapshots.Select(s => s.OrganisationId).ToHashSet(), family, filters);
    }

    /// <summary>The metrics in catalogue order: each dimension, then its sub-dimensions, each followed by its characteristics.</summary>
    public IReadOnlyList<BenchmarkMetric> Metrics()
    {
        var metrics = new List<BenchmarkMetric>();
        foreach (var dimension in catalogue.Dimensions)
        {
            metrics.Add(new BenchmarkMetric(dimension.Code, BenchmarkLevel.Dimension, dimension.Title));
            foreach (var subDimension in dimension.SubDimensions)
            {
                metrics.Add(new BenchmarkMetric(subDimension.Code, BenchmarkLevel.SubDimension, subDimension.Title));
                metrics.AddRange(subDimension.Characteristics.Select(c => new BenchmarkMetric(c.Code, BenchmarkLevel.Characteristic, c.Title)));
            }
        }

        return metrics;
    }

    private static string KeyOf(Dictionary<(BenchmarkLevel, string), string> keys, BenchmarkLevel level, string code)
    {
        if (!keys.TryGetValue((level, code), out var key))
        {
            keys[(level, code)] = key = BenchmarkMetric.KeyOf(level, code);
        }

        return key;
    }

    public static string FilterKey(ComparisonFilter filter) => $"{filter.Peer?.Key}|{filter.Method?.Key()}";

    private static (ComparisonFilter Filter, string? Refusal) ChooseFilter(FilterFamily family, string? peerKey, string? methodKey)
    {
        PeerGroup? peer = null;
        if (!string.IsNullOrEmpty(peerKey) && !PeerGroup.TryParse(peerKey, out peer))
        {
            return (ComparisonFilter.All, $"'{peerKey}' is not a peer group (region:…, country:…, population:…, area:… or tag:…).");
        }

        ComparisonMethod? method = null;
        if (!string.IsNullOrEmpty(methodKey))
        {
            if (!ComparisonMethods.TryParse(methodKey, out var parsed))
            {
                return (ComparisonFilter.All, $"'{methodKey}' is not a method (self-assessed, moderated or audited).");
            }

            method = parsed;
        }

        var filter = new ComparisonFilter(peer, method);
        return family.Offers(filter)
            ? (filter, null)
            : (ComparisonFilter.All, $"'{filter.DisplayName}' is not offered: it has fewer than {family.K} cities, or with the other filters it would single cities out.");
    }

    internal static MemberLine LineOf(BenchmarkMember member, Organisation organisation, CityProfile? profile, Organisation? viewer, bool isCoordinator, bool published)
    {
        var isOwn = organisation.Id == viewer?.Id;
        var byName = member.ShowName || isOwn;
        var named = byName || isCoordinator;
        // A profile beside an alias would narrow down who it is: only named members show theirs.
        return new MemberLine(named ? organisation.Name : member.Alias, named, isOwn, member.Status, byName ? profile : null, published, byName ? organisation.Name : member.Alias);
    }

    /// <summary>The accepted member organisation through which the person reads the network: one where they read results.</summary>
    internal static Organisation? ViewerOrganisation(IEnumerable<BenchmarkMember> members, Dictionary<Guid, OrganisationRole> roles, Dictionary<Guid, Organisation> organisations) =>
        members
            .Where(m => m.Status == MembershipStatus.Accepted && roles.TryGetValue(m.OrganisationId, out var role) && role.Grants(Permission.ViewResults))
            .Select(m => organisations[m.OrganisationId])
            .OrderBy(o => o.Name, StringComparer.CurrentCultureIgnoreCase)
            .FirstOrDefault();

    internal static async Task<Dictionary<Guid, OrganisationRole>> RolesAsync(CityMaturityDb db, Guid userId, CancellationToken cancellationToken) =>
        await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToDictionaryAsync(m => m.OrganisationId, m => m.Role, cancellationToken);

    internal static async Task RequireAdministratorAsync(CityMaturityDb db, Guid userId, Guid organisationId)
    {
        var role = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId && m.OrganisationId == organisationId).Select(m => (OrganisationRole?)m.Role).SingleOrDefaultAsync();
        if (role is not { } held || !held.Grants(Permission.ManageMembers))
        {
            throw new KeyNotFoundException("No such organisation for this person to act for.");
        }
    }

    internal static async Task RequireAcceptedMemberAsync(CityMaturityDb db, Guid networkId, Guid organisationId)
    {
        if (!await db.BenchmarkMembers.AnyAsync(m => m.NetworkId == networkId && m.OrganisationId == organisationId && m.Status == MembershipStatus.Accepted))
        {
            throw new KeyNotFoundException("The organisation is not a member of this network.");
        }
    }

    internal static async Task RequireCoordinatorAsync(CityMaturityDb db, Guid networkId, Guid userId)
    {
        if (!await db.BenchmarkCoordinators.AnyAsync(c => c.NetworkId == networkId && c.UserId == userId))
        {
            throw new KeyNotFoundException("No such network for this person to coordinate.");
        }
    }

    /// <summary>Locks the network's row for the transaction and returns the caller's email; refuses anyone but a coordinator.</summary>
    private static async Task<string> LockAsCoordinatorAsync(CityMaturityDb db, Guid networkId, Guid userId)
    {
        await db.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM benchmark_networks WHERE id = {networkId} FOR UPDATE");
        await RequireCoordinatorAsync(db, networkId, userId);
        return await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync() ?? string.Empty;
    }

    private BenchmarkNetworkEvent Event(Guid networkId, NetworkEventKind kind, Guid actorId, string actorEmail, string? subjectEmail = null) => new()
    {
        NetworkId = networkId, Kind = kind, ActorId = actorId, ActorEmail = actorEmail, SubjectEmail = subjectEmail, At = clock.GetUtcNow(),
    };

    /// <summary>The snapshot of a summary: the dashboard's own figures, and only the figures.</summary>
    private BenchmarkSnapshot SnapshotOf(SummarisedAssessment summarised, Guid networkId, Guid organisationId, Guid userId, out List<BenchmarkSnapshotScore> scores)
    {
        var summary = summarised.Summary;
        var snapshot = new BenchmarkSnapshot
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OrganisationId = organisationId, AssessmentId = summarised.Assessment.Id,
            Method = summarised.Assessment.Method,
            ScoreSource = AssessmentSource(summary),
            ParticipantCount = summarised.Participants.Count,
            GroupCount = summarised.Groups.Count,
            ConsensusState = ConsensusStates.Of(summarised.Decisions.Keys.Count(summarised.Assessment.Scope.Contains), summarised.Assessment.Scope.Count),
            AssessedOn = summarised.Assessment.CycleDate,
            PublishedBy = userId,
            PublishedAt = clock.GetUtcNow(),
        };
        scores = [
            .. summary.Dimensions.Select(d => Aggregate(snapshot.Id, d.Code, BenchmarkLevel.Dimension, d.Now, d.InTwoYears)),
            .. summary.SubDimensions.Select(s => Aggregate(snapshot.Id, s.Code, BenchmarkLevel.SubDimension, s.Now, s.InTwoYears)),
            .. summary.Characteristics.Select(c => new BenchmarkSnapshotScore
            {
                SnapshotId = snapshot.Id, Code = c.Code, Level = BenchmarkLevel.Characteristic, ScoreNow = c.Now.Score, ScoreInTwoYears = c.InTwoYears.Score,
                Source = c.Now.IsRated ? SourceKey(c.Now.Source) : SourceKey(c.InTwoYears.Source),
            }),
        ];
        return snapshot;
    }

    private static BenchmarkSnapshotScore Aggregate(Guid snapshotId, string code, BenchmarkLevel level, AggregatedScore now, AggregatedScore inTwoYears) => new()
    {
        SnapshotId = snapshotId, Code = code, Level = level, ScoreNow = now.Score, ScoreInTwoYears = inTwoYears.Score,
        Source = now.Score is null && inTwoYears.Score is null ? "not_rated" : "mean",
    };

    /// <summary>The stored name of a characteristic's score source; a source the audit feature adds needs a line here.</summary>
    /// <summary>
    /// An audit verifies the levels now, not the plans: an assessment counts as audited when every rated level now has
    /// the audited source; otherwise the sources of both views decide (median, consensus or mixed).
    /// </summary>
    private static string AssessmentSource(AssessmentSummary summary)
    {
        var now = summary.Characteristics.Where(c => c.Now.IsRated).Select(c => SourceKey(c.Now.Source)).ToList();
        return now.Count > 0 && now.All(source => source == SnapshotSources.Audited)
            ? SnapshotSources.Audited
            : SnapshotSources.Of(summary.Characteristics.SelectMany(c => new[] { c.Now, c.InTwoYears }).Where(v => v.IsRated).Select(v => SourceKey(v.Source)));
    }

    private static string SourceKey(ScoreSource source) => source switch
    {
        ScoreSource.Audited => SnapshotSources.Audited,
        ScoreSource.Consensus => SnapshotSources.Consensus,
        ScoreSource.Median => SnapshotSources.Median,
        ScoreSource.NotRated => "not_rated",
    };
}
