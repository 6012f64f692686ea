using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;
using CityMaturity.Reports;

namespace CityMaturity.Benchmarks;

/// <summary>
/// Issue 16's targets: a network of 1,000 cities × every dimension, sub-dimension and characteristic — the comparison
/// (filters chosen under the privacy rule, then every figure, as the page and the API compute it) and the benchmark PDF.
/// The baseline, measured in the same run, is one assessment summary: the demo-sized assessment (24 participants) scored.
/// A second reference is the demo-sized baseline report's rendering (<see cref="ReportBenchmarks"/>, docs/performance-report.md),
/// so the benchmark PDF can be read against a PDF whose cost is known. In process and warm, like <see cref="ReportBenchmarks"/>; the database read is not included (see docs/benchmarking.md).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessWithP95))]
public class BenchmarkComparisonBenchmarks
{
    private SyntheticAssessment _assessment = null!;
    private IReadOnlyList<BenchmarkCity> _cities = null!;
    private IReadOnlyList<BenchmarkMetric> _metrics = null!;
    private Guid _own;
    private BenchmarkReport _report = null!;
    private BaselineReport _demoReport = null!;

    [Params(1000)]
    public int Cities { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = CatalogueLoader.LoadEmbedded();
        _assessment = new SyntheticAssessment(catalogue, participantCount: 24);
        _metrics = SyntheticNetwork.Metrics(catalogue);
        _cities = SyntheticNetwork.Cities(Cities, _metrics, seed: 37107);
        _own = _cities[0].OrganisationId;
        _report = Report(Compare());
        _demoReport = _assessment.Report(_assessment.Summarise());
        PdfSharpSetup.EnsureInitialised();
        for (var i = 0; i < 20; i++)
        {
            _ = _assessment.Summarise();
            _ = BaselineReportRenderer.Render(_demoReport);
            _ = Compare();
            _ = BenchmarkReportRenderer.Render(_report);
        }
    }

    [Benchmark(Baseline = true, Description = "Baseline: one assessment summary (24 participants)")]
    public AssessmentSummary Summary() => _assessment.Summarise();

    [Benchmark(Description = "Reference: the demo baseline report (24 participants), render")]
    public byte[] DemoReport() => BaselineReportRenderer.Render(_demoReport);

    [Benchmark(Description = "Network of 1,000 cities: offered filters and the whole comparison")]
    public NetworkComparison Compare()
    {
        var family = FilterFamily.Build(_cities, BenchmarkPrivacy.DefaultK);
        return NetworkComparison.Of(family, ComparisonFilter.All, _own, _metrics);
    }

    [Benchmark(Description = "Network of 1,000 cities: compare, build and render the PDF")]
    public byte[] Pdf() => BenchmarkReportRenderer.Render(Report(Compare()));

    private static BenchmarkReport Report(NetworkComparison comparison) =>
        BenchmarkReportBuilder.Build(
            new BenchmarkReportMetadata("Synthetic network", "City 0001", DateTimeOffset.UnixEpoch, Generated: true, "en"),
            comparison, Enumerable.Range(1, 1000).Select(i => $"City A{i}"));

    /// <summary>In process and warm like <see cref="ReportBenchmarks"/>, with more iterations and the 95th percentile the target names.</summary>
    private sealed class InProcessWithP95 : ManualConfig
    {
        public InProcessWithP95()
        {
            AddJob(Job.ShortRun.WithWarmupCount(10).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance));
            AddColumn(StatisticColumn.P95);
        }
    }
}

/// <summary>A deterministic synthetic network: varied profiles (10 countries, 30 regions, bands, areas, 8 tags), methods and scores.</summary>
public static class SyntheticNetwork
{
    public static IReadOnlyList<BenchmarkMetric> Metrics(MaturityCatalogue catalogue) =>
    [
        .. catalogue.Dimensions.SelectMany(d => new[] { new BenchmarkMetric(d.Code, BenchmarkLevel.Dimension, d.Title) }
            .Concat(d.SubDimensions.SelectMany(s => new[] { new BenchmarkMetric(s.Code, BenchmarkLevel.SubDimension, s.Title) }
                .Concat(s.Characteristics.Select(c => new BenchmarkMetric(c.Code, BenchmarkLevel.Characteristic, c.Title)))))),
    ];

    public static IReadOnlyList<BenchmarkCity> Cities(int count, IReadOnlyList<BenchmarkMetric> metrics, int seed)
    {
        var random = new Random(seed);
        string[] tags = ["port", "capital", "university", "industrial", "tourism", "river", "mountain", "border"];
        return
        [
            .. Enumerable.Range(0, count).Select(i =>
            {
                var region = random.Next(30);
                var profile = new CityProfile
                {
                    Country = $"Country {region % 10}", Region = $"Region {region}",
                    PopulationBand = PopulationBands.Keys[random.Next(PopulationBands.Keys.Count)], AreaType = AreaTypes.Keys[random.Next(AreaTypes.Keys.Count)],
                    Tags = [.. tags.Where(_ => random.Next(4) == 0)],
                };
                var scores = metrics.ToDictionary(m => m.Key, _ => random.Next(10) == 0
                    ? new SharedScore(null, null)
                    : new SharedScore(Math.Round(1 + (decimal)random.NextDouble() * 4, 2), Math.Round(2 + (decimal)random.NextDouble() * 3, 2)));
                return new BenchmarkCity(Guid.NewGuid(), profile, (ComparisonMethod)random.Next(3), scores);
            }),
        ];
    }
}
