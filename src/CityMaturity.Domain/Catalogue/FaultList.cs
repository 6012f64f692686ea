namespace CityMaturity.Domain.Catalogue;

/// <summary>Collects every fault of a catalogue or text pack so one load reports them all at once.</summary>
internal sealed class FaultList
{
    private readonly List<string> _faults = [];

    public bool Any => _faults.Count > 0;

    /// <summary>The faults so far, for loaders that raise their own exception type.</summary>
    public IReadOnlyList<string> All => _faults;

    public void Add(string fault) => _faults.Add(fault);

    public void Expect(bool condition, string fault)
    {
        if (!condition)
        {
            _faults.Add(fault);
        }
    }

    public string Required(string? value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            _faults.Add($"{what} is missing");
            return string.Empty;
        }

        return value.Trim();
    }

    public void Unique(IEnumerable<string> values, string what)
    {
        foreach (var duplicate in values.Where(v => v.Length > 0).GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            _faults.Add($"{what} '{duplicate.Key}' appears {duplicate.Count()} times");
        }
    }

    /// <summary>Five texts keyed "1".."5"; reports each missing level and any key that is not a level.</summary>
    public LevelTexts LevelTexts(IReadOnlyDictionary<string, string>? levels, string where)
    {
        levels ??= new Dictionary<string, string>();
        foreach (var key in levels.Keys.Where(k => !int.TryParse(k, out var n) || !MaturityLevels.TryFromNumber(n, out _)))
        {
            Add($"{where} has a text for level '{key}', which is not a level from 1 to 5");
        }

        var texts = MaturityLevels.All
            .Select(level => levels.TryGetValue(level.Number().ToString(System.Globalization.CultureInfo.InvariantCulture), out var text) && !string.IsNullOrWhiteSpace(text)
                ? text.Trim()
                : Missing(where, level))
            .ToList();
        return new LevelTexts(texts);
    }

    private string Missing(string where, MaturityLevel level)
    {
        Add($"{where} lacks the text of level {level.Number()} ({level.DefaultName()})");
        return string.Empty;
    }

    public void ThrowIfAny(string source)
    {
        if (Any)
        {
            throw new CatalogueException(source, _faults);
        }
    }
}
