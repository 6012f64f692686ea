using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Web.Workshops;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityMaturity.LoadTests;

/// <summary>
/// A live moderated workshop: walk-ins join over HTTP, each with its own cookies and an open event stream; the
/// facilitator opens a round (WorkshopService, as the console's button does); once every phone's /state shows the round
/// open, all of them vote (a bounded number in flight at a time, some change their vote once) while the console's count
/// is followed over the console's own subscription (<see cref="ConsoleProbe"/>); then the round is closed and revealed
/// and every phone's path to the results is timed, and the results checked against the acknowledged votes. Warm-up
/// rounds, a wait for the JIT to settle, then measured re-vote rounds on the same characteristic; at the end a recorded
/// decision must reach every phone. Exit code: 0 every target met, 1 a target missed, 2 errors (a vote not acknowledged
/// or lost, a phone or the console not reaching a state, a step refused, the cap).
/// </summary>
internal static class WorkshopScenario
{
    private const double TargetP95 = 250;

    /// <summary>
    /// Each wait of the run (all phones joined, all saw the round open, …) gives up after this long: 60 s, or 0.5 s per
    /// phone when that is longer (2,000 walk-ins joining take minutes on 2 shared cores: a bound of 60 s stopped at 521
    /// of 2,000, and at a load average of 80 joins ran at about 6 a second).
    /// </summary>
    private static TimeSpan StepTimeout(int phones) => TimeSpan.FromSeconds(Math.Max(60, phones * 0.5));

    /// <summary>
    /// With <c>--baseline-attendees N</c>: a workshop of N phones first, then the measured one of --attendees phones on
    /// the same app (a second workshop), so the large room's reveal has a baseline of the same run; otherwise the one.
    /// </summary>
    public static async Task<int> RunAsync(LoadWorld world, Options options, CancellationToken everything)
    {
        if (options.BaselineAttendees == 0)
        {
            return (await RunOneAsync(world, options, everything)).ExitCode;
        }

        Console.WriteLine($"baseline workshop: {options.BaselineAttendees} phones; then the measured workshop: {options.Attendees} phones");
        var baseline = await RunOneAsync(world, options with { Attendees = options.BaselineAttendees }, everything);
        var measured = await RunOneAsync(world, options, everything);
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"reveal p95 (click → results on the phone): {options.Attendees} phones {measured.RevealP95:0.0} ms, {options.BaselineAttendees} phones (baseline, same run) {baseline.RevealP95:0.0} ms: " +
            $"**{measured.RevealP95 / baseline.RevealP95:0.00}×**; p50 {measured.RevealP50:0.0} against {baseline.RevealP50:0.0} ms ({measured.RevealP50 / baseline.RevealP50:0.00}×)"));
        return Math.Max(baseline.ExitCode, measured.ExitCode);
    }

    /// <summary>How long the facilitator looks at the closed round before revealing it (the phones' re-queries settle).</summary>
    private static readonly TimeSpan PauseBeforeReveal = TimeSpan.FromMilliseconds(500);

    private static readonly string[] Answers = ["1", "2", "3", "4", "5"];

    private sealed record Outcome(int ExitCode, double RevealP50, double RevealP95);

    private static async Task<Outcome> RunOneAsync(LoadWorld world, Options options, CancellationToken everything)
    {
        using var cap = CancellationTokenSource.CreateLinkedTokenSource(everything);
        cap.CancelAfter(options.WorkshopCap);
        var token = cap.Token;
        var started = Stopwatch.StartNew();
        var (assessmentId, workshop) = await world.StartWorkshopAsync();
        Console.WriteLine();
        Console.WriteLine($"load average at the start {LoadAverage()}");
        Console.WriteLine($"workshop scenario: code {workshop.JoinCode}, {options.Attendees} walk-ins, {options.WarmUpRounds} warm-up + {options.Rounds} measured rounds, " +
            $"votes {options.VoteParallelism} at a time, {options.ChangePercent} % change their vote once, cap {options.WorkshopCap.TotalSeconds:0} s, " +
            $"phones from {options.SourceAddresses} loopback address(es)");

        await using var scope = world.Factory.Services.CreateAsyncScope();
        var service = scope.ServiceProvider.GetRequiredService<WorkshopService>();
        using var console = new ConsoleProbe(world.Factory.Services.GetRequiredService<WorkshopEvents>(), service, assessmentId, workshop.Id);
        var phones = Enumerable.Range(0, options.Attendees).Select(i => Phone.Create(world.BaseAddress, workshop.JoinCode, i, options.SourceAddresses)).ToList();
        await using var side = new NpgsqlConnection(world.ConnectionString);
        await side.OpenAsync(token);
        try
        {
            using var meter = new CpuMeter(side);
            var run = new Run(service, console, meter, phones, assessmentId, workshop.Id, options, token);
            var exitCode = await run.ExecuteAsync(started);
            return new Outcome(exitCode, run.RevealP50, run.RevealP95);
        }
        catch (OperationCanceledException) when (cap.IsCancellationRequested)
        {
            Console.WriteLine($"FAIL (errors): the workshop scenario reached its cap of {options.WorkshopCap.TotalSeconds:0} s");
            return new Outcome(2, double.NaN, double.NaN);
        }
        catch (Exception failure) when (failure is StepFailed or InvalidOperationException or HttpRequestException)
        {
            Console.WriteLine($"FAIL (errors): {failure.Message}");
            return new Outcome(2, double.NaN, double.NaN);
        }
        finally
        {
            await Task.WhenAll(phones.Select(p => p.DisposeAsync().AsTask()));
        }
    }

    private sealed class Run(
        WorkshopService service, ConsoleProbe console, CpuMeter cpu, List<Phone> phones, Guid assessmentId, Guid workshopId, Options options, CancellationToken token)
    {
        private readonly SemaphoreSlim _gate = new(options.VoteParallelism);
        private readonly List<string> _errors = [];
        private readonly Samples _measured = new();
        private CpuUse _healthCpu;

        public double RevealP50 => Percentiles.Of(_measured.Reveal, 50);

        public double RevealP95 => Percentiles.Of(_measured.Reveal, 95);

        public async Task<int> ExecuteAsync(Stopwatch started)
        {
            // 1. Join: the page (antiforgery token, groups), the walk-in form, the redirect back to the room page.
            var joinWall = Stopwatch.StartNew();
            var joins = await WithinAsync(phones.Select(p => Bounded(() => p.JoinAsync(token))), "all walk-ins joined");
            joinWall.Stop();
            // 2. Every phone opens its event stream; its first event makes it query /state.
            var connected = phones.Select(p => p.WatchAsync(_ => true, notBefore: 0)).ToList();
            foreach (var phone in phones)
            {
                phone.OpenEvents();
            }

            await WithinAsync(connected, "every phone's event stream open and its first /state read");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{phones.Count} walk-ins joined in {joinWall.Elapsed.TotalSeconds:0.0} s (join p50 {Latencies.Ms(Percentiles.Of(joins, 50))} ms, p95 {Latencies.Ms(Percentiles.Of(joins, 95))} ms); {phones.Count} event streams open"));

            await HealthAsync("warm-up /health", 2);
            Latencies? health = null;
            for (var number = 1; number <= options.WarmUpRounds + options.Rounds; number++)
            {
                var measured = number > options.WarmUpRounds;
                if (measured && health is null)
                {
                    // A process minutes old is still compiling its hot methods again, optimised, on a background
                    // thread (tiered compilation): up to half a core here. Measure the app as it runs when warm.
                    var (waited, methods) = await WaitForJitAsync();
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"JIT settled after {waited.TotalSeconds:0.0} s more ({methods} methods compiled)"));
                    // The same-run baseline: /health from the phones' own clients, as many at a time as the votes.
                    var cpuBeforeHealth = await cpu.SampleAsync(token);
                    health = await HealthAsync("/health (baseline)", 5);
                    _healthCpu = cpuBeforeHealth.Until(await cpu.SampleAsync(token));
                }

                var round = await RoundAsync(number);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {number}{(measured ? "" : " (warm-up)")}: {round.Votes} votes from {round.Voters} voters; p95 voted count from ack {Latencies.Ms(Percentiles.Of(round.Samples.CountFromAck, 95))} ms, " +
                    $"from send {Latencies.Ms(Percentiles.Of(round.Samples.CountFromSend, 95))} ms, reveal {Latencies.Ms(Percentiles.Of(round.Samples.Reveal, 95))} ms; " +
                    $"RevealAsync {round.RevealStepMs:0.0} ms; console {round.ConsoleRefreshes} refreshes for {round.VoteEvents} vote events"));
                Console.WriteLine($"  CPU (this process + PostgreSQL): {round.Samples.Cpu[0].Describe()}");
                if (measured)
                {
                    _measured.Add(round.Samples);
                }
            }

            await DecisionAsync();
            var healthAfter = await HealthAsync("/health (after)", 5);

            // Attribution (not targets): one phone alone, one request at a time: /health and its /state (the revealed round).
            var alone = phones[0];
            var healthAlone = await AloneAsync("/health (1 phone)", () => alone.HealthAsync(token));
            var stateAlone = await AloneAsync("/state of a revealed round (1 phone)", () => alone.StateAsync(token));
            return Report(health!, healthAfter, healthAlone, stateAlone, started);
        }

        private async Task<RoundOutcome> RoundAsync(int number)
        {
            var samples = new Samples();
            var voteEventsBefore = console.VoteEvents;
            var refreshesBefore = console.Refreshes;

            // Open: every phone learns the round from its own /state, queried for the "state" event.
            var cpuBeforeOpen = await cpu.SampleAsync(token);
            var openStart = Stopwatch.GetTimestamp();
            var opened = phones.Select(p => p.WatchAsync(s => s.Status == "running" && s.Round is { Status: "open" } r && r.Number == number, openStart)).ToList();
            Step(await service.OpenRoundAsync(assessmentId, workshopId, timer: null), $"open round {number}");
            var openEnd = Stopwatch.GetTimestamp();
            var seenOpen = await WithinAsync(opened, $"round {number}: every phone saw the round open");
            var cpuBeforeVotes = await cpu.SampleAsync(token);
            // People read the question before they tap: the votes start once every phone shows the round open, then
            // all of them vote, a bounded number in flight at a time.
            var votes = await WithinAsync(phones.Select((p, i) => VoteAsync(p, seenOpen[i], number)), $"round {number}: every phone voted");
            var roundIds = votes.Select(v => v.RoundId).Distinct().ToList();
            if (roundIds.Count != 1)
            {
                throw new StepFailed($"round {number}: the phones saw {roundIds.Count} different open rounds");
            }

            foreach (var vote in votes)
            {
                samples.Open.Add(Ms(openStart, vote.Opened.QueryEnded));
                foreach (var post in new[] { vote.First, vote.Second }.OfType<VoteResult>())
                {
                    if (post.Ok)
                    {
                        samples.VotePost.Add(Ms(post.Sent, post.Acknowledged));
                    }
                    else
                    {
                        Error($"round {number}: walk-in {vote.Phone.Index}'s vote was not acknowledged: {post.Problem}");
                    }
                }
            }

            // Every acknowledged voter must reach the facilitator's count before the round is closed.
            var firstVotes = votes.Where(v => v.First.Ok).OrderBy(v => v.First.Acknowledged).ToList();
            var voters = firstVotes.Count;
            if (!await console.WaitForCountAsync(voters, TimeSpan.FromSeconds(Math.Max(15, phones.Count * 0.02)), token))
            {
                Error($"round {number}: the console's count stayed at {console.LatestCount} of {voters} acknowledged voters");
            }

            var cpuAfterVotes = await cpu.SampleAsync(token);
            var closeStart = Stopwatch.GetTimestamp();
            var counts = console.CountsBetween(openEnd, closeStart);
            for (var i = 0; i < firstVotes.Count; i++)
            {
                var (ordinal, post) = (i + 1, firstVotes[i].First);
                // As the brief defines it: the first count, read after the ack, that has reached the vote's ordinal.
                var reached = counts.FirstOrDefault(c => c.QueryEnded >= post.Acknowledged && c.Count >= ordinal);
                // Proven to include this vote: the count's query began after the vote was committed (acknowledged),
                // or the count is every voter of the round.
                var proven = counts.FirstOrDefault(c => c.QueryEnded >= post.Acknowledged && (c.QueryStarted >= post.Acknowledged || c.Count >= voters));
                if (reached is null || proven is null)
                {
                    Error($"round {number}: the console never showed vote {ordinal} of {voters}");
                    continue;
                }

                samples.CountFromAck.Add(Ms(post.Acknowledged, proven.QueryEnded));
                samples.CountFromAckOrdinal.Add(Ms(post.Acknowledged, reached.QueryEnded));
                samples.CountFromSend.Add(Ms(post.Sent, proven.QueryEnded));
            }

            // Close; the phones' re-queries settle; reveal.
            var closed = phones.Select(p => p.WatchAsync(s => s.Round is { Status: "closed" } r && r.Number == number, closeStart)).ToList();
            Step(await service.CloseRoundAsync(assessmentId, workshopId), $"close round {number}");
            await WithinAsync(closed, $"round {number}: every phone saw the round closed");
            await Task.Delay(PauseBeforeReveal, token);

            var cpuBeforeReveal = await cpu.SampleAsync(token);
            var revealStart = Stopwatch.GetTimestamp();
            var revealed = phones.Select(p => p.WatchAsync(s => s.Round is { Status: "revealed" } r && r.Number == number && s.Results is not null, revealStart)).ToList();
            Step(await service.RevealAsync(assessmentId, workshopId), $"reveal round {number}");
            var revealEnd = Stopwatch.GetTimestamp();
            var reveals = await WithinAsync(revealed, $"round {number}: every phone saw the results");
            var cpuAfterReveal = await cpu.SampleAsync(token);

            // No vote lost: every phone's results hold exactly the last acknowledged vote of every voter.
            var finals = votes.Where(v => v.First.Ok).Select(v => v.Second is { Ok: true } second ? second : v.First).ToList();
            var expected = Expected(finals);
            for (var i = 0; i < phones.Count; i++)
            {
                var seen = reveals[i];
                samples.Reveal.Add(Ms(revealStart, seen.QueryEnded));
                samples.RevealFromReturn.Add(Ms(revealEnd, seen.QueryEnded));
                samples.RevealEvent.Add(Ms(revealStart, seen.EventAt));
                samples.RevealQuery.Add(Ms(seen.QueryStarted, seen.QueryEnded));
                var results = seen.State.Results!;
                var shown = (results.Voters, Describe(results.Now), Describe(results.InTwoYears));
                if (seen.State.Round!.Id != roundIds[0] || shown != expected)
                {
                    Error($"round {number}: walk-in {i} was shown {shown} for round {seen.State.Round.Id}; the acknowledged votes make {expected} for {roundIds[0]}");
                }

                var own = votes[i].Second is { Ok: true } changed ? changed : votes[i].First;
                if (own.Ok && (seen.State.YourVote?.Now != own.Now || seen.State.YourVote?.InTwoYears != own.InTwoYears))
                {
                    Error($"round {number}: walk-in {i} sees its vote as {seen.State.YourVote}, its last acknowledged was ({own.Now}, {own.InTwoYears})");
                }
            }

            if (phones.FirstOrDefault(p => p.Failure is not null) is { } failing)
            {
                Error($"round {number}: walk-in {failing.Index}: {failing.Failure}");
            }

            if (console.Failure is { } consoleFailure)
            {
                Error($"round {number}: {consoleFailure}");
            }

            var posts = votes.Sum(v => (v.First.Ok ? 1 : 0) + (v.Second is { Ok: true } ? 1 : 0));
            samples.Cpu.Add(new RoundCpu(cpuBeforeOpen.Until(cpuBeforeVotes), cpuBeforeVotes.Until(cpuAfterVotes), cpuBeforeReveal.Until(cpuAfterReveal), phones.Count, posts,
                cpuBeforeReveal.WallMs(cpuAfterReveal)));
            return new RoundOutcome(samples, posts, voters, Ms(revealStart, revealEnd), console.Refreshes - refreshesBefore, console.VoteEvents - voteEventsBefore);
        }

        /// <summary>The facilitator records the consensus; every phone must show it (a check, not a target).</summary>
        private async Task DecisionAsync()
        {
            var recordStart = Stopwatch.GetTimestamp();
            var shown = phones.Select(p => p.WatchAsync(s => s.Decision is { LevelNow: 3, LevelInTwoYears: 4, NoConsensus: false }, recordStart)).ToList();
            Step(await service.RecordDecisionAsync(assessmentId, workshopId, MaturityLevel.Fulfilled, MaturityLevel.Improving,
                "The room agreed after the re-vote.", [], userId: null), "record the decision");
            var seen = await WithinAsync(shown, "every phone showed the decision");
            var latencies = seen.Select(s => Ms(recordStart, s.QueryEnded)).ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"decision recorded: every phone showed it (p50 {Latencies.Ms(Percentiles.Of(latencies, 50))} ms, p95 {Latencies.Ms(Percentiles.Of(latencies, 95))} ms after the step began)"));
        }

        private async Task<PhoneVotes> VoteAsync(Phone phone, Seen seen, int number)
        {
            var roundId = seen.State.Round!.Id;
            var random = new Random((number * 7919) + phone.Index);
            var first = await Bounded(() => phone.VoteAsync(roundId, Answer(random), Answer(random), token));
            VoteResult? second = null;
            if (first.Ok && random.Next(100) < options.ChangePercent)
            {
                // A second thought a moment later.
                await Task.Delay(random.Next(20, 400), token);
                second = await Bounded(() => phone.VoteAsync(roundId, Answer(random), Answer(random), token));
            }

            return new PhoneVotes(phone, seen, roundId, first, second);
        }

        private async Task<Latencies> HealthAsync(string name, int perPhone)
        {
            var wall = Stopwatch.StartNew();
            var results = await WithinAsync(phones.Select(p => Bounded(async () =>
            {
                var mine = new List<double?>(perPhone);
                for (var i = 0; i < perPhone; i++)
                {
                    mine.Add(await p.HealthAsync(token));
                }

                return mine;
            })), name);
            wall.Stop();
            var all = results.SelectMany(r => r).ToList();
            var errors = all.Count(ms => ms is null);
            if (errors > 0)
            {
                Error($"{name}: {errors} requests failed");
            }

            return new Latencies(name, options.VoteParallelism, phones.Count * perPhone, [.. all.OfType<double>()], errors, null, wall.Elapsed, false, 0);
        }

        /// <summary>Waits (at most a minute) until no method has been compiled for 3 s.</summary>
        private async Task<(TimeSpan Waited, long Methods)> WaitForJitAsync()
        {
            var waited = Stopwatch.StartNew();
            var methods = JitInfo.GetCompiledMethodCount();
            var quietSince = Stopwatch.GetTimestamp();
            while (waited.Elapsed < TimeSpan.FromMinutes(1) && Stopwatch.GetElapsedTime(quietSince) < TimeSpan.FromSeconds(3))
            {
                await Task.Delay(250, token);
                var now = JitInfo.GetCompiledMethodCount();
                if (now != methods)
                {
                    (methods, quietSince) = (now, Stopwatch.GetTimestamp());
                }
            }

            return (waited.Elapsed, methods);
        }

        private async Task<Latencies> AloneAsync(string name, Func<Task<double?>> request)
        {
            const int Times = 50;
            var wall = Stopwatch.StartNew();
            var all = new List<double?>(Times);
            for (var i = 0; i < Times + 5; i++)
            {
                var ms = await request();
                if (i >= 5)
                {
                    all.Add(ms);
                }
            }

            if (all.Any(ms => ms is null))
            {
                Error($"{name}: {all.Count(ms => ms is null)} requests failed");
            }

            return new Latencies(name, 1, Times, [.. all.OfType<double>()], all.Count(ms => ms is null), null, wall.Elapsed, false, 0);
        }

        private int Report(Latencies health, Latencies healthAfter, Latencies healthAlone, Latencies stateAlone, Stopwatch started)
        {
            var rows = new (string Name, List<double> Values, bool Target)[]
            {
                ("**voted count**: vote acknowledged → console count proven to include it", _measured.CountFromAck, true),
                ("voted count: vote acknowledged → console count ≥ its ordinal", _measured.CountFromAckOrdinal, false),
                ("**voted count**: vote sent → console count proven to include it", _measured.CountFromSend, true),
                ("vote POST: sent → acknowledged (200)", _measured.VotePost, false),
                ("round opened → phone's /state shows it open", _measured.Open, false),
                ("**reveal**: RevealAsync called → phone's /state shows the results", _measured.Reveal, true),
                ("reveal: RevealAsync returned → phone's /state shows the results", _measured.RevealFromReturn, false),
                ("reveal: RevealAsync called → phone's \"state\" event", _measured.RevealEvent, false),
                ("reveal: the phone's /state query alone", _measured.RevealQuery, false),
            };
            Console.WriteLine();
            Console.WriteLine("| Measure | Samples | p50 ms | p95 ms | p99 ms | max ms | p50 ÷ /health | p95 ÷ /health |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var baseline in new[] { health, healthAfter })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {baseline.Name}, {options.VoteParallelism} at a time | {baseline.Completed}/{baseline.Planned} | {Latencies.Ms(baseline.P50)} | {Latencies.Ms(baseline.P95)} | {Latencies.Ms(baseline.P99)} | {Latencies.Ms(baseline.Max)} | {Latencies.Ratio(baseline.P50, health.P50)} | {Latencies.Ratio(baseline.P95, health.P95)} |"));
            }

            foreach (var (name, values, _) in rows)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {values.Count} | {Latencies.Ms(Percentiles.Of(values, 50))} | {Latencies.Ms(Percentiles.Of(values, 95))} | {Latencies.Ms(Percentiles.Of(values, 99))} | {Latencies.Ms(values.DefaultIfEmpty(double.NaN).Max())} | {Latencies.Ratio(Percentiles.Of(values, 50), health.P50)} | {Latencies.Ratio(Percentiles.Of(values, 95), health.P95)} |"));
            }

            foreach (var alone in new[] { healthAlone, stateAlone })
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {alone.Name}, one at a time (attribution) | {alone.Completed}/{alone.Planned} | {Latencies.Ms(alone.P50)} | {Latencies.Ms(alone.P95)} | {Latencies.Ms(alone.P99)} | {Latencies.Ms(alone.Max)} | {Latencies.Ratio(alone.P50, healthAlone.P50)} | {Latencies.Ratio(alone.P95, healthAlone.P95)} |"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(ratios: against /health at {options.VoteParallelism} at a time from the phones' clients, before the rounds; the one-phone rows against /health from that phone alone)"));
            var cpuTotal = _measured.Cpu.Aggregate((a, b) => a + b);
            Console.WriteLine($"(CPU over the measured rounds, this process (app and load client) + PostgreSQL: {cpuTotal.Describe()})");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"(CPU per /health request of the baseline, the same way: {_healthCpu.Process / health.Completed:0.00} + {_healthCpu.Postgres / health.Completed:0.00} ms)"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"({options.Rounds} measured rounds × {phones.Count} phones; console: {console.VoteEvents} vote events and {console.OtherEvents} other events over the run, {console.Refreshes} refreshes of which {console.FullRefreshes} full)"));
            foreach (var error in _errors.Take(10))
            {
                Console.WriteLine($"error: {error}");
            }

            if (_errors.Count > 10)
            {
                Console.WriteLine($"… and {_errors.Count - 10} more errors");
            }

            Console.WriteLine();
            var pass = true;
            foreach (var (name, values, _) in rows.Where(r => r.Target))
            {
                var p95 = Percentiles.Of(values, 95);
                var met = p95 < TargetP95 && values.Count == options.Rounds * phones.Count;
                pass &= met;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(met ? "PASS" : "FAIL")}: {name.Replace("**", "", StringComparison.Ordinal)} p95 {p95:0.00} ms over {values.Count} samples (target < {TargetP95} ms; {p95 / health.P95:0.0}× /health p95)"));
            }

            Console.WriteLine(_errors.Count == 0
                ? $"no vote lost: every acknowledged vote, and only those, in every phone's revealed results ({options.WarmUpRounds + options.Rounds} rounds)"
                : $"FAIL (errors): {_errors.Count}");
            Console.WriteLine($"workshop scenario {started.Elapsed.TotalSeconds:0} s; load average {LoadAverage()} (the machine is shared: other processes' load shows here)");
            return _errors.Count > 0 ? 2 : pass ? 0 : 1;
        }

        private async Task<T> Bounded<T>(Func<Task<T>> action)
        {
            await _gate.WaitAsync(token);
            try
            {
                return await action();
            }
            finally
            {
                _gate.Release();
            }
        }

        private async Task<T[]> WithinAsync<T>(IEnumerable<Task<T>> tasks, string what)
        {
            var all = tasks.ToList();
            try
            {
                return await Task.WhenAll(all).WaitAsync(StepTimeout(phones.Count), token);
            }
            catch (TimeoutException)
            {
                var failing = phones.FirstOrDefault(p => p.Failure is not null);
                throw new StepFailed($"not within {StepTimeout(phones.Count).TotalSeconds:0} s: {what} ({all.Count(t => t.IsCompletedSuccessfully)} of {all.Count})" +
                    (failing is null ? "" : $"; walk-in {failing.Index}: {failing.Failure}"));
            }
        }

        private void Error(string error)
        {
            lock (_errors)
            {
                _errors.Add(error);
            }
        }

        private static void Step(StepOutcome outcome, string what)
        {
            if (!outcome.Succeeded)
            {
                throw new StepFailed($"{what} refused: {outcome.Refusal?.Message}");
            }
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>About 7 % "don't know", otherwise a level 1–5 leaning to the middle.</summary>
    private static string Answer(Random random) =>
        random.NextDouble() < 0.07 ? "DK" : Answers[Math.Clamp(random.Next(0, 3) + random.Next(0, 3), 0, 4)];

    private static (int Voters, string Now, string InTwoYears) Expected(IReadOnlyList<VoteResult> finals) =>
        (finals.Count, Describe(finals.Select(v => v.Now)), Describe(finals.Select(v => v.InTwoYears)));

    private static string Describe(IEnumerable<string> answers)
    {
        var list = answers.ToList();
        return Describe([.. Answers.Select(a => list.Count(x => x == a))], list.Count(x => x == "DK"));
    }

    private static string Describe(RoomView view) => Describe(view.Distribution, view.DontKnow);

    private static string Describe(IReadOnlyList<int> distribution, int dontKnow) => $"[{string.Join(' ', distribution)}] DK {dontKnow}";

    private static double Ms(long from, long to) => Stopwatch.GetElapsedTime(from, to).TotalMilliseconds;

    private sealed class Samples
    {
        public List<double> CountFromSend { get; } = [];
        public List<double> CountFromAck { get; } = [];
        public List<double> CountFromAckOrdinal { get; } = [];
        public List<double> VotePost { get; } = [];
        public List<double> Open { get; } = [];
        public List<double> Reveal { get; } = [];
        public List<double> RevealFromReturn { get; } = [];
        public List<double> RevealEvent { get; } = [];
        public List<double> RevealQuery { get; } = [];
        public List<RoundCpu> Cpu { get; } = [];

        public void Add(Samples round)
        {
            CountFromSend.AddRange(round.CountFromSend);
            CountFromAck.AddRange(round.CountFromAck);
            CountFromAckOrdinal.AddRange(round.CountFromAckOrdinal);
            VotePost.AddRange(round.VotePost);
            Open.AddRange(round.Open);
            Reveal.AddRange(round.Reveal);
            RevealFromReturn.AddRange(round.RevealFromReturn);
            RevealEvent.AddRange(round.RevealEvent);
            RevealQuery.AddRange(round.RevealQuery);
            Cpu.AddRange(round.Cpu);
        }
    }

    private sealed record PhoneVotes(Phone Phone, Seen Opened, Guid RoundId, VoteResult First, VoteResult? Second);

    /// <summary>CPU milliseconds (this process, PostgreSQL) of a round's open (to every phone showing it), votes (to the console's full count) and reveal.</summary>
    private sealed record RoundCpu(CpuUse Open, CpuUse Votes, CpuUse Reveal, int Phones, int Posts, double RevealWallMs)
    {
        public static RoundCpu operator +(RoundCpu a, RoundCpu b) =>
            new(a.Open + b.Open, a.Votes + b.Votes, a.Reveal + b.Reveal, a.Phones + b.Phones, a.Posts + b.Posts, a.RevealWallMs + b.RevealWallMs);

        public string Describe() => string.Create(CultureInfo.InvariantCulture,
            $"per phone at the open {Open.Process / Phones:0.0} + {Open.Postgres / Phones:0.0} ms ({(double)Open.EfQueries / Phones:0.0} EF queries), " +
            $"per vote {Votes.Process / Posts:0.0} + {Votes.Postgres / Posts:0.0} ms ({(double)Votes.EfQueries / Posts:0.0}), " +
            $"per phone at the reveal {Reveal.Process / Phones:0.0} + {Reveal.Postgres / Phones:0.0} ms ({(double)Reveal.EfQueries / Phones:0.00}; " +
            $"{(Reveal.Process + Reveal.Postgres) / RevealWallMs:0.00} cores busy on average)");
    }

    private sealed record RoundOutcome(Samples Samples, int Votes, int Voters, double RevealStepMs, int ConsoleRefreshes, int VoteEvents);

    private sealed class StepFailed(string message) : Exception(message);
}
