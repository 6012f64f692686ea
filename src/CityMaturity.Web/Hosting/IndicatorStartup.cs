using System.Runtime.CompilerServices;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Web.Hosting;

internal static class IndicatorStartup
{
    // The shipped frameworks checked against one catalogue are immutable, so hosts in one process that have no packs and
    // the same catalogue (the shipped one, see CatalogueStartup) share them instead of parsing and checking them again.
    private static readonly ConditionalWeakTable<MaturityCatalogue, IndicatorLibrary> ShippedByCatalogue = new();

    /// <summary>
    /// Loads the shipped indicator frameworks and the packs listed in Indicators:Packs (file paths: a national
    /// framework, extra links, or licensed wording; docs/evidence.md, "Pack formats"). Any fault stops start-up
    /// with a message naming each fault and its file.
    /// </summary>
    public static IndicatorLibrary LoadLibrary(IConfiguration configuration, MaturityCatalogue catalogue)
    {
        var packPaths = configuration.GetSection("Indicators:Packs").Get<string[]>() ?? [];
        if (packPaths.Length == 0)
        {
            return ShippedByCatalogue.GetValue(catalogue, shipped => IndicatorLibrary.Load(shipped, []));
        }

        var missing = packPaths.Where(path => !File.Exists(path)).Select(path => $"{path}: the configured indicator pack file does not exist").ToList();
        if (missing.Count > 0)
        {
            throw new IndicatorFrameworkException(missing);
        }

        return IndicatorLibrary.Load(catalogue, [.. packPaths.Select(path => (File.ReadAllText(path), Path.GetFileName(path)))]);
    }
}
