namespace CityMaturity.Application.Assessments;

/// <summary>
/// News that an assessment's scores may have changed, so open dashboards refresh without a reload. Fed by
/// <see cref="Live.DatabaseEventListener"/> from the NOTIFY that the data-version trigger sends on every change of
/// ratings, participants, groups, targets or consensus decisions — whichever instance or path wrote it. It carries
/// ids only; listeners re-query. <see cref="Guid.Empty"/> means "any assessment" (after a lost connection).
/// </summary>
public sealed class AssessmentChangeNotifier
{
    public event Action<Guid>? Changed;

    public void NotifyChanged(Guid assessmentId) => Changed?.Invoke(assessmentId);

    public void NotifyAllChanged() => Changed?.Invoke(Guid.Empty);
}
