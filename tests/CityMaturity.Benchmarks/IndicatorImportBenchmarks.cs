using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Benchmarks;

/// <summary>
/// Reading and checking an indicator values file of 300 indicators × 20 years (6,000 rows: every value checked against
/// its indicator's type and unit, half of them against numerator ÷ denominator) — against the ratings import's reading
/// and checking of a ratings file of 6,016 rows (188 participants × 32 characteristics), measured in the same run.
/// Both are the part of an import that runs before the database is touched.
/// </summary>
[MemoryDiagnoser]
public class IndicatorImportBenchmarks
{
    private const int CurrentYear = 2025;
    private MaturityCatalogue _catalogue = null!;
    private IndicatorLibrary _library = null!;
    private byte[] _indicatorFile = null!;
    private byte[] _ratingsFile = null!;

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = CatalogueLoader.LoadEmbedded();
        (_library, _indicatorFile) = SyntheticIndicatorFile(indicators: 300, years: 20);
        _ratingsFile = SyntheticRatingsFile(_catalogue, participants: 188);
        // Both files must be good, or the comparison measures an early refusal.
        var indicators = IndicatorValuesCsv.Parse(_indicatorFile, _library, CurrentYear);
        var ratings = RatingsCsv.Parse(_ratingsFile, _catalogue);
        if (!indicators.Succeeded || indicators.Rows.Count != 6000 || !ratings.Succeeded || ratings.Rows.Count != 6016)
        {
            throw new InvalidOperationException("the synthetic files do not parse: " + string.Join("; ", indicators.Problems.Concat(ratings.Problems).Take(5)));
        }
    }

    [Benchmark(Baseline = true, Description = "Baseline: ratings CSV, 6,016 rows")]
    public int Ratings() => RatingsCsv.Parse(_ratingsFile, _catalogue).Rows.Count;

    [Benchmark(Description = "Indicator values CSV, 300 indicators × 20 years")]
    public int Indicators() => IndicatorValuesCsv.Parse(_indicatorFile, _library, CurrentYear).Rows.Count;

    private static (IndicatorLibrary, byte[]) SyntheticIndicatorFile(int indicators, int years)
    {
        var random = new Random(37120);
        var list = Enumerable.Range(0, indicators).Select(i => (i % 3) switch
        {
            0 => new Indicator("bench", $"B.{i}", $"Share {i}", "d", "B", "%", IndicatorValueType.Percentage, IndicatorDirection.HigherIsBetter, null,
                new IndicatorCalculation("part", "whole", 100), [], [], null),
            1 => new Indicator("bench", $"B.{i}", $"Rate {i}", "d", "B", "per 100 000 population", IndicatorValueType.Quantity, IndicatorDirection.LowerIsBetter, null,
                new IndicatorCalculation("cases", "population", 100_000), [], [], null),
            _ => new Indicator("bench", $"B.{i}", $"Count {i}", "d", "B", "number", IndicatorValueType.Count, IndicatorDirection.Neither, null, null, [], [], null),
        }).ToList();
        var library = new IndicatorLibrary([new IndicatorFramework("bench", "BENCH", "Benchmark", "us", "synthetic", [new IndicatorGroup("B", "B", null, "theme")], list, [])], []);
        var csv = new StringBuilder(IndicatorValuesCsv.Header + "\r\n");
        foreach (var indicator in list)
        {
            for (var year = CurrentYear - years + 1; year <= CurrentYear; year++)
            {
                var denominator = random.Next(1_000, 500_000);
                var numerator = random.Next(0, denominator);
                var (value, num, den) = indicator.ValueType switch
                {
                    IndicatorValueType.Percentage => (Math.Round((decimal)numerator / denominator * 100, 2).ToString(CultureInfo.InvariantCulture), numerator.ToString(CultureInfo.InvariantCulture), denominator.ToString(CultureInfo.InvariantCulture)),
                    IndicatorValueType.Quantity => (Math.Round((decimal)numerator / denominator * 100_000, 1).ToString(CultureInfo.InvariantCulture), numerator.ToString(CultureInfo.InvariantCulture), denominator.ToString(CultureInfo.InvariantCulture)),
                    _ => (random.Next(0, 10_000).ToString(CultureInfo.InvariantCulture), "", ""),
                };
                csv.Append(CultureInfo.InvariantCulture, $"{indicator.Code},{year},{value},{indicator.Unit},{num},{den},Statistics office {year},\r\n");
            }
        }

        return (library, Encoding.UTF8.GetBytes(csv.ToString()));
    }

    private static byte[] SyntheticRatingsFile(MaturityCatalogue catalogue, int participants)
    {
        var csv = new StringBuilder(RatingsCsv.Header + "\r\n");
        for (var p = 0; p < participants; p++)
        {
            foreach (var (characteristic, i) in catalogue.Characteristics.Select((c, i) => (c, i)))
            {
                csv.Append(CultureInfo.InvariantCulture, $"person{p}@example.org,Person {p},Group {p % 6},{characteristic.Code},{1 + ((p + i) % 5)},DK,comment {i}\r\n");
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
