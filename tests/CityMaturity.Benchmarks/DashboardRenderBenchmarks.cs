using BenchmarkDotNet.Attributes;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Web.Components.Results;
using CityMaturity.Web.Components.Shared;
using CityMaturity.Web.Components.Evidence;
using CityMaturity.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;

namespace CityMaturity.Benchmarks;

/// <summary>
/// What each section of the leader's dashboard costs the server to render (issue 12: the dashboard's first render
/// within 1.2× of the build before MudBlazor). Blazor's own static renderer (<see cref="HtmlRenderer"/>, as in
/// prerendering) draws the result components from a fixed model the size of the load world: 1,000 participants in the
/// six default groups rating all 32 characteristics, four targets, no evidence. The baseline is the body of figures
/// the dashboard shows, every section below in the page's order, and the layout's MudBlazor hosts (the group filter's
/// list renders into the popover host); each other row is one section alone. The database reads, the rest of the
/// layout and the page's header are not part of it (the load client measures the whole page). "Before h12d" keeps the
/// per-row MudButton the figures' Answers column had, beside the markup written out now, in the same run.
/// </summary>
[MemoryDiagnoser]
[ThreadingDiagnoser]
public class DashboardRenderBenchmarks
{
    private IServiceProvider _services = null!;
    private AssessmentSummary _summary = null!;
    private IReadOnlyList<string> _scope = null!;
    private IReadOnlyDictionary<string, int> _evidence = null!;
    private IReadOnlyList<RadarAxis> _axes = null!;
    private readonly StringWriter _html = new(System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = CatalogueLoader.LoadEmbedded();
        var assessment = new SyntheticAssessment(catalogue, participantCount: 1000);
        _summary = assessment.Summarise();
        _scope = assessment.Assessment.Scope;
        _evidence = new Dictionary<string, int>(StringComparer.Ordinal);
        _axes = [.. _summary.Characteristics.Select(c => new RadarAxis(c.Code, catalogue.GetCharacteristic(c.Code).Title, c.Now.Score, c.InTwoYears.Score, c.Target?.Number()))];
        _services = new ServiceCollection()
            .AddSingleton(catalogue)
            .AddLogging()
            .AddSingleton<Microsoft.JSInterop.IJSRuntime, NoJavaScript>()
            .AddScoped<NavigationManager, DashboardAddress>()
            .AddMudServices()
            .BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        if (_summary.Characteristics.Count != 32 || _summary.Groups.Count != 6 || Body() == 0 || !Html.Contains("characteristic-figures", StringComparison.Ordinal)
            || !Html.Contains("mud-popover-provider", StringComparison.Ordinal))
        {
            throw new InvalidOperationException("the model must have the load world's 32 characteristics in 6 groups, the body all its sections and the layout's MudBlazor hosts");
        }

        Console.WriteLine("// HTML characters: " + string.Join(", ", new (string Name, Func<int> Render)[]
        {
            ("body", Body), ("controls", Controls), ("tiles", Tiles), ("help", Help), ("radar", Radar), ("scores", Scores),
            ("heatmap", Heatmap), ("lists", Lists), ("figures", Figures), ("evidence", Evidence),
        }.Select(s => $"{s.Name} {s.Render():N0}")));
    }

    [Benchmark(Baseline = true, Description = "Baseline: the dashboard's body of figures, every section")]
    public int Body() => Render(b => Sections(b));

    [Benchmark(Description = "Controls: group filter and radar axes switch (MudSelect, MudRadioGroup)")]
    public int Controls() => Render(AddControls);

    [Benchmark(Description = "Group filter as the first render draws it since h12: the closed MudSelect without its list items")]
    public int ClosedSelect() => Render(b => AddSelect(b, items: false));

    [Benchmark(Description = "Group filter with its 7 list items (as live, and as the first render drew it before h12)")]
    public int SelectWithItems() => Render(b => AddSelect(b, items: true));

    [Benchmark(Description = "Headline tiles")]
    public int Tiles() => Render(b => Add<HeadlineTiles>(b, ("Summary", _summary)));

    [Benchmark(Description = "Help for S, IQR, agreement, consensus")]
    public int Help() => Render(AddHelp);

    [Benchmark(Description = "Radar with legend and table (32 axes)")]
    public int Radar() => Render(AddRadar);

    [Benchmark(Description = "Score table")]
    public int Scores() => Render(b => Add<ScoreTable>(b, ("Summary", _summary)));

    [Benchmark(Description = "Heatmap (32 × 6)")]
    public int Heatmap() => Render(b => Add<Heatmap>(b, ("Summary", _summary)));

    [Benchmark(Description = "Reading lists")]
    public int Lists() => Render(b => Add<ReadingLists>(b, ("Summary", _summary)));

    [Benchmark(Description = "Figures per characteristic (32 rows)")]
    public int Figures() => Render(AddFigures);

    [Benchmark(Description = "Evidence coverage (32 rows)")]
    public int Evidence() => Render(AddEvidence);

    [Benchmark(Description = "MudBlazor's hosts in the layout (popover, dialog, snackbar)")]
    public int Hosts() => Render(b => Add<MudProviders>(b));

    [Benchmark(Description = "Before h12d: 32 Answers buttons as MudButtons")]
    public int MudButtons() => Render(b => AddAnswersButtons(b, mud: true));

    [Benchmark(Description = "32 Answers buttons written out (CharacteristicFigures now)")]
    public int PlainButtons() => Render(b => AddAnswersButtons(b, mud: false));

    private void Sections(RenderTreeBuilder builder)
    {
        AddControls(builder);
        Add<HeadlineTiles>(builder, ("Summary", _summary));
        AddHelp(builder);
        AddRadar(builder);
        Add<ScoreTable>(builder, ("Summary", _summary));
        Add<Heatmap>(builder, ("Summary", _summary));
        Add<ReadingLists>(builder, ("Summary", _summary));
        AddFigures(builder);
        AddEvidence(builder);
        Add<MudProviders>(builder);
    }

    /// <summary>One button per characteristic, as the figures' last column draws it (before and since h12d).</summary>
    private void AddAnswersButtons(RenderTreeBuilder builder, bool mud)
    {
        foreach (var code in _scope)
        {
            RenderFragment label = text =>
            {
                text.AddContent(0, "Answers ");
                text.OpenElement(1, "span");
                text.AddAttribute(2, "class", "visually-hidden");
                text.AddContent(3, "to " + code);
                text.CloseElement();
            };
            if (mud)
            {
                builder.OpenComponent<MudButton>(0);
                builder.AddComponentParameter(1, "Variant", Variant.Text);
                builder.AddComponentParameter(2, "Color", Color.Primary);
                builder.AddComponentParameter(3, "Size", Size.Small);
                builder.AddComponentParameter(4, "OnClick", EventCallback.Factory.Create<MouseEventArgs>(this, () => { }));
                builder.AddComponentParameter(5, "ChildContent", label);
                builder.CloseComponent();
                continue;
            }

            builder.OpenElement(10, "button");
            builder.AddAttribute(11, "type", "button");
            builder.AddAttribute(12, "class", "mud-button-root mud-button mud-button-text mud-button-text-primary mud-button-text-size-small mud-ripple");
            builder.AddAttribute(13, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () => { }));
            builder.OpenElement(14, "span");
            builder.AddAttribute(15, "class", "mud-button-label");
            builder.AddContent(16, label);
            builder.CloseElement();
            builder.CloseElement();
        }
    }

    /// <summary>The page's two MudBlazor inputs as the page writes them (the filter lists the six groups).</summary>
    private void AddControls(RenderTreeBuilder builder)
    {
        AddSelect(builder, items: false);
        AddRadios(builder);
    }

    /// <param name="items">The list's items: since h12 the dashboard adds them only once the page is live.</param>
    private void AddSelect(RenderTreeBuilder builder, bool items)
    {
        builder.OpenComponent<MudSelect<string>>(0);
        builder.AddComponentParameter(1, "Value", string.Empty);
        builder.AddComponentParameter(2, "Label", "Participants");
        builder.AddComponentParameter(3, "InputId", "group-filter");
        builder.AddComponentParameter(4, "Variant", Variant.Outlined);
        builder.AddComponentParameter(5, "Margin", Margin.Dense);
        builder.AddComponentParameter(6, "Dense", true);
        builder.AddComponentParameter(7, "ChildContent", (RenderFragment)(list =>
        {
            foreach (var value in items ? _summary.Groups.Select(g => g.Id.ToString()).Prepend(string.Empty) : [])
            {
                list.OpenComponent<MudSelectItem<string>>(0);
                list.AddComponentParameter(1, "Value", value);
                list.CloseComponent();
            }
        }));
        builder.CloseComponent();
    }

    private static void AddRadios(RenderTreeBuilder builder)
    {
        builder.OpenComponent<MudRadioGroup<bool>>(10);
        builder.AddComponentParameter(11, "Value", false);
        builder.AddComponentParameter(12, "Name", "radar-axes");
        builder.AddComponentParameter(13, "ChildContent", (RenderFragment)(radios =>
        {
            foreach (var (value, text) in new[] { (false, "per characteristic"), (true, "per sub-dimension") })
            {
                radios.OpenComponent<MudRadio<bool>>(0);
                radios.AddComponentParameter(1, "Value", value);
                radios.AddComponentParameter(2, "Color", Color.Primary);
                radios.AddComponentParameter(3, "Dense", true);
                radios.AddComponentParameter(4, "ChildContent", (RenderFragment)(t => t.AddContent(0, text)));
                radios.CloseComponent();
            }
        }));
        builder.CloseComponent();
    }

    private static void AddHelp(RenderTreeBuilder builder)
    {
        foreach (var (term, text) in new[] { ("S", FigureTerms.Score), ("IQR", FigureTerms.Iqr), ("agreement", FigureTerms.Agreement), ("consensus", FigureTerms.Consensus) })
        {
            Add<HelpTip>(builder, ("Term", term), ("Text", text));
        }
    }

    private void AddRadar(RenderTreeBuilder builder) => Add<RadarChart>(builder, ("Axes", _axes), ("Title", "Characteristic scores S"));

    private void AddFigures(RenderTreeBuilder builder) =>
        Add<CharacteristicFigures>(builder, ("Summary", _summary), ("OnShowAnswers", EventCallback.Factory.Create<string>(this, _ => { })));

    private void AddEvidence(RenderTreeBuilder builder) => Add<EvidenceCoverage>(builder, ("Scope", _scope), ("Counts", _evidence));

    private static void Add<TComponent>(RenderTreeBuilder builder, params (string Name, object Value)[] parameters)
        where TComponent : IComponent
    {
        builder.OpenComponent<TComponent>(0);
        foreach (var (name, value) in parameters)
        {
            builder.AddComponentParameter(1, name, value);
        }

        builder.CloseComponent();
    }

    /// <summary>
    /// A fresh scope and renderer per render, as each prerendered request gets its own (MudBlazor's popover service is
    /// scoped); the HTML is written to a reused writer, as prerendering writes it to the response, and its length in
    /// characters returned.
    /// </summary>
    private int Render(RenderFragment content) => RenderAsync(content).GetAwaiter().GetResult();

    private async Task<int> RenderAsync(RenderFragment content)
    {
        await using var scope = _services.CreateAsyncScope();
        await using var renderer = new HtmlRenderer(scope.ServiceProvider, NullLoggerFactory.Instance);
        _html.GetStringBuilder().Clear();
        await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<Fragment>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Content"] = content }))).WriteHtmlTo(_html));
        return _html.GetStringBuilder().Length;
    }

    /// <summary>The last render's HTML.</summary>
    private string Html => _html.ToString();

    /// <summary>Renders the fragment it is given: the root for a section or the body.</summary>
    private sealed class Fragment : ComponentBase
    {
        [Parameter] public RenderFragment? Content { get; set; }

        protected override void BuildRenderTree(RenderTreeBuilder builder) => builder.AddContent(0, Content);
    }

    /// <summary>As when prerendering: there is no browser yet, so any call to JavaScript fails.</summary>
    private sealed class NoJavaScript : Microsoft.JSInterop.IJSRuntime
    {
        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
            throw new InvalidOperationException("no JavaScript while prerendering");

        public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args) =>
            throw new InvalidOperationException("no JavaScript while prerendering");
    }

    /// <summary>The address the page is prerendered at (MudBlazor's dialog host asks for it).</summary>
    private sealed class DashboardAddress : NavigationManager
    {
        public DashboardAddress() => Initialize("http://localhost/", "http://localhost/orgs/benchville/assessments/dashboard");
    }
}
