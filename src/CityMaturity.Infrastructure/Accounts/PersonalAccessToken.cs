namespace CityMaturity.Infrastructure.Accounts;

/// <summary>A user's token for the read-only API. The token itself is shown once; only its SHA-256 is kept.</summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; }
    public Guid UserId { get; set; }
    public required string Name { get; set; }
    public required byte[] TokenHash { get; set; }

    /// <summary>Always "read" for now: the schema allows nothing else.</summary>
    public string Scope { get; set; } = ReadScope;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }

    public const string ReadScope = "read";
}
