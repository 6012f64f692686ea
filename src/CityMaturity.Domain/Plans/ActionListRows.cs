using System.Globalization;

namespace CityMaturity.Domain.Plans;

/// <summary>One action as the list exports (CSV and XLSX) show it.</summary>
/// <param name="Owner">The member's name or the typed-in owner.</param>
/// <param name="Overdue">Open and past its due date on the day of the export.</param>
/// <param name="Targets">The indicator targets judged against the published values (<see cref="IndicatorTargetChecks"/>).</param>
public sealed record ActionListRow(ImprovementAction Action, string CharacteristicTitle, string Owner, bool Overdue, IReadOnlyList<TargetCheck> Targets)
{
    public static IReadOnlyList<string> Header { get; } =
    [
        "characteristic", "characteristic_title", "action", "owner", "due_date", "status", "overdue", "iso_documents", "indicators", "indicator_results",
    ];

    /// <summary>The cells in <see cref="Header"/> order; lists inside a cell are separated by "; ".</summary>
    public object?[] Cells() =>
    [
        Action.CharacteristicCode,
        CharacteristicTitle,
        Action.Title,
        Owner,
        Action.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Action.Status.Key(),
        Overdue ? "yes" : "no",
        string.Join("; ", Action.Documents),
        string.Join("; ", Action.Indicators.Select(Target)),
        string.Join("; ", Targets.Select(t => t.Line)),
    ];

    /// <summary>"CODE → 42 by 2027".</summary>
    public static string Target(ActionIndicatorTarget target) =>
        $"{target.IndicatorCode} → {target.TargetValue.ToString(CultureInfo.InvariantCulture)} by {target.TargetYear.ToString(CultureInfo.InvariantCulture)}";
}
