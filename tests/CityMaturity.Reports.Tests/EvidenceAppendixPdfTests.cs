using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Reporting;

namespace CityMaturity.Reports.Tests;

/// <summary>The realistic sample with evidence on three characteristics and indicator values on two.</summary>
public sealed class EvidenceSample() : RenderedReport(EvidenceReports.WithEvidence(), "evidence.pdf");

internal static class EvidenceReports
{
    public static readonly byte[] DocumentHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    public const string LongLink =
        "https://data.demoville.example/open-data/a/long/path/without/spaces/that/must/wrap/inside/the/page/and/lose/no/character/2025-annual-report";

    public static BaselineReport WithEvidence()
    {
        var report = SampleReports.Baseline();
        var items = new List<EvidenceItem>
        {
            Item("1.1.1", EvidenceKind.Document, "Digital strategy 2025.pdf", day: 2, item =>
            {
                item.ContentType = "application/pdf";
                item.SizeBytes = 48_230;
                item.Sha256 = DocumentHash;
            }),
            Item("1.1.1", EvidenceKind.Link, LongLink, day: 3, item =>
            {
                item.Url = LongLink;
                item.ParticipantId = Guid.NewGuid();
            }),
            Item("2.1.1", EvidenceKind.Indicator, "L1.1.1 (2024)", day: 4, item =>
            {
                item.IndicatorCode = "L1.1.1";
                item.IndicatorYear = 2024;
                item.ConsensusDecisionId = Guid.NewGuid();
            }),
            Item("2.1.1", EvidenceKind.Indicator, "L1.1.2 (2019)", day: 4, item =>
            {
                item.IndicatorCode = "L1.1.2";
                item.IndicatorYear = 2019;
            }),
            Item("3.1.1", EvidenceKind.Link, "https://removed.example/old", day: 5, item =>
            {
                item.Url = "https://removed.example/old";
                item.RemovedAt = new DateTimeOffset(2026, 3, 6, 0, 0, 0, TimeSpan.Zero);
            }),
        };
        var values = new Dictionary<string, IReadOnlyList<IndicatorValueNote>>
        {
            ["1.1.1"] =
            [
                new IndicatorValueNote("L1.1.1", "Services available online end to end", 42.50m, "%", 2024)
                {
                    Direction = CityMaturity.Domain.Indicators.IndicatorDirection.HigherIsBetter, PreviousYear = 2023, PreviousValue = 38m, Source = "City statistics office",
                },
                new IndicatorValueNote("EN: EN: EQ: 2A", "Noise exposure", 18m, "%", 2024)
                {
                    Direction = CityMaturity.Domain.Indicators.IndicatorDirection.LowerIsBetter, PreviousYear = 2022, PreviousValue = 18m,
                },
            ],
            ["1.2.1"] = [new IndicatorValueNote("EC: ICT: ICT: 1C", "Household internet access", 87m, "%", 2025)],
        };
        var referenced = new Dictionary<(string Code, int Year), IndicatorValueNote>
        {
            [("L1.1.1", 2024)] = values["1.1.1"][0],
        };
        return report with { Evidence = EvidenceAppendixBuilder.Build(report, items, values, referenced) };
    }

    private static EvidenceItem Item(string code, EvidenceKind kind, string title, int day, Action<EvidenceItem> set)
    {
        var item = new EvidenceItem
        {
            Id = Guid.NewGuid(),
            CharacteristicCode = code,
            Kind = kind,
            Title = title,
            AddedAt = new DateTimeOffset(2026, 3, day, 10, 0, 0, TimeSpan.Zero),
        };
        set(item);
        return item;
    }
}

/// <summary>The evidence appendix read back with pdftotext: what each score rests on, and nothing that was removed.</summary>
public class EvidenceAppendixPdfTests(EvidenceSample sample) : IClassFixture<EvidenceSample>
{
    private string AppendixText
    {
        get
        {
            // Raw order keeps a hyphen where a long address breaks (the default output joins "open-" and "data" into "opendata").
            var first = sample.Layout.Anchor("appendix-evidence").PageIndex + 1;
            return string.Concat(Enumerable.Range(first, sample.Layout.Pages.Count - first + 1).Select(page => sample.Poppler.Text(page, raw: true)));
        }
    }

    private string CompactAppendix => RenderedReport.Compact(AppendixText);

    [Fact]
    public void The_appendix_is_a_chapter_in_the_contents_after_the_other_appendix()
    {
        var anchors = sample.Layout.Anchors.Select(a => a.Key).ToList();
        Assert.Equal("appendix-evidence", anchors[^1]);
        Assert.True(sample.Layout.Anchor("appendix-evidence").PageIndex > sample.Layout.Anchor("appendix-decisions").PageIndex);
        Assert.Contains(sample.Report.Labels.EvidenceAppendix, sample.Poppler.Text(2));
    }

    [Fact]
    public void It_counts_the_characteristics_with_evidence_and_values()
    {
        var text = RenderedReport.Compact(AppendixText);
        Assert.Contains(RenderedReport.Compact("2 of 32 characteristics have evidence items (4 items in all); 2 have published indicator values."), text);
    }

    [Fact]
    public void A_document_shows_its_name_type_size_and_full_sha256()
    {
        var text = CompactAppendix;
        Assert.Contains("Document:Digitalstrategy2025.pdf(application/pdf,47.1kB,SHA-256" + Convert.ToHexStringLower(EvidenceReports.DocumentHash) + ")", text);
        Assert.Contains(RenderedReport.Compact("added by the facilitators, 2 March 2026"), text);
    }

    [Fact]
    public void A_long_link_wraps_but_keeps_every_character_and_says_it_came_from_a_participant()
    {
        var text = CompactAppendix;
        Assert.Contains("Link:" + EvidenceReports.LongLink, text);
        Assert.Contains(RenderedReport.Compact("added on a participant's answer, 3 March 2026"), text);
    }

    [Fact]
    public void An_indicator_reference_shows_its_published_value_or_says_there_is_none()
    {
        var text = CompactAppendix;
        Assert.Contains(RenderedReport.Compact("Indicator value: L1.1.1 (2024), published value 42.5 % (2024) · added on a consensus decision"), text);
        Assert.Contains(RenderedReport.Compact("Indicator value: L1.1.2 (2019), no published value for that year"), text);
    }

    [Fact]
    public void Linked_indicators_show_the_latest_value_its_change_in_words_and_the_source()
    {
        var text = CompactAppendix;
        // Worded as the rating card, the console and the presenter word it (IndicatorTrend), the earlier value with its unit.
        Assert.Contains(RenderedReport.Compact("L1.1.1 Services available online end to end: 42.5 % (2024; up from 38 % in 2023: better) · Source: City statistics office"), text);
        Assert.Contains(RenderedReport.Compact("EN: EN: EQ: 2A Noise exposure: 18 % (2024; unchanged since 2022)"), text);
        Assert.Contains(RenderedReport.Compact("EC: ICT: ICT: 1C Household internet access: 87 % (2025)"), text);
    }

    [Fact]
    public void Removed_items_are_left_out_and_characteristics_without_evidence_are_named_by_code()
    {
        var text = AppendixText;
        Assert.DoesNotContain("removed.example", text);
        var without = sample.Report.Evidence.WithoutEvidence.Select(c => c.Code).ToList();
        Assert.Equal(29, without.Count);
        Assert.Contains("3.1.1", without);
        Assert.Contains(RenderedReport.Compact($"Without evidence (29): {string.Join(", ", without)}."), CompactAppendix);
    }

    [Fact]
    public void Each_characteristic_with_evidence_gets_a_heading_with_its_score_now()
    {
        var text = CompactAppendix;
        var format = sample.Format;
        foreach (var characteristic in sample.Report.Evidence.Characteristics.Where(c => c.HasEvidence))
        {
            Assert.Contains(RenderedReport.Compact($"{characteristic.Code} {characteristic.Title}Score now {format.Score(characteristic.Now)}"), text);
        }
    }

    [Fact]
    public void A_report_without_evidence_says_so()
    {
        using var plain = new BaselineSample();
        var first = plain.Layout.Anchor("appendix-evidence").PageIndex + 1;
        var text = RenderedReport.Compact(plain.Poppler.Text(first));
        Assert.DoesNotContain(RenderedReport.Compact("characteristics have evidence items"), text);
        Assert.Contains(RenderedReport.Compact(plain.Report.Labels.EvidenceNone), text);
    }
}
