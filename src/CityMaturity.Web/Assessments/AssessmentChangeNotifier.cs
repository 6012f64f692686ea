namespace CityMaturity.Web.Assessments;

/// <summary>
/// In-process news that an assessment's answers changed, so open dashboards refresh without a reload. It carries
/// ids only; listeners re-query. One app instance only: cross-instance delivery (PostgreSQL LISTEN/NOTIFY) comes later
/// behind the same event.
/// </summary>
public sealed class AssessmentChangeNotifier
{
    public event Action<Guid>? Changed;

    public void NotifyChanged(Guid assessmentId) => Changed?.Invoke(assessmentId);
}
