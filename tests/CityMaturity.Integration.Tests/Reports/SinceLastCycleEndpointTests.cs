using CityMaturity.Domain.Cycles;
using CityMaturity.Domain.Reporting;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Reports;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Reports;

/// <summary>
/// Demoville's baseline is the third cycle of "City-wide MMSSC" (demo cycles 2022 and 2024): its downloaded report has
/// the "since the last cycle" chapter, and its figures are the ones the series page computes (CycleService).
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed partial class SinceLastCycleEndpointTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly ReportLabels Labels = ReportLabels.English;
    private static readonly ReportFormat Format = new(Labels);
    private ReportWorld _world = null!;

    public async Task InitializeAsync() => _world = await database.SharedAsync("baseline-report", ReportWorld.CreateAsync);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<SeriesView> SeriesAsync()
    {
        await using var scope = _world.Factory.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var baseline = await db.Assessments.AsNoTracking().SingleAsync(a => a.Id == _world.BaselineId);
        return (await scope.ServiceProvider.GetRequiredService<CycleService>().SeriesAsync(baseline.OrganisationId, baseline.SeriesId!.Value))!;
    }

    [Fact]
    public async Task The_demo_baseline_follows_closed_cycles_of_2022_and_2024_in_one_series_and_seeding_again_adds_nothing()
    {
        var view = await SeriesAsync();
        Assert.Equal(DemoAssessmentSeeder.SeriesName, view.Series.Name);
        Assert.Equal(
            new[] { DemoAssessmentSeeder.FirstCycleName, DemoAssessmentSeeder.SecondCycleName, DemoAssessmentSeeder.ClosedAssessmentName },
            view.Cycles.Select(c => c.Name));
        Assert.Equal(new Guid?[] { null, view.Cycles[0].Id, view.Cycles[1].Id }, view.Cycles.Select(c => c.PredecessorId));
        Assert.All(view.Cycles, c => Assert.Equal(Domain.Assessments.AssessmentStatus.Closed, c.Status));
        Assert.Equal((view.Cycles[1].Id, view.Cycles[2].Id), (view.Compared!.Value.Earlier.AssessmentId, view.Compared.Value.Later.AssessmentId));

        // Plausible: the plans were partly realised, something moved each way, and every dimension has a point in every cycle.
        Assert.InRange(view.Realisation!.Overall.Percent!.Value, 1m, 99m);
        Assert.True(view.Moved!.Count(Movement.Improved) > 0 && view.Moved.Count(Movement.Regressed) > 0);
        Assert.All(view.Trend.Dimensions, line => Assert.All(line.Points, p => Assert.NotNull(p.Score)));

        await using var scope = _world.Factory.Services.CreateAsyncScope();
        var organisationId = view.Series.OrganisationId;
        int Count(CityMaturityDb db) => db.Assessments.Count(a => a.OrganisationId == organisationId);
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var before = (Count(db), db.AssessmentSeries.Count(), db.Ratings.Count());
        await scope.ServiceProvider.GetRequiredService<DemoAssessmentSeeder>().SeedAsync(organisationId, null, null, "Member", "member@demoville.example");
        Assert.Equal(before, (Count(db), db.AssessmentSeries.Count(), db.Ratings.Count()));
    }

    [Fact]
    public async Task The_downloaded_report_says_what_moved_and_how_the_2024_plans_were_realised_with_the_series_pages_figures()
    {
        var view = await SeriesAsync();
        var moved = view.Moved!;
        var realisation = view.Realisation!;
        using var pdf = Poppler.For(_world.LeaderPdf);
        var text = Compact(pdf.Text(raw: true));

        var (earlier, later) = view.Compared!.Value;
        Assert.Contains(Compact(Format.Format(Labels.SinceIntroFormat, earlier.Name, Format.Date(earlier.Date), Format.Date(later.Date))), text);
        Assert.Contains(Compact(Format.Format(
            Labels.MovedCountsFormat, moved.Count(Movement.Improved), moved.Count(Movement.Regressed), moved.Count(Movement.Unchanged),
            moved.Characteristics.Count, moved.Excluded.Count)), text);
        var overall = realisation.Overall;
        Assert.Contains(Compact(Format.Format(
            Labels.RealisationRateFormat, Format.Percentage(overall.Percent), overall.Met, overall.Exceeded, overall.Missed, overall.Judged, overall.Excluded)), text);
        Assert.Contains(Compact(Format.Format(Labels.RealisationIntroFormat, realisation.ElapsedMonths, Format.Percent(realisation.ShareOfPlanExpected))), text);

        // Every judged plan is in the table with its expected level and this cycle's score and source.
        foreach (var row in realisation.Characteristics)
        {
            Assert.Contains(Compact(
                Format.Precise(row.Expected) + Format.Score(row.LaterNow.Score) + BaselineReportBuilder.SourceText(row.LaterNow.Source, Labels)), text);
        }
    }

    /// <summary>Whitespace removed: table cells wrap, their order in the content stream stays.</summary>
    private static string Compact(string text) => Whitespace().Replace(text, string.Empty);

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();
}
