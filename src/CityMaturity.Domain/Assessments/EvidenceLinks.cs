namespace CityMaturity.Domain.Assessments;

/// <summary>
/// The rule for evidence links, wherever they are given (a rating, a workshop's consensus decision): at most
/// <see cref="MaxCount"/>, each an absolute http(s) address of at most <see cref="MaxLength"/> characters.
/// </summary>
public static class EvidenceLinks
{
    public const int MaxCount = 10;
    public const int MaxLength = 500;

    public static string TooMany { get; } = $"At most {MaxCount} evidence links.";

    public static bool IsWebAddress(string link) =>
        link.Length <= MaxLength && Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    /// <summary>The message for a link that is not a web address, quoting (the start of) the link.</summary>
    public static string NotAWebAddress(string link) =>
        $"“{(link.Length > 60 ? link[..60] + "…" : link)}” is not a web address (it must start with https:// or http://).";

    /// <summary>Why these links cannot be kept, or null when they can.</summary>
    public static string? WhyNot(IReadOnlyList<string> links) =>
        links.Count > MaxCount ? TooMany
        : links.FirstOrDefault(link => !IsWebAddress(link)) is { } bad ? NotAWebAddress(bad)
        : null;
}
