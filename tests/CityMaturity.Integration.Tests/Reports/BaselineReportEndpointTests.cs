using System.Net;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Reports;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;


namespace CityMaturity.Integration.Tests.Reports;

/// <summary>The demo app (Demoville, "Baseline 2026" with 24 participants) with a second organisation, shared by the report tests.</summary>
public sealed class ReportWorld : IAsyncDisposable
{
    public required CityMaturityFactory Factory { get; init; }
    public required Guid BaselineId { get; init; }
    public required AppUser OtherOrganisationAdmin { get; init; }

    /// <summary>The leader's download, fetched once (rendering is the expensive part).</summary>
    public required HttpResponseMessage LeaderResponse { get; init; }
    public required byte[] LeaderPdf { get; init; }

    public static async Task<ReportWorld> CreateAsync(TestDatabaseServer database)
    {
        var factory = new CityMaturityFactory(await database.CreateMigratedDatabaseAsync(), new Dictionary<string, string?> { ["DemoData:Enabled"] = "true" });
        var services = factory.Services;
        var otherAdmin = await TestAccounts.CreateUserAsync(services, "other-admin@example.org");
        await TestAccounts.CreateOrganisationAsync(services, "Other City", (otherAdmin, OrganisationRole.OrganisationAdministrator));

        Guid baselineId;
        await using (var db = await services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            baselineId = await db.Assessments.Where(a => a.Name == DemoAssessmentSeeder.ClosedAssessmentName).Select(a => a.Id).SingleAsync();
        }

        using var leader = await SignedInAsync(factory, "leader@demoville.example");
        var response = await leader.Http.GetAsync(BaselineReportEndpointTests.ReportPath(baselineId));
        var pdf = await response.Content.ReadAsByteArrayAsync();

        // Keep a copy where a person (or scripts/render-report-images.sh) can look at it.
        var keep = Environment.GetEnvironmentVariable("CITYMATURITY_SAMPLE_DIR");
        if (!string.IsNullOrEmpty(keep))
        {
            Directory.CreateDirectory(keep);
            await File.WriteAllBytesAsync(Path.Combine(keep, "demoville-baseline.pdf"), pdf);
        }

        return new ReportWorld { Factory = factory, BaselineId = baselineId, OtherOrganisationAdmin = otherAdmin, LeaderResponse = response, LeaderPdf = pdf };
    }

    public static async Task<TestClient> SignedInAsync(CityMaturityFactory factory, string email)
    {
        var client = TestClient.Create(factory);
        var password = AccountSeeder.DemoAccounts.Where(a => a.Email == email).Select(a => a.Password).SingleOrDefault() ?? TestAccounts.Password;
        await client.SignInOrFailAsync(email, password);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        LeaderResponse.Dispose();
        await Factory.DisposeAsync();
    }
}

[Collection(DatabaseCollection.Name)]
public sealed partial class BaselineReportEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly ReportFormat Format = new(ReportLabels.English);
    private ReportWorld _world = null!;

    public static string ReportPath(Guid assessmentId) => $"/api/assessments/{assessmentId}/report.pdf";

    public async Task InitializeAsync() => _world = await database.SharedAsync("baseline-report", ReportWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SummarisedAssessment> SummaryAsync()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AssessmentSummaryService>().SummariseAsync(_world.BaselineId);
    }

    private Poppler Pdf() => Poppler.For(_world.LeaderPdf);

    [Fact]
    public void The_leader_downloads_the_report_as_a_pdf_attachment_named_after_community_assessment_and_date()
    {
        var response = _world.LeaderResponse;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition;
        Assert.NotNull(disposition);
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Matches(@"^demoville-baseline-2026-baseline-\d{4}-\d{2}-\d{2}\.pdf$", disposition.FileName?.Trim('"'));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(_world.LeaderPdf, 0, 5), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_text_contains_every_rated_characteristic_code()
    {
        var summary = (await SummaryAsync()).Summary;
        using var pdf = Pdf();
        var text = pdf.Text();

        var rated = summary.Characteristics.Where(c => c.Now.IsRated).Select(c => c.Code).ToList();
        Assert.Equal(32, rated.Count);
        var missing = rated.Where(code => !Regex.IsMatch(text, $@"(?<![\d.]){Regex.Escape(code)}(?![\d])")).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Each_dimension_chapter_shows_exactly_the_dimension_score_of_the_summary()
    {
        var summarised = await SummaryAsync();
        using var pdf = Pdf();
        var pages = Pages(pdf);

        Assert.Equal(4, summarised.Summary.Dimensions.Count);
        foreach (var dimension in summarised.Summary.Dimensions)
        {
            var chapter = ChapterPage(pages, dimension.Code);
            var ratedNow = Format.Format(ReportLabels.English.RatedFormat, dimension.Now.Rated, dimension.Now.Total);
            var ratedLater = Format.Format(ReportLabels.English.RatedFormat, dimension.InTwoYears.Rated, dimension.InTwoYears.Total);
            // The three cards side by side: now, in two years, characteristics; under each score the rated count of its own view.
            var cards = $@"(?m)^\s*{Regex.Escape(Format.Score(dimension.Now.Score))}\s+{Regex.Escape(Format.Score(dimension.InTwoYears.Score))}\s+{dimension.Now.Total}\s*\n\s*{Regex.Escape(ratedNow)}\s+{Regex.Escape(ratedLater)}\s*$";
            Assert.Matches(cards, chapter);
        }
    }

    [Fact]
    public async Task The_executive_summary_shows_the_four_dimension_scores_of_the_summary()
    {
        var summary = (await SummaryAsync()).Summary;
        using var pdf = Pdf();
        var page = Pages(pdf).First(p => p.Contains("Executive summary", StringComparison.Ordinal) && !p.Contains("Contents", StringComparison.Ordinal));

        var nowLine = string.Join(@"\s+", summary.Dimensions.Select(d => Regex.Escape(Format.Score(d.Now.Score))));
        Assert.Matches($@"(?m)^\s*{nowLine}\s*$", page);
        foreach (var dimension in summary.Dimensions)
        {
            Assert.Contains(Format.Score(dimension.InTwoYears.Score), page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Each_sub_dimension_bar_shows_exactly_its_score_of_the_summary()
    {
        var summary = (await SummaryAsync()).Summary;
        using var pdf = Pdf();
        var pages = Pages(pdf);
        var text = string.Join('\n', pages);

        Assert.Equal(17, summary.SubDimensions.Count);
        foreach (var sub in summary.SubDimensions)
        {
            var pair = $"{Format.Score(sub.Now.Score)} → {Format.Score(sub.InTwoYears.Score)}";
            // The bar row starts with the sub-dimension's code and ends with its two scores.
            Assert.Matches($@"(?m)^\s*{Regex.Escape(sub.Code)}\s.*\s{Regex.Escape(pair)}\s*$", text);
        }

        // Nothing else in the document is written as a sub-dimension score.
        Assert.Equal(summary.SubDimensions.Count, ScorePair().Count(text));
    }

    [Fact]
    public async Task No_participant_name_or_email_appears_in_the_report()
    {
        List<(string Name, string Email)> people;
        await using (var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            people = [.. (await db.Participants.Select(p => new { p.Name, p.Email }).ToListAsync()).Select(p => (p.Name, p.Email))];
        }

        using var pdf = Pdf();
        var text = pdf.Text();
        var compact = Whitespace().Replace(text, string.Empty);

        Assert.True(people.Count >= 24);
        Assert.Contains("Local government", text, StringComparison.Ordinal);
        foreach (var (name, email) in people)
        {
            Assert.DoesNotContain(Whitespace().Replace(name, string.Empty), compact, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(email, compact, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(name.Split(' ')[^1] + " ", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_cover_counts_participants_by_group_who_started_and_who_finished()
    {
        var summarised = await SummaryAsync();
        using var pdf = Pdf();
        var cover = Pages(pdf)[0];

        // Finished, counted here from the stored ratings: both views of every characteristic in scope answered.
        var scope = summarised.Summary.Characteristics.Count;
        HashSet<Guid> finished;
        await using (var db = await _world.Factory.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            var ratings = await db.Ratings.AsNoTracking().Where(r => r.AssessmentId == _world.BaselineId).ToListAsync();
            finished = [.. ratings.Where(r => r.IsComplete).GroupBy(r => r.ParticipantId).Where(g => g.Count() >= scope).Select(g => g.Key)];
        }

        Assert.Contains("Demoville", cover, StringComparison.Ordinal);
        Assert.Contains("Baseline 2026", cover, StringComparison.Ordinal);
        Assert.Contains("Started", cover, StringComparison.Ordinal);
        foreach (var group in summarised.Groups)
        {
            var members = summarised.Participants.Where(p => p.GroupId == group.Id).ToList();
            var done = members.Count(p => finished.Contains(p.Id));
            // Every demo participant answered, so all started: participants, started, finished, finished share.
            Assert.Matches($@"(?m)^\s*{Regex.Escape(group.Name)}\s+{members.Count}\s+{members.Count}\s+{done}\s+{Regex.Escape(Format.Percent((decimal)done / members.Count))}\s*$", cover);
        }

        Assert.Matches($@"(?m)^\s*Total\s+24\s+24\s+{finished.Count}\s+{Regex.Escape(Format.Percent(finished.Count / 24m))}\s*$", cover);
    }

    [Fact]
    public async Task Each_row_quotes_the_criterion_of_the_level_fully_reached_so_a_half_median_rounds_down()
    {
        BaselineReport report;
        await using (var scope = _world.Factory.Services.CreateAsyncScope())
        {
            report = await scope.ServiceProvider.GetRequiredService<BaselineReportService>().BuildAsync(_world.BaselineId);
        }

        var catalogue = _world.Factory.Services.GetRequiredService<MaturityCatalogue>();
        var rows = report.Dimensions.SelectMany(d => d.Characteristics).ToList();
        Assert.Equal(32, rows.Count);
        Assert.Contains(rows, r => r.Now % 1 == 0.5m);
        foreach (var row in rows)
        {
            var reached = MaturityLevels.FromNumber((int)Math.Floor(row.Now!.Value));
            Assert.Equal(reached, row.LevelReached);
            Assert.Equal(catalogue.GetCharacteristic(row.Code).Criteria[reached], row.LevelReachedCriterion);
        }

        Assert.Equal(MaturityLevel.PartiallyFulfilled, BaselineReportBuilder.LevelReached(2.5m));
        Assert.Null(BaselineReportBuilder.LevelReached(null));

        using var pdf = Pdf();
        var compact = Whitespace().Replace(pdf.Text(raw: true), string.Empty);
        var half = rows.First(r => r.Now % 1 == 0.5m);
        Assert.Contains(Whitespace().Replace(half.LevelReachedCriterion!, string.Empty), compact, StringComparison.Ordinal);
        Assert.Empty(report.Appendix.ConsensusDecisions);
        Assert.Equal(24, report.Metadata.ParticipantCount);
    }

    [Fact]
    public void Pdftoppm_renders_every_page()
    {
        using var pdf = Pdf();
        var pageCount = int.Parse(pdf.Info()["Pages"], System.Globalization.CultureInfo.InvariantCulture);
        var images = pdf.RenderPages(dpi: 30);

        Assert.InRange(pageCount, 8, 60);
        Assert.Equal(pageCount, images.Count);
        Assert.All(images, png => Assert.True(png.Length > 1_000, $"{png.Name} is only {png.Length} bytes"));
    }

    [Theory]
    [InlineData("member@demoville.example")]
    [InlineData("other-admin@example.org")]
    public async Task Members_without_results_access_and_other_organisations_get_404(string email)
    {
        using var client = await ReportWorld.SignedInAsync(_world.Factory, email);

        var response = await client.Http.GetAsync(ReportPath(_world.BaselineId));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotEqual("application/pdf", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task An_unknown_assessment_answers_404_even_to_the_leader()
    {
        using var client = await ReportWorld.SignedInAsync(_world.Factory, "leader@demoville.example");

        var response = await client.Http.GetAsync(ReportPath(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        using var client = TestClient.Create(_world.Factory);

        var response = await client.Http.GetAsync(ReportPath(_world.BaselineId));

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.True(
            response.StatusCode == HttpStatusCode.Unauthorized
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal)),
            $"anonymous got {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Each page's text in physical layout (columns side by side), page 1 first.</summary>
    private static List<string> Pages(Poppler pdf) =>
        [.. pdf.Text(layout: true).Split('\f').Where(p => !string.IsNullOrWhiteSpace(p))];

    /// <summary>The first page of a dimension's chapter: it starts with the chapter heading (the contents list has it too, with dots).</summary>
    private static string ChapterPage(List<string> pages, string code) =>
        pages.First(p => Regex.IsMatch(p, $@"(?m)^\s*Dimension {Regex.Escape(code)} · [^.]*$") && !p.Contains("Contents", StringComparison.Ordinal));

    [GeneratedRegex(@"(\d\.\d|–) → (\d\.\d|–)")]
    private static partial Regex ScorePair();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
