using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal static class Converters
{
    public static readonly ValueConverter<OrganisationRole, string> Role = new(
        role => role.Code(),
        code => OrganisationRoles.Parse(code));

    public static readonly ValueConverter<OrganisationKind, string> Kind = new(
        kind => kind == OrganisationKind.Community ? "community" : kind == OrganisationKind.AuditBody ? "audit_body" : "facilitating_body",
        code => code == "community" ? OrganisationKind.Community : code == "audit_body" ? OrganisationKind.AuditBody : OrganisationKind.FacilitatingBody);
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> organisation)
    {
        organisation.ToTable("organisations");
        organisation.Property(o => o.Id).HasColumnName("id");
        organisation.Property(o => o.Name).HasColumnName("name");
        organisation.Property(o => o.Slug).HasColumnName("slug");
        organisation.Property(o => o.Kind).HasColumnName("kind").HasConversion(Converters.Kind);
        organisation.Property(o => o.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> membership)
    {
        membership.ToTable("memberships");
        membership.HasKey(m => new { m.OrganisationId, m.UserId });
        membership.Property(m => m.OrganisationId).HasColumnName("organisation_id");
        membership.Property(m => m.UserId).HasColumnName("user_id");
        membership.Property(m => m.Role).HasColumnName("role").HasConversion(Converters.Role);
        membership.Property(m => m.CreatedAt).HasColumnName("created_at");
        membership.HasOne<Organisation>().WithMany().HasForeignKey(m => m.OrganisationId);
        membership.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.ToTable("invitations");
        invitation.Property(i => i.Id).HasColumnName("id");
        invitation.Property(i => i.OrganisationId).HasColumnName("organisation_id");
        invitation.Property(i => i.Email).HasColumnName("email");
        invitation.Property(i => i.Role).HasColumnName("role").HasConversion(Converters.Role);
        invitation.Property(i => i.TokenHash).HasColumnName("token_hash");
        invitation.Property(i => i.ExpiresAt).HasColumnName("expires_at");
        invitation.Property(i => i.CreatedBy).HasColumnName("created_by");
        invitation.Property(i => i.CreatedAt).HasColumnName("created_at");
        invitation.Property(i => i.AcceptedAt).HasColumnName("accepted_at");
        invitation.Property(i => i.RevokedAt).HasColumnName("revoked_at");
        invitation.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId);
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("outbox_messages");
        message.Property(m => m.Id).HasColumnName("id");
        message.Property(m => m.ToAddress).HasColumnName("to_address");
        message.Property(m => m.Subject).HasColumnName("subject");
        message.Property(m => m.Body).HasColumnName("body");
        message.Property(m => m.CreatedAt).HasColumnName("created_at");
        message.Property(m => m.SentAt).HasColumnName("sent_at");
        message.Property(m => m.LastError).HasColumnName("last_error");
        message.Property(m => m.Kind).HasColumnName("kind");
    }
}
