using Microsoft.AspNetCore.Identity;

namespace CityMaturity.Infrastructure.Accounts;

/// <summary>A person who signs in. Organisation roles live in memberships, not in Identity roles.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>Creates organisations and reads the mail outbox; sees no organisation's data by this alone.</summary>
    public bool IsSystemAdmin { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>Outbound mail, kept for the administrator to read when no SMTP server is configured.</summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }
    public required string ToAddress { get; set; }
    public required string Subject { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>What the message is (<see cref="OutboxKinds"/>); null for account mail.</summary>
    public string? Kind { get; set; }
}

/// <summary>The kinds of rating mail the outbox tells apart.</summary>
public static class OutboxKinds
{
    public const string Invitation = "invitation";
    public const string Reminder = "reminder";
    public const string ScheduledReminder = "scheduled-reminder";
}
