using CityMaturity.Domain;
using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Tests.Assessments;

public class PersonNamesTests
{
    [Theory]
    [InlineData("Ana Silva", "Ana Silva")]
    [InlineData("  Ana   Silva  ", "Ana Silva")]
    [InlineData("Eve\u202Egnp.exe", "Evegnp.exe")]
    [InlineData("\u2067Dana\u2069 \u200FSmith\u200E\u061C", "Dana Smith")]
    [InlineData("Line\r\nbreak\ttab", "Line break tab")]
    [InlineData("Bell\u0007\u0000\u007F\u009B", "Bell")]
    [InlineData("São Paulo – Zoë 北京 محمد", "São Paulo – Zoë 北京 محمد")]
    [InlineData("\u202A\u202B\u202C\u202D\u202E", "")]
    [InlineData(null, "")]
    public void Control_and_direction_characters_are_removed_and_spaces_collapsed(string? typed, string expected) =>
        Assert.Equal(expected, PersonNames.Clean(typed));

    [Theory]
    [InlineData(0, "0 problems")]
    [InlineData(1, "1 problem")]
    [InlineData(2, "2 problems")]
    public void A_count_takes_its_noun_in_the_right_number(int count, string expected) =>
        Assert.Equal(expected, Counted.Of(count, "problem"));
}
