namespace CityMaturity.Web.Components.Results;

/// <summary>The methodology's terms in plain language, for the dashboard's help (docs/methodology.md, scoring rules).</summary>
public static class FigureTerms
{
    public const string Score =
        "the score of a characteristic: the level agreed in a moderated workshop if there is one, otherwise the middle answer (median) of everyone who gave a level.";

    public const string Iqr =
        "how far apart the middle half of the answers lie (interquartile range). 0 or 1 means people broadly agree; more than 1 means opinions differ.";

    public const string Agreement =
        "the share of answers within one level of the median. 100 % means everyone is close to the typical answer.";

    public const string Consensus =
        "broad agreement when the middle half of the answers lie at most one level apart (IQR 1 or less); no agreement otherwise; too few answers below three.";
}
