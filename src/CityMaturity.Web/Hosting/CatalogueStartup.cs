using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Web.Hosting;

internal static class CatalogueStartup
{
    /// <summary>
    /// Loads the catalogue and any licensed or translated text packs listed in Catalogue:TextPacks
    /// (file paths). A broken catalogue or pack stops start-up with a message naming each fault.
    /// </summary>
    public static CatalogueLibrary LoadLibrary(IConfiguration configuration)
    {
        var packPaths = configuration.GetSection("Catalogue:TextPacks").Get<string[]>() ?? [];
        var packs = packPaths.Select(path => File.Exists(path)
            ? (File.ReadAllText(path), Path.GetFileName(path))
            : throw new CatalogueException(path, ["the configured text pack file does not exist"]));
        return CatalogueLibrary.Load(packs);
    }
}
