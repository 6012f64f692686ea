using System.Globalization;

namespace CityMaturity.LoadTests;

/// <summary>
/// Several request kinds measured in the same rounds, interleaved: each round runs every kind once (clients × a few
/// requests each, the order rotating from round to round) and divides each kind's CPU per request and p95 by the
/// baseline's of that same round. What the other work on a shared machine does to one round it does to all kinds of
/// that round, so the median of the per-round ratios is steadier than one long phase per kind.
/// </summary>
internal static class InterleavedComparison
{
    /// <summary>A kind of request: its clients (headers set), path and check.</summary>
    public sealed record Kind(string Name, IReadOnlyList<HttpClient> Clients, string Path, Func<HttpResponseMessage, ReadOnlyMemory<byte>, string?> Check);

    /// <summary>
    /// Work that takes several requests (e.g. a page's state, then one card's evidence): their CPU per request added up,
    /// per round, and divided by the baseline's, or by the sum of the kinds it is <paramref name="Against"/> when given.
    /// </summary>
    public sealed record Sum(string Name, IReadOnlyList<string> KindNames, IReadOnlyList<string>? Against = null);

    /// <summary>The errors, and per kind and sum the median of its per-round CPU ratios to the baseline.</summary>
    public sealed record Result(int Errors, IReadOnlyDictionary<string, double> CpuRatios);

    /// <summary>
    /// Per round and kind: CPU per request (this process = app and client; PostgreSQL), the bytes this process allocated
    /// per request (a figure the machine's other load cannot move; whether anything grows with the body) and the latencies.
    /// </summary>
    private sealed record Measured(double ProcessMs, double PostgresMs, double AllocatedKb, Latencies Latencies)
    {
        public double CpuMs => ProcessMs + PostgresMs;
    }

    public static async Task<Result> RunAsync(IReadOnlyList<Kind> kinds, int rounds, int requestsPerClient, TimeSpan cap, int? postmasterPid, IReadOnlyList<Sum>? sums = null)
    {
        Console.WriteLine();
        Console.WriteLine($"interleaved: {rounds} rounds × {kinds.Count} kinds × {kinds[0].Clients.Count} clients × {requestsPerClient} requests; baseline {kinds[0].Name}");
        var measured = kinds.ToDictionary(k => k.Name, _ => new List<Measured>());
        // Two rounds first that are not kept: every kind's path compiled and its caches filled before the first kept round.
        for (var round = -2; round < rounds; round++)
        {
            // Rotate the order so that no kind always follows the same other kind (caches, GC debt, the JIT).
            var shift = (round + kinds.Count) % kinds.Count;
            foreach (var kind in kinds.Skip(shift).Concat(kinds.Take(shift)))
            {
                var before = CpuSnapshot.Take(postmasterPid);
                var allocatedBefore = GC.GetTotalAllocatedBytes();
                var latencies = await LoadRunner.RunAsync(kind.Name, kind.Clients, kind.Path, requestsPerClient, cap, kind.Check);
                var used = CpuSnapshot.Take(postmasterPid) - before;
                var allocated = GC.GetTotalAllocatedBytes() - allocatedBefore;
                var requests = Math.Max(1, latencies.Completed + latencies.Errors);
                if (round < 0)
                {
                    continue;
                }

                measured[kind.Name].Add(new Measured(used.Process.TotalMilliseconds / requests, used.Postgres.TotalMilliseconds / requests, allocated / 1024.0 / requests, latencies));
            }
        }

        var baseline = measured[kinds[0].Name];
        var cpuRatios = new Dictionary<string, double>(StringComparer.Ordinal);
        Console.WriteLine();
        Console.WriteLine("| Kind | CPU per request, median of rounds (app + client / PostgreSQL) | **CPU ÷ baseline, median of per-round ratios** (IQR) | p50 ÷ baseline, median | **p95 ÷ baseline, median of per-round ratios** (IQR) | allocated per request (app + client), median | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var kind in kinds)
        {
            var own = measured[kind.Name];
            var cpu = own.Select((m, i) => m.CpuMs / baseline[i].CpuMs).ToList();
            cpuRatios[kind.Name] = Percentiles.Median(cpu);
            var p50Ratios = own.Select((m, i) => m.Latencies.P50 / baseline[i].Latencies.P50).ToList();
            var p95Ratios = own.Select((m, i) => m.Latencies.P95 / baseline[i].Latencies.P95).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {kind.Name} | {Percentiles.Median(own.Select(m => m.ProcessMs)):0.000} / {Percentiles.Median(own.Select(m => m.PostgresMs)):0.000} ms | {Describe(cpu)} | {Percentiles.Median(p50Ratios):0.00}× | {Describe(p95Ratios)} | {Percentiles.Median(own.Select(m => m.AllocatedKb)):0.0} kB | {own.Sum(m => m.Latencies.Errors)} |"));
        }

        foreach (var sum in sums ?? [])
        {
            var cpu = baseline.Select((b, i) => sum.KindNames.Sum(name => measured[name][i].CpuMs)
                / (sum.Against is { } against ? against.Sum(name => measured[name][i].CpuMs) : b.CpuMs)).ToList();
            cpuRatios[sum.Name] = Percentiles.Median(cpu);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {sum.Name} | {Percentiles.Median(baseline.Select((_, i) => sum.KindNames.Sum(name => measured[name][i].CpuMs))):0.000} ms (all processes) | {Describe(cpu)} | | | | |"));
        }

        Console.WriteLine("(per round, each kind's figure divided by the baseline's in the same round; IQR = the middle half of the rounds)");
        foreach (var kind in kinds)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {kind.Name}, per round CPU ms: {string.Join(" ", measured[kind.Name].Select(m => m.CpuMs.ToString("0.00", CultureInfo.InvariantCulture)))}; p95 ms: {string.Join(" ", measured[kind.Name].Select(m => m.Latencies.P95.ToString("0.0", CultureInfo.InvariantCulture)))}"));
        }

        foreach (var first in measured.Values.SelectMany(m => m).Select(m => m.Latencies.FirstError).OfType<string>().Take(1))
        {
            Console.WriteLine($"first error: {first}");
        }

        return new Result(measured.Values.Sum(m => m.Sum(r => r.Latencies.Errors)), cpuRatios);
    }

    private static string Describe(IReadOnlyCollection<double> ratios) => string.Create(CultureInfo.InvariantCulture,
        $"{Percentiles.Median(ratios):0.00}× ({Percentiles.Of(ratios, 25):0.00}–{Percentiles.Of(ratios, 75):0.00})");
}
