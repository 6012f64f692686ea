using System.Text;

namespace CityMaturity.Reports.Tests;

public class ReportFileNameTests
{
    private static readonly DateOnly Date = new(2026, 3, 14);

    [Theory]
    [InlineData("Riverton", "Baseline 2026", "riverton-baseline-2026-baseline-2026-03-14.pdf")]
    [InlineData("Zürich", "Erste Erhebung", "zurich-erste-erhebung-baseline-2026-03-14.pdf")]
    [InlineData("Łódź / Północ", "Q1: review!", "lodz-polnoc-q1-review-baseline-2026-03-14.pdf")]
    [InlineData("São Paulo", "Avaliação  inicial", "sao-paulo-avaliacao-inicial-baseline-2026-03-14.pdf")]
    [InlineData("Straße & Ærø", "../../etc/passwd", "strasse-aero-etc-passwd-baseline-2026-03-14.pdf")]
    [InlineData("", "   ", "community-assessment-baseline-2026-03-14.pdf")]
    public void Slugifies_community_and_assessment(string community, string assessment, string expected) =>
        Assert.Equal(expected, ReportFileName.For(community, assessment, Date));

    [Fact]
    public void Long_names_are_cut_to_a_safe_length_at_a_word_boundary()
    {
        var name = ReportFileName.For(string.Join(' ', Enumerable.Repeat("Metropolitan", 40)), "Baseline", Date);
        Assert.Matches("^[a-z0-9-]+\\.pdf$", name);
        Assert.True(Encoding.UTF8.GetByteCount(name) < 200);
        Assert.StartsWith("metropolitan-metropolitan-", name, StringComparison.Ordinal);
        Assert.DoesNotContain("--", name, StringComparison.Ordinal);
        Assert.EndsWith("-baseline-baseline-2026-03-14.pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sample_reports_get_safe_names()
    {
        Assert.Equal("riverton-baseline-2026-baseline-2026-03-14.pdf", ReportFileName.For(SampleReports.Baseline()));
        var extreme = ReportFileName.For(SampleReports.Extreme());
        Assert.Matches("^[a-z0-9-]+\\.pdf$", extreme);
        Assert.True(extreme.Length < 200);
    }
}
