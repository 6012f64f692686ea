namespace CityMaturity.Domain.Tests;

public class EmailAddressesTests
{
    [Theory]
    [InlineData("ana@example.org")]
    [InlineData("ana.lee+city@example.org")]
    public void A_bare_address_is_valid(string address) => Assert.True(EmailAddresses.IsValid(address));

    [Theory]
    [InlineData("")]
    [InlineData("ana")]
    [InlineData("Ana <ana@example.org>")]
    [InlineData("ana@example.org, bo@example.org")]
    [InlineData(" ana@example.org")]
    public void Anything_but_a_bare_address_is_refused(string text) => Assert.False(EmailAddresses.IsValid(text));

    [Fact]
    public void An_address_longer_than_254_characters_is_refused()
    {
        var local = new string('a', 64);
        var longest = local + "@" + string.Join('.', Enumerable.Repeat(new string('b', 61), 3)) + ".org"; // 64 + 1 + 185 + 4
        Assert.Equal(EmailAddresses.MaxLength, longest.Length);
        Assert.True(EmailAddresses.IsValid(longest));
        Assert.False(EmailAddresses.IsValid("a" + longest));
    }

    [Fact]
    public void Normalising_trims_and_lower_cases_and_gives_null_for_a_broken_address()
    {
        Assert.Equal("ana@example.org", EmailAddresses.Normalise("  Ana@Example.ORG "));
        Assert.Null(EmailAddresses.Normalise("Ana <ana@example.org>"));
    }
}
