using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Web.Components.Shared;

/// <summary>Stable deep links into the catalogue, e.g. /catalogue/2.3.1.</summary>
public static class CharacteristicLink
{
    public static string For(Characteristic characteristic) => For(characteristic.Code);

    public static string For(string code) => $"catalogue/{code}";
}
