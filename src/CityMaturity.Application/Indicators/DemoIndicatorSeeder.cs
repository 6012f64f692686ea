using System.Globalization;
using System.Text;
using CityMaturity.Domain.Indicators;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Indicators;

/// <summary>
/// Demo data for Demoville: invented figures for 2022–2025 on a dozen ISO/IEC 30146 indicators, each source saying it
/// is demo data. 2022–2024 are published, 2025 is still a draft. Stored through the real import (so every rule and
/// the audit apply); runs only while the organisation has no indicator values, so a data officer's edits stay.
/// </summary>
public sealed class DemoIndicatorSeeder(IDbContextFactory<CityMaturityDb> dbFactory, IndicatorDataService data, IndicatorLibrary library)
{
    private const string Source = "DEMO DATA — invented figures for Demoville";

    /// <summary>Indicator code and its values for 2022, 2023, 2024 and 2025.</summary>
    private static readonly (string Code, decimal[] Values)[] Figures =
    [
        ("L1.1.1", [38, 44, 51, 57]),
        ("L1.1.2", [61, 66, 72, 75]),
        ("L1.1.4", [88.5m, 90.1m, 91.4m, 92]),
        ("L1.2.1", [55, 58, 63, 66]),
        ("L1.4.1", [70, 78, 85, 90]),
        ("L1.4.5", [22, 31, 40, 47.5m]),
        ("L1.5.2", [64, 71, 83, 88]),
        ("L3.1.1", [45, 52, 60, 61]),
        ("L3.2.1", [12, 15, 19, 24]),
        ("L4.1.1", [81, 84, 86, 88.2m]),
        ("L4.1.2", [34, 46, 58, 67]),
        ("L5.1.1", [25, 38, 50, 62]),
        ("L5.1.2", [40, 48, 55, 63]),
    ];

    public async Task SeedAsync(Guid organisationId, Guid? enteredBy)
    {
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            if (await db.IndicatorValues.AnyAsync(v => v.OrganisationId == organisationId))
            {
                return;
            }
        }

        // Indicators an operator's packs no longer have are skipped rather than failing start-up.
        var known = Figures.Where(f => library.Find(f.Code) is not null).ToList();
        await ImportAsync(organisationId, enteredBy, known, years: [2022, 2023, 2024], IndicatorValueStatus.Published);
        await ImportAsync(organisationId, enteredBy, known, years: [2025], status: null);
    }

    private async Task ImportAsync(Guid organisationId, Guid? enteredBy, List<(string Code, decimal[] Values)> figures, int[] years, IndicatorValueStatus? status)
    {
        var csv = new StringBuilder(IndicatorValuesCsv.Header + "\r\n");
        foreach (var (code, values) in figures)
        {
            foreach (var year in years)
            {
                var value = values[year - 2022].ToString(CultureInfo.InvariantCulture);
                csv.Append(CultureInfo.InvariantCulture, $"{code},{year},{value},{library.Find(code)!.Unit},,,{Source},\r\n");
            }
        }

        var result = await data.ImportAsync(organisationId, new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())), enteredBy, status);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The demo indicator values do not import: " + string.Join("; ", result.Problems));
        }
    }
}
