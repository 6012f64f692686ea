using System.Collections;
using System.Reflection;
using CityMaturity.Domain.Reporting;
using CityMaturity.Reports.Layout;

namespace CityMaturity.Reports;

/// <summary>The texts a report model carries, found by walking its records (so a new field is never forgotten).</summary>
public static class ReportText
{
    /// <summary>Every non-empty string in the report model; the fixed wording (labels) only if asked for.</summary>
    public static IEnumerable<string> All(BaselineReport report, bool includeLabels = true)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        if (!includeLabels)
        {
            seen.Add(report.Labels);
        }

        return Walk(report, seen);
    }

    /// <summary>True when some text needs the CJK font.</summary>
    public static bool ContainsCjk(BaselineReport report) =>
        All(report).Any(text => text.EnumerateRunes().Any(Script.IsCjk));

    private static IEnumerable<string> Walk(object? value, HashSet<object> seen)
    {
        switch (value)
        {
            case null:
                yield break;
            case string text:
                if (text.Length > 0)
                {
                    yield return text;
                }

                yield break;
            case IEnumerable items:
                foreach (var item in items)
                {
                    foreach (var text in Walk(item, seen))
                    {
                        yield return text;
                    }
                }

                yield break;
        }

        var type = value.GetType();
        if (type.Namespace != typeof(BaselineReport).Namespace || !seen.Add(value))
        {
            yield break;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract")
            {
                continue;
            }

            // Static members such as ReportLabels.English are not instance properties, so the walk cannot loop through them.
            foreach (var text in Walk(property.GetValue(value), seen))
            {
                yield return text;
            }
        }
    }
}
