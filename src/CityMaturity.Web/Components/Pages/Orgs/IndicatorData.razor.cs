using System.Globalization;
using System.Security.Claims;
using CityMaturity.Domain;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Indicators;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace CityMaturity.Web.Components.Pages.Orgs;

public partial class IndicatorData
{
    [Parameter] public string Slug { get; set; } = string.Empty;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private OrganisationAccess Access { get; set; } = default!;
    [Inject] private IndicatorDataService Data { get; set; } = default!;
    [Inject] private IndicatorLibrary Library { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    private Organisation? _organisation;
    private ClaimsPrincipal _user = new();
    private bool _canEdit;
    private int _year;
    private string _frameworkKey = string.Empty;
    private string _filter = string.Empty;
    private List<EditRow> _rows = [];
    private List<string> _importProblems = [];
    private bool _publishImported;
    private MudFileUpload<IBrowserFile>? _upload;
    private bool _saving;
    private bool _reading;
    private string? _selectedCode;

    private int CurrentYear => Clock.GetUtcNow().Year;

    /// <summary>The years offered: this one and the fifteen before (older years can still be imported).</summary>
    private IEnumerable<int> Years => Enumerable.Range(0, 16).Select(back => CurrentYear - back);

    private IndicatorFramework? Framework => Library.FindFramework(_frameworkKey);

    private IEnumerable<EditRow> VisibleRows => _rows.Where(r =>
        string.IsNullOrWhiteSpace(_filter)
        || r.Indicator.Code.Contains(_filter.Trim(), StringComparison.OrdinalIgnoreCase)
        || r.Indicator.Name.Contains(_filter.Trim(), StringComparison.OrdinalIgnoreCase));

    private int ChangedCount => _rows.Count(r => r.IsChanged);

    private bool HoldsUnsavedRows => _canEdit && ChangedCount > 0;

    private string? UnsavedHint => HoldsUnsavedRows ? $"Save or discard the changes to {_year} first." : null;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await AuthenticationState).User;
        _organisation = await Access.FindAsync(_user, Slug, Permission.ViewOrganisation);
        if (_organisation is null)
        {
            Navigation.NotFound();
            return;
        }

        _canEdit = await Access.IsAllowedAsync(_user, _organisation.Id, Permission.EditIndicatorData);
        _year = _year == 0 ? CurrentYear - 1 : _year;
        _frameworkKey = _frameworkKey.Length == 0 ? await KeptFrameworkAsync(_organisation.Id) : _frameworkKey;
        await LoadYearAsync();
    }

    /// <summary>
    /// The framework the page opens on: the one the city keeps most figures for (a data officer returns to their own
    /// numbers), else the first loaded.
    /// </summary>
    private async Task<string> KeptFrameworkAsync(Guid organisationId)
    {
        var held = await Data.LatestAsync(organisationId, includeDrafts: true);
        return held.Keys
            .Select(code => Library.Find(code)?.FrameworkKey)
            .OfType<string>()
            .GroupBy(key => key)
            .OrderByDescending(group => group.Count())
            .Select(group => group.Key)
            .FirstOrDefault() ?? (Library.Frameworks.Count > 0 ? Library.Frameworks[0].Key : string.Empty);
    }

    private async Task LoadYearAsync()
    {
        if (_organisation is null || Framework is not { } framework)
        {
            _rows = [];
            return;
        }

        // The old rows go before the read: shown under the new year's heading, a value typed into them would be lost.
        _rows = [];
        _reading = true;
        try
        {
            var stored = (await Data.YearAsync(_organisation.Id, _year)).ToDictionary(v => v.IndicatorCode, StringComparer.OrdinalIgnoreCase);
            _rows = [.. framework.Indicators.Select(indicator => new EditRow(indicator, stored.GetValueOrDefault(indicator.Code)))];
        }
        finally
        {
            _reading = false;
        }
    }

    /// <summary>Puts every row back to what the database holds for the year, without reading it again.</summary>
    private void DiscardChanges() => _rows = [.. _rows.Select(row => new EditRow(row.Indicator, row.Stored))];

    private async Task ChangeYearAsync(int year)
    {
        _year = year;
        await LoadYearAsync();
    }

    private async Task ChangeFrameworkAsync(string key)
    {
        _frameworkKey = key;
        _selectedCode = null;
        await LoadYearAsync();
    }

    private async Task SaveAsync()
    {
        if (_organisation is null || _saving)
        {
            return;
        }

        if (!await Access.IsAllowedAsync(_user, _organisation.Id, Permission.EditIndicatorData))
        {
            Snackbar.Add("You may no longer edit this organisation's indicator data.", Severity.Error, o => o.RequireInteraction = true);
            return;
        }

        var changed = _rows.Where(r => r.IsChanged).ToList();
        changed.ForEach(r => r.Problems = []);
        var edits = new List<IndicatorEdit>();
        foreach (var row in changed)
        {
            if (row.ToEdit() is { } edit)
            {
                edits.Add(edit);
            }
        }

        if (changed.Any(r => r.Problems.Count > 0))
        {
            Snackbar.Add($"Nothing was saved: {Counted.Of(changed.Count(r => r.Problems.Count > 0), "row")} need correcting (see the messages in the table).", Severity.Error, o => o.RequireInteraction = true);
            return;
        }

        if (edits.Count == 0)
        {
            Snackbar.Add("Nothing to save: no value was changed.", Severity.Info);
            return;
        }

        _saving = true;
        try
        {
            var result = await Data.SaveYearAsync(_organisation.Id, _year, edits, _user.UserId());
            if (!result.Succeeded)
            {
                foreach (var row in changed)
                {
                    row.Problems = [.. result.Problems.GetValueOrDefault(row.Indicator.Code, []).Select(p => p.ToString())];
                }

                Snackbar.Add(result.Refusal!.Message, Severity.Error, o => o.RequireInteraction = true);
                return;
            }

            await LoadYearAsync();
            var held = _rows.Count(r => r.Stored is not null);
            Snackbar.Add(string.Create(CultureInfo.InvariantCulture,
                $"Saved {_year}: {result.Created} added, {result.Changed} changed, {result.Removed} removed. The database now holds {Counted.Of(held, "value")} of {Framework?.Code} for {_year}."),
                Severity.Success);
        }
        finally
        {
            _saving = false;
        }
    }

    private string FrameworkText(string key) => Library.FindFramework(key) is { } framework ? $"{framework.Code} — {framework.Name}" : key;

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        try
        {
            await ImportFileAsync(e.File);
        }
        finally
        {
            if (_upload is not null)
            {
                await _upload.ClearAsync();
            }
        }
    }

    private async Task ImportFileAsync(IBrowserFile file)
    {
        if (_organisation is null || !await Access.IsAllowedAsync(_user, _organisation.Id, Permission.EditIndicatorData))
        {
            Snackbar.Add("You may no longer edit this organisation's indicator data.", Severity.Error, o => o.RequireInteraction = true);
            return;
        }

        // One byte over the limit lets the parser say "too large" instead of the upload failing silently.
        using var buffer = new MemoryStream();
        try
        {
            await using var upload = file.OpenReadStream(IndicatorValuesCsv.DefaultMaxBytes + 1);
            await upload.CopyToAsync(buffer);
        }
        catch (IOException)
        {
            _importProblems = [$"{file.Name} is larger than 5 MB: nothing was imported."];
            return;
        }

        buffer.Position = 0;
        var result = await Data.ImportAsync(_organisation.Id, buffer, _user.UserId(), _publishImported ? IndicatorValueStatus.Published : null);
        _importProblems = [.. result.Problems.Select(p => p.ToString())];
        if (result.Succeeded)
        {
            Snackbar.Add($"Imported {file.Name}: {result.Created} added, {result.Changed} changed, {result.Unchanged} unchanged.", Severity.Success);
            await LoadYearAsync();
        }
        else
        {
            Snackbar.Add($"{file.Name} was not imported: {Counted.Of(result.Problems.Count, "problem")}. Nothing was written.", Severity.Error, o => o.RequireInteraction = true);
        }
    }

    private static string Show(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    /// <summary>One indicator's row of the year table: what is stored and what the person typed, as text until saved.</summary>
    private sealed class EditRow
    {
        public EditRow(Indicator indicator, IndicatorValue? stored)
        {
            Indicator = indicator;
            Stored = stored;
            Value = Show(stored?.Value);
            Unit = stored?.Unit ?? indicator.Unit;
            Numerator = Show(stored?.Numerator);
            Denominator = Show(stored?.Denominator);
            Source = stored?.Source ?? string.Empty;
            Note = stored?.Note ?? string.Empty;
            Status = stored?.Status ?? IndicatorValueStatus.Draft;
        }

        public Indicator Indicator { get; }
        public IndicatorValue? Stored { get; }
        public string Value { get; set; }
        public string Unit { get; set; }
        public string Numerator { get; set; }
        public string Denominator { get; set; }
        public string Source { get; set; }
        public string Note { get; set; }
        public IndicatorValueStatus Status { get; set; }
        public List<string> Problems { get; set; } = [];

        public string DomId => "ind-" + Indicator.Slug;

        public bool IsChanged =>
            Stored is null
                ? Value.Trim().Length > 0
                : Value.Trim().Length == 0 || ToEntryOrNull() is not { } entry || !IndicatorEntry.Of(Stored).SameAs(entry with { Unit = IndicatorValueRules.StoredUnit(Indicator, entry.Unit) });

        /// <summary>The edit to save (an empty value removes a stored one), or null after noting what cannot be read.</summary>
        public IndicatorEdit? ToEdit()
        {
            if (Value.Trim().Length == 0)
            {
                return Stored is null ? null : new IndicatorEdit(Indicator.Code, null, Stored.Version);
            }

            return ToEntryOrNull(Problems) is { } entry ? new IndicatorEdit(Indicator.Code, entry, Stored?.Version) : null;
        }

        private IndicatorEntry? ToEntryOrNull(List<string>? problems = null)
        {
            var value = Number(Value, "value", problems);
            var numerator = Numerator.Trim().Length == 0 ? null : Number(Numerator, "numerator", problems);
            var denominator = Denominator.Trim().Length == 0 ? null : Number(Denominator, "denominator", problems);
            var unreadable = value is null
                || (Numerator.Trim().Length > 0 && numerator is null)
                || (Denominator.Trim().Length > 0 && denominator is null);
            return unreadable ? null : new IndicatorEntry(value!.Value, Unit, numerator, denominator, Source, Note, Status);
        }

        private static decimal? Number(string text, string field, List<string>? problems)
        {
            if (decimal.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return number;
            }

            problems?.Add($"{field}: \"{text.Trim()}\" is not a number; use a point for decimals, e.g. 12.5");
            return null;
        }
    }
}
