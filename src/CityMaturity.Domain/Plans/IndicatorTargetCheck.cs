using System.Globalization;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Plans;

/// <summary>Whether an action's indicator target was reached, judged against the city's published value of the target year.</summary>
public enum TargetVerdict
{
    /// <summary>The published value is at or beyond the target in the indicator's better direction (equal to it when there is none).</summary>
    Reached,

    /// <summary>The published value falls short of the target in the indicator's better direction.</summary>
    NotReached,

    /// <summary>No published value for the target year (yet).</summary>
    NoValue,

    /// <summary>The value is in another unit than the indicator's, so it cannot be set against the target.</summary>
    UnitMismatch,

    /// <summary>The indicator has no better direction and the value differs from the target: neither reached nor missed.</summary>
    NotJudgeable,

    /// <summary>The indicator is no longer in this installation's library.</summary>
    UnknownIndicator,
}

/// <summary>A city's published figure: the value and the unit it was recorded in.</summary>
public sealed record PublishedFigure(decimal Value, string Unit);

/// <summary>One indicator target of an action and what the published figure of its year says about it.</summary>
/// <param name="Value">The published value of the target year, when there is one.</param>
/// <param name="Text">The verdict in a sentence a reader understands without the table's header.</param>
public sealed record TargetCheck(ActionIndicatorTarget Target, TargetVerdict Verdict, PublishedFigure? Value, string Text)
{
    public static string Key(TargetVerdict verdict) => verdict switch
    {
        TargetVerdict.Reached => "reached",
        TargetVerdict.NotReached => "not_reached",
        TargetVerdict.NoValue => "no_value",
        TargetVerdict.UnitMismatch => "unit_mismatch",
        TargetVerdict.NotJudgeable => "not_judgeable",
        TargetVerdict.UnknownIndicator => "unknown_indicator",
    };

    /// <summary>"CODE → 40 by 2027: reached (42 in 2027)".</summary>
    public string Line => $"{ActionListRow.Target(Target)}: {Text}";
}

/// <summary>
/// Judges an action's indicator target (docs/methodology.md, "Indicator targets"): the published value of the target
/// year against the target value, in the indicator's better direction. Only the target year's value counts: an earlier
/// year's figure says nothing about whether the target was reached by then, a later one may reflect later work.
/// </summary>
public static class IndicatorTargetChecks
{
    /// <param name="indicator">The indicator in the library; null when it is no longer there.</param>
    /// <param name="published">The published value of <see cref="ActionIndicatorTarget.TargetYear"/>; null when none.</param>
    public static TargetCheck Check(ActionIndicatorTarget target, Indicator? indicator, PublishedFigure? published)
    {
        var year = target.TargetYear.ToString(CultureInfo.InvariantCulture);
        if (indicator is null)
        {
            return new(target, TargetVerdict.UnknownIndicator, published, "indicator no longer in the library; cannot judge");
        }

        if (published is null)
        {
            return new(target, TargetVerdict.NoValue, null, $"no published value for {year} yet");
        }

        var value = $"{Number(published.Value)} in {year}";
        if (!IndicatorValueRules.IsUnitOf(indicator, published.Unit))
        {
            return new(target, TargetVerdict.UnitMismatch, published,
                $"the {year} value is in “{published.Unit.Trim()}”, the target in “{indicator.Unit}”; cannot compare");
        }

        var difference = published.Value - target.TargetValue;
        return indicator.Direction switch
        {
            _ when difference == 0 => new(target, TargetVerdict.Reached, published, $"reached ({value})"),
            IndicatorDirection.HigherIsBetter when difference > 0 => new(target, TargetVerdict.Reached, published, $"reached ({value}, higher is better)"),
            IndicatorDirection.LowerIsBetter when difference < 0 => new(target, TargetVerdict.Reached, published, $"reached ({value}, lower is better)"),
            IndicatorDirection.HigherIsBetter or IndicatorDirection.LowerIsBetter => new(target, TargetVerdict.NotReached, published,
                $"not reached ({value}, short by {Number(Math.Abs(difference))}; {(indicator.Direction == IndicatorDirection.HigherIsBetter ? "higher" : "lower")} is better)"),
            _ => new(target, TargetVerdict.NotJudgeable, published,
                $"not judgeable ({value}; the indicator has no better direction and the value differs from the target)"),
        };
    }

    /// <summary>Every target of the action, in code order, judged with the library and the published figures by (code, year).</summary>
    public static IReadOnlyList<TargetCheck> Of(
        ImprovementAction action, Func<string, Indicator?> findIndicator, IReadOnlyDictionary<(string Code, int Year), PublishedFigure> published) =>
        [.. action.Indicators
            .OrderBy(t => t.IndicatorCode, StringComparer.Ordinal)
            .Select(t =>
            {
                var indicator = findIndicator(t.IndicatorCode);
                return Check(t, indicator, published.GetValueOrDefault((indicator?.Code ?? t.IndicatorCode, t.TargetYear)));
            })];

    private static string Number(decimal value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
