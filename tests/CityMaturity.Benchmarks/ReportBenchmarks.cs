using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports;

namespace CityMaturity.Benchmarks;

/// <summary>
/// The baseline report, warm: the demo-sized assessment (24 participants) rendered from its model, and a
/// 1,000-participant assessment scored, built and rendered end to end. In-process, so no extra project is
/// generated and built on a small machine.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(InProcessShortRun))]
public class ReportBenchmarks
{
    private SyntheticAssessment _large = null!;
    private BaselineReport _demo = null!;
    private BaselineReport _largeReport = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = CatalogueLoader.LoadEmbedded();
        var demo = new SyntheticAssessment(catalogue, participantCount: 24);
        _demo = demo.Report(demo.Summarise());
        _large = new SyntheticAssessment(catalogue, participantCount: 1_000);
        _largeReport = _large.Report(_large.Summarise());
        PdfSharpSetup.EnsureInitialised();

        // Warm means steady state: let tiered compilation (and dynamic PGO) finish on this 2-core machine before
        // measuring; without this the first benchmark in the process ran several times slower than the last.
        for (var i = 0; i < 40; i++)
        {
            _ = BaselineReportRenderer.Render(_demo);
            _ = BaselineReportRenderer.Render(_large.Report(_large.Summarise()));
        }
    }

    [Benchmark(Baseline = true, Description = "Demo report (24 participants): render")]
    public byte[] RenderDemoReport() => BaselineReportRenderer.Render(_demo);

    [Benchmark(Description = "1,000 participants: render")]
    public byte[] RenderLargeReport() => BaselineReportRenderer.Render(_largeReport);

    [Benchmark(Description = "1,000 participants: score, build and render")]
    public byte[] ScoreBuildAndRenderLargeReport() => BaselineReportRenderer.Render(_large.Report(_large.Summarise()));

    /// <summary>
    /// BenchmarkDotNet's short run, in process, with more warm-up: three warm-up rounds leave the renderer on
    /// tier-0 code for the first benchmark, so its figures came out slower than the larger ones.
    /// </summary>
    private sealed class InProcessShortRun : ManualConfig
    {
        public InProcessShortRun() => AddJob(Job.ShortRun.WithWarmupCount(10).WithIterationCount(5).WithToolchain(InProcessEmitToolchain.Instance));
    }
}
