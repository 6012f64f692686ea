using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Plans;
using FluentValidation;

namespace CityMaturity.Application.Plans;

/// <summary>An indicator that will show progress, as a form or a client sends it (the value and year may be missing).</summary>
public sealed record IndicatorTargetDraft(string IndicatorCode, decimal? TargetValue, int? TargetYear);

/// <summary>What a person fills in for an action: a new one, or the whole of an existing one.</summary>
/// <param name="OwnerUserId">A member of the organisation as owner; or else <paramref name="OwnerName"/>.</param>
/// <param name="OwnerName">An owner typed in (a department, a partner) when no member owns it.</param>
/// <param name="Documents">Codes of the catalogue's helpful documents (Table 3).</param>
public sealed record ActionDraft(
    string CharacteristicCode,
    string Title,
    Guid? OwnerUserId,
    string? OwnerName,
    DateOnly? DueDate,
    ActionStatus Status,
    IReadOnlyList<string> Documents,
    IReadOnlyList<IndicatorTargetDraft> Indicators);

/// <summary>
/// The rules an action obeys on its own (the service adds those that need the database: the characteristic is in the
/// assessment's scope, the owner is a member). Messages say what to do, in the words of the form.
/// </summary>
public sealed class ActionDraftValidator : AbstractValidator<ActionDraft>
{
    public const string TitleRule = "Give the action a title of 1 to 200 characters.";
    public const string OwnerRule = "Name one owner: choose a member or type a name (at most 200 characters), not both.";
    public const string DueDateRule = "Give a due date between 2000-01-01 and 2099-12-31.";

    public ActionDraftValidator(MaturityCatalogue catalogue, IndicatorLibrary library)
    {
        var documents = catalogue.Documents.Select(d => d.Code).ToHashSet(StringComparer.Ordinal);
        RuleFor(a => a.CharacteristicCode).Must(code => catalogue.TryGetCharacteristic(code ?? string.Empty, out _))
            .WithMessage("Choose the characteristic the action is for.");
        RuleFor(a => a.Title).Must(t => (t ?? string.Empty).Trim().Length is > 0 and <= ImprovementAction.MaxTitleLength).WithMessage(TitleRule);
        RuleFor(a => a).Must(a => a.OwnerUserId is null != string.IsNullOrWhiteSpace(a.OwnerName)
                                  && (a.OwnerName ?? string.Empty).Trim().Length <= ImprovementAction.MaxOwnerNameLength)
            .OverridePropertyName("Owner").WithMessage(OwnerRule);
        RuleFor(a => a.DueDate).Must(d => d is { Year: >= 2000 and <= 2099 }).WithMessage(DueDateRule);
        RuleFor(a => a.Status).IsInEnum().WithMessage("Choose a status: planned, in progress, done or dropped.");
        RuleFor(a => a.Documents)
            .Must(d => d.Count <= ImprovementAction.MaxDocuments).WithMessage($"Link at most {ImprovementAction.MaxDocuments} ISO documents.")
            .Must(d => d.All(documents.Contains)).WithMessage("Choose ISO documents from the catalogue's list of documents that help (Table 3).")
            .Must(d => d.Distinct(StringComparer.Ordinal).Count() == d.Count).WithMessage("Each ISO document is linked once.");
        RuleFor(a => a.Indicators)
            .Must(i => i.Count <= ImprovementAction.MaxIndicators).WithMessage($"Link at most {ImprovementAction.MaxIndicators} indicators.")
            .Must(i => i.Select(t => library.Find(t.IndicatorCode ?? string.Empty)?.Code ?? t.IndicatorCode).Distinct(StringComparer.OrdinalIgnoreCase).Count() == i.Count)
            .WithMessage("Each indicator is linked once.");
        RuleForEach(a => a.Indicators).ChildRules(target =>
        {
            target.RuleFor(t => t.IndicatorCode).Must(code => library.Find(code ?? string.Empty) is not null)
                .WithMessage(t => $"No indicator framework has the code “{Shorten(t.IndicatorCode)}”: choose an indicator from the library.");
            target.RuleFor(t => t.TargetValue).NotNull()
                .WithMessage(t => $"Give the value {Shorten(t.IndicatorCode)} should reach.");
            target.RuleFor(t => t.TargetYear).Must(y => y is >= 1900 and <= 2200)
                .WithMessage(t => $"Give the year {Shorten(t.IndicatorCode)} should reach its target (1900 to 2200).");
        });
    }

    private static string Shorten(string? text) => text is null ? string.Empty : text.Length <= 60 ? text : text[..60] + "…";
}
