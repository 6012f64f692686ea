
namespace CityMaturity.Integration.Tests.Live;

/// <summary>The rules of the cache that keeps a workshop room's state between changes (no database needed here).</summary>
public sealed class MarkedCacheTests
{
    private static readonly ChangeMark First = new(0, 1);
    private static readonly ChangeMark Second = new(0, 2);

    private readonly ManualClock _clock = new();
    private readonly MarkedCache<string, string> _cache;
    private int _reads;

    public MarkedCacheTests() => _cache = new MarkedCache<string, string>(_clock, TimeSpan.FromMinutes(1), capacity: 10);

    private Func<Task<string?>> Reading(string? value) => () =>
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(value);
    };

    [Fact]
    public async Task Requests_that_miss_at_the_same_moment_share_one_read()
    {
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        Func<Task<string?>> slowRead = () =>
        {
            Interlocked.Increment(ref _reads);
            return release.Task;
        };

        var waiting = Enumerable.Range(0, 50).Select(_ => Task.Run(() => _cache.GetAsync("room", First, slowRead))).ToList();
        await Task.Delay(50);
        release.SetResult("revealed");

        Assert.All(await Task.WhenAll(waiting), value => Assert.Equal("revealed", value));
        Assert.Equal(1, _reads);
        Assert.Equal("revealed", await _cache.GetAsync("room", First, Reading("never read")));
        Assert.Equal(1, _reads);
    }

    [Fact]
    public async Task A_value_is_read_again_once_its_mark_has_moved()
    {
        Assert.Equal("open", await _cache.GetAsync("room", First, Reading("open")));
        Assert.Equal("revealed", await _cache.GetAsync("room", Second, Reading("revealed")));
        Assert.Equal("revealed", await _cache.GetAsync("room", Second, Reading("never read")));
        Assert.Equal(2, _reads);

        // A resync (a lost event connection) moves every mark.
        Assert.Equal("after resync", await _cache.GetAsync("room", Second with { Resyncs = 1 }, Reading("after resync")));
    }

    [Fact]
    public async Task A_read_that_began_before_a_change_is_not_served_after_it()
    {
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var before = _cache.GetAsync("room", First, () => release.Task);

        // The change is counted while the first read is still in flight: the next request does not wait for that read.
        var after = await _cache.GetAsync("room", Second, Reading("revealed"));
        release.SetResult("open");

        Assert.Equal("revealed", after);
        Assert.Equal("open", await before);
        Assert.Equal("revealed", await _cache.GetAsync("room", Second, Reading("never read")));
    }

    [Fact]
    public async Task Nothing_found_and_failed_reads_are_not_kept()
    {
        Assert.Null(await _cache.GetAsync("stranger", First, Reading(null)));
        Assert.Equal("joined", await _cache.GetAsync("stranger", First, Reading("joined")));

        await Assert.ThrowsAsync<TimeoutException>(() => _cache.GetAsync("room", First, () => throw new TimeoutException()));
        Assert.Equal("open", await _cache.GetAsync("room", First, Reading("open")));
        Assert.Equal(2, _cache.Count);
    }

    [Fact]
    public async Task A_value_lives_at_most_its_lifetime_and_the_cache_stays_within_its_capacity()
    {
        Assert.Equal("Group A", await _cache.GetAsync("room", First, Reading("Group A")));
        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("Group A", await _cache.GetAsync("room", First, Reading("never read")));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("Group A renamed", await _cache.GetAsync("room", First, Reading("Group A renamed")));

        for (var i = 0; i < 25; i++)
        {
            await _cache.GetAsync($"session {i}", First, Reading("attendee"));
        }

        Assert.InRange(_cache.Count, 1, 11);
    }

    [Fact]
    public async Task A_caller_that_gives_up_does_not_cancel_the_read_the_others_wait_for()
    {
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var leaving = new CancellationTokenSource();
        var impatient = _cache.GetAsync("room", First, () => release.Task, leaving.Token);
        var patient = _cache.GetAsync("room", First, Reading("never read"));
        await leaving.CancelAsync();
        release.SetResult("revealed");

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => impatient);
        Assert.Equal("revealed", await patient);
        Assert.Equal(0, _reads);
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
