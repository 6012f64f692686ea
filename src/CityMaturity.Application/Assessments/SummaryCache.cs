using Microsoft.Extensions.Caching.Memory;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// Recently computed results — summaries, and the summary API's serialised JSON — keyed by assessment and
/// data version (plus what else shapes the value). A dedicated, bounded memory cache (not the shared
/// IMemoryCache, whose other users would have to give entry sizes). Entries of superseded versions are never
/// read again and age out.
/// </summary>
public sealed class SummaryCache : IDisposable
{
    private readonly MemoryCache _entries = new(new MemoryCacheOptions { SizeLimit = 400 });

    /// <summary>A summary: per assessment, group filter and data version.</summary>
    public readonly record struct Key(Guid AssessmentId, Guid? GroupId, long DataVersion);

    public T? TryGet<T>(object key) where T : class => _entries.TryGetValue(key, out T? value) ? value : null;

    public void Set(object key, object value) =>
        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(30) });

    public void Dispose() => _entries.Dispose();
}
