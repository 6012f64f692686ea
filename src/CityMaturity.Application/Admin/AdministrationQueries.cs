using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Admin;

/// <summary>
/// What the system administration pages read: every organisation, the mail outbox. Pages never hold a database
/// context (ADR 0027); callers authorise first (the pages require the system-administrator policy).
/// </summary>
public sealed class AdministrationQueries(IDbContextFactory<CityMaturityDb> dbFactory)
{
    /// <summary>How many outbox messages the page lists, newest first.</summary>
    public const int OutboxPageSize = 200;

    public async Task<List<Organisation>> OrganisationsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Organisations.AsNoTracking().OrderBy(o => o.Name).ToListAsync(cancellationToken);
    }

    public async Task<List<OutboxMessage>> RecentOutboxAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(OutboxPageSize).ToListAsync(cancellationToken);
    }
}
