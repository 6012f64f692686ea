using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Catalogue;

public class CharacteristicCodeComparerTests
{
    [Fact]
    public void Codes_sort_part_by_part_as_numbers_and_the_shipped_catalogue_is_already_in_that_order()
    {
        string[] shuffled = ["4.10", "1.2.10", "1.10.1", "1.2.9", "4.9", "1.2", "1.2.1", "x.1", "2"];

        Assert.Equal(["1.2", "1.2.1", "1.2.9", "1.2.10", "1.10.1", "2", "4.9", "4.10", "x.1"], shuffled.Order(CharacteristicCodeComparer.Instance));
        var codes = CatalogueLoader.LoadEmbedded().Characteristics.Select(c => c.Code).ToList();
        Assert.Equal(codes, codes.AsEnumerable().Reverse().Order(CharacteristicCodeComparer.Instance));
    }
}
