using System.Globalization;
using System.Text.RegularExpressions;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Web.Components.Results;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CityMaturity.Integration.Tests.Results;

/// <summary>
/// The dashboard's radar and reading lists rendered to HTML by Blazor's own static renderer (no browser, no
/// database): a level that is missing is never drawn at the centre, the legend says "not rated", labels stay clear
/// of the markers, and the gaps list reads as words with spaces.
/// </summary>
public sealed partial class ResultComponentRenderingTests
{
    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    private static async Task<string> RenderAsync<TComponent>(Dictionary<string, object?> parameters)
        where TComponent : IComponent
    {
        var services = new ServiceCollection()
            .AddSingleton(Catalogue)
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters))).ToHtmlString());
        if (Environment.GetEnvironmentVariable("DUMP_HTML") is { Length: > 0 } dump)
        {
            File.WriteAllText(Path.Combine(dump, typeof(TComponent).Name + ".html"), html);
        }

        return html;
    }

    private static List<RadarAxis> Axes(int count, Func<int, (decimal? Now, decimal? InTwoYears, decimal? Target)> values) =>
    [
        .. Enumerable.Range(0, count).Select(i =>
        {
            var (now, later, target) = values(i);
            return new RadarAxis($"{(i / 6) + 1}.{(i % 6) + 1}", $"Axis {i}", now, later, target);
        }),
    ];

    [Fact]
    public async Task A_characteristic_not_rated_in_two_years_leaves_a_gap_and_is_named_in_the_legend()
    {
        // Axis 3 has no level in two years (everyone answered "don't know"); drawn as 0 it would sit at the centre.
        var axes = Axes(8, i => (3m, i == 3 ? null : 4m, null));

        var html = await RenderAsync<RadarChart>(new() { ["Axes"] = axes, ["Title"] = "Characteristic scores S" });

        var centre = Centre(html);
        var later = SeriesGroup(html, "in-two-years");
        Assert.DoesNotContain("<polygon", later, StringComparison.Ordinal); // no closed outline across the gap
        var points = PointsOf(later).ToList();
        Assert.NotEmpty(points);
        Assert.All(points, p => Assert.True(Distance(p, centre) > 1, $"A point of 'in two years' is drawn at the centre: {p}."));
        Assert.Equal(7, Regex.Count(later, "class=\"marker in-two-years\"")); // one marker per rated spoke

        var now = SeriesGroup(html, "now");
        Assert.Contains("<polygon", now, StringComparison.Ordinal); // fully rated: a closed outline

        Assert.Matches(@"Not rated \(no point on the spoke\): 1\.4 \(in two years\)", Text(html));
        Assert.DoesNotMatch(@"<title[^>]*>1\.4 in two years", html); // no point, so no point's tooltip
        Assert.Matches(@"<title[^>]*>1\.5 in two years: 4</title>", html);
        Assert.Matches(@"<td[^>]*>not rated</td>", html);
    }

    [Fact]
    public async Task A_series_with_nothing_rated_draws_nothing_at_all()
    {
        var axes = Axes(5, _ => (2m, null, null));

        var html = await RenderAsync<RadarChart>(new() { ["Axes"] = axes, ["Title"] = "t" });

        var later = SeriesGroup(html, "in-two-years");
        Assert.Empty(PointsOf(later));
        Assert.Contains("1.1 (in two years); 1.2 (in two years)", Text(html), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(17)]
    [InlineData(32)]
    public async Task No_marker_at_level_five_touches_an_axis_label(int count)
    {
        var axes = Axes(count, _ => (5m, 5m, 5m));

        var html = await RenderAsync<RadarChart>(new() { ["Axes"] = axes, ["Title"] = "t" });

        var centre = Centre(html).X;
        var labels = LabelPattern().Matches(html).Select(m => RadarGeometry.LabelBox(m.Groups["text"].Value, Parse(m.Groups["x"].Value), Parse(m.Groups["y"].Value), centre)).ToList();
        Assert.Equal(count, labels.Count);
        var chart = html[..html.IndexOf("<figcaption", StringComparison.Ordinal)]; // not the legend's sample diamond
        var markers = DiamondPattern().Matches(chart).Select(m => PointsOf(m.Value).ToList()).ToList();
        Assert.Equal(count, markers.Count);
        foreach (var diamond in markers)
        {
            var (left, top, right, bottom) = (diamond.Min(p => p.X), diamond.Min(p => p.Y), diamond.Max(p => p.X), diamond.Max(p => p.Y));
            Assert.DoesNotContain(labels, l => left < l.Right && right > l.Left && top < l.Bottom && bottom > l.Top);
        }

        // And labels are painted after everything else, so nothing could cover them anyway.
        Assert.True(chart.LastIndexOf("target-marker", StringComparison.Ordinal) < chart.IndexOf("axis-label", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_gaps_list_reads_as_words_with_spaces()
    {
        var summary = GapScenario();
        var html = await RenderAsync<ReadingLists>(new() { ["Summary"] = summary });

        var text = Text(html);
        var title = Catalogue.GetCharacteristic("1.1.1").Title;
        Assert.Contains($"1.1.1 {title} — 3 (target 5) · short by 2", text, StringComparison.Ordinal);
        Assert.Contains($"— 2 · short by 1", text, StringComparison.Ordinal); // 1.2.1: below Fulfilled, no target
        Assert.DoesNotMatch(@"\d\(target", text);
        Assert.DoesNotMatch(@"\)·", text);
    }

    /// <summary>
    /// The figures' Answers buttons are the markup of a small primary text MudButton written out, one component fewer per
    /// row (ADR 0058, amendment). A real MudButton is rendered beside them, so a MudBlazor upgrade that changes its
    /// button's classes fails here instead of silently changing the look.
    /// </summary>
    [Fact]
    public async Task The_answers_buttons_carry_the_classes_of_a_small_primary_text_mud_button_and_name_their_characteristic()
    {
        var summary = GapScenario();
        var figures = await RenderAsync<CharacteristicFigures>(new() { ["Summary"] = summary });
        var mud = await RenderAsync<MudBlazor.MudButton>(new()
        {
            ["Variant"] = MudBlazor.Variant.Text, ["Color"] = MudBlazor.Color.Primary, ["Size"] = MudBlazor.Size.Small,
            ["ChildContent"] = (RenderFragment)(b => b.AddContent(0, "Answers")),
        });

        var expected = ButtonClass().Match(mud);
        Assert.True(expected.Success, mud);
        Assert.Contains("<span class=\"mud-button-label\">Answers</span>", mud, StringComparison.Ordinal);
        var buttons = ButtonClass().Matches(figures);
        Assert.Equal(summary.Characteristics.Count, buttons.Count);
        Assert.All(buttons, b => Assert.Equal(expected.Groups["class"].Value, b.Groups["class"].Value));
        Assert.Matches("<span class=\"mud-button-label\"[^>]*>Answers <span class=\"visually-hidden\"[^>]*>to 1.1.1</span></span></button>", figures);
        Assert.Contains("Answers to 1.2.1", Text(figures), StringComparison.Ordinal);
    }

    /// <summary>1.1.1: everyone expects 3 in two years, target 5 (short by 2); 1.2.1: everyone expects 2, no target (short by 1).</summary>
    private static AssessmentSummary GapScenario()
    {
        var group = Guid.NewGuid();
        var ratings = new List<RatingInput>();
        foreach (var (code, now, later) in new[] { ("1.1.1", MaturityLevel.Improving, MaturityLevel.Fulfilled), ("1.2.1", MaturityLevel.Initial, MaturityLevel.PartiallyFulfilled) })
        {
            ratings.AddRange(Enumerable.Range(0, 3).Select(_ => new RatingInput(Guid.NewGuid(), group, code, LevelAnswer.Of(now), LevelAnswer.Of(later))));
        }

        return AssessmentScorer.Summarise(new AssessmentScoringInput(
            Catalogue, null, [new GroupInput(group, "Everyone")], ratings, [],
            new Dictionary<string, MaturityLevel> { ["1.1.1"] = MaturityLevel.SustainablyOptimising }));
    }

    private static string SeriesGroup(string html, string series)
    {
        var start = html.IndexOf($"data-series=\"{series}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No series group '{series}'.");
        var end = html.IndexOf("data-series=", start + 10, StringComparison.Ordinal);
        var targets = html.IndexOf("target-marker", start, StringComparison.Ordinal);
        var labels = html.IndexOf("axis-label", start, StringComparison.Ordinal);
        var stop = new[] { end, targets, labels }.Where(i => i > 0).DefaultIfEmpty(html.Length).Min();
        return html[start..stop];
    }

    /// <summary>Every point of polygons and polylines, and the centres of dot and square markers, in a piece of SVG.</summary>
    private static IEnumerable<(double X, double Y)> PointsOf(string svg)
    {
        foreach (Match list in Regex.Matches(svg, "points=\"([^\"]*)\""))
        {
            foreach (var pair in list.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var xy = pair.Split(',');
                yield return (Parse(xy[0]), Parse(xy[1]));
            }
        }

        foreach (Match dot in Regex.Matches(svg, "<circle class=\"marker[^\"]*\" cx=\"([^\"]+)\" cy=\"([^\"]+)\""))
        {
            yield return (Parse(dot.Groups[1].Value), Parse(dot.Groups[2].Value));
        }

        foreach (Match square in Regex.Matches(svg, "<rect class=\"marker[^\"]*\" x=\"([^\"]+)\" y=\"([^\"]+)\""))
        {
            yield return (Parse(square.Groups[1].Value) + 3, Parse(square.Groups[2].Value) + 3);
        }
    }

    private static (double X, double Y) Centre(string html)
    {
        var ring = Regex.Match(html, "<circle class=\"ring\" cx=\"([^\"]+)\" cy=\"([^\"]+)\"");
        return (Parse(ring.Groups[1].Value), Parse(ring.Groups[2].Value));
    }

    private static string Text(string html) =>
        System.Net.WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(html, "<[^>]+>", string.Empty), @"\s+", " "));

    private static double Parse(string value) => double.Parse(value, CultureInfo.InvariantCulture);

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    [GeneratedRegex("<text class=\"axis-label\"[^>]* x=\"(?<x>[^\"]+)\" y=\"(?<y>[^\"]+)\"[^>]*>(?<text>[^<]*)</text>")]
    private static partial Regex LabelPattern();

    [GeneratedRegex("<button[^>]*? class=\"(?<class>[^\"]*)\"")]
    private static partial Regex ButtonClass();

    [GeneratedRegex("<polygon class=\"target-marker\" points=\"[^\"]*\"")]
    private static partial Regex DiamondPattern();
}
