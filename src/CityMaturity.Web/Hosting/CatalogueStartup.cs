using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Web.Hosting;

internal static class CatalogueStartup
{
    // The shipped catalogue alone is the same for every host in the process and immutable, so it is parsed and checked
    // once (45 ms of processor time with the indicator frameworks per host, and the tests start hundreds of hosts).
    private static readonly Lazy<CatalogueLibrary> Shipped = new(() => CatalogueLibrary.Load([]));

    /// <summary>
    /// Loads the catalogue and any licensed or translated text packs listed in Catalogue:TextPacks
    /// (file paths). A broken catalogue or pack stops start-up with a message naming each fault.
    /// </summary>
    public static CatalogueLibrary LoadLibrary(IConfiguration configuration)
    {
        var packPaths = configuration.GetSection("Catalogue:TextPacks").Get<string[]>() ?? [];
        if (packPaths.Length == 0)
        {
            return Shipped.Value;
        }

        var packs = packPaths.Select(path => File.Exists(path)
            ? (File.ReadAllText(path), Path.GetFileName(path))
            : throw new CatalogueException(path, ["the configured text pack file does not exist"]));
        return CatalogueLibrary.Load(packs);
    }
}
