namespace CityMaturity.Domain.Organisations;

public enum OrganisationKind
{
    /// <summary>A city or community that assesses itself.</summary>
    Community,

    /// <summary>A body that facilitates assessments for others (a consultancy, a national programme).</summary>
    FacilitatingBody,

    /// <summary>A third party that audits cities' assessments and signs attestations (issue 17).</summary>
    AuditBody,
}

public sealed class Organisation
{
    public Guid Id { get; set; }
    public required string Name { get; set; }

    /// <summary>The organisation's address segment: /orgs/{slug}.</summary>
    public required string Slug { get; set; }

    public OrganisationKind Kind { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Membership
{
    public Guid OrganisationId { get; set; }
    public Guid UserId { get; set; }
    public OrganisationRole Role { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public sealed class Invitation
{
    public Guid Id { get; set; }
    public Guid OrganisationId { get; set; }
    public required string Email { get; set; }
    public OrganisationRole Role { get; set; }

    /// <summary>SHA-256 of the token sent to the invitee; the token itself is never stored.</summary>
    public required byte[] TokenHash { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public Guid? CreatedBy { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public bool IsUsable(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
