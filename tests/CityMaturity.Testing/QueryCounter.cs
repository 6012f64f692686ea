using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CityMaturity.Testing;

/// <summary>What one piece of work asked of PostgreSQL: its SQL commands, the rows EF Core read from them, the bytes Npgsql read.</summary>
public sealed record DatabaseWork(int Commands, long Rows, long BytesRead)
{
    /// <summary>The SQL text of each command, in the order they finished (Npgsql's <c>db.query.text</c>).</summary>
    public IReadOnlyList<string> Statements { get; init; } = [];
}

/// <summary>
/// Counts the SQL commands Npgsql runs inside one piece of work: its activities (one per command) whose trace is the
/// counter's own, so other tests and the app's background work running meanwhile are not counted. The work may be an
/// HTTP request to the app in this process: the client sends the trace along (traceparent) and the server's request
/// continues it, so the commands of that request count too.
/// The rows come from EF Core's diagnostic events, through one subscription for the whole process (<see cref="Listen"/>):
/// the app's contexts are pooled (ADR 0064), and a pooled context keeps EF's logger, which checks for new diagnostic
/// subscribers at most once a second (its logging cache), so a subscription made just before the work went unseen by
/// the contexts already in the pool ("rows read" of a dashboard render fell from 11 to 1). Subscribed before the app
/// starts, it is there when every context first looks.
/// </summary>
public sealed class QueryCounter : IDisposable
{
    /// <summary>The counters at work, by the trace their work runs in.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<ActivityTraceId, QueryCounter> Counting = new();
    private static int _listening;

    private readonly ActivityListener _listener;
    private readonly MeterListener _meters;
    private readonly Activity _root;
    private readonly List<string> _statements = [];
    private int _commands;
    private long _rows;
    private long _bytesRead;

    private QueryCounter()
    {
        // A root of its own (a new trace): the commands of the work run under it, everyone else's do not.
        _root = new Activity("counted work").SetIdFormat(ActivityIdFormat.W3C).SetParentId(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom()).Start();
        _listener = new ActivityListener
        {
            // The hosting and HTTP client sources are listened to so the request's activity exists and carries the trace.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore" or "System.Net.Http",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                // Not the opening of a physical connection (Npgsql traces it as "CONNECT <database>"): a page whose reads
                // overlap opens one now and then, when the pool has fewer idle connections than reads at once.
                if (activity.Source.Name == "Npgsql" && activity.TraceId == _root.TraceId
                    && !activity.DisplayName.StartsWith("CONNECT ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref _commands);
                    lock (_statements)
                    {
                        _statements.Add(activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string ?? activity.DisplayName);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
        // Npgsql's meter records the bytes a command read on the thread (and so in the trace) that ran it.
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "Npgsql" && instrument.Name == "db.client.operation.npgsql.bytes_read")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        _meters.SetMeasurementEventCallback<long>(OnBytes);
        _meters.SetMeasurementEventCallback<int>((instrument, value, tags, state) => OnBytes(instrument, value, tags, state));
        _meters.Start();
        Listen();
        Counting[_root.TraceId] = this;
    }

    /// <summary>
    /// Subscribes this process to EF Core's diagnostic events (a data reader's disposal says how many rows were read
    /// from it), once; call it before the app starts (<see cref="CityMaturityFactory"/> does). Outside a counter's work an
    /// event costs a dictionary look-up.
    /// </summary>
    public static void Listen()
    {
        if (Interlocked.Exchange(ref _listening, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(new RowsObserver());
        }
    }

    private sealed class RowsObserver : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                value.Subscribe(this, name => name.EndsWith(".DataReaderDisposing", StringComparison.Ordinal));
            }
        }

        public void OnNext(KeyValuePair<string, object?> value)
        {
            // DataReaderDisposingEventData.ReadCount, read by name: this project does not reference EF Core.
            if (Activity.Current?.TraceId is { } trace && Counting.TryGetValue(trace, out var counter)
                && value.Value?.GetType().GetProperty("ReadCount")?.GetValue(value.Value) is int read)
            {
                Interlocked.Add(ref counter._rows, read);
            }
        }

        public void OnCompleted() { }

        public void OnError(Exception error) { }
    }

    private void OnBytes(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (Activity.Current?.TraceId == _root.TraceId)
        {
            Interlocked.Add(ref _bytesRead, value);
        }
    }

    /// <summary>Runs <paramref name="work"/> and returns its result with the number of SQL commands it ran.</summary>
    public static async Task<(T Result, int Commands)> CountAsync<T>(Func<Task<T>> work)
    {
        var (result, database) = await MeasureAsync(work);
        return (result, database.Commands);
    }

    /// <summary>Runs <paramref name="work"/> and returns its result with the commands, rows and bytes it asked of PostgreSQL.</summary>
    public static async Task<(T Result, DatabaseWork Database)> MeasureAsync<T>(Func<Task<T>> work)
    {
        using var counter = new QueryCounter();
        var result = await work();
        List<string> statements;
        lock (counter._statements)
        {
            statements = [.. counter._statements];
        }

        return (result, new DatabaseWork(Volatile.Read(ref counter._commands), Interlocked.Read(ref counter._rows), Interlocked.Read(ref counter._bytesRead)) { Statements = statements });
    }

    public void Dispose()
    {
        Counting.TryRemove(_root.TraceId, out _);
        _root.Dispose();

        _meters.Dispose();
        _listener.Dispose();
    }
}
