using System.Diagnostics;
using System.Globalization;
using CityMaturity.LoadTests;

// scripts/load.sh (the summary scenario) and scripts/load-workshop.sh (the live workshop) run this in Release. A bounded
// load on loopback against the real app on Kestrel and a throwaway PostgreSQL; every figure is also given as a ratio
// to /health (a trivial database round trip) measured by the same clients in the same run, since the machine is
// shared. Exit code: 0 all targets met, 1 a target missed, 2 errors (with both scenarios: the worse of the two).
var options = Options.Parse(args);
// WebApplicationFactory finds the app's content root through MvcTestingAppManifest.json in the current directory
// (dotnet test runs from the output directory; dotnet run from wherever it was started).
Directory.SetCurrentDirectory(AppContext.BaseDirectory);

Console.WriteLine($"CityMaturity load on loopback — {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} logical CPUs, {Environment.Version}, scenario {options.Scenario}");

// Bounded: 10 minutes, plus each workshop's own cap (a 2,000-phone room with its baseline room needs more).
using var everything = new CancellationTokenSource(TimeSpan.FromMinutes(10) + options.WorkshopCap * (options.BaselineAttendees > 0 ? 2 : 1));
var started = Stopwatch.StartNew();
var runSummary = options.Scenario is "summary" or "all";
var runWorkshop = options.Scenario is "workshop" or "all";
var runImport = options.Scenario is "import";
var runBenchmark = options.Scenario is "benchmark";
var runCard = options.Scenario is "card";
// The workshop scenario needs no rated participants; the summary scenario's closed assessment holds them.
var seeded = runSummary ? options.Participants : 0;
await using var world = await LoadWorld.StartAsync(seeded, options.MaxAutoPrepare).WaitAsync(everything.Token);
Console.WriteLine($"app at {world.BaseAddress} (loopback); seeded {seeded} participants, {world.RatingCount} ratings in {world.SeedTime.TotalSeconds:0.0} s; " +
    (options.MaxAutoPrepare > 0 ? $"app's connection string with Max Auto Prepare={options.MaxAutoPrepare}" : "app's connection string with the app's defaults (Max Auto Prepare=20, DatabaseSetup.WithDefaults)"));

var exitCode = 0;
if (runSummary)
{
    exitCode = Math.Max(exitCode, await SummaryScenario.RunAsync(world, options));
}

if (runWorkshop)
{
    exitCode = Math.Max(exitCode, await WorkshopScenario.RunAsync(world, options, everything.Token));
}

if (runImport)
{
    exitCode = Math.Max(exitCode, await ImportScenario.RunAsync(world, options.ImportRounds));
}

if (runBenchmark)
{
    exitCode = Math.Max(exitCode, await BenchmarkScenario.RunAsync(world, options));
}

if (runCard)
{
    exitCode = Math.Max(exitCode, await CardScenario.RunAsync(world, options));
}

Console.WriteLine($"total {started.Elapsed.TotalSeconds:0} s; stopping the app and removing the cluster");
return exitCode;

internal sealed record Options(
    string Scenario, int Participants, int Clients, int Requests, TimeSpan Cap, int DashboardRenders,
    int Attendees, int Rounds, int WarmUpRounds, int VoteParallelism, int ChangePercent, TimeSpan WorkshopCap, int MaxAutoPrepare,
    int SourceAddresses, int ImportRounds, int InterleavedRounds, int RoundRequests, int BaselineAttendees, int Cities, int CardYears)
{
    private static readonly string[] Scenarios = ["summary", "workshop", "all", "import", "benchmark", "card"];

    public static Options Parse(string[] args)
    {
        var scenario = "summary";
        var values = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["--participants"] = 1000, ["--clients"] = 16, ["--requests"] = 200, ["--cap-seconds"] = 120, ["--dashboard-renders"] = 30,
            ["--attendees"] = 200, ["--rounds"] = 3, ["--warm-up-rounds"] = 2, ["--vote-parallelism"] = 48, ["--change-percent"] = 50,
            ["--workshop-cap-seconds"] = 300, ["--max-auto-prepare"] = 0,
            // 127.0.1.1 … 127.0.1.N: each address its own join-limit partition (600 a minute), as a hall's phones would be.
            ["--source-addresses"] = 1, ["--import-rounds"] = 6,
            // The summary's interleaved comparison: rounds of /health, 304, full and gzip, each clients × round-requests.
            ["--interleaved-rounds"] = 20, ["--round-requests"] = 20,
            // The workshop's same-run baseline: a first workshop of this many phones before the measured one (0: none).
            ["--baseline-attendees"] = 0,
            // The benchmark scenario's network (issue 16: 1,000 cities × 32 characteristics), the load world's city among them.
            ["--cities"] = 1000,
            // The card scenario's history: published years of every linked indicator (issue 15's import size).
            ["--card-years"] = 20,
        };
        for (var i = 0; i < args.Length; i += 2)
        {
            if (args[i] == "--scenario" && i + 1 < args.Length && Scenarios.Contains(args[i + 1]))
            {
                scenario = args[i + 1];
                continue;
            }

            // Zero is allowed where "none" makes sense (no warm-up round, nobody changes a vote, no auto-prepare).
            var zeroAllowed = args[i] is "--warm-up-rounds" or "--change-percent" or "--max-auto-prepare" or "--interleaved-rounds" or "--baseline-attendees";
            if (!values.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value)
                || value < 0 || (value == 0 && !zeroAllowed) || (args[i] == "--change-percent" && value > 100)
                || (args[i] == "--source-addresses" && value > 254))
            {
                throw new ArgumentException(
                    $"Unknown or invalid argument {args[i]}; known: --scenario {string.Join("|", Scenarios)}, {string.Join(", ", values.Keys)} followed by a positive number.");
            }

            values[args[i]] = value;
        }

        return new Options(scenario, values["--participants"], values["--clients"], values["--requests"], TimeSpan.FromSeconds(values["--cap-seconds"]),
            values["--dashboard-renders"], values["--attendees"], values["--rounds"], values["--warm-up-rounds"], values["--vote-parallelism"],
            values["--change-percent"], TimeSpan.FromSeconds(values["--workshop-cap-seconds"]), values["--max-auto-prepare"],
            values["--source-addresses"], values["--import-rounds"], values["--interleaved-rounds"], values["--round-requests"], values["--baseline-attendees"], values["--cities"], values["--card-years"]);
    }
}
