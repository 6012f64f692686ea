using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;
using CityMaturity.Domain.Scoring;

namespace CityMaturity.Domain.Tests.Reporting;

/// <summary>
/// The report model says exactly what the figures are: every list its text refers to is there in full with the count
/// the text gives, each view carries its own rated count, and the wording comes from <see cref="ReportLabels"/>.
/// </summary>
public class BaselineReportBuilderTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    /// <summary>
    /// Fourteen characteristics that three council members rate 1 and one resident rates 4, in both views: fourteen
    /// weaknesses, fourteen gaps in plans and 28 flagged perception gaps (more than the summary's three and the old
    /// limit of twelve rows). 1.1.1 is rated now only, so dimension 1's two views have different rated counts.
    /// </summary>
    private static readonly string[] Split = [.. Catalogue.Characteristics.Take(15).Skip(1).Select(c => c.Code)];

    private sealed record World(Assessment Assessment, List<StakeholderGroup> Groups, List<Participant> Participants, List<RatingInput> Ratings, AssessmentSummary Summary);

    private static World Build()
    {
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), Name = "Baseline", Community = "Testville",
            Purpose = "baseline-review", Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Closed,
            Scope = [.. Catalogue.Characteristics.Select(c => c.Code)], CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var council = new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = "Council", Position = 0 };
        var residents = new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = "Residents", Position = 1 };
        Participant Person(int i, StakeholderGroup group) => new()
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, GroupId = group.Id, Name = $"P{i}", Email = $"p{i}@test.example", CreatedAt = DateTimeOffset.UnixEpoch,
        };
        var participants = new List<Participant> { Person(0, council), Person(1, council), Person(2, council), Person(3, residents), Person(4, residents) };

        var ratings = new List<RatingInput>();
        foreach (var code in Split)
        {
            foreach (var p in participants.Take(4))
            {
                var level = LevelAnswer.Of(p.GroupId == council.Id ? MaturityLevel.Initial : MaturityLevel.Improving);
                ratings.Add(new RatingInput(p.Id, p.GroupId, code, level, level));
            }
        }

        ratings.Add(new RatingInput(participants[0].Id, council.Id, "1.1.1", LevelAnswer.Of(MaturityLevel.Fulfilled), LevelAnswer.Unanswered));

        // Participant 4 answers every characteristic in both views ("don't know" counts as an answer): the one who finished.
        ratings.AddRange(Catalogue.Characteristics.Where(c => !Split.Contains(c.Code)).Select(c => new RatingInput(participants[4].Id, residents.Id, c.Code, LevelAnswer.DontKnow, LevelAnswer.DontKnow)));
        ratings.AddRange(Split.Select(code => new RatingInput(participants[4].Id, residents.Id, code, LevelAnswer.DontKnow, LevelAnswer.DontKnow)));

        var groups = new List<StakeholderGroup> { council, residents };
        var summary = AssessmentScorer.Summarise(new AssessmentScoringInput(
            Catalogue, assessment.Scope, [.. groups.Select(g => new GroupInput(g.Id, g.Name))], ratings, [], new Dictionary<string, MaturityLevel>()));
        return new World(assessment, groups, participants, ratings, summary);
    }

    private static BaselineReport Report(World world, ReportLabels? labels = null)
    {
        var scope = world.Assessment.Scope.ToHashSet(StringComparer.Ordinal);
        var responses = ParticipantResponses.From(world.Ratings.Select(r => (r.ParticipantId, r.CharacteristicCode, r.Now, r.InTwoYears)), scope.Count, scope.Contains);
        return BaselineReportBuilder.Build(world.Assessment, world.Groups, world.Participants, world.Summary, responses, "Org", Catalogue, DateTimeOffset.UnixEpoch, labels: labels);
    }

    [Fact]
    public void Every_flagged_perception_gap_is_in_the_report_and_the_next_step_counts_views_and_characteristics()
    {
        var world = Build();
        var report = Report(world);

        var flagged = world.Summary.PerceptionGaps.Where(g => g.IsFlagged).ToList();
        Assert.Equal(28, flagged.Count);
        Assert.Equal(flagged.Select(g => (g.CharacteristicCode, g.View)), report.PerceptionGaps.Select(g => (g.CharacteristicCode, g.View)));
        Assert.Contains(report.NextSteps.Steps, s => s.Contains("Discuss the 28 characteristic-views (14 characteristics)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_summary_shows_three_weaknesses_and_says_how_many_while_the_full_list_matches_the_next_steps()
    {
        var world = Build();
        var report = Report(world);

        Assert.Equal(14, world.Summary.Weaknesses.Count);
        Assert.Equal(BaselineReportBuilder.SummaryHighlights, report.Summary.Weaknesses.Count);
        Assert.Equal(14, report.Summary.WeaknessCount);
        Assert.Equal(world.Summary.Weaknesses.Select(w => w.CharacteristicCode), report.WeaknessesInFull.Select(w => w.Code));
        Assert.Equal(world.Summary.Strengths.Count, report.StrengthsInFull.Count);
        Assert.Equal(world.Summary.GapsInPlans.Count, report.PlanGaps.Count);
        Assert.Equal(world.Summary.GapsInPlans.Count, report.Summary.PlanGapCount);
        Assert.Contains(report.NextSteps.Steps, s => s.Contains($"Take the 14 weaknesses and {world.Summary.GapsInPlans.Count} gaps in plans", StringComparison.Ordinal));
    }

    [Fact]
    public void Each_dimension_score_carries_the_rated_count_of_its_own_view()
    {
        var world = Build();
        var report = Report(world);

        var dimension = report.Dimensions.Single(d => d.Code == "1").Score;
        var figures = world.Summary.Dimension("1");
        Assert.Equal(figures.Now.Rated, dimension.RatedNow);
        Assert.Equal(figures.InTwoYears.Rated, dimension.RatedInTwoYears);
        Assert.NotEqual(dimension.RatedNow, dimension.RatedInTwoYears); // 1.1.1 is rated now only
        Assert.Equal(figures.Now.Total, dimension.CharacteristicCount);
    }

    [Fact]
    public void Gaps_carry_their_shortfall_and_rows_the_count_of_participants_expecting_decline()
    {
        var world = Build();
        var report = Report(world);

        Assert.NotEmpty(report.PlanGaps);
        Assert.Equal(world.Summary.GapsInPlans.Select(g => (decimal?)g.Shortfall), report.PlanGaps.Select(g => g.Shortfall));
        Assert.All(report.Summary.PlanGaps, g => Assert.NotNull(g.Shortfall));

        var row = report.Dimensions.SelectMany(d => d.Characteristics).Single(c => c.Code == "1.1.1");
        Assert.Equal(world.Summary.Characteristic("1.1.1").PlansRegressCount, row.PlansRegressCount);
    }

    [Fact]
    public void No_sub_dimension_or_radar_figure_is_made_up_beyond_the_methodology()
    {
        // The methodology defines targets per characteristic only; the model has no place for a sub-dimension target.
        Assert.Null(typeof(CityMaturity.Domain.Reporting.SubDimensionScore).GetProperty("Target"));
        Assert.Null(typeof(RadarAxis).GetProperty("Target"));
    }

    [Fact]
    public void Participation_counts_who_started_and_who_finished()
    {
        var world = Build();
        var report = Report(world);

        var council = report.Metadata.Participation.Single(g => g.GroupName == "Council");
        var residents = report.Metadata.Participation.Single(g => g.GroupName == "Residents");
        Assert.Equal((3, 3, 0), (council.Participants, council.Started, council.Finished));
        Assert.Equal((2, 2, 1), (residents.Participants, residents.Started, residents.Finished));
        Assert.Equal(0.2m, report.Metadata.FinishedRate);
    }

    [Fact]
    public void A_participant_who_skipped_one_view_of_one_characteristic_has_started_but_not_finished()
    {
        var someone = Guid.NewGuid();
        var codes = new[] { "a", "b" };
        var known = LevelAnswer.Of(MaturityLevel.Fulfilled);
        var answers = new[] { (someone, "a", known, known), (someone, "b", known, LevelAnswer.Unanswered) };

        var responses = ParticipantResponses.From(answers, codes.Length, codes.Contains);

        Assert.Contains(someone, responses.Started);
        Assert.DoesNotContain(someone, responses.Finished);
    }

    [Fact]
    public void The_builder_takes_its_wording_from_the_labels()
    {
        var world = Build();
        var labels = ReportLabels.English with
        {
            SourceMedian = "Zentralwert",
            ConsensusTooFewAnswers = "Zu wenige Antworten",
            GapBelowFulfilled = "Unter Stufe 3.",
            NextStepTakeFindingsFormat = "Schwächen {0}, Lücken {1}.",
            MethodologyParagraphs = ["Methode."],
        };

        var report = Report(world, labels);

        var rows = report.Dimensions.SelectMany(d => d.Characteristics).ToList();
        Assert.Contains(rows, r => r.ScoreSource == "Zentralwert");
        Assert.Contains(rows, r => r.ConsensusState == "Zu wenige Antworten");
        Assert.Contains(report.PlanGaps, g => g.Note == "Unter Stufe 3.");
        Assert.Contains($"Schwächen 14, Lücken {world.Summary.GapsInPlans.Count}.", report.NextSteps.Steps);
        Assert.Equal(["Methode."], report.Appendix.MethodologyParagraphs);
        Assert.Same(labels, report.Labels);
    }
}
