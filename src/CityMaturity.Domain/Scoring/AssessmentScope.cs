using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Scoring;

/// <summary>The characteristics an assessment covers, in the catalogue's order, each with a dense index for counting.</summary>
internal sealed class AssessmentScope
{
    private readonly MaturityCatalogue _catalogue;
    private readonly Dictionary<string, int> _indexByCode;

    private AssessmentScope(MaturityCatalogue catalogue, Characteristic[] characteristics)
    {
        _catalogue = catalogue;
        Characteristics = characteristics;
        _indexByCode = new Dictionary<string, int>(characteristics.Length, StringComparer.Ordinal);
        for (var index = 0; index < characteristics.Length; index++)
        {
            _indexByCode.Add(characteristics[index].Code, index);
        }
    }

    public IReadOnlyList<Characteristic> Characteristics { get; }

    public int Count => Characteristics.Count;

    /// <param name="scopeCodes">Null for the whole catalogue.</param>
    public static AssessmentScope Of(MaturityCatalogue catalogue, IReadOnlyList<string>? scopeCodes)
    {
        if (scopeCodes is null)
        {
            return new AssessmentScope(catalogue, [.. catalogue.Characteristics]);
        }

        var requested = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in scopeCodes)
        {
            RequireInCatalogue(catalogue, code, "The scope");
            if (!requested.Add(code))
            {
                throw new ArgumentException($"The scope names the characteristic '{code}' twice.", nameof(scopeCodes));
            }
        }

        return new AssessmentScope(catalogue, [.. catalogue.Characteristics.Where(c => requested.Contains(c.Code))]);
    }

    public bool TryIndexOf(string code, out int index) => _indexByCode.TryGetValue(code, out index);

    /// <summary>
    /// The index of a characteristic in scope; false when it is out of scope (the caller ignores it), and an error when
    /// the catalogue does not know the code at all, because that is a bug upstream, not a scoping choice.
    /// </summary>
    public bool TryIndexOfKnown(string code, string whatNamesIt, out int index)
    {
        if (TryIndexOf(code, out index))
        {
            return true;
        }

        RequireInCatalogue(_catalogue, code, whatNamesIt);
        return false;
    }

    private static void RequireInCatalogue(MaturityCatalogue catalogue, string code, string whatNamesIt)
    {
        if (!catalogue.TryGetCharacteristic(code, out _))
        {
            throw new ArgumentException($"{whatNamesIt} names the characteristic '{code}', which the catalogue does not have.");
        }
    }
}
