using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Application.Exports;

/// <summary>
/// The summary flattened: one row per characteristic × view × participant set (everyone, then each group), for the
/// summary CSV and the workbook. The same figures as the JSON, nothing recomputed.
/// </summary>
public sealed record SummaryRow(
    string Code,
    string Title,
    string SubDimension,
    string Dimension,
    string View,
    string Participants,
    int N,
    IReadOnlyList<int> Distribution,
    decimal? Mean,
    decimal? Median,
    int? Min,
    int? Max,
    decimal? Q1,
    decimal? Q3,
    decimal? Iqr,
    decimal? Agreement,
    string Consensus,
    int DontKnow,
    int Responses,
    decimal? Score,
    string? ScoreSource)
{
    /// <summary>The characteristic's current evidence items (the same on each of its rows).</summary>
    public int EvidenceCount { get; init; }

    /// <summary>The value of <see cref="Participants"/> on rows over everyone.</summary>
    public const string Everyone = "all";

    public static readonly string[] Header =
    [
        "characteristic", "title", "sub_dimension", "dimension", "view", "participants", "n",
        "level_1", "level_2", "level_3", "level_4", "level_5", "mean", "median", "min", "max", "q1", "q3", "iqr",
        "agreement", "consensus", "dont_know", "responses", "score", "score_source", "evidence_items",
    ];

    /// <summary>Rows over everyone carry S and its source; group rows do not (a group's median is its reading).</summary>
    public bool IsEveryone => ScoreSource is not null;

    /// <summary>The cells in <see cref="Header"/> order: strings, numbers or null (empty).</summary>
    public object?[] Cells() =>
    [
        Code, Title, SubDimension, Dimension, View, Participants, N,
        Distribution[0], Distribution[1], Distribution[2], Distribution[3], Distribution[4],
        Mean, Median, Min, Max, Q1, Q3, Iqr, Agreement, Consensus, DontKnow, Responses, Score, ScoreSource, EvidenceCount,
    ];

    public static IEnumerable<SummaryRow> Of(SummaryDocument summary)
    {
        foreach (var characteristic in summary.Characteristics)
        {
            foreach (var (view, figures) in new[] { (RatingView.Now, characteristic.Now), (RatingView.InTwoYears, characteristic.InTwoYears) })
            {
                yield return new SummaryRow(
                    characteristic.Code, characteristic.Title, characteristic.SubDimension, characteristic.Dimension, SummaryKeys.Of(view), Everyone,
                    figures.N, figures.Distribution, figures.Mean, figures.Median, figures.Min, figures.Max, figures.Q1, figures.Q3, figures.Iqr,
                    figures.Agreement, figures.Consensus, figures.DontKnow, figures.Responses, figures.Score, figures.ScoreSource)
                { EvidenceCount = characteristic.EvidenceCount };
                foreach (var group in figures.Groups)
                {
                    yield return new SummaryRow(
                        characteristic.Code, characteristic.Title, characteristic.SubDimension, characteristic.Dimension, SummaryKeys.Of(view), group.Group,
                        group.N, group.Distribution, group.Mean, group.Median, group.Min, group.Max, group.Q1, group.Q3, group.Iqr,
                        group.Agreement, group.Consensus, group.DontKnow, group.Responses, null, null)
                    { EvidenceCount = characteristic.EvidenceCount };
                }
            }
        }
    }
}
