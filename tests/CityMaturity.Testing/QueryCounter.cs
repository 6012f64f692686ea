using System.Diagnostics;

namespace CityMaturity.Testing;

/// <summary>
/// Counts the SQL commands Npgsql runs inside one piece of work: its activities (one per command) whose trace is the
/// counter's own, so other tests and the app's background work running meanwhile are not counted.
/// </summary>
public sealed class QueryCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly Activity _root;
    private int _commands;

    private QueryCounter()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.Source.Name == "Npgsql" && activity.TraceId == _root?.TraceId)
                {
                    Interlocked.Increment(ref _commands);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        // A root of its own (a new trace): the commands of the work run under it, everyone else's do not.
        _root = new Activity("counted work").SetIdFormat(ActivityIdFormat.W3C).SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom()).Start();
    }

    /// <summary>Runs <paramref name="work"/> and returns its result with the number of SQL commands it ran.</summary>
    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> work)
    {
        using var counter = new QueryCounter();
        var result = await work();
        return (result, Volatile.Read(ref counter._commands));
    }

    public void Dispose()
    {
        _root.Dispose();
        _listener.Dispose();
    }
}
