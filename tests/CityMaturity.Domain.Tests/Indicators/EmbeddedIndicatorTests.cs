using System.Globalization;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Domain.Tests.Indicators;

/// <summary>The frameworks and links we ship load, and hold what docs/evidence.md says they hold.</summary>
public class EmbeddedIndicatorTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();
    private static readonly IndicatorLibrary Library = IndicatorLoader.LoadEmbedded(Catalogue);

    [Fact]
    public void Iso_iec_30146_has_the_52_third_level_indicators_of_the_source_from_L1_1_1_to_L6_1_1()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;

        Assert.Equal(52, framework.Indicators.Count);
        Assert.Equal("L1.1.1", framework.Indicators[0].Code);
        Assert.Equal("L6.1.1", framework.Indicators[^1].Code);
        Assert.Equal(8, framework.Indicators.Count(i => i.Code.StartsWith("L4.3.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Iso_iec_30146_names_the_parts_the_source_lacked_instead_of_inventing_them()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;

        Assert.Contains(framework.IncompleteParts, p => p.StartsWith("7.6.1", StringComparison.Ordinal));
        Assert.Contains(framework.IncompleteParts, p => p.StartsWith("7.6.2", StringComparison.Ordinal));
        Assert.DoesNotContain(framework.Indicators, i => i.GroupCode == "L6.2");
    }

    [Fact]
    public void The_city_model_indicators_keep_the_standards_L4_3_codes_under_clause_7_4_2()
    {
        var framework = Library.FindFramework("iso-iec-30146")!;
        var cityModel = Library.Find("L4.3.2")!;

        Assert.Equal("L4.2", cityModel.GroupCode);
        Assert.Equal(["capability", "L4", "L4.2"], framework.PathTo(cityModel.GroupCode).Select(g => g.Code));
        Assert.Contains("L4.3.x", cityModel.Note, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_indicator_is_found_by_its_code_in_any_case_and_by_its_url_form()
    {
        foreach (var indicator in Library.Indicators)
        {
            Assert.Same(indicator, Library.Find(indicator.Code.ToLowerInvariant()));
            Assert.Same(indicator, Library.FindBySlug(indicator.Slug));
        }
    }

    [Fact]
    public void The_u4ssc_framework_has_all_91_kpis_across_three_dimensions_with_core_or_advanced_from_the_code()
    {
        var framework = Library.FindFramework("u4ssc-kpi")!;

        Assert.Equal(91, framework.Indicators.Count);
        Assert.Equal(["EC", "EN", "SC"], framework.Groups.Where(g => g.ParentCode is null).Select(g => g.Code));
        Assert.Equal(7, framework.Groups.Count(g => g.Kind == "sub-dimension"));
        Assert.All(framework.Indicators, i => Assert.Equal(i.Code.EndsWith('C') ? IndicatorTier.Core : IndicatorTier.Advanced, i.Tier));
        Assert.All(framework.Indicators, i => Assert.Equal("category", framework.FindGroup(i.GroupCode)!.Kind));
        Assert.Equal(IndicatorFocus.Smart, Library.Find("EC: ICT: ICT: 1C")!.Focus);
        // 17.8 as the verification manual's page was read; 17.8.1 as the collection methodology's page 23 cites it.
        Assert.Equal(["17.8", "17.8.1"], Library.Find("EC: ICT: ICT: 1C")!.SdgTargets);
    }

    [Fact]
    public void U4ssc_types_and_sdg_references_are_those_read_in_the_itu_publications_and_only_those()
    {
        var framework = Library.FindFramework("u4ssc-kpi")!;
        var typed = framework.Indicators.Where(i => i.Focus is not null).ToList();

        // Read in the ITU collection methodology (2017) and verification manual (2022); see docs/evidence.md.
        Assert.Equal(IndicatorFocus.Structural, Library.Find("EC: P: EM: 1C")!.Focus);
        Assert.Equal(IndicatorFocus.Sustainable, Library.Find("EN: EN: AQ: 1C")!.Focus);
        Assert.Equal(["11.6", "11.6.2"], Library.Find("EN: EN: AQ: 1C")!.SdgTargets);
        Assert.Equal(["16.6", "16.7"], Library.Find("EC: ICT: PS: 3A")!.SdgTargets);
        Assert.Equal(["11.2"], Library.Find("EC: ICT: T: 3A")!.SdgTargets);
        Assert.Equal(IndicatorFocus.Structural, Library.Find("SC: SH: SA: 9C")!.Focus);
        Assert.Equal(40, typed.Count);
        Assert.Equal(22, framework.Indicators.Count(i => i.SdgTargets.Count > 0));
        Assert.Contains(typed, i => i.Focus == IndicatorFocus.Smart);
        Assert.Contains(typed, i => i.Focus == IndicatorFocus.Sustainable);
        // The framework says which KPIs are typed, so a reader can tell "unknown" from "not classified".
        Assert.All(typed, i => Assert.Contains(i.Code, framework.IncompleteParts[0], StringComparison.Ordinal));
        Assert.All(framework.Indicators.Where(i => i.SdgTargets.Count > 0), i => Assert.Contains(i.Code, framework.IncompleteParts[1], StringComparison.Ordinal));
        Assert.All(Library.Frameworks.Where(f => f.Key != "u4ssc-kpi").SelectMany(f => f.Indicators), i => Assert.Null(i.Focus));
    }

    [Fact]
    public void U4ssc_kpi_pages_read_on_2026_12_02_give_these_types_and_sdg_references()
    {
        // Collection methodology p79, p54, p68, p83, p103; verification manual p36, p56, p75, p93, p123 (docs/evidence.md).
        Assert.Equal(IndicatorFocus.Sustainable, Library.Find("EN: EN: WS: 3C")!.Focus);
        Assert.Equal(IndicatorFocus.Smart, Library.Find("EN: EN: EQ: 1C")!.Focus);
        Assert.Equal(IndicatorFocus.Structural, Library.Find("EC: I: ES: 1C")!.Focus);
        Assert.Equal(["7.1"], Library.Find("EC: I: ES: 1C")!.SdgTargets);
        Assert.Equal(IndicatorFocus.Sustainable, Library.Find("EC: I: UP: 2A")!.Focus);
        Assert.Equal(["11.a.1", "11.3"], Library.Find("EC: I: UP: 2A")!.SdgTargets);
        Assert.Equal(IndicatorFocus.Structural, Library.Find("SC: EH: H: 2C")!.Focus);
        Assert.Equal(["3.1.1"], Library.Find("SC: EH: H: 2C")!.SdgTargets);
        Assert.Equal(["17.6.2", "17.8.1"], Library.Find("EC: ICT: ICT: 2C")!.SdgTargets);
        // Only the second page of R&D spending was found: its SDG line, not its type.
        Assert.Equal(["9.5.1"], Library.Find("EC: P: IN: 1C")!.SdgTargets);
        Assert.Null(Library.Find("EC: P: IN: 1C")!.Focus);
    }

    [Fact]
    public void U4ssc_kpi_pages_read_in_the_second_pass_of_2026_12_02_give_these_types_and_sdg_references()
    {
        // Collection methodology p113 and p118, verification manual p143 (docs/evidence.md).
        Assert.Equal(IndicatorFocus.Structural, Library.Find("SC: SH: SI: 1C")!.Focus);
        Assert.Empty(Library.Find("SC: SH: SI: 1C")!.SdgTargets);
        Assert.Equal(["4.2", "5.5", "10.4"], Library.Find("SC: SH: SI: 5A")!.SdgTargets);
        // The two publications print different types for childcare (sustainable in 2017, structural in 2022):
        // no type rather than a choice between them, and the framework says why.
        Assert.Null(Library.Find("SC: SH: SI: 5A")!.Focus);
        Assert.Contains("SC: SH: SI: 5A, was read in both and the two differ", Library.FindFramework("u4ssc-kpi")!.IncompleteParts[0], StringComparison.Ordinal);
    }

    [Fact]
    public void The_iso_37120_codes_carry_the_standard_and_edition_so_they_cannot_collide()
    {
        var framework = Library.FindFramework("iso-37120")!;

        Assert.All(framework.Indicators, i => Assert.StartsWith("ISO37120:2014 ", i.Code, StringComparison.Ordinal));
        Assert.NotEmpty(framework.IncompleteParts);
    }

    /// <summary>
    /// The 2014 edition whole: 17 themes (clauses 5 to 21), 100 indicators, 46 core and 54 supporting, as the public
    /// ISO 37120 ontology and table of contents number them (docs/evidence.md); each indicator sits in the theme its
    /// clause number names, and the numbers run 1, 2, 3 … within a theme without a gap or a repeat.
    /// </summary>
    [Fact]
    public void Iso_37120_has_the_17_themes_and_100_core_and_supporting_indicators_of_the_2014_edition()
    {
        var framework = Library.FindFramework("iso-37120")!;
        var clauses = framework.Indicators.Select(i => i.Code["ISO37120:2014 ".Length..]).ToList();

        Assert.Equal(Enumerable.Range(5, 17).Select(n => n.ToString(CultureInfo.InvariantCulture)), framework.Groups.Select(g => g.Code));
        Assert.All(framework.Groups, g => Assert.Equal("theme", g.Kind));
        Assert.Equal(100, framework.Indicators.Count);
        Assert.Equal(46, framework.Indicators.Count(i => i.Tier == IndicatorTier.Core));
        Assert.Equal(54, framework.Indicators.Count(i => i.Tier == IndicatorTier.Supporting));
        Assert.Equal(clauses.Count, clauses.Distinct(StringComparer.Ordinal).Count());
        Assert.All(framework.Indicators.Zip(clauses), pair => Assert.Equal(pair.Second.Split('.')[0], pair.First.GroupCode));
        foreach (var theme in clauses.GroupBy(c => c.Split('.')[0]))
        {
            Assert.Equal(Enumerable.Range(1, theme.Count()), theme.Select(c => int.Parse(c.Split('.')[1], CultureInfo.InvariantCulture)).Order());
        }

        Assert.Equal(["7.1", "7.2", "7.3", "7.4"], clauses.Where(c => c.StartsWith("7.", StringComparison.Ordinal) && Library.Find("ISO37120:2014 " + c)!.Tier == IndicatorTier.Core));
        Assert.Contains(framework.IncompleteParts, p => p.Contains("2018", StringComparison.Ordinal) && p.Contains("not included", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_shipped_indicator_has_a_unit_a_definition_and_a_ratio_that_a_percentage_or_per_100_000_unit_implies()
    {
        Assert.All(Library.Indicators, i =>
        {
            Assert.False(string.IsNullOrWhiteSpace(i.Unit), i.Code);
            Assert.False(string.IsNullOrWhiteSpace(i.Definition), i.Code);
            Assert.True(Enum.IsDefined(i.Direction), i.Code);
            if (i.Calculation is { } calculation && i.Unit.Contains("per 100 000", StringComparison.Ordinal))
            {
                Assert.Equal(100_000m, calculation.Multiplier);
            }
        });
        Assert.All(Library.FindFramework("iso-37120")!.Indicators, i => Assert.NotNull(i.Tier));
    }

    /// <summary>
    /// Issue 17: an auditor has something to check for every value. Every indicator of every shipped framework has
    /// verification notes; where it is a ratio, one note recomputes it from its own numerator and denominator, and one
    /// asks for the year and the source.
    /// </summary>
    [Fact]
    public void Every_shipped_indicator_has_verification_notes_that_recompute_its_ratio_and_ask_for_year_and_source()
    {
        Assert.All(Library.Indicators, i =>
        {
            Assert.True(i.VerificationNotes.Count >= 2, $"{i.Code} has {i.VerificationNotes.Count} verification notes");
            Assert.Contains(i.VerificationNotes, n => n.Contains("reporting year", StringComparison.Ordinal) && n.Contains("source", StringComparison.Ordinal));
            if (i.Calculation is { } calculation)
            {
                Assert.Contains(i.VerificationNotes, n => n.StartsWith("Recompute: " + calculation.Numerator + " ÷ " + calculation.Denominator, StringComparison.Ordinal));
            }

            if (i.ValueType == IndicatorValueType.Percentage)
            {
                Assert.Contains(i.VerificationNotes, n => n.Contains("between 0 and 100", StringComparison.Ordinal));
            }
        });
        Assert.Equal(91, Library.FindFramework("u4ssc-kpi")!.Indicators.Count(i => i.VerificationNotes.Count > 0));
    }

    [Fact]
    public void The_u4ssc_notes_read_in_the_verification_manual_keep_their_kpi_specific_checks_first()
    {
        var electricity = Library.Find("EC: I: ES: 3C")!;
        var internet = Library.Find("EC: ICT: ICT: 1C")!;

        Assert.StartsWith("Households, not inhabitants", electricity.VerificationNotes[0], StringComparison.Ordinal);
        Assert.Contains(electricity.VerificationNotes, n => n.Contains("electricity utility", StringComparison.Ordinal));
        Assert.Contains(internet.VerificationNotes, n => n.Contains("ITU's national statistics", StringComparison.Ordinal));
        Assert.Contains("all 91 KPIs", Library.FindFramework("u4ssc-kpi")!.IncompleteParts[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Every_link_resolves_to_an_indicator_and_a_characteristic_and_has_a_rationale()
    {
        var characteristics = Catalogue.Characteristics.Select(c => c.Code).ToHashSet();

        Assert.NotEmpty(Library.Links);
        Assert.All(Library.Links, link =>
        {
            Assert.NotNull(Library.Find(link.IndicatorCode));
            Assert.Contains(link.CharacteristicCode, characteristics);
            Assert.False(string.IsNullOrWhiteSpace(link.Rationale));
        });
    }

    [Fact]
    public void No_indicator_links_to_more_than_a_handful_of_characteristics()
    {
        var most = Library.Links.GroupBy(l => l.IndicatorCode).MaxBy(g => g.Count())!;

        Assert.True(most.Count() <= 3, $"{most.Key} links to {most.Count()} characteristics");
    }

    /// <summary>
    /// Characteristics about management practice (leadership skills, benefit mapping, tracking and delivery) are
    /// evidenced by documents, not by a city indicator; every other characteristic has at least one indicator.
    /// </summary>
    [Fact]
    public void Every_characteristic_with_plausible_quantitative_evidence_has_some()
    {
        string[] documentOnly = ["1.2.3", "1.5.1", "1.5.2", "1.5.3"];

        var without = Catalogue.Characteristics.Select(c => c.Code).Where(c => Library.LinksFor(c).Count == 0);

        Assert.Equal(documentOnly, without);
    }

    [Fact]
    public void Every_framework_says_whose_wording_it_uses()
    {
        Assert.Equal(3, Library.Frameworks.Count);
        Assert.All(Library.Frameworks, f => Assert.Contains("paraphrase", f.WordingSource, StringComparison.Ordinal));
    }
}

