using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Web.Hosting;

internal static class IndicatorStartup
{
    /// <summary>
    /// Loads the shipped indicator frameworks and the packs listed in Indicators:Packs (file paths: a national
    /// framework, extra links, or licensed wording; docs/evidence.md, "Pack formats"). Any fault stops start-up
    /// with a message naming each fault and its file.
    /// </summary>
    public static IndicatorLibrary LoadLibrary(IConfiguration configuration, MaturityCatalogue catalogue)
    {
        var packPaths = configuration.GetSection("Indicators:Packs").Get<string[]>() ?? [];
        var missing = packPaths.Where(path => !File.Exists(path)).Select(path => $"{path}: the configured indicator pack file does not exist").ToList();
        if (missing.Count > 0)
        {
            throw new IndicatorFrameworkException(missing);
        }

        return IndicatorLibrary.Load(catalogue, [.. packPaths.Select(path => (File.ReadAllText(path), Path.GetFileName(path)))]);
    }
}
