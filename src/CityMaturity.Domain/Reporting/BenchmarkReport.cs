using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;

namespace CityMaturity.Domain.Reporting;

/// <summary>
/// A benchmark report: one member city against the cities of one offered filter of a network, per dimension,
/// sub-dimension and characteristic, now and in two years (docs/benchmarking.md). Built only from a
/// <see cref="NetworkComparison"/>, which already obeys the privacy rule (k, atoms, withheld figures), and from the member
/// list as the reader sees it — so the report can show nothing the network page does not.
/// </summary>
public sealed record BenchmarkReport(
    BenchmarkReportLabels Labels,
    BenchmarkReportMetadata Metadata,
    string FilterName,
    int Cities,
    bool OwnIncluded,
    int K,
    IReadOnlyList<BenchmarkReportRow> Rows,
    IReadOnlyList<string> MembersShown,
    IReadOnlyList<BenchmarkLearnFrom> LearnFrom)
{
    public IEnumerable<BenchmarkReportRow> Dimensions => Rows.Where(r => r.Level == BenchmarkLevel.Dimension);
}

/// <param name="City">The reader's own organisation, the city the report is about.</param>
/// <param name="Generated">The network is the generated demo network (its other cities are made up).</param>
public sealed record BenchmarkReportMetadata(string Network, string City, DateTimeOffset CreatedAt, bool Generated, string Language);

/// <summary>One dimension, sub-dimension or characteristic: the own score and its place, the distribution, now and in two years.</summary>
public sealed record BenchmarkReportRow(string Code, BenchmarkLevel Level, string Title, ViewComparison Now, ViewComparison InTwoYears)
{
    public ViewComparison For(RatingView view) => view switch
    {
        RatingView.Now => Now,
        RatingView.InTwoYears => InTwoYears,
    };
}

/// <summary>
/// A characteristic, the city's own score now and the peers to learn from on it (docs/benchmarking.md, "learn from", ADR
/// 0051): cities two or more levels ahead that share evidence there, named as <c>membersShown</c> names them.
/// </summary>
public sealed record BenchmarkLearnFrom(string Code, string Title, decimal Own, IReadOnlyList<string> Peers)
{
    /// <summary>The lowest score a listed peer has: two levels above the own score.</summary>
    public decimal AheadFrom => LearnFromRule.AheadFrom(Own)!.Value;
}

public static class BenchmarkReportBuilder
{
    /// <param name="membersShown">The network's accepted members as the reader sees them: a name where the member appears by name, its alias otherwise.</param>
    /// <param name="learnFrom">Per characteristic, the peers to learn from, named the same way; none when null.</param>
    public static BenchmarkReport Build(
        BenchmarkReportMetadata metadata, NetworkComparison comparison, IEnumerable<string> membersShown, BenchmarkReportLabels? labels = null,
        IEnumerable<BenchmarkLearnFrom>? learnFrom = null) =>
        new(
            labels ??= BenchmarkReportLabels.For(metadata.Language),
            metadata,
            labels.FilterName(comparison.Filter),
            comparison.Cities,
            comparison.OwnIncluded,
            comparison.K,
            [.. comparison.Metrics.Select(m => new BenchmarkReportRow(m.Metric.Code, m.Metric.Level, m.Metric.Name, m.Now, m.InTwoYears))],
            [.. membersShown],
            [.. (learnFrom ?? []).Where(l => l.Peers.Count > 0)]);
}

/// <summary>
/// The fixed wording of a benchmark report; a translation replaces it whole (the Chinese one is in
/// BenchmarkReportLabels.Chinese.cs, chosen by <see cref="For"/> from the catalogue's language). Format strings use {0}, {1} ….
/// </summary>
public sealed partial record BenchmarkReportLabels
{
    public static BenchmarkReportLabels English { get; } = new();

    public string Culture { get; init; } = "en-GB";
    public string DateFormat { get; init; } = "d MMMM yyyy";

    public string ReportTitle { get; init; } = "Benchmark report";
    /// <summary>The title with the city: {0} the report's title, {1} the city (a full-width colon in Chinese).</summary>
    public string TitleFormat { get; init; } = "{0}: {1}";
    public string Kicker { get; init; } = "Cross-city benchmarking (ISO/TS 37107)";
    public string Network { get; init; } = "Network";
    public string ComparedWith { get; init; } = "Compared with";
    /// <summary>{0}: filter, {1}: cities, {2}: whether the own city is among them.</summary>
    public string ComparedWithFormat { get; init; } = "{0}: {1} cities{2}";
    public string OwnAmongThem { get; init; } = ", this city among them";
    public string OwnNotAmongThem { get; init; } = "; this city is not one of them and is placed against them";
    public string PrivacyThreshold { get; init; } = "Privacy threshold";
    /// <summary>{0}: k.</summary>
    public string PrivacyFormat { get; init; } = "k = {0}: no figure for fewer than {0} cities";
    public string ReportCreated { get; init; } = "Report created";
    public string GeneratedNotice { get; init; } = "Generated demo network: apart from this city, its cities and their scores are made up.";
    public string PageFormat { get; init; } = "Page {0} of {1}";

    public string Summary { get; init; } = "Summary";
    /// <summary>{0}: dimension, {1}: own score, {2}: rank, {3}: out of, {4}: quartile, {5}: gap sentence.</summary>
    public string DimensionSentenceFormat { get; init; } = "{0}: {1} now, rank {2} of {3}, {4}{5}.";
    /// <summary>{0}: gap to the top quartile.</summary>
    public string GapFormat { get; init; } = ", {0} below the top quartile";
    /// <summary>{0}: dimension, {1}: own score or "not rated".</summary>
    public string DimensionWithoutPositionFormat { get; init; } = "{0}: {1} now; no position (not rated, or withheld for privacy).";
    public string NotRated { get; init; } = "not rated";
    public string ScaleNote { get; init; } =
        "Scores are maturity levels from 1 to 5. Q1 and Q3 bound the middle half of the cities, the top quartile starts at Q3; " +
        "the position counts the other cities of the set. Only scores leave a city: never a person's name, rating or comment.";

    public string Distribution { get; init; } = "Distribution across cities";
    /// <summary>{0}: the number of cities compared.</summary>
    public string DistributionCaptionFormat { get; init; } =
        "Figure: the scores of the {0} cities compared, per dimension, now and in two years, with this city marked. The box holds " +
        "the middle half of the cities (Q1 to Q3), the bold line is the median, the whiskers reach the lowest and the highest score.";
    public string DistributionAltText { get; init; } =
        "Box plots of the compared cities' scores per dimension, now and in two years, with this city's own score marked. " +
        "The chapters on the position now and in two years give every figure as a table.";
    /// <summary>In place of a box plot the privacy rule does not allow; {0}: k.</summary>
    public string NotDrawnFormat { get; init; } = "Not drawn: fewer than {0} cities rated it, or the figure could single a city out.";
    public string NoCityRated { get; init; } = "Not drawn: no city of the set rated it.";
    public string LegendMiddleHalf { get; init; } = "Middle half (Q1–Q3)";
    public string LegendMedian { get; init; } = "Median";
    public string LegendRange { get; init; } = "Lowest–highest";
    public string LegendOwnNow { get; init; } = "This city now";
    public string LegendOwnInTwoYears { get; init; } = "This city in two years";

    public string Now { get; init; } = "Now";
    public string InTwoYears { get; init; } = "In two years";
    /// <summary>{0}: the view (now, in two years).</summary>
    public string ChapterFormat { get; init; } = "Position {0}";
    public string Metric { get; init; } = "Dimension, sub-dimension or characteristic";
    public string Own { get; init; } = "This city";
    /// <summary>Q1 – median – Q3.</summary>
    public string MiddleHalf { get; init; } = "Q1 – median – Q3";
    public string Range { get; init; } = "Lowest–highest";
    public string CitiesColumn { get; init; } = "Cities";
    public string Rank { get; init; } = "Rank";
    /// <summary>{0} rank, {1} out of.</summary>
    public string RankFormat { get; init; } = "{0} of {1}";
    public string Percentile { get; init; } = "Percentile";
    public string Quartile { get; init; } = "Quartile";
    public string GapToTop { get; init; } = "Gap to top quartile";
    public string Withheld { get; init; } = "Withheld: too few cities";
    public string QuartileTop { get; init; } = "Top quartile";
    public string QuartileSecond { get; init; } = "Second quartile";
    public string QuartileThird { get; init; } = "Third quartile";
    public string QuartileBottom { get; init; } = "Bottom quartile";
    /// <summary>The whole network as the filter compared with.</summary>
    public string AllCities { get; init; } = ComparisonFilter.All.DisplayName;
    public string DistributionNote { get; init; } =
        "Q1 to Q3 is the middle half of the cities that rated it; the percentile is the share of the other cities scoring lower (level ones count half).";

    public string LearnFrom { get; init; } = "Peers to learn from";
    public string LearnFromIntro { get; init; } =
        "Per characteristic, the cities of the whole network whose score now is two or more levels above this city's and that " +
        "share evidence on it, named as in the members list. Their scores are not shown, only that they are that far ahead. " +
        "Their evidence and the challenge threads are on the network's peers page.";
    public string NoneToLearnFrom { get; init; } = "No city two or more levels ahead of this city shares evidence on a characteristic yet.";
    /// <summary>{0}: characteristic, {1}: the own score, {2}: the score the peers have at least, {3}: the peers.</summary>
    public string LearnFromFormat { get; init; } = "{0} (this city {1}, these {2} or more): {3}";
    /// <summary>Between the names of a list.</summary>
    public string ListSeparator { get; init; } = ", ";

    /// <summary>The name of a quartile band, as the tables and the summary print it.</summary>
    public string BandName(QuartileBand band) => band switch
    {
        QuartileBand.Top => QuartileTop,
        QuartileBand.UpperMiddle => QuartileSecond,
        QuartileBand.LowerMiddle => QuartileThird,
        QuartileBand.Bottom => QuartileBottom,
    };

    /// <summary>A peer group or method filter's name: {0} the facet or "Method", {1} its value.</summary>
    public string FacetFormat { get; init; } = "{0}: {1}";
    /// <summary>Between a peer group and a method when the filter has both.</summary>
    public string FilterSeparator { get; init; } = " · ";
    public string FacetCountry { get; init; } = "Country";
    public string FacetRegion { get; init; } = "Region";
    public string FacetPopulation { get; init; } = "Population";
    public string FacetArea { get; init; } = "Area";
    public string FacetTag { get; init; } = "Tag";
    public string FacetMethod { get; init; } = "Method";
    /// <summary>Per method (self-assessed, moderated, audited).</summary>
    public IReadOnlyDictionary<ComparisonMethod, string> MethodNames { get; init; } = Enum.GetValues<ComparisonMethod>().ToDictionary(m => m, m => m.DisplayName());
    /// <summary>Per population band key (<see cref="PopulationBands.Keys"/>).</summary>
    public IReadOnlyDictionary<string, string> PopulationBandNames { get; init; } = PopulationBands.Keys.ToDictionary(k => k, PopulationBands.DisplayName);
    /// <summary>Per area type key (<see cref="AreaTypes.Keys"/>).</summary>
    public IReadOnlyDictionary<string, string> AreaTypeNames { get; init; } = AreaTypes.Keys.ToDictionary(k => k, AreaTypes.DisplayName);

    /// <summary>
    /// The name of the filter compared with, in these labels' words (the English ones read as <see cref="ComparisonFilter.DisplayName"/>).
    /// Countries, regions and tags are the cities' own words, as they declared them.
    /// </summary>
    public string FilterName(ComparisonFilter filter)
    {
        var method = filter.Method is { } m ? string.Format(CultureInfo.InvariantCulture, FacetFormat, FacetMethod, MethodNames[m]) : null;
        var peer = filter.Peer is { } p ? string.Format(CultureInfo.InvariantCulture, FacetFormat, FacetName(p.Facet), PeerValue(p)) : null;
        return (peer, method) switch
        {
            (null, null) => AllCities,
            ({ } only, null) => only,
            (null, { } only) => only,
            ({ } both, { } and) => both + FilterSeparator + and,
        };
    }

    private string FacetName(PeerFacet facet) => facet switch
    {
        PeerFacet.Country => FacetCountry,
        PeerFacet.Region => FacetRegion,
        PeerFacet.PopulationBand => FacetPopulation,
        PeerFacet.AreaType => FacetArea,
        PeerFacet.Tag => FacetTag,
    };

    private string PeerValue(PeerGroup peer) => peer.Facet switch
    {
        PeerFacet.PopulationBand => PopulationBandNames.GetValueOrDefault(peer.Value, peer.Value),
        PeerFacet.AreaType => AreaTypeNames.GetValueOrDefault(peer.Value, peer.Value),
        _ => peer.Value,
    };

    public string Members { get; init; } = "Members";
    public string MembersIntro { get; init; } =
        "The network's members as you see them: by name where a member chose to appear by name, otherwise by its alias.";
}
