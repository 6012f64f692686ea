namespace CityMaturity.Infrastructure.Database;

/// <summary>
/// An assessment's data version: a counter that database triggers move on every change of what its scores are computed
/// from (db/migrations/V0005). Read-only for the application; cached results are keyed by it.
/// </summary>
public sealed class AssessmentDataVersion
{
    public Guid AssessmentId { get; set; }
    public long Version { get; set; }
}
