using CityMaturity.Application.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Infrastructure.Database;

namespace CityMaturity.Application.Audits;

/// <summary>The audit feature's answers to the assessment feature's questions (<see cref="IAuditFacts"/>).</summary>
public sealed class AuditFacts : IAuditFacts
{
    public Task<string?> WhyFrozenAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default) =>
        AuditFreeze.WhyFrozenAsync(db, assessmentId, cancellationToken);

    public Task<IReadOnlyDictionary<string, MaturityLevel>> AuditedLevelsAsync(CityMaturityDb db, Guid assessmentId, CancellationToken cancellationToken = default) =>
        AuditService.AuditedLevelsAsync(db, assessmentId, cancellationToken);
}
