using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Tests.Assessments;

public class EvidenceLinksTests
{
    /// <summary>An https address of exactly <paramref name="length"/> characters.</summary>
    private static string AddressOfLength(int length)
    {
        const string start = "https://example.org/";
        return start + new string('p', length - start.Length);
    }

    [Fact]
    public void A_link_is_an_absolute_http_or_https_address_of_at_most_500_characters()
    {
        Assert.True(EvidenceLinks.IsWebAddress("https://example.org/plan.pdf"));
        Assert.True(EvidenceLinks.IsWebAddress("http://example.org/"));
        Assert.True(EvidenceLinks.IsWebAddress(AddressOfLength(500)));
        Assert.False(EvidenceLinks.IsWebAddress(AddressOfLength(501)));
        Assert.False(EvidenceLinks.IsWebAddress("ftp://example.org/plan.pdf"));
        Assert.False(EvidenceLinks.IsWebAddress("example.org/plan.pdf"));
        Assert.False(EvidenceLinks.IsWebAddress("javascript:alert(1)"));
    }

    [Fact]
    public void Up_to_ten_links_are_kept_and_an_eleventh_is_refused()
    {
        var ten = Enumerable.Range(1, 10).Select(i => $"https://example.org/{i}").ToList();

        Assert.Null(EvidenceLinks.WhyNot(ten));
        Assert.Null(EvidenceLinks.WhyNot([]));
        Assert.Equal("At most 10 evidence links.", EvidenceLinks.WhyNot([.. ten, "https://example.org/11"]));
    }

    [Fact]
    public void The_first_bad_link_is_quoted_in_the_refusal()
    {
        Assert.Equal("“mailto:a@example.org” is not a web address (it must start with https:// or http://).",
            EvidenceLinks.WhyNot(["https://example.org/ok", "mailto:a@example.org", "file:///etc/passwd"]));
    }

    [Fact]
    public void A_long_bad_link_is_quoted_by_its_first_sixty_characters()
    {
        var sixty = "ftp://" + new string('x', 54);
        var sixtyOne = sixty + "y";

        Assert.Equal($"“{sixty}” is not a web address (it must start with https:// or http://).", EvidenceLinks.NotAWebAddress(sixty));
        Assert.Equal($"“{sixty}…” is not a web address (it must start with https:// or http://).", EvidenceLinks.NotAWebAddress(sixtyOne));
    }
}
