using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Domain.Workshops;

namespace CityMaturity.Integration.Tests.Validation;

/// <summary>
/// The rules the services and their forms share (issue 12): no database, no host, only the validators, so a rule that
/// drifts shows here first. The services' own use of them is covered by the account and organisation flow tests.
/// </summary>
public class FormValidatorTests
{
    [Theory]
    [InlineData("Power BI refresh", true)]
    [InlineData("  x  ", true)]
    [InlineData("", false)]
    [InlineData("   ", false)]
    public void A_token_needs_a_name(string name, bool valid) =>
        Assert.Equal(valid, new NewTokenValidator().Validate(new NewToken(name)).IsValid);

    [Fact]
    public void A_token_name_longer_than_the_limit_is_refused_with_the_sentence_the_form_shows()
    {
        var result = new NewTokenValidator().Validate(new NewToken(new string('t', NewTokenValidator.MaxNameLength + 1)));

        var failure = Assert.Single(result.Errors);
        Assert.Equal(nameof(NewToken.Name), failure.PropertyName);
        Assert.Contains($"1 to {NewTokenValidator.MaxNameLength} characters", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.True(new NewTokenValidator().Validate(new NewToken(new string('t', NewTokenValidator.MaxNameLength))).IsValid);
    }

    [Theory]
    [InlineData("new.member@example.org")]
    [InlineData("  Mixed.Case@Example.ORG ")]
    public void An_invitation_to_a_usable_address_passes(string email) =>
        Assert.True(new NewInvitationValidator().Validate(new NewInvitation(email, OrganisationRole.Member)).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("two@@example.org")]
    [InlineData("Ana <ana@example.org>")]
    public void An_invitation_to_an_unusable_address_is_refused_under_the_email_field(string email)
    {
        var failure = Assert.Single(new NewInvitationValidator().Validate(new NewInvitation(email, OrganisationRole.Member)).Errors);

        Assert.Equal(nameof(NewInvitation.Email), failure.PropertyName);
        Assert.Equal(EmailRules.NotAnAddress(email), failure.ErrorMessage);
    }

    [Fact]
    public void An_invitation_with_an_undefined_role_is_refused() =>
        Assert.Equal(nameof(NewInvitation.Role),
            Assert.Single(new NewInvitationValidator().Validate(new NewInvitation("a@example.org", (OrganisationRole)99)).Errors).PropertyName);

    [Fact]
    public void A_new_organisation_reports_each_wrong_field_under_its_own_name()
    {
        var result = new NewOrganisationValidator().Validate(new NewOrganisation(" ", (OrganisationKind)42, "not an address"));

        Assert.Equal(
            [nameof(NewOrganisation.Name), nameof(NewOrganisation.Kind), nameof(NewOrganisation.AdministratorEmail)],
            result.Errors.Select(e => e.PropertyName).ToArray());
        Assert.Equal("The organisation's name must have 1 to 200 characters.", result.Errors[0].ErrorMessage);
    }

    [Fact]
    public void A_new_organisation_with_a_name_a_kind_and_an_address_passes_and_a_name_over_200_does_not()
    {
        var validator = new NewOrganisationValidator();

        Assert.True(validator.Validate(new NewOrganisation("Demoville", OrganisationKind.Community, "admin@demoville.example")).IsValid);
        Assert.False(validator.Validate(new NewOrganisation(new string('n', 201), OrganisationKind.Community, "admin@demoville.example")).IsValid);
    }

    [Theory]
    [InlineData("correct horse", "correct horse", null)]
    [InlineData("short", "short", NewPasswordValidator.TooShortCode)]
    [InlineData("", "", NewPasswordValidator.TooShortCode)]
    [InlineData("correct horse", "correct hörse", NewPasswordValidator.NotTheSameCode)]
    [InlineData("short", "other", NewPasswordValidator.TooShortCode)]
    public void A_new_password_is_refused_with_one_code_the_page_can_place(string password, string confirmation, string? code)
    {
        var errors = new NewPasswordValidator().Validate(new NewPassword(password, confirmation)).Errors;

        Assert.Equal(code, errors.SingleOrDefault()?.ErrorCode);
    }

    [Fact]
    public void A_password_longer_than_256_characters_is_refused()
    {
        var tooLong = new string('p', NewPasswordValidator.MaximumLength + 1);

        Assert.Equal(NewPasswordValidator.TooShortCode, Assert.Single(new NewPasswordValidator().Validate(new NewPassword(tooLong, tooLong)).Errors).ErrorCode);
    }

    [Fact]
    public void A_consensus_without_a_level_or_its_rationale_is_refused_under_those_fields_and_no_consensus_needs_neither()
    {
        var validator = new ConsensusDraftValidator();

        var empty = validator.Validate(new ConsensusDraft(null, null, "  ", [], IsNoConsensus: false));
        Assert.Equal([nameof(ConsensusDraft.LevelNow), nameof(ConsensusDraft.Rationale)], empty.Errors.Select(e => e.PropertyName));
        Assert.Equal([ConsensusDraftValidator.LevelMissing, WorkshopRules.RationaleMissing], empty.Errors.Select(e => e.ErrorMessage));

        var levelOnly = Assert.Single(validator.Validate(new ConsensusDraft(null, MaturityLevel.Improving, null, [], IsNoConsensus: false)).Errors);
        Assert.Equal(nameof(ConsensusDraft.Rationale), levelOnly.PropertyName);
        Assert.True(validator.Validate(new ConsensusDraft(MaturityLevel.Fulfilled, null, "The room agreed.", ["https://example.org/minutes"], IsNoConsensus: false)).IsValid);
        Assert.True(validator.Validate(new ConsensusDraft(null, null, null, [], IsNoConsensus: true)).IsValid);
    }

    [Fact]
    public void A_consensus_rationale_too_long_or_a_link_that_is_not_a_web_address_is_named_with_the_services_sentence()
    {
        var result = new ConsensusDraftValidator().Validate(new ConsensusDraft(
            MaturityLevel.Fulfilled, null, new string('r', WorkshopRules.MaxRationaleLength + 1), ["minutes.docx"], IsNoConsensus: true));

        Assert.Equal([nameof(ConsensusDraft.Rationale), nameof(ConsensusDraft.EvidenceLinks)], result.Errors.Select(e => e.PropertyName));
        Assert.Equal([WorkshopRules.RationaleTooLong, EvidenceLinks.NotAWebAddress("minutes.docx")], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public void A_new_network_names_each_wrong_field_and_needs_a_founder_unless_the_administration_creates_it()
    {
        var validator = new NewNetworkValidator();

        var wrong = validator.Validate(new NewNetwork(" \u202E ", new string('d', BenchmarkNetwork.MaxDescriptionLength + 1), BenchmarkPrivacy.MinimumK - 1, null, BySystemAdministration: false));
        Assert.Equal([nameof(NewNetwork.Name), nameof(NewNetwork.Description), nameof(NewNetwork.K), nameof(NewNetwork.FoundingOrganisationId)],
            wrong.Errors.Select(e => e.PropertyName));
        Assert.Equal([NewNetworkValidator.NameRule, NewNetworkValidator.DescriptionRule, BenchmarkPrivacy.KRule, NewNetworkValidator.FounderRule],
            wrong.Errors.Select(e => e.ErrorMessage));

        Assert.True(validator.Validate(new NewNetwork("Northern cities", null, BenchmarkPrivacy.DefaultK, null, BySystemAdministration: true)).IsValid);
        Assert.True(validator.Validate(new NewNetwork("Northern cities", "", BenchmarkPrivacy.MaximumK, Guid.NewGuid(), BySystemAdministration: false)).IsValid);
        Assert.Equal(nameof(NewNetwork.Name), Assert.Single(validator.Validate(
            new NewNetwork(new string('n', BenchmarkNetwork.MaxNameLength + 1), null, BenchmarkPrivacy.DefaultK, Guid.NewGuid(), BySystemAdministration: false)).Errors).PropertyName);
    }
}
