using System.Diagnostics.Metrics;
using System.Globalization;
using Npgsql;

namespace CityMaturity.LoadTests;

/// <summary>
/// CPU time spent in a window, for attribution: this process (the app on Kestrel and the load client together) and
/// the PostgreSQL cluster's processes (every pid in pg_stat_activity, read from /proc). Backends that exit inside the
/// window are missed (the app's connection pool keeps them), and the cluster's postmaster is not counted. Also EF Core's
/// count of queries run (the app's raw Npgsql commands, such as a vote's, are not in it).
/// </summary>
internal sealed class CpuMeter : IDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly MeterListener _listener = new();
    private long _efQueries;

    public CpuMeter(NpgsqlConnection connection)
    {
        _connection = connection;
        // EF Core's own count of the queries it ran (an observable, cumulative counter), for queries per request.
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument is { Meter.Name: "Microsoft.EntityFrameworkCore", Name: "microsoft.entityframeworkcore.queries" })
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Volatile.Write(ref _efQueries, value));
        _listener.Start();
    }

    /// <summary>USER_HZ, the unit of /proc/[pid]/stat times, on every Linux this runs on.</summary>
    private const double TicksPerMillisecond = 0.1;

    public async Task<CpuSample> SampleAsync(CancellationToken cancellationToken)
    {
        var process = Environment.CpuUsage.TotalTime.TotalMilliseconds;
        _listener.RecordObservableInstruments();
        var queries = Volatile.Read(ref _efQueries);
        var postgres = new Dictionary<int, double>();
        await using var command = new NpgsqlCommand("SELECT pid FROM pg_stat_activity", _connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var pid = reader.GetInt32(0);
            if (ReadMilliseconds(pid) is { } ms)
            {
                postgres[pid] = ms;
            }
        }

        return new CpuSample(process, postgres, queries);
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Milliseconds of user and system time of a process so far; null if it cannot be read.</summary>
    private static double? ReadMilliseconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The fields after the command name (which is in parentheses and may hold spaces): utime is the 14th field.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerMillisecond;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}

internal sealed record CpuSample(double ProcessMs, IReadOnlyDictionary<int, double> PostgresMs, long EfQueries)
{
    public long TakenAt { get; } = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Wall-clock milliseconds from this sample to a later one.</summary>
    public double WallMs(CpuSample later) => System.Diagnostics.Stopwatch.GetElapsedTime(TakenAt, later.TakenAt).TotalMilliseconds;

    /// <summary>From this sample to a later one: CPU milliseconds of this process and of PostgreSQL, and EF Core queries run.</summary>
    public CpuUse Until(CpuSample later) =>
        new(later.ProcessMs - ProcessMs, later.PostgresMs.Sum(p => p.Value - PostgresMs.GetValueOrDefault(p.Key)), later.EfQueries - EfQueries);
}

internal readonly record struct CpuUse(double Process, double Postgres, long EfQueries)
{
    public static CpuUse operator +(CpuUse a, CpuUse b) => new(a.Process + b.Process, a.Postgres + b.Postgres, a.EfQueries + b.EfQueries);
}
