namespace CityMaturity.Testing;

/// <summary>The system's clock, moved on by as much as a test says: for what must change when time passes while the app runs.</summary>
public sealed class MovableClock : TimeProvider
{
    private TimeSpan _ahead;

    public void MoveOn(TimeSpan by) => _ahead += by;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + _ahead;
}
