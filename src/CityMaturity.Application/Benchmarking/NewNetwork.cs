using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using FluentValidation;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// A network to create, as the "Start a network" form holds it: the name and description as typed, k, and the
/// organisation that founds it (none when the system administration creates it).
/// </summary>
public sealed record NewNetwork(string Name, string? Description, int K, Guid? FoundingOrganisationId, bool BySystemAdministration);

/// <summary>
/// The rules of a new network, run by <see cref="BenchmarkService.CreateAsync"/> and, before anything is sent, by the
/// form, which shows each property's first message under its field. What only the database knows (a name taken, the
/// founder not administered by the caller) stays the service's refusal.
/// </summary>
public sealed class NewNetworkValidator : AbstractValidator<NewNetwork>
{
    public const string NameRule = "A network name has 1 to 200 characters.";
    public const string FounderRule = "Choose the organisation that creates the network.";
    public static readonly string DescriptionRule = $"A description has at most {BenchmarkNetwork.MaxDescriptionLength} characters.";

    public NewNetworkValidator()
    {
        RuleFor(n => n.Name).Must(name => PersonNames.Clean(name ?? string.Empty).Length is > 0 and <= BenchmarkNetwork.MaxNameLength)
            .WithMessage(NameRule);
        RuleFor(n => n.Description).Must(about => (about ?? string.Empty).Trim().Length <= BenchmarkNetwork.MaxDescriptionLength)
            .WithMessage(DescriptionRule);
        RuleFor(n => n.K).Must(BenchmarkPrivacy.IsValidK).WithMessage(_ => BenchmarkPrivacy.KRule);
        RuleFor(n => n.FoundingOrganisationId).NotNull().Unless(n => n.BySystemAdministration).WithMessage(FounderRule);
    }
}
