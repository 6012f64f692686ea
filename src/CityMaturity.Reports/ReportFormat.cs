using System.Globalization;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports;

/// <summary>
/// How figures appear in a report, in the report's culture: scores with one decimal, changes signed,
/// rates as whole percentages, a dash for "no value". Tests use the same methods to find the figures.
/// </summary>
public sealed class ReportFormat
{
    public const string NoValue = "–";

    private readonly CultureInfo _culture;
    private readonly string _dateFormat;

    public ReportFormat(ReportLabels labels)
    {
        _culture = CultureInfo.GetCultureInfo(labels.Culture);
        _dateFormat = labels.DateFormat;
    }

    public CultureInfo Culture => _culture;

    /// <summary>A score on the 1–5 scale with one decimal, rounded half away from zero: 2.65 → "2.7".</summary>
    public string Score(decimal? value) =>
        value is { } v ? Math.Round(v, 1, MidpointRounding.AwayFromZero).ToString("0.0", _culture) : NoValue;

    /// <summary>A change in score with its sign: "+0.5", "−0.5", "0.0".</summary>
    public string Change(decimal? value)
    {
        if (value is not { } v)
        {
            return NoValue;
        }

        var rounded = Math.Round(v, 1, MidpointRounding.AwayFromZero);
        var magnitude = Math.Abs(rounded).ToString("0.0", _culture);
        return rounded switch
        {
            > 0 => "+" + magnitude,
            < 0 => "\u2212" + magnitude,
            _ => magnitude,
        };
    }

    /// <summary>
    /// A spread such as the IQR: quartiles of whole levels are multiples of 0.25, so two decimals where it has
    /// them (0.25, 0.75) and one otherwise (0.5, 1.0); one decimal would print 0.25 as 0.3.
    /// </summary>
    public string Spread(decimal? value) =>
        value is { } v ? Math.Round(v, 2, MidpointRounding.AwayFromZero).ToString("0.0#", _culture) : NoValue;

    /// <summary>
    /// A level computed to two decimals (an expected level, a distance from it): "2.25", "0.5", "1.0"; one decimal
    /// would print 2.25 as 2.3 and hide why a plan counts as missed.
    /// </summary>
    public string Precise(decimal? value) => Spread(value);

    /// <summary>A percentage already on the 0–100 scale, with its one decimal where it has one: "66.7%", "50%".</summary>
    public string Percentage(decimal? percent) =>
        percent is { } p ? Math.Round(p, 1, MidpointRounding.AwayFromZero).ToString("0.#", _culture) + "%" : NoValue;

    public string Level(MaturityLevel? level) => level is { } l ? l.Number().ToString(_culture) : NoValue;

    /// <summary>A 0–1 rate as a whole percentage.</summary>
    public string Percent(decimal? rate) =>
        rate is { } r ? Math.Round(r * 100, 0, MidpointRounding.AwayFromZero).ToString("0", _culture) + "%" : NoValue;

    public string Count(int value) => value.ToString("N0", _culture);

    public string Date(DateOnly date) => date.ToString(_dateFormat, _culture);

    public string Date(DateTimeOffset moment) => Date(DateOnly.FromDateTime(moment.Date));

    public string Format(string format, params object?[] args) => string.Format(_culture, format, args);
}
