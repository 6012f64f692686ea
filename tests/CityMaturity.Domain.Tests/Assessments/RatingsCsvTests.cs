using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Assessments;

public class RatingsCsvTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private const string Header = "participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years,comment";
    private const string GoodRow = "ana@example.org,Ana Silva,Citizens,2.3.1,3,4,fine";

    private static RatingsCsvRow Row(string email, string name, string group, string code, string now, string inTwoYears, string? comment) =>
        new(email, name, group, code, LevelAnswer.FromCode(now), LevelAnswer.FromCode(inTwoYears), comment);

    private static RatingsCsvParseResult Parse(string text) => RatingsCsv.Parse(Encoding.UTF8.GetBytes(text), Catalogue);

    private static string Write(params RatingsCsvRow[] rows)
    {
        using var writer = new StringWriter();
        RatingsCsv.Write(writer, rows);
        return writer.ToString();
    }

    private static void AssertOneProblem(RatingsCsvParseResult result, int line, string column, string messagePart)
    {
        Assert.False(result.Succeeded);
        Assert.Empty(result.Rows);
        var problem = Assert.Single(result.Problems);
        Assert.Equal((line, column), (problem.Line, problem.Column));
        Assert.Contains(messagePart, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_then_parse_gives_back_the_same_rows()
    {
        RatingsCsvRow[] rows =
        [
            Row("ana@example.org", "Ana Silva", "Citizens", "2.3.1", "3", "4", "Plain comment"),
            Row("zoe@example.org", "São Paulo – Zoë 北京", "Academia and research", "4.5", "DK", "", "Commas, \"quotes\" and\nnew lines\r\nof both kinds, 北京 ☃ 🏙️"),
            Row("bo@example.org", "O'Brien, Bo", "Private sector", "1.1.1", "", "", null),
            Row("cy@example.org", "\"Cy\"", "Civil society", "1.1.2", "5", "1", "   spaces kept   "),
            Row("di@example.org", "-Di", "Citizens", "3.2.3", "1", "2", "=HYPERLINK(\"http://evil.example\",\"x\")"),
            Row("ed@example.org", "@Ed", "Citizens", "3.2.3", "1", "2", "+1 and -1"),
            Row("fa@example.org", "Fa", "=Group", "4.6", "2", "DK", "\tstarts with a tab"),
            Row("gu@example.org", "Gu", "Citizens", "4.6", "2", "3", "\rstarts with a carriage return"),
            Row("ha@example.org", "Ha", "Citizens", "4.6", "4", "4", "'=already quoted"),
            Row("io@example.org", "Io", "Citizens", "4.6", "4", "4", "''-twice"),
            Row("ju@example.org", "Ju", "Citizens", "4.6", "4", "4", "'not a formula"),
        ];

        var result = Parse(Write(rows));

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(rows, result.Rows.Select(r => r.Row));
        // A row's line is the line it starts on; the second row's comment spans three lines.
        Assert.Equal([2, 3, 6, 7, 8, 9, 10, 11, 13, 14, 15], result.Rows.Select(r => r.Line));
    }

    [Fact]
    public void Writes_the_header_CRLF_line_ends_and_quotes_only_where_needed()
    {
        var text = Write(
            Row("ana@example.org", "Ana Silva", "Citizens", "2.3.1", "3", "DK", null),
            Row("bo@example.org", "Bo, \"the\" Builder", "Citizens", "4.5", "", "", "two\nlines"));

        Assert.Equal(
            Header + "\r\n" +
            "ana@example.org,Ana Silva,Citizens,2.3.1,3,DK,\r\n" +
            "bo@example.org,\"Bo, \"\"the\"\" Builder\",Citizens,4.5,,,\"two\nlines\"\r\n",
            text);
    }

    [Theory]
    [InlineData("=SUM(A1:A9)")]
    [InlineData("+SUM(A1:A9)")]
    [InlineData("-SUM(A1:A9)")]
    [InlineData("@SUM(A1:A9)")]
    [InlineData("\t=SUM(A1:A9)")]
    [InlineData("\r=SUM(A1:A9)")]
    public void Neutralises_formula_starts_in_every_text_field(string value)
    {
        var text = Write(Row("ana@example.org", value, value, "2.3.1", "3", "4", value));

        var fields = text.Split("\r\n")[1];
        var expected = value.StartsWith('\r') ? "\"'" + value + "\"" : "'" + value;
        Assert.Equal($"ana@example.org,{expected},{expected},2.3.1,3,4,{expected}", fields);
    }

    [Fact]
    public void Leaves_levels_and_harmless_text_alone()
    {
        var text = Write(Row("ana@example.org", "Ana = Anna", "Citizens", "2.3.1", "DK", "5", "a-b +c @d"));

        Assert.EndsWith("\r\nana@example.org,Ana = Anna,Citizens,2.3.1,DK,5,a-b +c @d\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Write_async_writes_the_same_text()
    {
        var row = Row("ana@example.org", "Ana", "Citizens", "2.3.1", "3", "4", "=1+1, \"x\"");
        await using var writer = new StringWriter();

        await RatingsCsv.WriteAsync(writer, [row]);

        Assert.Equal(Write(row), writer.ToString());
    }

    [Fact]
    public void Accepts_a_BOM_CRLF_a_trailing_blank_line_and_lower_case_dk()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\r\n{GoodRow}\r\nbo@example.org,Bo,citizens,4.5,dk,,\r\n\r\n")).ToArray();

        var result = RatingsCsv.Parse(bytes, Catalogue);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(
            [new RatingsCsvLine(2, Row("ana@example.org", "Ana Silva", "Citizens", "2.3.1", "3", "4", "fine")),
             new RatingsCsvLine(3, Row("bo@example.org", "Bo", "citizens", "4.5", "DK", "", null))],
            result.Rows);
    }

    [Fact]
    public void Accepts_LF_line_ends_and_a_row_that_leaves_everything_unanswered()
    {
        var result = Parse($"{Header}\n{GoodRow}\nbo@example.org,Bo,Citizens,4.5,,,");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal(Row("bo@example.org", "Bo", "Citizens", "4.5", "", "", null), result.Rows[1].Row);
    }

    [Fact]
    public void Names_line_and_column_in_plain_English()
    {
        var result = Parse($"{Header}\n{GoodRow}\n{GoodRow.Replace("2.3.1", "2.3.2")}\n{GoodRow.Replace("2.3.1", "1.1.1")}\n" +
                           $"{GoodRow.Replace("2.3.1", "1.1.2")}\n{GoodRow.Replace("2.3.1", "1.2.1")}\nana@example.org,Ana Silva,Citizens,4.5,6,4,");

        Assert.Equal("line 7, level_now: \"6\" is not a level (use 1–5, DK, or leave empty)", Assert.Single(result.Problems).ToString());
    }

    [Theory]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,0,4,", "level_now", "\"0\" is not a level (use 1–5, DK, or leave empty)")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,6,4,", "level_now", "\"6\" is not a level")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,three,4,", "level_now", "\"three\" is not a level")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,3.5,", "level_in_two_years", "\"3.5\" is not a level")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,don't know,", "level_in_two_years", "\"don't know\" is not a level")]
    [InlineData(",Ana Silva,Citizens,4.5,3,4,", "participant_email", "the email address is missing")]
    [InlineData("ana.example.org,Ana Silva,Citizens,4.5,3,4,", "participant_email", "\"ana.example.org\" is not a valid email address")]
    [InlineData("Ana <ana@example.org>,Ana Silva,Citizens,4.5,3,4,", "participant_email", "is not a valid email address")]
    [InlineData("ana@example.org,,Citizens,4.5,3,4,", "participant_name", "the participant's name is missing")]
    [InlineData("ana@example.org,   ,Citizens,4.5,3,4,", "participant_name", "the participant's name is missing")]
    [InlineData("ana@example.org,Ana Silva,,4.5,3,4,", "stakeholder_group", "the stakeholder group is missing")]
    [InlineData("ana@example.org,Ana Silva,Citizens,9.9,3,4,", "characteristic", "\"9.9\" is not a characteristic code of ISO/TS 37107")]
    [InlineData("ana@example.org,Ana Silva,Citizens,2.3,3,4,", "characteristic", "\"2.3\" is not a characteristic code")]
    [InlineData("ana@example.org,Ana Silva,Citizens,,3,4,", "characteristic", "the characteristic code is missing")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,4,\"nul \0 here\"", "comment", "NUL character")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,4", "", "the row has 6 fields, expected 7")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,4,a,b", "", "the row has 8 fields, expected 7")]
    [InlineData("ana@example.org,\"Ana\" Silva,Citizens,4.5,3,4,", "participant_name", "unexpected text after a closing quote")]
    [InlineData("ana@example.org,Ana Silva,Citizens,4.5,3,4,\"never closed\nstill open", "comment", "its closing quote is missing")]
    public void Rejects_a_bad_row_naming_its_line_and_column(string badRow, string column, string message)
    {
        AssertOneProblem(Parse($"{Header}\n{GoodRow}\n{badRow}\n"), 3, column, message);
    }

    [Fact]
    public void Counts_lines_inside_quoted_fields()
    {
        var result = Parse($"{Header}\n{GoodRow.Replace("fine", "\"one\ntwo\r\nthree\"")}\nana@example.org,Ana Silva,Citizens,4.5,7,,");

        AssertOneProblem(result, 5, "level_now", "\"7\" is not a level");
    }

    [Fact]
    public void Limits_names_groups_and_comments_as_the_database_does()
    {
        var ok = Parse($"{Header}\nana@example.org,{new string('n', 200)},{new string('g', 100)},2.3.1,3,4,{new string('c', 2000)}\n" +
                       $"bo@example.org,Bo,Citizens,2.3.1,3,4,{string.Concat(Enumerable.Repeat("🏙", 2000))}");
        Assert.True(ok.Succeeded, string.Join("\n", ok.Problems)); // 2000 characters, 4000 UTF-16 units

        var tooLong = Parse($"{Header}\nana@example.org,{new string('n', 201)},{new string('g', 101)},2.3.1,3,4,{new string('c', 2001)}");
        Assert.Equal(
            ["line 2, participant_name: the participant's name has 201 characters; the limit is 200",
             "line 2, stakeholder_group: the stakeholder group has 101 characters; the limit is 100",
             "line 2, comment: the comment has 2001 characters; the limit is 2000"],
            tooLong.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void Rejects_duplicate_rows_naming_both_lines()
    {
        var result = Parse($"{Header}\n{GoodRow}\n{GoodRow.Replace("2.3.1", "4.5")}\n{GoodRow.Replace("ana@", "ANA@").Replace("3,4", "1,1")}");

        AssertOneProblem(result, 4, "characteristic", "ANA@example.org rates 2.3.1 again (also on line 2)");
    }

    [Fact]
    public void Rejects_one_email_with_two_names_or_groups()
    {
        var result = Parse($"{Header}\n{GoodRow}\nana@example.org,Ana S.,Citizens,4.5,3,4,\nAna@Example.org,Ana Silva,Academia,4.6,3,4,\nana@example.org,Ana Silva,CITIZENS,1.1.1,3,4,");

        Assert.Equal(
            ["line 3, participant_name: \"Ana S.\" differs from \"Ana Silva\" on line 2 for ana@example.org; a participant has one name",
             "line 4, stakeholder_group: \"Academia\" differs from \"Citizens\" on line 2 for Ana@Example.org; a participant belongs to one group"],
            result.Problems.Select(p => p.ToString()));
    }

    [Theory]
    [InlineData("participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years", "comment", "the column is missing")]
    [InlineData("participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years,comment,notes", "notes", "\"notes\" is not a column of the ratings file")]
    [InlineData("participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_2_years,comment", "level_in_two_years", "the column is missing")]
    [InlineData("participant_email,Participant_Name,stakeholder_group,characteristic,level_now,level_in_two_years,comment", "participant_name", "the column is written \"Participant_Name\"; write it exactly \"participant_name\"")]
    [InlineData("participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years,comment,comment", "comment", "the column appears more than once")]
    [InlineData("ana@example.org,Ana Silva,Citizens,2.3.1,3,4,fine", "participant_email", "the column is missing")]
    public void Rejects_a_wrong_header_saying_which_column(string header, string column, string message)
    {
        var result = Parse($"{header}\n{GoodRow}\n");

        Assert.False(result.Succeeded);
        Assert.Equal($"line 1: the header is not right; the first line must be exactly: {Header}", result.Problems[0].ToString());
        Assert.Contains(result.Problems, p => p.Line == 1 && p.Column == column && p.Message == message);
    }

    [Fact]
    public void Rejects_columns_in_another_order()
    {
        var result = Parse("participant_name,participant_email,stakeholder_group,characteristic,level_now,level_in_two_years,comment\n");

        AssertOneProblem(result, 1, "", "the first line must be exactly");
    }

    [Theory]
    [InlineData("", "line 1: the file is empty")]
    [InlineData("\n\n", "line 1: the file is empty")]
    [InlineData(Header + "\n", "line 2: the file has a header but no rows")]
    public void Rejects_a_file_without_rows(string text, string problem)
    {
        Assert.StartsWith(problem, Assert.Single(Parse(text).Problems).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Rejects_broken_UTF8_naming_the_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\r\n{GoodRow}\r\nbo@example.org,Bo,Citizens,4.5,3,4,caf").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        AssertOneProblem(RatingsCsv.Parse(bytes, Catalogue), 3, "", "not valid UTF-8");
    }

    [Fact]
    public void Rejects_UTF8_cut_off_at_the_end()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n\n{GoodRow.Replace("fine", "北")}")[..^1];

        AssertOneProblem(RatingsCsv.Parse(bytes, Catalogue), 4, "", "not valid UTF-8");
    }

    [Fact]
    public void Rejects_Latin1_text()
    {
        var latin1 = Encoding.Latin1.GetBytes($"{Header}\n{GoodRow.Replace("Ana Silva", "Zoë")}\n");

        AssertOneProblem(RatingsCsv.Parse(latin1, Catalogue), 2, "", "not valid UTF-8");
    }

    [Fact]
    public void Rejects_a_file_over_the_size_limit_without_looking_inside()
    {
        var good = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n");

        Assert.True(RatingsCsv.Parse(good, Catalogue, maxBytes: good.Length).Succeeded);
        AssertOneProblem(RatingsCsv.Parse(good, Catalogue, maxBytes: good.Length - 1), 0, "", $"the file is larger than {good.Length - 1} bytes");
        var junk = new byte[RatingsCsv.DefaultMaxBytes + 1];
        Random.Shared.NextBytes(junk);
        Assert.Equal("the file is larger than 5 MB; split it into smaller files", Assert.Single(RatingsCsv.Parse(junk, Catalogue).Problems).ToString());
    }

    [Fact]
    public async Task Reads_a_stream_only_up_to_the_limit()
    {
        var good = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n");
        var big = new byte[RatingsCsv.DefaultMaxBytes * 2];

        Assert.True((await RatingsCsv.ParseAsync(new OneWayStream(good), Catalogue)).Succeeded);
        Assert.False((await RatingsCsv.ParseAsync(new OneWayStream(good), Catalogue, maxBytes: good.Length - 1)).Succeeded);
        var unseekable = new OneWayStream(big);
        AssertOneProblem(await RatingsCsv.ParseAsync(unseekable, Catalogue), 0, "", "larger than 5 MB");
        Assert.True(unseekable.BytesRead <= RatingsCsv.DefaultMaxBytes + 81920);
        await using var seekable = new MemoryStream(big);
        AssertOneProblem(await RatingsCsv.ParseAsync(seekable, Catalogue), 0, "", "larger than 5 MB");
        Assert.Equal(0, seekable.Position);
    }

    [Fact]
    public void Lists_the_first_hundred_problems_and_counts_the_rest()
    {
        var rows = Enumerable.Range(0, 150).Select(i => $"p{i}@example.org,P{i},Citizens,2.3.1,9,,");

        var problems = Parse($"{Header}\n{string.Join("\n", rows)}").Problems;

        Assert.Equal(CsvProblemList.Limit + 1, problems.Count);
        Assert.Equal((2, "level_now"), (problems[0].Line, problems[0].Column));
        Assert.Equal(101, problems[99].Line);
        Assert.Equal("and 50 more problems not listed; correct the ones above and import again", problems[100].ToString());
    }

    [Fact]
    public void Exactly_a_hundred_problems_are_all_listed_without_a_summary_line()
    {
        var rows = Enumerable.Range(0, CsvProblemList.Limit).Select(i => $"p{i}@example.org,P{i},Citizens,2.3.1,9,,");

        var problems = Parse($"{Header}\n{string.Join("\n", rows)}").Problems;

        Assert.Equal(CsvProblemList.Limit, problems.Count);
        Assert.All(problems, p => Assert.Equal("level_now", p.Column));
    }

    [Fact]
    public void The_summary_of_unlisted_problems_is_about_the_file_as_a_whole()
    {
        var rows = Enumerable.Range(0, CsvProblemList.Limit + 1).Select(i => $"p{i}@example.org,P{i},Citizens,2.3.1,9,,");

        var last = Parse($"{Header}\n{string.Join("\n", rows)}").Problems[^1];

        Assert.Equal(new CsvProblem(0, "", "and 1 more problem not listed; correct the ones above and import again"), last);
    }

    [Fact]
    public void Exported_files_start_with_a_UTF8_byte_order_mark_so_spreadsheets_read_them_as_UTF8()
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, RatingsCsv.FileEncoding.GetPreamble());
        Assert.Equal("北", RatingsCsv.FileEncoding.GetString(RatingsCsv.FileEncoding.GetBytes("北")));
    }

    [Fact]
    public async Task A_stream_of_exactly_the_limit_is_read_whether_it_can_seek_or_not()
    {
        var good = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n");

        Assert.True((await RatingsCsv.ParseAsync(new OneWayStream(good), Catalogue, maxBytes: good.Length)).Succeeded);
        await using var seekable = new MemoryStream(good);
        Assert.True((await RatingsCsv.ParseAsync(seekable, Catalogue, maxBytes: good.Length)).Succeeded);
    }

    [Fact]
    public async Task A_seekable_stream_counts_only_what_is_left_to_read()
    {
        var good = Encoding.UTF8.GetBytes($"{Header}\n{GoodRow}\n");
        var skipped = new byte[1000];
        await using var stream = new MemoryStream([.. skipped, .. good]) { Position = skipped.Length };

        var result = await RatingsCsv.ParseAsync(stream, Catalogue, maxBytes: good.Length);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
    }

    [Theory]
    [InlineData(2 * 1024 * 1024, "the file is larger than 2 MB; split it into smaller files")]
    [InlineData(64 * 1024, "the file is larger than 65536 bytes; split it into smaller files")]
    [InlineData(1536 * 1024, "the file is larger than 1572864 bytes; split it into smaller files")]
    public void The_size_limit_is_named_in_whole_megabytes_or_else_in_bytes(int maxBytes, string message)
    {
        AssertOneProblem(RatingsCsv.Parse(new byte[maxBytes + 1], Catalogue, maxBytes), 0, "", message);
    }

    [Fact]
    public void Rows_under_a_wrong_header_are_not_read()
    {
        var result = Parse($"participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years\n{GoodRow.Replace(",3,", ",9,")}\nnot a row");

        Assert.Equal(
            [(1, ""), (1, "comment")],
            result.Problems.Select(p => (p.Line, p.Column)));
    }

    [Theory]
    [InlineData("\"participant_email,participant_name\n", "participant_email", "a quoted field starts on this line but its closing quote is missing")]
    [InlineData("participant_email,\"participant_name\"x,stakeholder_group,characteristic,level_now,level_in_two_years,comment\n", "participant_name", "unexpected text after a closing quote")]
    public void An_unreadable_header_is_reported_as_such(string header, string column, string message)
    {
        AssertOneProblem(Parse(header + GoodRow), 1, column, message);
    }

    [Fact]
    public void A_header_column_in_the_wrong_case_is_explained_once_not_also_as_an_unknown_column()
    {
        var result = Parse($"participant_email,Participant_Name,stakeholder_group,characteristic,level_now,level_in_two_years,comment\n{GoodRow}");

        Assert.Equal(
            [$"line 1: the header is not right; the first line must be exactly: {Header}",
             "line 1, participant_name: the column is written \"Participant_Name\"; write it exactly \"participant_name\""],
            result.Problems.Select(p => p.ToString()));
    }

    [Fact]
    public void An_email_address_may_have_up_to_254_characters()
    {
        // A local part padded to the exact length before a domain of four 60-character labels (each label may have 63).
        static string Address(int length)
        {
            var domain = string.Join('.', Enumerable.Repeat(new string('d', 60), 4));
            var local = new string('a', length - domain.Length - 1);
            return $"{local}@{domain}";
        }

        Assert.True(Parse($"{Header}\n{Address(254)},Ana,Citizens,2.3.1,3,4,").Succeeded);
        AssertOneProblem(Parse($"{Header}\n{Address(255)},Ana,Citizens,2.3.1,3,4,"), 2, "participant_email", "is not a valid email address");
    }

    [Fact]
    public void Long_values_are_quoted_in_messages_by_their_first_57_characters()
    {
        var sixty = new string('x', 60);
        var sixtyOne = new string('y', 61);

        AssertOneProblem(Parse($"{Header}\n{sixty},Ana,Citizens,2.3.1,3,4,"), 2, "participant_email", $"\"{sixty}\" is not a valid email address");
        AssertOneProblem(Parse($"{Header}\n{sixtyOne},Ana,Citizens,2.3.1,3,4,"), 2, "participant_email", $"\"{new string('y', 57)}…\" is not a valid email address");
    }

    [Fact]
    public void An_unknown_long_header_column_is_named_shortened()
    {
        var unknown = new string('z', 61);

        var result = Parse($"{Header},{unknown}\n{GoodRow},x");

        Assert.Contains(result.Problems, p => p.Column == new string('z', 57) + "…" && p.Message == $"\"{new string('z', 57)}…\" is not a column of the ratings file");
    }

    [Fact]
    public void Counts_lines_that_end_in_a_carriage_return_alone()
    {
        var result = Parse($"{Header}\r{GoodRow}\r{GoodRow.Replace("2.3.1", "4.5")}\rbo@example.org,Bo,Citizens,4.6,3,x,\r");

        AssertOneProblem(result, 4, "level_in_two_years", "\"x\" is not a level");
    }

    [Fact]
    public void Reads_rows_separated_by_carriage_returns_alone()
    {
        var result = Parse($"{Header}\r{GoodRow}\rbo@example.org,Bo,Citizens,4.5,DK,,\r");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal([(2, "ana@example.org"), (3, "bo@example.org")], result.Rows.Select(r => (r.Line, r.Row.ParticipantEmail)));
    }

    [Fact]
    public void Blank_lines_between_rows_still_count_as_lines()
    {
        var result = Parse($"{Header}\n\n{GoodRow}\r\n\r\n\nbo@example.org,Bo,Citizens,4.5,8,,");

        AssertOneProblem(result, 6, "level_now", "\"8\" is not a level");
    }

    [Theory]
    [InlineData("\r")]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Broken_UTF8_after_any_kind_of_line_end_is_placed_on_the_next_line(string lineEnd)
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}{lineEnd}{GoodRow}{lineEnd}").Concat(new byte[] { 0xFF }).ToArray();

        AssertOneProblem(RatingsCsv.Parse(bytes, Catalogue), 3, "", "not valid UTF-8");
    }

    [Fact]
    public void Broken_UTF8_on_a_line_after_lone_carriage_returns_names_that_line()
    {
        var bytes = Encoding.UTF8.GetBytes($"{Header}\r{GoodRow}\rbo@example.org,Bo,Citizens,4.5,3,4,caf").Concat(new byte[] { 0xC3, 0x28 }).ToArray();

        AssertOneProblem(RatingsCsv.Parse(bytes, Catalogue), 3, "", "not valid UTF-8");
    }

    [Theory]
    [InlineData("\"fine\"")]
    [InlineData("\"fine\"\n")]
    [InlineData("\"fine, \"\"quoted\"\"\"")]
    public void A_quoted_last_field_may_end_the_file(string comment)
    {
        var result = Parse($"{Header}\n{GoodRow.Replace("fine", comment)}");

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.StartsWith("fine", Assert.Single(result.Rows).Row.Comment, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_once_and_ends_the_reading()
    {
        var result = Parse($"{Header}\n{GoodRow}\nana@example.org,\"Ana Silva,Citizens,4.5,3,4,\nbo@example.org,Bo,Citizens,4.5,3,4,");

        AssertOneProblem(result, 3, "participant_name", "its closing quote is missing");
    }

    [Fact]
    public void Text_after_a_closing_quote_spoils_only_its_own_line()
    {
        var result = Parse($"{Header}\nana@example.org,\"Ana\" Silva,Citizens,4.5,3,4,\r\nbo@example.org,Bo,Citizens,4.5,8,,");

        Assert.Equal([(2, "participant_name"), (3, "level_now")], result.Problems.Select(p => (p.Line, p.Column)));
    }

    [Fact]
    public void A_broken_quote_beyond_the_last_column_belongs_to_the_row_as_a_whole()
    {
        AssertOneProblem(Parse($"{Header}\n{GoodRow},\"unclosed"), 2, "", "its closing quote is missing");
        AssertOneProblem(Parse($"{Header}\n{GoodRow},\"x\"y"), 2, "", "unexpected text after a closing quote");
    }

    /// <summary>A stream that cannot seek, as a request body.</summary>
    private sealed class OneWayStream(byte[] content) : Stream
    {
        private readonly MemoryStream _inner = new(content);

        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = _inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
