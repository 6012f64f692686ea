namespace CityMaturity.Domain.Catalogue;

/// <summary>A catalogue or text pack that breaks an invariant. The message names every fault found.</summary>
public sealed class CatalogueException : Exception
{
    public CatalogueException(string source, IReadOnlyList<string> faults)
        : base($"The maturity catalogue '{source}' is invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", faults)}")
    {
        Source = source;
        Faults = faults;
    }

    public CatalogueException()
        : this("unknown", ["unspecified fault"])
    {
    }

    public CatalogueException(string message)
        : this("unknown", [message])
    {
    }

    public CatalogueException(string message, Exception innerException)
        : base(message, innerException)
    {
        Faults = [message];
    }

    public IReadOnlyList<string> Faults { get; } = [];
}
