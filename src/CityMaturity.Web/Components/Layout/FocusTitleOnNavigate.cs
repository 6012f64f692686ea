using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using RouteData = Microsoft.AspNetCore.Components.RouteData;

namespace CityMaturity.Web.Components.Layout;

/// <summary>
/// Moves focus to the page title after every navigation to another page, as <see cref="Microsoft.AspNetCore.Components.Routing.FocusOnNavigate"/>
/// does, but also for pages that render their title only once their data has loaded (the manage page, the
/// dashboard …): the browser waits for the title to appear (wwwroot/js/app.js). The title draws no focus frame (app.css).
/// </summary>
public sealed class FocusTitleOnNavigate : ComponentBase
{
    [Inject] private IJSRuntime Js { get; set; } = default!;

    [Parameter, EditorRequired] public RouteData RouteData { get; set; } = default!;

    [Parameter] public string Selector { get; set; } = "h1";

    private RouteData? _last;
    private bool _pending;

    protected override void OnParametersSet()
    {
        // Another page, or the same page for another organisation or assessment; not a change of the query string alone.
        if (_last is null || _last.PageType != RouteData.PageType || !SameValues(_last.RouteValues, RouteData.RouteValues))
        {
            _pending = true;
        }

        _last = RouteData;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!_pending)
        {
            return;
        }

        _pending = false;
        try
        {
            await Js.InvokeVoidAsync("cityMaturity.focusTitleWhenShown", Selector);
        }
        catch (JSDisconnectedException)
        {
            // The circuit went away meanwhile: there is no page to focus.
        }
    }

    private static bool SameValues(IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var value) && Equals(pair.Value, value));
}
