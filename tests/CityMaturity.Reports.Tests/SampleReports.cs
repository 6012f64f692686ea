using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

/// <summary>
/// Report models for the tests: a realistic baseline (the real catalogue's 32 characteristics with made-up
/// but plausible scores), an extreme one (very long names, criteria and unbroken words) and a Chinese one.
/// </summary>
internal static class SampleReports
{
    public static MaturityCatalogue Catalogue { get; } = CatalogueLoader.LoadEmbedded();

    private static readonly string[] Groups = ["Local government", "Businesses", "Residents and civil society", "Academia and research"];

    /// <summary>Level now, as a median (whole or half levels); null for the one characteristic nobody rated.</summary>
    public static decimal? Now(int index, string code) =>
        code == "3.2.3" ? null : 1.0m + (((index * 5) + 2) % 7 * 0.5m);

    /// <summary>Null for 3.2.3 (nobody rated it) and for 3.2.2, rated now but not in two years, so the views' counts differ.</summary>
    public static decimal? InTwoYears(int index, string code) =>
        code == NotRatedInTwoYears ? null : Now(index, code) is { } now ? Math.Min(5m, now + (index % 3 * 0.5m)) : null;

    public const string NotRatedInTwoYears = "3.2.2";

    public static MaturityLevel? Target(int index) => index % 4 == 0 ? MaturityLevel.Improving : index % 4 == 1 ? MaturityLevel.Fulfilled : null;

    public static BaselineReport Baseline()
    {
        var catalogue = Catalogue;
        var indexed = catalogue.Characteristics.Select((c, i) => (Characteristic: c, Index: i)).ToList();
        var rows = indexed.ToDictionary(x => x.Characteristic.Code, x => Row(x.Characteristic, x.Index));

        var dimensions = catalogue.Dimensions.Select(d =>
        {
            var subDimensions = d.SubDimensions.Select(s => new SubDimensionScore(
                s.Code,
                s.Title,
                Mean(s.Characteristics.Select(c => rows[c.Code].Now)),
                Mean(s.Characteristics.Select(c => rows[c.Code].InTwoYears)))).ToList();
            var characteristics = d.Characteristics.Select(c => rows[c.Code]).ToList();
            var score = new DimensionScore(
                d.Code,
                d.Title,
                Mean(subDimensions.Select(s => s.Now)),
                Mean(subDimensions.Select(s => s.InTwoYears)),
                characteristics.Count(c => c.Now.HasValue),
                characteristics.Count(c => c.InTwoYears.HasValue),
                characteristics.Count);
            return new DimensionSection(score, d.Description, subDimensions, characteristics);
        }).ToList();

        var rated = rows.Values.Where(r => r.Now.HasValue).ToList();
        SummaryHighlight Highlight(CharacteristicRow r) => new(r.Code, r.Title, r.Now, r.InTwoYears) { Target = (decimal?)r.Target };

        var strengths = rated.Where(r => r.Now >= 4).OrderByDescending(r => r.Now).ThenBy(r => r.Code, StringComparer.Ordinal).Select(Highlight).ToList();
        var weaknesses = rated.Where(r => r.Now <= 2).OrderBy(r => r.Now).ThenBy(r => r.Code, StringComparer.Ordinal).Select(Highlight).ToList();
        var summary = new ExecutiveSummary(
            [.. dimensions.Select(d => d.Score)],
            [.. dimensions.SelectMany(d => d.SubDimensions).Select(s => new RadarAxis(s.Code, s.Title, s.Now, s.InTwoYears))],
            [.. strengths.Take(3)],
            [.. weaknesses.Take(3)],
            [.. rated.Where(r => r.PlannedImprovement == 0).Take(3).Select(r => Highlight(r) with { Note = "No improvement is planned in the next two years.", Shortfall = SampleShortfall })])
        {
            StrengthCount = strengths.Count,
            WeaknessCount = weaknesses.Count,
            PlanGapCount = 4,
        };

        var perceptionGaps = new[] { "1.3.1", "2.2.1", "4.5" }.Select((code, i) => new PerceptionGap(
            code,
            catalogue.GetCharacteristic(code).Title,
            i == 1 ? RatingView.InTwoYears : RatingView.Now,
            [.. Groups.Select((g, j) => new GroupMedian(g, 1.5m + (((i + j) * 3) % 5 * 0.5m), 4 + (j * 3)))])).ToList();

        var flat = rated.Where(r => r.PlannedImprovement == 0).ToList();
        var planGaps = flat.Take(3).Concat(flat.Where(r => r.Code.StartsWith("4.", StringComparison.Ordinal)).Take(1)).Select(r =>
        {
            var characteristic = catalogue.GetCharacteristic(r.Code);
            var documents = catalogue.Documents
                .Where(d => d.SubDimensionCodes.Contains(characteristic.SubDimensionCode))
                .Take(3)
                .Select(d => new HelpReference(d.Code, d.Title, d.Purpose))
                .ToList();
            var functions = catalogue.LocalGovernmentFunctionsByPurpose.TryGetValue(r.Code, out var list) ? list : [];
            return new PlanGap(r.Code, r.Title, r.Now, r.InTwoYears, documents, functions)
            {
                Target = (decimal?)r.Target,
                Shortfall = SampleShortfall,
                Note = "Current plans keep the level where it is; the target needs a funded initiative.",
            };
        }).ToList();

        var stage = catalogue.PdcaStages[1];
        var nextSteps = new NextSteps(stage.Name,
        [
            stage.ModelUse,
            "Agree targets for the gaps in plans with the portfolio owners and record them in the assessment.",
            "Share this report with every stakeholder group and invite comments before the council session.",
        ]);

        var appendix = new ReportAppendix(
        [
            "Every stakeholder rated each characteristic twice: the level now and the level expected in two years on current plans. \"Don't know\" answers are kept and excluded from the statistics.",
            "A characteristic's score is the median of its ratings, or the level agreed in moderation where there is a consensus decision. Sub-dimension and dimension scores are the means of the scores below them.",
            "The interquartile range (IQR) shows how far the ratings spread; an IQR above 1 marks a characteristic for discussion.",
        ],
        [.. catalogue.Classes.Select(c => new ClassLevelDefinitions(
            c.Code,
            c.Name,
            c.Question,
            [.. c.Levels.All.Select(l => new LevelDefinitionText(l.Level, catalogue.Levels[l.Level.Number() - 1].Name, l.Text))]))],
        [
            new ConsensusDecisionNote("1.2.1", catalogue.GetCharacteristic("1.2.1").Title, RatingView.Now, MaturityLevel.Fulfilled, "The city-wide programme board meets monthly and its minutes are published; the group agreed that this meets level 3."),
            new ConsensusDecisionNote("2.4.1", catalogue.GetCharacteristic("2.4.1").Title, RatingView.InTwoYears, MaturityLevel.Improving, "The funded privacy programme will deliver measured results by next year."),
        ]);

        var metadata = new ReportMetadata(
            "City of Riverton — Digital Office",
            "Riverton",
            "Baseline 2026",
            new DateOnly(2026, 3, 14),
            catalogue.AssessmentMethods[2].Name,
            stage.Name,
            [.. Groups.Select((g, i) => new GroupParticipation(g, 6 + (i * 4), 5 + (i * 3), 2 + i) { Description = $"Stakeholders from {g.ToLowerInvariant()}." })],
            "en",
            new DateTimeOffset(2026, 3, 20, 9, 30, 0, TimeSpan.Zero));

        return new BaselineReport(metadata, summary, dimensions, perceptionGaps, planGaps, nextSteps, appendix)
        {
            StrengthsInFull = strengths,
            WeaknessesInFull = weaknesses,
        };
    }

    private static CharacteristicRow Row(Characteristic c, int index)
    {
        var now = Now(index, c.Code);
        var reached = now is { } n ? MaturityLevels.FromNumber((int)Math.Floor(n)) : (MaturityLevel?)null;
        return new CharacteristicRow(
            c.Code,
            c.Title,
            now,
            InTwoYears(index, c.Code),
            index % 5 == 0 ? "Consensus" : "Median",
            now is null ? 0 : 9 + (index % 7),
            now is null ? null : 0.25m * (index % 5),
            now is null ? "–" : index % 4 == 3 ? "Discuss" : "Agreed")
        {
            Target = Target(index),
            PlansRegressCount = index % 6 == 5 ? 40 + index : 0,
            LevelReached = reached,
            LevelReachedName = reached?.DefaultName(),
            LevelReachedCriterion = reached is { } level ? c.Criteria[level] : null,
        };
    }

    /// <summary>A shortfall no other figure of the sample has, so a test can find it in the text.</summary>
    public const decimal SampleShortfall = 1.5m;

    private static decimal? Mean(IEnumerable<decimal?> values)
    {
        var known = values.Where(v => v.HasValue).Select(v => v!.Value).ToList();
        return known.Count == 0 ? null : Math.Round(known.Average(), 2);
    }

    private static string Exactly(string text, int length) => text.Length >= length ? text[..length] : text.PadRight(length, 'x');

    /// <summary>A long word with no break opportunity at all, unique by its seed.</summary>
    public static string UnbrokenWord(string seed, int length)
    {
        var text = string.Concat(Enumerable.Range(0, (length / 10) + 1).Select(i => $"{seed}{i:D3}x"));
        return text[..length];
    }

    /// <summary>Long, repetitive-free prose: numbered sentences, with an unbroken word every few sentences.</summary>
    public static string LongText(string seed, int length)
    {
        var words = new List<string>();
        var i = 0;
        while (string.Join(' ', words).Length < length)
        {
            words.Add(i % 37 == 36 ? UnbrokenWord(seed + "w" + i, 120) : $"{seed}{i}{(i % 9 == 8 ? "." : string.Empty)}");
            i++;
        }

        var text = string.Join(' ', words);
        return text[..length].TrimEnd();
    }

    /// <summary>The baseline with every text pushed to extremes: nothing may be cut off or run past a margin.</summary>
    public static BaselineReport Extreme()
    {
        var baseline = Baseline();
        var community = "Greater " + LongText("Riverside", 300 - 8 - 160) + " " + UnbrokenWord("Metropolitanregion", 159);
        var criterion = LongText("criterion", 1500) + " " + UnbrokenWord("Achievementcriterion", 499);

        return baseline with
        {
            Metadata = baseline.Metadata with
            {
                Community = Exactly(community, 300),
                Organisation = LongText("Organisation", 250),
                AssessmentName = "Baseline " + UnbrokenWord("Assessmentname", 180),
                StageName = LongText("Stage", 200),
                Participation = [.. baseline.Metadata.Participation.Select((g, i) => g with { GroupName = LongText("Group" + i, 140), Description = LongText("Description" + i, 400) })],
            },
            Summary = baseline.Summary with
            {
                DimensionScores = [.. baseline.Summary.DimensionScores.Select((d, i) => d with { Title = LongText("Dimensiontitle" + i, 220) })],
                Radar = [.. baseline.Summary.Radar.Select((a, i) => a with { Label = LongText("Axis" + i, 160) })],
                Strengths = [.. baseline.Summary.Strengths.Select((h, i) => h with { Title = LongText("Strength" + i, 300), Note = LongText("Strengthnote" + i, 500) })],
            },
            Dimensions = [.. baseline.Dimensions.Select((d, i) => d with
            {
                Score = d.Score with { Title = LongText("Dimensiontitle" + i, 220) },
                Description = LongText("Description" + i, 900),
                SubDimensions = [.. d.SubDimensions.Select((s, j) => s with { Title = LongText($"Sub{i}x{j}x", 260) })],
                Characteristics = [.. d.Characteristics.Select((c, j) => c with
                {
                    Title = LongText($"Title{i}x{j}x", 240),
                    ScoreSource = UnbrokenWord($"Source{i}x{j}", 60),
                    ConsensusState = LongText($"State{i}x{j}x", 90),
                    LevelReachedCriterion = c.LevelReachedCriterion is null ? null : $"{criterion} {i}x{j}",
                })],
            })],
            PerceptionGaps = [.. baseline.PerceptionGaps.Select((g, i) => g with
            {
                CharacteristicTitle = LongText("Perception" + i, 300),
                GroupMedians = [.. g.GroupMedians.Select((m, j) => m with { GroupName = LongText($"Median{i}x{j}x", 120) })],
            })],
            PlanGaps = [.. baseline.PlanGaps.Select((g, i) => g with
            {
                Note = LongText("Comment" + i, 2000),
                Documents = [.. g.Documents.Select((d, j) => d with { Purpose = LongText($"Purpose{i}x{j}x", 700) })],
                LocalGovernmentFunctions = [.. Enumerable.Range(0, 12).Select(j => LongText($"Function{i}x{j}x", 60))],
            })],
            NextSteps = baseline.NextSteps with { Steps = [LongText("Step", 1200), UnbrokenWord("Nextstep", 700)] },
            Appendix = baseline.Appendix with
            {
                MethodologyParagraphs = [LongText("Method", 2000), LongText("Approach", 2000)],
                ConsensusDecisions = [.. baseline.Appendix.ConsensusDecisions.Select((d, i) => d with { Rationale = LongText("Rationale" + i, 2000) + " " + UnbrokenWord("Rationaleword" + i, 900) })],
            },
        };
    }

    /// <summary>A Chinese report: Chinese community, organisation, labels and a Chinese criterion.</summary>
    public static BaselineReport Chinese()
    {
        var baseline = Baseline();
        return baseline with
        {
            Metadata = baseline.Metadata with
            {
                Community = ChineseCommunity,
                Organisation = "上海市浦东新区人民政府数字化转型办公室",
                AssessmentName = "2026年基线评估",
                Language = "zh-CN",
            },
            Dimensions = [.. baseline.Dimensions.Select((d, i) => i != 0 ? d : d with
            {
                Characteristics = [.. d.Characteristics.Select((c, j) => j != 0 ? c : c with { LevelReachedCriterion = ChineseCriterion })],
            })],
            Labels = ReportLabels.Chinese,
        };
    }

    public const string ChineseCommunity = "上海市浦东新区";

    public const string ChineseCriterion =
        "社区已建立覆盖全域的管理流程，并按照良好实践持续运行；各部门共享数据，定期向公众公开进展（包括年度报告和开放数据平台）。" +
        "利益相关方可以通过线上和线下渠道参与决策，政府根据反馈改进服务。";
}
