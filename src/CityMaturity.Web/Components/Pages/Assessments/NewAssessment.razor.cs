using System.Globalization;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Web.Components.Shared;
using CityMaturity.Web.Security;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Request = CityMaturity.Application.Assessments.NewAssessment;

namespace CityMaturity.Web.Components.Pages.Assessments;

public partial class NewAssessment
{
    [Parameter] public string Slug { get; set; } = string.Empty;
    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;
    [Inject] private FluentValidation.IValidator<Request> Validator { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    // The validator's property names, and the form's own one for the date it could not read.
    private const string NameField = nameof(Request.Name);
    private const string CommunityField = nameof(Request.Community);
    private const string PurposeField = nameof(Request.Purpose);
    private const string ScopeField = nameof(Request.Scope);
    private const string GroupsField = nameof(Request.GroupsToCreate);
    private const string TargetsField = nameof(Request.Targets);
    private const string DeadlineField = "Deadline";

    private Organisation? _organisation;
    private string _name = string.Empty;
    private string _community = string.Empty;
    private string _purpose = "baseline-review";
    private AssessmentMethod _method = AssessmentMethod.MultiStakeholder;
    private string? _deadline;
    private HashSet<string> _scope = [];
    private string _groups = string.Join('\n', AssessmentVocabulary.DefaultGroups);
    private readonly Dictionary<string, MaturityLevel> _targets = new(StringComparer.Ordinal);
    private Dictionary<string, string> _errors = new(StringComparer.Ordinal);
    private bool _submitted;

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

        Revalidate();
    }

    private int TargetOf(string code) => _targets.TryGetValue(code, out var level) ? level.Number() : TargetLevelSelect.NoTarget;

    private void SetTarget(string code, int number)
    {
        if (MaturityLevels.TryFromNumber(number, out var level))
        {
            _targets[code] = level;
        }
        else
        {
            _targets.Remove(code);
        }

        Revalidate();
    }

    private bool HasError(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    /// <summary>The request as the service receives it; null (with the message under the field) when the date cannot be read.</summary>
    private Request? BuildRequest(out DateOnly? deadline)
    {
        deadline = null;
        if (!string.IsNullOrWhiteSpace(_deadline))
        {
            if (!DateOnly.TryParseExact(_deadline, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return null;
            }

            deadline = date;
        }

        // Targets of characteristics unticked after their target was chosen are left out, not refused.
        var targets = _targets.Where(t => _scope.Contains(t.Key)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        return new Request(_name, _community, _purpose, _method, [.. _scope], deadline, _groups.Split('\n'), targets);
    }

    /// <summary>Runs the service's validator and keeps its first message per field. Until the first submit nothing is shown.</summary>
    private bool Validate(out Request? request)
    {
        _errors = new(StringComparer.Ordinal);
        request = BuildRequest(out _);
        if (request is null)
        {
            _errors[DeadlineField] = "Enter the deadline as a date, or leave it empty.";
            return false;
        }

        foreach (var failure in Validator.Validate(request).Errors)
        {
            _errors.TryAdd(failure.PropertyName, failure.ErrorMessage);
        }

        return _errors.Count == 0;
    }

    /// <summary>After a refused submit, each change shows at once whether its field is now right.</summary>
    private void Revalidate()
    {
        if (_submitted)
        {
            Validate(out _);
        }
    }

    private async Task CreateAsync()
    {
        var user = (await AuthenticationState).User;
        if (_organisation is null || !await Access.IsAllowedAsync(user, _organisation.Id, Permission.ManageAssessments))
        {
            Snackbar.Add("You may no longer create assessments here.", Severity.Error, options => options.RequireInteraction = true);
            return;
        }

        _submitted = true;
        if (!Validate(out var request) || request is null)
        {
            Snackbar.Add("The assessment is not saved yet: see the messages under the fields.", Severity.Error);
            return;
        }

        try
        {
            // The service validates again with the same validator: its answer is the one that counts.
            var assessment = await Assessments.CreateAsync(_organisation.Id, request, user.UserId());
            Snackbar.Add($"Assessment “{assessment.Name}” saved.", Severity.Success);
            Navigation.NavigateTo($"orgs/{_organisation.Slug}/assessments/{assessment.Id}");
        }
        catch (CityMaturity.Application.Organisations.ValidationException e)
        {
            Snackbar.Add(e.Message, Severity.Error, options => options.RequireInteraction = true);
        }
    }
}
