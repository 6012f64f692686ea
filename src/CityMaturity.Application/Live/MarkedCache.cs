using System.Collections.Concurrent;

namespace CityMaturity.Application.Live;

/// <summary>
/// Values read from the database and kept while nothing announced a change to them. Each entry remembers the
/// <see cref="ChangeMark"/> it was read at, taken before the read began, and is read again once the mark has moved, so a
/// read that raced a change is never kept as current. <paramref name="lifetime"/> bounds how long a value lives anyway,
/// for the rare changes no event announces (rows deleted with their assessment). Requests that miss at the same moment share
/// one read; a read that failed or found nothing is not kept.
/// </summary>
public sealed class MarkedCache<TKey, TValue>(TimeProvider clock, TimeSpan lifetime, int capacity)
    where TKey : notnull
    where TValue : class
{
    private sealed record Entry(ChangeMark Mark, DateTimeOffset ReadAt, Lazy<Task<TValue?>> Value)
    {
        public bool IsCurrent(ChangeMark mark, DateTimeOffset now, TimeSpan lifetime) =>
            Mark == mark && now - ReadAt < lifetime && !(Value.IsValueCreated && (Value.Value.IsFaulted || Value.Value.IsCanceled));
    }

    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();

    public int Count => _entries.Count;

    /// <param name="mark">The key's change mark, taken by the caller now (before any read).</param>
    /// <param name="read">Reads the value; shared by every waiting request, so it must not use one request's cancellation.</param>
    public async Task<TValue?> GetAsync(TKey key, ChangeMark mark, Func<Task<TValue?>> read, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var added = false;
        // The async lambda turns a read that throws at once into a failed task, which the next request replaces.
        Entry Fresh()
        {
            added = true;
            return new(mark, now, new Lazy<Task<TValue?>>(async () => await read()));
        }

        var entry = _entries.AddOrUpdate(key, _ => Fresh(), (_, existing) => existing.IsCurrent(mark, now, lifetime) ? existing : Fresh());
        // Only a new entry can take the cache over its capacity (Count locks the whole dictionary: not on every hit).
        if (added && _entries.Count > capacity)
        {
            Prune(now);
        }

        var value = await entry.Value.Value.WaitAsync(cancellationToken);
        if (value is null)
        {
            _entries.TryRemove(KeyValuePair.Create(key, entry));
        }

        return value;
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (now - entry.ReadAt >= lifetime)
            {
                _entries.TryRemove(KeyValuePair.Create(key, entry));
            }
        }

        if (_entries.Count > capacity)
        {
            _entries.Clear();
        }
    }
}
