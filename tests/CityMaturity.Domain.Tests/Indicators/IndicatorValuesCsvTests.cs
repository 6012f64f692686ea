using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

public class IndicatorValuesCsvTests
{
    private const string Header = "indicator_code,year,value,unit,numerator,denominator,source,note";
    private const int ThisYear = 2025;

    private static IndicatorValuesCsvParseResult Parse(string text) => Parse(Encoding.UTF8.GetBytes(text));

    private static IndicatorValuesCsvParseResult Parse(byte[] bytes) => IndicatorValuesCsv.Parse(bytes, TestIndicators.Library, ThisYear);

    private static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    private static void AssertOneProblem(IndicatorValuesCsvParseResult result, int line, string column, string messagePart)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_good_file_gives_its_rows_with_canonical_codes_and_units()
    {
        var result = Parse(Csv(
            "t.pct,2024,33.3,percent,1,3,Census 2024,\"counted, by hand\"",
            "T.CNT,2023,12,,,,,",
            ",,,,,,,",
            "T.YN,2024,yes,yes/no,,,,"));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(
        [
            new IndicatorValuesCsvLine(2, new("T.PCT", 2024, 33.3m, "%", 1, 3, "Census 2024", "counted, by hand")),
            new IndicatorValuesCsvLine(3, new("T.CNT", 2023, 12, "number", null, null, null, null)),
            new IndicatorValuesCsvLine(5, new("T.YN", 2024, 1, "yes/no", null, null, null, null)),
        ], result.Rows);
    }

    [Fact]
    public void Write_then_parse_gives_back_the_same_rows()
    {
        IndicatorValuesCsvRow[] rows =
        [
            new("T.PCT", 2024, 12.50m, "%", 25, 200, "=HYPERLINK(\"http://evil.example\")", "Commas, \"quotes\" and\nlines, 北京 🏙️"),
            new("T.GROWTH", 2020, -1.5m, "% per year", null, null, "-2+3", "@SUM(A1)"),
            new("T.AREA", 2021, 7, "m² per person", null, null, "'=already quoted", null),
        ];
        using var writer = new StringWriter();

        IndicatorValuesCsv.Write(writer, rows);
        var written = writer.ToString();
        var result = Parse(written);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(rows, result.Rows.Select(r => r.Row));
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\")\"", written, StringComparison.Ordinal);
        Assert.Contains(",'-2+3,'@SUM(A1)\r\n", written, StringComparison.Ordinal);
        Assert.Contains(",-1.5,", written, StringComparison.Ordinal);
    }

    [Fact]
    public void A_wrong_header_names_each_column_problem()
    {
        var result = Parse("indicator,year,value,Unit,numerator,denominator,source,note,extra\r\nT.CNT,2024,1,,,,,,\r\n");

        Assert.False(result.Succeeded);
        Assert.Contains(result.Problems, p => p.Line == 1 && p.Column == "" && p.Message.Contains("the first line must be exactly: " + Header, StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Column == "indicator_code" && p.Message == "the column is missing");
        Assert.Contains(result.Problems, p => p.Column == "unit" && p.Message.Contains("write it exactly \"unit\"", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Column == "extra" && p.Message.Contains("is not a column of the indicator values file", StringComparison.Ordinal));
    }

    [Fact]
    public void An_empty_file_and_a_header_alone_are_refused()
    {
        AssertOneProblem(Parse(""), 1, "", "the file is empty");
        AssertOneProblem(Parse(Header + "\r\n"), 2, "", "a header but no rows");
    }

    [Fact]
    public void An_unknown_code_is_refused() =>
        AssertOneProblem(Parse(Csv("T.CNT,2024,1,,,,,", "X.NOPE,2024,1,,,,,")), 3, "indicator_code", "\"X.NOPE\" is not the code of an indicator");

    [Fact]
    public void A_missing_code_is_refused() => AssertOneProblem(Parse(Csv(",2024,1,,,,,")), 2, "indicator_code", "the indicator code is missing");

    [Theory]
    [InlineData("24", "is not a plausible year")]
    [InlineData("2026", "is not a plausible year; use 1950 to 2025")]
    [InlineData("1900", "is not a plausible year")]
    [InlineData("20x4", "is not a year")]
    [InlineData("", "is not a year")]
    public void An_implausible_year_is_refused(string year, string message) =>
        AssertOneProblem(Parse(Csv($"T.CNT,{year},1,,,,,")), 2, "year", message);

    [Theory]
    [InlineData("T.PCT,2024,101,%,,,,", "value", "is not a percentage")]
    [InlineData("T.CNT,2024,-2,,,,,", "value", "not negative")]
    [InlineData("T.CNT,2024,2.5,,,,,", "value", "whole number")]
    [InlineData("T.YN,2024,maybe,,,,,", "value", "is not a number")]
    [InlineData("T.CNT,2024,,,,,,", "value", "the value is missing")]
    [InlineData("T.CNT,2024,\"1,5\",,,,,", "value", "use a point for decimals")]
    [InlineData("T.CNT,2024,=1+1,,,,,", "value", "\"=1+1\" is not a number")]
    [InlineData("T.PCT,2024,100,%,120,100,,", "numerator", "more than the denominator")]
    [InlineData("T.PCT,2024,50,%,1,,,", "denominator", "together, or neither")]
    [InlineData("T.PCT,2024,50,%,1,x,,", "denominator", "\"x\" is not a number")]
    [InlineData("T.PCT,2024,60,%,1,2,,", "value", "does not agree")]
    [InlineData("T.PCT,2024,50,km,,,,", "unit", "is not the unit of T.PCT; use \"%\"")]
    public void A_value_that_does_not_fit_its_indicator_is_refused_naming_line_and_column(string row, string column, string message) =>
        AssertOneProblem(Parse(Csv("T.CNT,2024,1,,,,,", row)), 3, column, message);

    [Fact]
    public void A_second_row_for_the_same_indicator_and_year_is_refused()
    {
        var result = Parse(Csv("T.CNT,2024,1,,,,,", "T.CNT,2023,1,,,,,", "t.cnt,2024,2,,,,,"));

        AssertOneProblem(result, 4, "year", "T.CNT has a value for 2024 already on line 2");
    }

    [Fact]
    public void Broken_UTF8_is_refused_with_its_line()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes(Csv("T.CNT,2024,1,,,,,") + "T.CNT,2023,1,,,,caf"), 0xC3, 0x28, .. "\r\n"u8];

        AssertOneProblem(Parse(bytes), 3, "", "not valid UTF-8");
    }

    [Fact]
    public void A_file_over_the_limit_is_refused_unread()
    {
        var junk = new byte[10 * 1024 * 1024];
        new Random(15).NextBytes(junk);

        AssertOneProblem(Parse(junk), 0, "", "the file is larger than 5 MB");
    }

    [Fact]
    public async Task A_stream_over_the_limit_is_refused_without_reading_it_all()
    {
        await using var stream = new NonSeekable(new byte[6 * 1024 * 1024]);

        var result = await IndicatorValuesCsv.ParseAsync(stream, TestIndicators.Library, ThisYear);

        AssertOneProblem(result, 0, "", "larger than 5 MB");
        Assert.True(stream.BytesRead <= IndicatorValuesCsv.DefaultMaxBytes + 81920);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_and_an_unclosed_quote_are_refused()
    {
        AssertOneProblem(Parse(Csv("T.CNT,2024,1,,,,")), 2, "", "the row has 7 fields, expected 8");
        AssertOneProblem(Parse(Csv("T.CNT,2024,1,,,,\"open,")), 2, "source", "closing quote is missing");
    }

    [Fact]
    public void Every_problem_of_a_file_is_listed()
    {
        var result = Parse(Csv("T.PCT,2024,101,%,,,,", "X,2024,1,,,,,", "T.CNT,1800,1,,,,,"));

        Assert.Equal([(2, "value"), (3, "indicator_code"), (4, "year")], result.Problems.Select(p => (p.Line, p.Column)));
    }

    private sealed class NonSeekable(byte[] content) : MemoryStream(content)
    {
        public long BytesRead { get; private set; }

        public override bool CanSeek => false;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            BytesRead += read;
            return read;
        }
    }
}
