using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports.Tests;

/// <summary>The benchmark report read back through pdftotext: positions, the k rule's withheld figures, aliases only.</summary>
public sealed class BenchmarkReportPdfTests
{
    private static readonly BenchmarkMetric Dimension = new("1", BenchmarkLevel.Dimension, "Strategy");
    private static readonly BenchmarkMetric RatedByAll = new("1.1.1", BenchmarkLevel.Characteristic, "A city vision");
    private static readonly BenchmarkMetric RatedByTwo = new("1.1.2", BenchmarkLevel.Characteristic, "Stakeholders engaged");

    private static BenchmarkCity City(Guid id, decimal score, decimal? second) => new(id, null, ComparisonMethod.SelfAssessed, new Dictionary<string, SharedScore>
    {
        [Dimension.Key] = new(score, 5),
        [RatedByAll.Key] = new(score, 5),
        [RatedByTwo.Key] = new(second, null),
    });

    private static string Text(BenchmarkReport report) =>
        string.Join(' ', Poppler.For(BenchmarkReportRenderer.Render(report), "benchmark.pdf").Text().Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public void The_report_places_the_city_and_withholds_a_figure_too_few_cities_rated()
    {
        var own = Guid.NewGuid();
        var cities = new[] { City(own, 2, 4), City(Guid.NewGuid(), 1, 3), City(Guid.NewGuid(), 3, null), City(Guid.NewGuid(), 4, null) };
        var comparison = NetworkComparison.Of(FilterFamily.Build(cities, 3), ComparisonFilter.All, own, [Dimension, RatedByAll, RatedByTwo]);
        var metadata = new BenchmarkReportMetadata("Port cities", "Demoville", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), Generated: true, "en");

        var text = Text(BenchmarkReportBuilder.Build(metadata, comparison, ["Demoville", "City K7", "City B3"],
            learnFrom: [new BenchmarkLearnFrom("1.1.1", "A city vision", 2m, ["City K7", "Portville"]), new BenchmarkLearnFrom("1.1.2", "Stakeholders engaged", 4m, [])]));

        Assert.Contains("Benchmark report: Demoville", text, StringComparison.Ordinal);
        Assert.Contains("All cities of the network: 4 cities, this city among them", text, StringComparison.Ordinal);
        Assert.Contains("k = 3: no figure for fewer than 3 cities", text, StringComparison.Ordinal);
        Assert.Contains("Generated demo network", text, StringComparison.Ordinal);
        // Scores 1, 2, 3, 4: Q1 1.75, median 2.5, Q3 3.25; 2 is third of four, 1.25 below the top quartile.
        Assert.Contains("1 Strategy: 2.0 now, rank 3 of 4, third quartile, 1.25 below the top quartile.", text, StringComparison.Ordinal);
        Assert.Contains("1.75 – 2.5 – 3.25", text, StringComparison.Ordinal);
        // Two of four cities rated 1.1.2: fewer than k, so no figure, though the city's own 4.0 is its own to see.
        Assert.Contains("Withheld: too few cities", text, StringComparison.Ordinal);
        Assert.DoesNotContain("3.0 – 3.5 – 4.0", text, StringComparison.Ordinal);
        Assert.Contains("City K7", text, StringComparison.Ordinal);
        Assert.Contains("Position in two years", text, StringComparison.Ordinal);
        // The peers to learn from, named as the members list names them, with the rule (own score + 2), never a peer's
        // score; a characteristic without any is left out.
        Assert.Contains("Peers to learn from", text, StringComparison.Ordinal);
        Assert.Contains("whose score now is two or more levels above this city's", text, StringComparison.Ordinal);
        Assert.Contains("1.1.1 A city vision (this city 2.0, these 4.0 or more): City K7, Portville", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1.1.2 Stakeholders engaged:", text, StringComparison.Ordinal);
    }

    /// <summary>A report for an installation whose catalogue is Chinese is worded in Chinese throughout, as the baseline and progress reports are.</summary>
    [Fact]
    public void A_chinese_report_words_its_chapters_positions_quartiles_and_peers_in_chinese()
    {
        Assert.Same(BenchmarkReportLabels.Chinese, BenchmarkReportLabels.For("zh-CN"));
        Assert.Same(BenchmarkReportLabels.English, BenchmarkReportLabels.For("en"));
        var own = Guid.NewGuid();
        var cities = new[] { City(own, 2, 4), City(Guid.NewGuid(), 1, 3), City(Guid.NewGuid(), 3, null), City(Guid.NewGuid(), 4, null) };
        var comparison = NetworkComparison.Of(FilterFamily.Build(cities, 3), ComparisonFilter.All, own, [Dimension, RatedByAll, RatedByTwo]);
        var metadata = new BenchmarkReportMetadata("Port cities", "Demoville", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), Generated: true, "zh-CN");

        var text = RenderedReport.Compact(Text(BenchmarkReportBuilder.Build(metadata, comparison, ["Demoville", "City K7"],
            learnFrom: [new BenchmarkLearnFrom("1.1.1", "A city vision", 2m, ["City K7", "Portville"])])));

        foreach (var chinese in new[]
        {
            "对标报告：Demoville", "网络中的所有城市：4 个城市，本城市在其中", "k = 3：少于 3 个城市时不显示任何数字", "2026年12月1日",
            "1 Strategy：当前 2.0，在 4 个城市中排名第 3，第三个四分之一，比前四分之一低 1.25。", "各城市的分布", "当前的位置", "两年后的位置",
            "不显示：城市太少", "可以学习的同行", "1.1.1 A city vision（本城市 2.0，这些城市 4.0 或以上）：City K7、Portville", "成员",
        })
        {
            Assert.Contains(RenderedReport.Compact(chinese), text);
        }

        foreach (var english in new[] { "Benchmark report", "All cities of the network", "Withheld", "quartile", "Peers to learn from", "Members", "Position now", "this city" })
        {
            Assert.DoesNotContain(RenderedReport.Compact(english), text, StringComparison.OrdinalIgnoreCase);
        }

        // Compared with a peer group and a method: both named in Chinese too (the cities' own words, such as a region, are kept).
        var profiled = cities.Select(c => c with { Profile = new CityProfile { Region = "Nord", PopulationBand = "50k-250k" }, Method = ComparisonMethod.Moderated }).ToList();
        var filter = new ComparisonFilter(new PeerGroup(PeerFacet.PopulationBand, "50k-250k"), ComparisonMethod.Moderated);
        var filtered = RenderedReport.Compact(Text(BenchmarkReportBuilder.Build(metadata, NetworkComparison.Of(FilterFamily.Build(profiled, 3), filter, own, [Dimension, RatedByAll]), ["Demoville"])));

        Assert.Contains(RenderedReport.Compact("人口：5 万至 25 万 · 方法：主持研讨达成：4 个城市，本城市在其中"), filtered);
        Assert.Equal("地区：Nord", BenchmarkReportLabels.Chinese.FilterName(new ComparisonFilter(new PeerGroup(PeerFacet.Region, "Nord"), null)));
        foreach (var english in new[] { "Population", "Method", "Moderated", "50,000" })
        {
            Assert.DoesNotContain(RenderedReport.Compact(english), filtered, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>In English the report names a filter exactly as the page and the API do.</summary>
    [Fact]
    public void English_filter_names_are_the_pages_own()
    {
        PeerGroup[] peers = [new(PeerFacet.Country, "Testland"), new(PeerFacet.Region, "North"), new(PeerFacet.PopulationBand, "1m-5m"), new(PeerFacet.AreaType, "rural"), new(PeerFacet.Tag, "port")];
        var filters = peers.Select(p => new ComparisonFilter(p, null))
            .Concat(Enum.GetValues<ComparisonMethod>().SelectMany(m => peers.Select(p => new ComparisonFilter(p, m)).Append(new ComparisonFilter(null, m))))
            .Append(ComparisonFilter.All);

        Assert.All(filters, f => Assert.Equal(f.DisplayName, BenchmarkReportLabels.English.FilterName(f)));
    }

    [Fact]
    public void The_report_draws_each_dimension_s_distribution_now_and_in_two_years_with_the_city_marked_and_nothing_for_fewer_than_k()
    {
        var own = Guid.NewGuid();
        var data = new BenchmarkMetric("2", BenchmarkLevel.Dimension, "Data");
        BenchmarkCity With(Guid id, decimal score, decimal? dataScore) => new(id, null, ComparisonMethod.SelfAssessed, new Dictionary<string, SharedScore>
        {
            [Dimension.Key] = new(score, score + 1),
            [data.Key] = new(dataScore, dataScore),
        });
        var cities = new[] { With(own, 2, 4), With(Guid.NewGuid(), 1, 3), With(Guid.NewGuid(), 3, null), With(Guid.NewGuid(), 4, null) };
        var comparison = NetworkComparison.Of(FilterFamily.Build(cities, 3), ComparisonFilter.All, own, [Dimension, data]);
        var metadata = new BenchmarkReportMetadata("Port cities", "Demoville", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero), Generated: false, "en");
        var report = BenchmarkReportBuilder.Build(metadata, comparison, ["Demoville"]);

        var pdf = BenchmarkReportRenderer.Render(report, out var layout);

        // What the figure draws, read from the model that was painted: a box per view of dimension 1 and this city's
        // marker on each; nothing for dimension 2, which two of four cities rated (k = 3).
        var figure = layout.Pages.SelectMany(p => p.Items).Where(i => i.Tag?.Figure?.AltText == report.Labels.DistributionAltText).ToList();
        var boxes = figure.OfType<RectItem>().ToList();
        Assert.Equal(2, boxes.Count);
        Assert.Equal(2, figure.OfType<PolygonItem>().Count());
        // Now 1, 2, 3, 4 (Q1 1.75, Q3 3.25); in two years 2, 3, 4, 5: the same box one level to the right.
        Assert.Equal(boxes[0].Rect.Width, boxes[1].Rect.Width, 3);
        Assert.Equal(boxes[0].Rect.Width / 1.5, boxes[1].Rect.X - boxes[0].Rect.X, 3);

        var text = string.Join(' ', Poppler.For(pdf, "benchmark-distribution.pdf").Text().Split((char[])[' ', '\n', '\r', '\f'], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Distribution across cities", text, StringComparison.Ordinal);
        Assert.Contains("Figure: the scores of the 4 cities compared, per dimension, now and in two years, with this city marked.", text, StringComparison.Ordinal);
        foreach (var legend in new[] { "Middle half (Q1–Q3)", "Median", "Lowest–highest", "This city now", "This city in two years" })
        {
            Assert.Contains(legend, text, StringComparison.Ordinal);
        }

        Assert.Equal(2, text.Split("Not drawn: fewer than 3 cities rated it, or the figure could single a city out.").Length - 1);
        Assert.Contains("No city two or more levels ahead of this city shares evidence on a characteristic yet.", text, StringComparison.Ordinal);
    }
}
