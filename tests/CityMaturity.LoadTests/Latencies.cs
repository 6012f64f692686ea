using System.Buffers;
using System.Diagnostics;
using System.Globalization;

namespace CityMaturity.LoadTests;

/// <summary>The latencies of one measured phase (each request from send to the last byte of its body) and its failures.</summary>
public sealed record Latencies(string Name, int Clients, int Planned, IReadOnlyList<double> Milliseconds, int Errors, string? FirstError, TimeSpan Wall, bool CapReached, long BodyBytes)
{
    private double[] Sorted { get; } = [.. Milliseconds.Order()];

    public int Completed => Milliseconds.Count;

    /// <summary>Nearest-rank percentile (<see cref="Percentiles"/>).</summary>
    public double Percentile(double p) => Percentiles.OfSorted(Sorted, p);

    public double P50 => Percentile(50);
    public double P95 => Percentile(95);
    public double P99 => Percentile(99);
    public double Max => Sorted.Length == 0 ? double.NaN : Sorted[^1];
    public double Throughput => Completed / Wall.TotalSeconds;

    public static string Ms(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Ratio(double value, double baseline) => (value / baseline).ToString("0.0", CultureInfo.InvariantCulture) + "×";
}

/// <summary>A bounded closed-loop load: each client sends its next request when the previous answer has been read.</summary>
public static class LoadRunner
{
    public static async Task<Latencies> RunAsync(
        string name, IReadOnlyList<HttpClient> clients, string path, int requestsPerClient, TimeSpan cap, Func<HttpResponseMessage, ReadOnlyMemory<byte>, string?>? check = null)
    {
        using var timeout = new CancellationTokenSource(cap);
        var all = new List<double>(clients.Count * requestsPerClient);
        var errors = 0;
        string? firstError = null;
        long bytes = 0;
        var wall = Stopwatch.StartNew();
        var workers = clients.Select(client => Task.Run(async () =>
        {
            var mine = new List<double>(requestsPerClient);
            // Each worker reads bodies into a reused buffer: a new 167 kB array per response would be a large-object
            // allocation each time, and the collections it causes would be charged to the app sharing this process. Pooled,
            // so that a phase of a few requests (the interleaved rounds) does not allocate and grow its own buffers either:
            // growing 64 → 128 → 256 kB per worker and phase cost ~18 kB of large objects per full summary.
            var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
            for (var i = 0; i < requestsPerClient && !timeout.IsCancellationRequested; i++)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                    var length = 0;
                    await using (var stream = await response.Content.ReadAsStreamAsync(timeout.Token))
                    {
                        int read;
                        while ((read = await stream.ReadAsync(buffer.AsMemory(length), timeout.Token)) > 0)
                        {
                            length += read;
                            if (length == buffer.Length)
                            {
                                var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                                buffer.AsSpan(0, length).CopyTo(larger);
                                ArrayPool<byte>.Shared.Return(buffer);
                                buffer = larger;
                            }
                        }
                    }

                    var body = buffer.AsMemory(0, length);
                    var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                    var problem = response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.NotModified
                        ? check?.Invoke(response, body) : $"HTTP {(int)response.StatusCode}";
                    if (problem is null)
                    {
                        mine.Add(elapsed);
                        Interlocked.Add(ref bytes, body.Length);
                    }
                    else
                    {
                        Interlocked.Increment(ref errors);
                        Interlocked.CompareExchange(ref firstError, problem, null);
                    }
                }
                catch (OperationCanceledException) when (timeout.IsCancellationRequested)
                {
                    break;
                }
                catch (HttpRequestException exception)
                {
                    Interlocked.Increment(ref errors);
                    Interlocked.CompareExchange(ref firstError, exception.Message, null);
                }
            }

            ArrayPool<byte>.Shared.Return(buffer);
            return mine;
        })).ToList();
        foreach (var worker in workers)
        {
            all.AddRange(await worker);
        }

        wall.Stop();
        var completed = all.Count;
        return new Latencies(name, clients.Count, clients.Count * requestsPerClient, all, errors, firstError, wall.Elapsed,
            timeout.IsCancellationRequested, completed == 0 ? 0 : bytes / completed);
    }
}

/// <summary>
/// CPU time used so far by this process (the app and the load client) and by the test's PostgreSQL cluster (its postmaster
/// and every backend, including exited ones, which the postmaster has reaped). Read from /proc; a phase's share is the
/// difference of two snapshots. Unlike latency it hardly depends on what else the shared machine runs.
/// </summary>
public readonly record struct CpuSnapshot(TimeSpan Process, TimeSpan Postgres)
{
    public static CpuSnapshot Take(int? postmasterPid)
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return new CpuSnapshot(self.TotalProcessorTime, postmasterPid is { } pid ? PostgresTime(pid) : TimeSpan.Zero);
    }

    public static CpuSnapshot operator -(CpuSnapshot after, CpuSnapshot before) => new(after.Process - before.Process, after.Postgres - before.Postgres);

    private static TimeSpan PostgresTime(int postmaster)
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var fields = ReadStat(directory);
            if (fields is null || !int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            // After the command name: [0] state, [1] ppid, … [11] utime, [12] stime, [13] cutime, [14] cstime.
            if (pid == postmaster)
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)
                    + long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
            }
            else if (fields[1] == postmaster.ToString(CultureInfo.InvariantCulture))
            {
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
        }

        // Linux reports these in clock ticks of 1/100 s (USER_HZ).
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static string[]? ReadStat(string directory)
    {
        try
        {
            var stat = File.ReadAllText(Path.Combine(directory, "stat"));
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..].Split(' ');
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
