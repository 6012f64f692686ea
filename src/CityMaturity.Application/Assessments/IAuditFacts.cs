using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// What the assessment feature needs to know of external audits, asked in the caller's own database context (so inside
/// its transaction): whether the figures are frozen, and which levels a closed audit verified. Assessments owns this
/// port and Audits implements it (<c>Audits.AuditFacts</c>), so an audit may build on an assessment without the
/// assessment's code naming the audit feature (LayeringTests watch the direction).
/// </summary>
public interface IAuditFacts
{
    /// <summary>The sentence to show when an open audit freezes the assessment's figures; null when they may change.</summary>
    Task<string?> WhyFrozenAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default);

    /// <summary>The levels verified by the assessment's latest closed, unwithdrawn audit, by characteristic code.</summary>
    Task<IReadOnlyDictionary<string, MaturityLevel>> AuditedLevelsAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default);
}
