using CityMaturity.Domain.Audits;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Audits;

/// <summary>
/// The one guard every writer of assessed figures asks (ratings, imports, consensus decisions, reopening): while an
/// unrevoked audit of the assessment is open, its figures are frozen and the answer says why.
/// </summary>
public static class AuditFreeze
{
    /// <summary>The sentence to show when the assessment's figures are frozen by an audit; null when they may change.</summary>
    public static async Task<string?> WhyFrozenAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default)
    {
        var open = await (from a in db.Audits
                          join o in db.Organisations on a.AuditBodyId equals o.Id
                          where a.AssessmentId == assessmentId && a.RevokedAt == null && a.Status != AuditStatus.Closed
                          select new { o.Name, a.Status }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        return open is null
            ? null
            : $"This assessment is under external audit by {open.Name} ({open.Status.DisplayName().ToLowerInvariant()}): its ratings, imports and consensus decisions are frozen until the audit is closed or the engagement revoked.";
    }
}
