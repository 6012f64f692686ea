using FluentValidation;

namespace CityMaturity.Web.Components.Shared;

/// <summary>
/// A form's messages for MudBlazor's <c>Error</c>/<c>ErrorText</c> under each field: the first failure per property of
/// the validator the service itself runs, so the rule lives once. Nothing shows until the first submit; after it, each
/// change re-checks (<see cref="Recheck{T}"/>) so a message goes as soon as its field is right.
/// </summary>
public sealed class FieldErrors
{
    private Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private bool _submitted;

    /// <summary>Runs the validator (marks the form as submitted); true when nothing is refused.</summary>
    public bool Check<T>(IValidator<T> validator, T request)
    {
        _submitted = true;
        _messages = new(StringComparer.Ordinal);
        foreach (var failure in validator.Validate(request).Errors)
        {
            _messages.TryAdd(failure.PropertyName, failure.ErrorMessage);
        }

        return _messages.Count == 0;
    }

    public void Recheck<T>(IValidator<T> validator, T request)
    {
        if (_submitted)
        {
            Check(validator, request);
        }
    }

    /// <summary>A refusal only the service can know (a limit, a duplicate), shown under the field it concerns.</summary>
    public void Refuse(string field, string message) => _messages[field] = message;

    /// <summary>After a successful save: the form starts over, quiet until the next submit.</summary>
    public void Reset()
    {
        _submitted = false;
        _messages = new(StringComparer.Ordinal);
    }

    /// <summary>Whether the form was submitted since it started or was last reset (its messages show).</summary>
    public bool Submitted => _submitted;

    public bool Has(string field) => _messages.ContainsKey(field);

    public string? Of(string field) => _messages.GetValueOrDefault(field);
}
