using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports;

namespace CityMaturity.Application.Benchmarking;

/// <summary>A rendered benchmark report or export and the name to download it under.</summary>
public sealed record BenchmarkDownload(byte[] Content, string FileName);

/// <summary>
/// The benchmark report (PDF) and the comparison as CSV, for one reader of a network under one filter. Both are built from
/// <see cref="BenchmarkService.ViewAsync"/>, so they obey the same privacy rule as the page: no figure for a set under k,
/// only offered filters. Neither carries a member's name unless that member appears by name — not even for a reader who
/// coordinates the network and so sees names on the page — and no person's name, email or comment exists to carry.
/// </summary>
public sealed class BenchmarkExports(BenchmarkService benchmarks, PeerLearningService peers, MaturityCatalogue catalogue, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> CsvHeader =
        ["code", "level", "name", "view", "own_score", "cities", "minimum", "lower_quartile", "median", "upper_quartile", "maximum", "rank", "out_of", "percentile", "quartile", "gap_to_top_quartile", "withheld"];

    /// <summary>The report, or a <see cref="Refusal"/>: null view (not found), or why there are no figures (a rule).</summary>
    private async Task<BenchmarkOutcome<BenchmarkReport>> ReportModelAsync(Guid networkId, Guid userId, string? peer, string? method, CancellationToken cancellationToken = default)
    {
        var (view, refusal) = await ComparisonAsync(networkId, userId, peer, method, cancellationToken);
        if (view is null)
        {
            return new(null, refusal);
        }

        var comparison = view.Comparison!;
        var metadata = new BenchmarkReportMetadata(view.Network.Name, view.ViewerOrganisation!.Name, clock.GetUtcNow(), view.Network.IsDemo, catalogue.Language);
        var members = view.Members.Where(m => m.Status == MembershipStatus.Accepted).Select(m => m.AsMembersSeeIt);
        var learning = await peers.ViewAsync(networkId, userId, PeerParts.LearnFrom, cancellationToken);
        var learnFrom = (learning?.Characteristics ?? []).Where(c => c.Own is not null)
            .Select(c => new BenchmarkLearnFrom(c.Code, c.Name, c.Own!.Value, [.. c.Peers.Select(p => p.AsMembersSeeIt)]));
        return new(BenchmarkReportBuilder.Build(metadata, comparison, members, learnFrom: learnFrom), null);
    }

    public async Task<BenchmarkOutcome<BenchmarkDownload>> ReportAsync(Guid networkId, Guid userId, string? peer, string? method, CancellationToken cancellationToken = default)
    {
        var model = await ReportModelAsync(networkId, userId, peer, method, cancellationToken);
        if (model.Value is not { } report)
        {
            return new(null, model.Refusal);
        }

        var meta = report.Metadata;
        return new(new BenchmarkDownload(BenchmarkReportRenderer.Render(report), FileName(meta.City, meta.Network, "benchmark", "pdf")), null);
    }

    /// <summary>The comparison as CSV: a line per metric and view. No member appears in it at all.</summary>
    public async Task<BenchmarkOutcome<BenchmarkDownload>> CsvAsync(Guid networkId, Guid userId, string? peer, string? method, CancellationToken cancellationToken = default)
    {
        var (view, refusal) = await ComparisonAsync(networkId, userId, peer, method, cancellationToken);
        if (view?.Comparison is not { } comparison)
        {
            return new(null, refusal);
        }

        var csv = new StringBuilder(CsvText.Line(CsvHeader));
        foreach (var metric in comparison.Metrics)
        {
            csv.Append(CsvText.Line(Cells(metric, "now", metric.Now)));
            csv.Append(CsvText.Line(Cells(metric, "in-two-years", metric.InTwoYears)));
        }

        return new(new BenchmarkDownload(CsvText.Encode(csv), FileName(view.ViewerOrganisation!.Name, view.Network.Name, "benchmark", "csv")), null);
    }

    private static object?[] Cells(MetricComparison metric, string view, ViewComparison figures)
    {
        var d = figures.Distribution;
        var p = figures.Position;
        return
        [
            metric.Metric.Code, LevelKey(metric.Metric.Level), metric.Metric.Name, view, figures.Own, d?.Count, d?.Minimum, d?.LowerQuartile, d?.Median,
            d?.UpperQuartile, d?.Maximum, p?.Rank, p?.OutOf, p?.Percentile, p?.Band.DisplayName(), p?.GapToTopQuartile, figures.IsWithheld ? "yes" : "no",
        ];
    }

    public static string LevelKey(BenchmarkLevel level) => level switch
    {
        BenchmarkLevel.Dimension => "dimension",
        BenchmarkLevel.SubDimension => "sub-dimension",
        BenchmarkLevel.Characteristic => "characteristic",
    };

    private string FileName(string city, string network, string what, string extension) =>
        ReportFileName.For(city, network, what, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime), extension);

    /// <summary>The view with its comparison, or why there is none.</summary>
    private async Task<(NetworkView? View, Refusal? Refusal)> ComparisonAsync(
        Guid networkId, Guid userId, string? peer, string? method, CancellationToken cancellationToken)
    {
        if (await benchmarks.ViewAsync(networkId, userId, peer, method, cancellationToken) is not { } view || view.ViewerOrganisation is null)
        {
            // A coordinator outside the members sees no figures, so there is nothing to report: the same as no network.
            return (null, new Refusal(RefusalKind.NotFound, "No such network, or you may not see its figures."));
        }

        if (view.FilterRefusal is not null || view.Comparison is null)
        {
            return (null, new Refusal(RefusalKind.RuleBroken, view.FilterRefusal ?? view.NoFigures ?? "No figures."));
        }

        return (view, null);
    }
}

/// <summary>A value, or the refusal that stands in for it.</summary>
public sealed record BenchmarkOutcome<T>(T? Value, Refusal? Refusal);
