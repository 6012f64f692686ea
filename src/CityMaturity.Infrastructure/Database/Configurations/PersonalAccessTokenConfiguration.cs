using CityMaturity.Infrastructure.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal sealed class PersonalAccessTokenConfiguration : IEntityTypeConfiguration<PersonalAccessToken>
{
    public void Configure(EntityTypeBuilder<PersonalAccessToken> token)
    {
        token.ToTable("personal_access_tokens");
        token.Property(t => t.Id).HasColumnName("id");
        token.Property(t => t.UserId).HasColumnName("user_id");
        token.Property(t => t.Name).HasColumnName("name");
        token.Property(t => t.TokenHash).HasColumnName("token_hash");
        token.Property(t => t.Scope).HasColumnName("scope");
        token.Property(t => t.CreatedAt).HasColumnName("created_at");
        token.Property(t => t.LastUsedAt).HasColumnName("last_used_at");
        token.Property(t => t.RevokedAt).HasColumnName("revoked_at");
        token.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
