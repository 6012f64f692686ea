using System.Text;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Integration.Tests.Assessments;

/// <summary>The Ratings CSV import against a real database: it writes all of a good file, and nothing of a bad one.</summary>
[Collection(DatabaseCollection.Name)]
public class RatingImportTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private const string Header = "participant_email,participant_name,stakeholder_group,characteristic,level_now,level_in_two_years,comment";

    /// <summary>Everything but 4.6 is in scope.</summary>
    private static readonly string[] Scope = [.. Catalogue.Characteristics.Select(c => c.Code).Where(c => c != "4.6")];

    private string _connectionString = null!;
    private DbFactory _dbFactory = null!;
    private RatingImportService _service = null!;
    private Guid _assessmentId;
    private Guid _importerId;
    private Guid _existingRatingId;

    /// <summary>
    /// An open assessment with the default groups, and one participant (Ana, Citizens) who has already rated 2.3.1
    /// through the form, with an evidence link.
    /// </summary>
    public async Task InitializeAsync()
    {
        _connectionString = await database.Server.CreateMigratedDatabaseAsync();
        _dbFactory = new DbFactory(new DbContextOptionsBuilder<CityMaturityDb>().UseNpgsql(_connectionString).Options);
        _service = new RatingImportService(_dbFactory, Catalogue, new CityMaturity.Application.Audits.AuditFacts(), new FixedClock(Now));

        await using var db = _dbFactory.CreateDbContext();
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "City A", Slug = "city-a", Kind = OrganisationKind.Community, CreatedAt = Now };
        var importer = new AppUser
        {
            Id = Guid.NewGuid(), UserName = "importer@example.org", NormalizedUserName = "IMPORTER@EXAMPLE.ORG",
            Email = "importer@example.org", NormalizedEmail = "IMPORTER@EXAMPLE.ORG", DisplayName = "Importer", CreatedAt = Now,
        };
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, Name = "Baseline 2025", Community = "City A", Purpose = "baseline-review",
            Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Open, Scope = [.. Scope], CreatedAt = Now,
        };
        var groups = AssessmentVocabulary.DefaultGroups
            .Select((name, position) => new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = name, Position = position })
            .ToList();
        var ana = new Participant
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, GroupId = groups.Single(g => g.Name == "Citizens").Id,
            Name = "Ana Silva", Email = "ana@example.org", CreatedAt = Now,
        };
        var rating = new Rating
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, ParticipantId = ana.Id, CharacteristicCode = "2.3.1",
            LevelNow = LevelAnswer.Of(MaturityLevel.Initial), LevelInTwoYears = LevelAnswer.Unanswered, Comment = "first thoughts",
            EvidenceLinks = ["https://example.org/plan.pdf"], Version = 1, UpdatedAt = Now.AddDays(-1),
        };
        // The model declares no relationships, so each save holds only rows whose references are already stored.
        foreach (var rows in new object[][] { [organisation, importer], [assessment], [.. groups], [ana], [rating] })
        {
            db.AddRange(rows);
            await db.SaveChangesAsync();
        }

        _assessmentId = assessment.Id;
        _importerId = importer.Id;
        _existingRatingId = rating.Id;
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static readonly string GoodFile = Csv(
        "ANA@example.org,Ana Silva,citizens,2.3.1,3,4,Better than I thought",        // existing rating: changed
        "ana@example.org,Ana Silva,Citizens,4.5,DK,,",                               // new rating
        "zoe@example.org,São Paulo – Zoë 北京,Local government,1.1.1,2,3,\"Budget, staff and \"\"will\"\"\nall short\"",
        "zoe@example.org,São Paulo – Zoë 北京,Local government,4.5,4,5,",
        "zoe@example.org,São Paulo – Zoë 北京,Local government,3.2.1,,,",            // unanswered, no rating yet: nothing to store, not counted
        ",,,,,,",                                                                    // a row a spreadsheet kept: ignored like a blank line
        "bo@example.org,Bo Berg,Private sector,1.1.1,5,5,",
        " , ,,,,,");

    private static string Csv(params string[] rows) => Header + "\r\n" + string.Join("\r\n", rows) + "\r\n";

    private static MemoryStream Stream(string text) => new(Encoding.UTF8.GetBytes(text));

    private Task<RatingImportResult> ImportAsync(string text) => _service.ImportAsync(_assessmentId, Stream(text), _importerId);

    [Fact]
    public async Task A_good_file_creates_participants_and_ratings_with_an_audit_trail()
    {
        var result = await ImportAsync(GoodFile);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Empty(result.Problems);
        Assert.Equal((2, 4, 1, 0), (result.ParticipantsCreated, result.RatingsCreated, result.RatingsChanged, result.RatingsUnchanged));

        await using var db = _dbFactory.CreateDbContext();
        var participants = await (from p in db.Participants
                                  join g in db.StakeholderGroups on p.GroupId equals g.Id
                                  orderby p.Email
                                  select new { p.Email, p.Name, Group = g.Name, p.TokenHash, p.CreatedAt }).ToListAsync();
        Assert.Equal(
            [("ana@example.org", "Ana Silva", "Citizens"), ("bo@example.org", "Bo Berg", "Private sector"), ("zoe@example.org", "São Paulo – Zoë 北京", "Local government")],
            participants.Select(p => (p.Email, p.Name, p.Group)));
        Assert.All(participants, p => Assert.Null(p.TokenHash));

        var ratings = await db.Ratings.Join(db.Participants, r => r.ParticipantId, p => p.Id, (r, p) => new { p.Email, Rating = r }).ToListAsync();
        Assert.Equal(5, ratings.Count);
        var changed = ratings.Single(r => r.Rating.Id == _existingRatingId).Rating;
        Assert.Equal(("3", "4", "Better than I thought", 2, Now), (changed.LevelNow.Code, changed.LevelInTwoYears.Code, changed.Comment, changed.Version, changed.UpdatedAt));
        Assert.Equal(["https://example.org/plan.pdf"], changed.EvidenceLinks); // the file has no evidence column: links are kept
        var zoe = ratings.Single(r => r.Email == "zoe@example.org" && r.Rating.CharacteristicCode == "1.1.1").Rating;
        Assert.Equal(("2", "3", "Budget, staff and \"will\"\nall short", 1), (zoe.LevelNow.Code, zoe.LevelInTwoYears.Code, zoe.Comment, zoe.Version));
        var dontKnow = ratings.Single(r => r.Email == "ana@example.org" && r.Rating.CharacteristicCode == "4.5").Rating;
        Assert.Equal((AnswerKind.DontKnow, AnswerKind.Unanswered, null, 1), (dontKnow.LevelNow.Kind, dontKnow.LevelInTwoYears.Kind, dontKnow.Comment, dontKnow.Version));
        Assert.DoesNotContain(ratings, r => r.Rating.CharacteristicCode == "3.2.1");

        var changes = await db.RatingChanges.OrderBy(c => c.Id).ToListAsync();
        Assert.Equal(5, changes.Count);
        Assert.All(changes, c =>
        {
            Assert.Equal(RatingChangeSource.Import, c.Source);
            Assert.Equal(_importerId, c.ChangedByUserId);
            Assert.False(c.ChangedByParticipant);
            Assert.Equal(Now, c.ChangedAt);
            Assert.Equal(_assessmentId, c.AssessmentId);
        });
        var audit = changes.Single(c => c.RatingId == _existingRatingId);
        Assert.Equal(("1", "3", "", "4", "first thoughts", "Better than I thought"),
            (audit.OldLevelNow.Code, audit.NewLevelNow.Code, audit.OldLevelInTwoYears.Code, audit.NewLevelInTwoYears.Code, audit.OldComment, audit.NewComment));
        Assert.Equal(ratings.Select(r => r.Rating.Id).Order(), changes.Select(c => c.RatingId).Order());
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var before = await SnapshotAsync();

        var again = await ImportAsync(GoodFile);

        Assert.True(again.Succeeded, string.Join("\n", again.Problems));
        Assert.Equal((0, 0, 0, 5), (again.ParticipantsCreated, again.RatingsCreated, again.RatingsChanged, again.RatingsUnchanged));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_comment_of_blanks_is_no_comment_and_no_change()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var before = await SnapshotAsync();

        var result = await ImportAsync(Csv(
            "zoe@example.org,São Paulo – Zoë 北京,Local government,3.2.1,,,\"   \"", // no rating yet: nothing to store, not counted
            "ana@example.org,Ana Silva,Citizens,4.5,DK,,\"  \""));                  // the rating has no comment: unchanged

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal((0, 0, 0, 1), (result.ParticipantsCreated, result.RatingsCreated, result.RatingsChanged, result.RatingsUnchanged));
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_changed_file_bumps_versions_and_audits_only_what_changed()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);

        var result = await ImportAsync(Csv(
            "bo@example.org,Bo Berg,Private sector,1.1.1,4,5,",     // changed
            "ana@example.org,Ana Silva,Citizens,4.5,DK,,",          // unchanged
            "ana@example.org,Ana Silva,Citizens,2.3.1,,,"));        // cleared: unanswered, comment removed

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal((0, 0, 2, 1), (result.ParticipantsCreated, result.RatingsCreated, result.RatingsChanged, result.RatingsUnchanged));
        await using var db = _dbFactory.CreateDbContext();
        var cleared = await db.Ratings.SingleAsync(r => r.Id == _existingRatingId);
        Assert.Equal((AnswerKind.Unanswered, AnswerKind.Unanswered, null, 3), (cleared.LevelNow.Kind, cleared.LevelInTwoYears.Kind, cleared.Comment, cleared.Version));
        Assert.Equal(["https://example.org/plan.pdf"], cleared.EvidenceLinks);
        Assert.Equal(7, await db.RatingChanges.CountAsync());
        var bo = await db.Ratings.SingleAsync(r => r.CharacteristicCode == "1.1.1" && db.Participants.Any(p => p.Id == r.ParticipantId && p.Email == "bo@example.org"));
        Assert.Equal(("4", 2), (bo.LevelNow.Code, bo.Version));
    }

    public static TheoryData<string> BadFiles => [.. BadFileCorpus.Keys];

    /// <summary>Each bad file and the problem it must be rejected with: line, column, part of the message.</summary>
    private static readonly Dictionary<string, (Func<byte[]> Content, int Line, string Column, string Message)> BadFileCorpus = new()
    {
        ["wrong header"] = (() => Utf8(GoodFile.Replace("level_in_two_years", "level_in_2_years", StringComparison.Ordinal)), 1, "", "the header is not right"),
        ["unknown code"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,5,", "bo@example.org,Bo Berg,Private sector,5.1,5,5,")), 3, "characteristic", "\"5.1\" is not a characteristic code"),
        ["level 0"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,0,5,")), 2, "level_now", "\"0\" is not a level"),
        ["level 6"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,6,")), 2, "level_in_two_years", "\"6\" is not a level"),
        ["text in a level"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,good,5,")), 2, "level_now", "\"good\" is not a level"),
        ["duplicate rows"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,5,", "ana@example.org,Ana Silva,Citizens,4.5,1,1,", "BO@example.org,Bo Berg,Private sector,1.1.1,4,4,")), 4, "characteristic", "rates 1.1.1 again (also on line 2)"),
        ["unknown group"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,5,", "cy@example.org,Cy,Journalists,1.1.1,5,5,")), 3, "stakeholder_group", "\"Journalists\" is not a stakeholder group of this assessment; its groups are: Local government, Wider public sector"),
        ["existing participant in another group"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,5,", "ana@example.org,Ana Silva,Academia and research,1.1.1,5,5,")), 3, "stakeholder_group", "ana@example.org is already a participant in \"Citizens\", not \"Academia and research\""),
        ["characteristic out of scope"] = (() => Utf8(Csv("bo@example.org,Bo Berg,Private sector,1.1.1,5,5,", "bo@example.org,Bo Berg,Private sector,4.6,5,5,")), 3, "characteristic", "4.6 is not in this assessment's scope"),
        ["broken UTF-8"] = (() => [.. Utf8($"{Header}\r\nbo@example.org,Bo Berg,Private sector,1.1.1,5,5,\r\ncy@example.org,Cy,Citizens,1.1.1,5,5,caf"), 0xC3, 0x28, .. "\r\n"u8], 3, "", "not valid UTF-8"),
        ["10 MB of random junk"] = (RandomJunk, 0, "", "the file is larger than 5 MB"),
        ["a bad last row after many good rows"] = (() => Utf8(ManyGoodRowsThen("zz@example.org,Zz,Citizens,4.5,4,X,")), LastLine, "level_in_two_years", "\"X\" is not a level"),
        ["a last row the assessment refuses after many good rows"] = (() => Utf8(ManyGoodRowsThen("zz@example.org,Zz,Citizens,4.6,4,4,")), LastLine, "characteristic", "4.6 is not in this assessment's scope"),
    };

    /// <summary>The bad files that are well-formed but break a rule of the assessment (422); every other one is malformed (400).</summary>
    private static readonly HashSet<string> RefusedByTheAssessment =
    [
        "unknown group", "existing participant in another group", "characteristic out of scope",
        "a last row the assessment refuses after many good rows",
    ];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomJunk()
    {
        var junk = new byte[10 * 1024 * 1024];
        new Random(37107).NextBytes(junk);
        return junk;
    }

    /// <summary>The line of the last row after <see cref="ManyGoodRowsThen"/>'s good rows (header on line 1).</summary>
    private static int LastLine => 2 + 1 + (10 * Scope.Length);

    /// <summary>311 good rows (10 new participants rating all 31 codes in scope, one change to an existing rating), then <paramref name="lastRow"/>.</summary>
    private static string ManyGoodRowsThen(string lastRow)
    {
        var rows = new List<string> { "ana@example.org,Ana Silva,Citizens,2.3.1,5,5,changed by the bulk file" };
        for (var person = 0; person < 10; person++)
        {
            var group = AssessmentVocabulary.DefaultGroups[person % AssessmentVocabulary.DefaultGroups.Count];
            rows.AddRange(Scope.Select((code, i) => $"person{person}@example.org,Person {person},{group},{code},{1 + ((person + i) % 5)},DK,row {i}"));
        }

        return Csv([.. rows, lastRow]);
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_bad_file_leaves_the_database_exactly_as_it_was(string name)
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);
        var before = await SnapshotAsync();
        var (content, line, column, message) = BadFileCorpus[name];

        var result = await _service.ImportAsync(_assessmentId, new MemoryStream(content()), _importerId);

        Assert.False(result.Succeeded);
        Assert.Equal((0, 0, 0, 0), (result.ParticipantsCreated, result.RatingsCreated, result.RatingsChanged, result.RatingsUnchanged));
        Assert.Contains(result.Problems, p => p.Line == line && p.Column == column && p.Message.Contains(message, StringComparison.Ordinal));
        Assert.StartsWith("Nothing was imported: ", result.Refusal?.Message, StringComparison.Ordinal);
        var expectedKind = RefusedByTheAssessment.Contains(name) ? CityMaturity.Application.RefusalKind.RuleBroken : CityMaturity.Application.RefusalKind.Malformed;
        Assert.Equal(expectedKind, result.Refusal!.Kind);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task The_many_good_rows_alone_would_import()
    {
        // Guards the all-or-nothing cases above: without their last row, the same files write a lot.
        var withoutLastRow = ManyGoodRowsThen("ana@example.org,Ana Silva,Citizens,4.5,2,2,");

        var result = await ImportAsync(withoutLastRow);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        Assert.Equal((10, 311, 1), (result.ParticipantsCreated, result.RatingsCreated, result.RatingsChanged));
    }

    [Theory]
    [InlineData(AssessmentStatus.Closed, "the assessment is closed; reopen it to import")]
    [InlineData(AssessmentStatus.Archived, "the assessment is archived and can no longer be changed")]
    public async Task A_closed_or_archived_assessment_refuses_imports(AssessmentStatus status, string message)
    {
        await SetStatusAsync(status);
        var before = await SnapshotAsync();

        var result = await ImportAsync(GoodFile);

        Assert.False(result.Succeeded);
        Assert.Equal(message, Assert.Single(result.Problems).ToString());
        Assert.Equal(new CityMaturity.Application.Refusal(CityMaturity.Application.RefusalKind.RuleBroken, $"Nothing was imported: {message}"), result.Refusal);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_draft_assessment_accepts_imports()
    {
        await SetStatusAsync(AssessmentStatus.Draft);

        Assert.True((await ImportAsync(GoodFile)).Succeeded);
    }

    [Fact]
    public async Task An_unknown_assessment_is_a_problem_not_an_exception()
    {
        var result = await _service.ImportAsync(Guid.NewGuid(), Stream(GoodFile), null);

        Assert.Equal("the assessment does not exist", Assert.Single(result.Problems).ToString());
        Assert.Equal(CityMaturity.Application.RefusalKind.NotFound, result.Refusal?.Kind);
    }

    [Fact]
    public async Task Formulas_import_as_given_and_export_neutralised()
    {
        string[] comments = ["=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1+1", "\r=1+1"];
        var file = Csv([.. comments.Select((comment, i) => $"ana@example.org,Ana Silva,Citizens,{Scope[i]},3,3,\"{comment.Replace("\"", "\"\"", StringComparison.Ordinal)}\"")]);

        var result = await ImportAsync(file);

        Assert.True(result.Succeeded, string.Join("\n", result.Problems));
        await using (var db = _dbFactory.CreateDbContext())
        {
            var stored = await db.Ratings.Where(r => Scope.Take(comments.Length).Contains(r.CharacteristicCode)).ToDictionaryAsync(r => r.CharacteristicCode, r => r.Comment);
            Assert.Equal(comments, Scope.Take(comments.Length).Select(code => stored[code]));
        }

        var exported = await ExportAsync();
        Assert.Contains(",3,3,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")\"\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",3,3,'+1+1\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",3,3,'-2+3\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",3,3,'@SUM(A1:A2)\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",3,3,'\t=1+1\r\n", exported, StringComparison.Ordinal);
        Assert.Contains(",3,3,\"'\r=1+1\"\r\n", exported, StringComparison.Ordinal);
        var exportedCommentFields = exported.Split("\r\n").Where(l => l.Contains(",3,3,", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(",3,3,", StringComparison.Ordinal) + 5)..]);
        Assert.DoesNotContain(exportedCommentFields, f => f.TrimStart('"').Length > 0 && "=+-@\t\r".Contains(f.TrimStart('"')[0], StringComparison.Ordinal));

        // Re-importing the export changes nothing: the apostrophes come off again.
        var reimport = await ImportAsync(exported);
        Assert.True(reimport.Succeeded, string.Join("\n", reimport.Problems));
        Assert.Equal(0, reimport.RatingsChanged);
    }

    [Fact]
    public async Task Export_writes_every_rating_by_group_position_name_and_catalogue_order()
    {
        Assert.True((await ImportAsync(GoodFile)).Succeeded);

        var exported = await ExportAsync();
        var parsed = RatingsCsv.Parse(Utf8(exported), Catalogue);

        Assert.True(parsed.Succeeded, string.Join("\n", parsed.Problems));
        Assert.Equal(
            [
                ("zoe@example.org", "Local government", "1.1.1", "2", "3"),
                ("zoe@example.org", "Local government", "4.5", "4", "5"),
                ("bo@example.org", "Private sector", "1.1.1", "5", "5"),
                ("ana@example.org", "Citizens", "2.3.1", "3", "4"),
                ("ana@example.org", "Citizens", "4.5", "DK", ""),
            ],
            parsed.Rows.Select(r => (r.Row.ParticipantEmail, r.Row.StakeholderGroup, r.Row.CharacteristicCode, r.Row.LevelNow.Code, r.Row.LevelInTwoYears.Code)));
        Assert.Equal("Budget, staff and \"will\"\nall short", parsed.Rows[0].Row.Comment);
        Assert.Equal("São Paulo – Zoë 北京", parsed.Rows[0].Row.ParticipantName);
    }

    [Fact]
    public async Task Export_of_an_unknown_assessment_writes_nothing()
    {
        await using var writer = new StringWriter();

        Assert.False(await _service.ExportAsync(Guid.NewGuid(), writer));
        Assert.Empty(writer.ToString());
    }

    private async Task<string> ExportAsync()
    {
        await using var writer = new StringWriter();
        Assert.True(await _service.ExportAsync(_assessmentId, writer));
        return writer.ToString();
    }

    private async Task SetStatusAsync(AssessmentStatus status)
    {
        await using var db = _dbFactory.CreateDbContext();
        await db.Assessments.Where(a => a.Id == _assessmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Status, status));
    }

    /// <summary>Row count and a digest of every column of every row, per table an import may write.</summary>
    private async Task<string> SnapshotAsync()
    {
        await using var dataSource = NpgsqlDataSource.Create(_connectionString);
        var parts = new List<string>();
        foreach (var table in new[] { "participants", "ratings", "rating_changes" })
        {
            await using var command = dataSource.CreateCommand(
                $"SELECT count(*)::text || ' ' || coalesce(md5(string_agg(t::text, E'\\n' ORDER BY t::text)), '-') FROM {table} t");
            parts.Add($"{table}: {await command.ExecuteScalarAsync()}");
        }

        return string.Join("; ", parts);
    }

    private sealed class DbFactory(DbContextOptions<CityMaturityDb> options) : IDbContextFactory<CityMaturityDb>
    {
        public CityMaturityDb CreateDbContext() => new(options);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
