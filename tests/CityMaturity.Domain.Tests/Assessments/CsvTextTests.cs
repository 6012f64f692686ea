using CityMaturity.Domain.Assessments;

namespace CityMaturity.Domain.Tests.Assessments;

public class CsvTextTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("carriage\rreturn", "\"carriage\rreturn\"")]
    [InlineData("", "")]
    public void Quotes_a_field_only_when_it_holds_a_comma_a_quote_or_a_line_break(string field, string expected) =>
        Assert.Equal(expected, CsvText.Quote(field));

    [Fact]
    public void A_cell_neutralises_formulas_before_quoting_and_writes_numbers_invariantly()
    {
        Assert.Equal("\"'=1,2\"", CsvText.Cell("=1,2"));
        Assert.Equal("2.5", CsvText.Cell(2.5m));
        Assert.Equal(string.Empty, CsvText.Cell(null));
        Assert.Equal("a,\"b,c\",3\r\n", CsvText.Line(["a", "b,c", 3]));
    }

    [Fact]
    public void The_ratings_file_quotes_its_text_fields_with_the_same_function()
    {
        using var writer = new StringWriter();
        RatingsCsv.Write(writer, [new RatingsCsvRow("ana@example.org", "Ana \"A\", Lee", "=Citizens", "2.3.1", LevelAnswer.Unanswered, LevelAnswer.Unanswered, "line\r\nbreak")]);

        var row = writer.ToString().Split("\r\n", 2)[1];
        Assert.StartsWith(string.Join(',', CsvText.Cell("ana@example.org"), CsvText.Cell("Ana \"A\", Lee"), CsvText.Cell("=Citizens"), CsvText.Cell("2.3.1")), row, StringComparison.Ordinal);
        Assert.EndsWith(CsvText.Cell("line\r\nbreak") + "\r\n", row, StringComparison.Ordinal);
        // And what that function writes, spelled out, so a fault in it cannot hide behind both sides.
        Assert.StartsWith("ana@example.org,\"Ana \"\"A\"\", Lee\",'=Citizens,2.3.1,", row, StringComparison.Ordinal);
        Assert.EndsWith(",\"line\r\nbreak\"\r\n", row, StringComparison.Ordinal);
    }
}
