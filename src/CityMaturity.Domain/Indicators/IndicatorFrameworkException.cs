namespace CityMaturity.Domain.Indicators;

/// <summary>
/// An indicator framework, links file or pack that breaks an invariant. The message names every fault of every
/// file, each prefixed with the file it is in, so an operator fixes them all in one go.
/// </summary>
public sealed class IndicatorFrameworkException : Exception
{
    public IndicatorFrameworkException(IReadOnlyList<string> faults)
        : base($"The indicator frameworks are invalid:{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", faults)}")
    {
        Faults = faults;
    }

    public IndicatorFrameworkException()
        : this(["unspecified fault"])
    {
    }

    public IndicatorFrameworkException(string message)
        : this([message])
    {
    }

    public IndicatorFrameworkException(string message, Exception innerException)
        : base(message, innerException)
    {
        Faults = [message];
    }

    /// <summary>Each fault as "file: what is wrong".</summary>
    public IReadOnlyList<string> Faults { get; } = [];
}
