using System.Globalization;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Application.Results;

/// <summary>How figures read on screen: no trailing zeros, a dash for "none", and the methodology's words.</summary>
public static class ResultFormat
{
    public static string Figure(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "–";

    public static string Rated(AggregatedScore score) =>
        string.Create(CultureInfo.InvariantCulture, $"{Figure(score.Score)} ({score.Rated} of {score.Total} rated)");

    public static string Source(ScoreSource source) => source switch
    {
        ScoreSource.Audited => "audited",
        ScoreSource.Consensus => "consensus",
        ScoreSource.Median => "median",
        ScoreSource.NotRated => "not rated",
    };

    public static string Consensus(ConsensusState consensus) => consensus switch
    {
        ConsensusState.BroadAgreement => "broad agreement",
        ConsensusState.NoAgreement => "no agreement",
        ConsensusState.TooFewAnswers => "too few answers",
    };

    /// <summary>1–5 for colouring a cell by its level (half levels round down: 2.5 still reads as "partially fulfilled").</summary>
    public static int HeatLevel(decimal value) => Math.Clamp((int)Math.Floor(value), 1, 5);
}
