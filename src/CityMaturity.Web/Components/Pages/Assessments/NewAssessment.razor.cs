using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace CityMaturity.Web.Components.Pages.Assessments;

public partial class NewAssessment
{
    [Parameter] public string Slug { get; set; } = string.Empty;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private Organisation? _organisation;
    private string _name = string.Empty;
    private string _community = string.Empty;
    private string _purpose = "baseline-review";
    private AssessmentMethod _method = AssessmentMethod.MultiStakeholder;
    private DateOnly? _deadline;
    private HashSet<string> _scope = [];
    private string _groups = string.Join('\n', AssessmentVocabulary.DefaultGroups);
    private readonly Dictionary<string, MaturityLevel> _targets = new(StringComparer.Ordinal);
    private string? _error;

    protected override async Task OnParametersSetAsync()
    {
        _organisation = await Access.FindAsync((await AuthenticationState).User, Slug, Permission.ManageAssessments);
        if (_organisation is null)
        {
            Navigation.NotFound();
            return;
        }

        _community = _organisation.Name;
        _scope = [.. Catalogue.Characteristics.Select(c => c.Code)];
    }

    private void Toggle(string code, bool included)
    {
        if (included)
        {
            _scope.Add(code);
        }
        else
        {
            _scope.Remove(code);
        }
    }

    private string TargetValue(string code) =>
        _targets.TryGetValue(code, out var level) ? level.Number().ToString(CultureInfo.InvariantCulture) : string.Empty;

    private void SetTarget(string code, string? value)
    {
        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && MaturityLevels.TryFromNumber(number, out var level))
        {
            _targets[code] = level;
        }
        else
        {
            _targets.Remove(code);
        }
    }

    private async Task CreateAsync()
    {
        var user = (await AuthenticationState).User;
        if (_organisation is null || !await Access.IsAllowedAsync(user, _organisation.Id, Permission.ManageAssessments))
        {
            _error = "You may no longer create assessments here.";
            return;
        }

        try
        {
            // Targets of characteristics unticked after their target was chosen are left out, not refused.
            var targets = _targets.Where(t => _scope.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
            var request = new CityMaturity.Application.Assessments.NewAssessment(
                _name, _community, _purpose, _method, [.. _scope], _deadline, _groups.Split('\n'), targets);
            var assessment = await Assessments.CreateAsync(_organisation.Id, request, user.UserId());
            Navigation.NavigateTo($"orgs/{_organisation.Slug}/assessments/{assessment.Id}");
        }
        catch (CityMaturity.Application.Organisations.ValidationException e)
        {
            _error = e.Message;
        }
    }
}
