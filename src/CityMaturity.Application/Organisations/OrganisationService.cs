using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Accounts;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Application.Accounts;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Organisations;

public sealed record MemberView(Guid UserId, string DisplayName, string Email, OrganisationRole Role);

public sealed record InvitationView(Guid Id, string Email, OrganisationRole Role, DateTimeOffset ExpiresAt, bool Expired);

public sealed record MembershipView(Organisation Organisation, OrganisationRole Role);

/// <summary>Result of creating an invitation: the link to send (shown once, never stored).</summary>
public sealed record InvitationLink(Guid InvitationId, string Url);

/// <summary>
/// Organisations, memberships and invitations. Callers authorise first (pages and endpoints go through
/// <see cref="Security.OrganisationAccess"/>); this service keeps the data consistent.
/// </summary>
public sealed class OrganisationService(
    IDbContextFactory<CityMaturityDb> dbFactory, MailService mail, TimeProvider clock,
    IValidator<NewOrganisation> organisationRules, IValidator<NewInvitation> invitationRules)
{
    public static readonly TimeSpan InvitationLifetime = TimeSpan.FromDays(14);

    public async Task<IReadOnlyList<MembershipView>> MembershipsOfAsync(Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var rows = await (from m in db.Memberships
                          join o in db.Organisations on m.OrganisationId equals o.Id
                          where m.UserId == userId
                          orderby o.Name
                          select new { o, m.Role }).AsNoTracking().ToListAsync();
        return [.. rows.Select(r => new MembershipView(r.o, r.Role))];
    }

    public async Task<Organisation> CreateOrganisationAsync(string name, OrganisationKind kind)
    {
        var trimmed = name.Trim();
        // The administration page checks the first administrator's address too; here only what this step stores.
        ThrowIfRefused(await organisationRules.ValidateAsync(
            new NewOrganisation(trimmed, kind, AdministratorEmail: string.Empty),
            options => options.IncludeProperties(nameof(NewOrganisation.Name), nameof(NewOrganisation.Kind))));

        await using var db = await dbFactory.CreateDbContextAsync();
        var baseSlug = Slugs.From(trimmed);
        var slug = baseSlug;
        for (var suffix = 2; await db.Organisations.AnyAsync(o => o.Slug == slug); suffix++)
        {
            slug = $"{baseSlug}-{suffix}";
        }

        var organisation = new Organisation { Id = Guid.NewGuid(), Name = trimmed, Slug = slug, Kind = kind, CreatedAt = clock.GetUtcNow() };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        return organisation;
    }

    public async Task<IReadOnlyList<MemberView>> MembersAsync(Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        return await (from m in db.Memberships
                      join u in db.Users on m.UserId equals u.Id
                      where m.OrganisationId == organisationId
                      orderby u.DisplayName
                      select new MemberView(u.Id, u.DisplayName, u.Email!, m.Role)).AsNoTracking().ToListAsync();
    }

    public async Task<IReadOnlyList<InvitationView>> OpenInvitationsAsync(Guid organisationId)
    {
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        var invitations = await db.Invitations.AsNoTracking()
            .Where(i => i.OrganisationId == organisationId && i.AcceptedAt == null && i.RevokedAt == null)
            .OrderByDescending(i => i.CreatedAt)
            .ToListAsync();
        return [.. invitations.Select(i => new InvitationView(i.Id, i.Email, i.Role, i.ExpiresAt, i.ExpiresAt <= now))];
    }

    /// <summary>Creates an invitation, mails the link and returns it. Re-inviting replaces an open invitation for the same email.</summary>
    public async Task<InvitationLink> InviteAsync(Organisation organisation, string email, OrganisationRole role, Guid? invitedBy, Uri baseUri)
    {
        ThrowIfRefused(await invitationRules.ValidateAsync(new NewInvitation(email, role)));
        var address = NormaliseEmail(email);
        var (token, hash) = InvitationTokens.Create();
        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var normalisedAddress = address.ToUpperInvariant();
        var alreadyMember = await (from m in db.Memberships
                                   join u in db.Users on m.UserId equals u.Id
                                   where m.OrganisationId == organisation.Id && u.NormalizedEmail == normalisedAddress
                                   select m).AnyAsync();
        if (alreadyMember)
        {
            throw new ValidationException($"{address} is already a member of {organisation.Name}.");
        }

        await db.Invitations
            .Where(i => i.OrganisationId == organisation.Id && i.Email == address && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, now));
        var invitation = new Invitation
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, Email = address, Role = role, TokenHash = hash,
            ExpiresAt = now + InvitationLifetime, CreatedBy = invitedBy, CreatedAt = now,
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();

        var url = new Uri(baseUri, $"account/invitation?token={token}").ToString();
        await mail.SendAsync(address, $"Invitation to {organisation.Name} on CityMaturity",
            $"You have been invited to join {organisation.Name} on CityMaturity as {role.DisplayName()}.\n\n" +
            $"Accept the invitation here (valid until {invitation.ExpiresAt:yyyy-MM-dd}):\n{url}\n\nIf you did not expect this, ignore this message.");
        return new InvitationLink(invitation.Id, url);
    }

    public async Task RevokeInvitationAsync(Guid organisationId, Guid invitationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await db.Invitations.Where(i => i.Id == invitationId && i.OrganisationId == organisationId && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, clock.GetUtcNow()));
    }

    /// <summary>The usable invitation for a token, with its organisation; null when unknown, used, revoked or expired.</summary>
    public async Task<(Invitation Invitation, Organisation Organisation)?> FindUsableInvitationAsync(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = InvitationTokens.Hash(token);
        await using var db = await dbFactory.CreateDbContextAsync();
        var found = await (from i in db.Invitations
                           join o in db.Organisations on i.OrganisationId equals o.Id
                           where i.TokenHash == hash
                           select new { i, o }).AsNoTracking().SingleOrDefaultAsync();
        return found is not null && found.i.IsUsable(clock.GetUtcNow()) ? (found.i, found.o) : null;
    }

    /// <summary>Makes the user a member with the invitation's role and marks the invitation used, atomically.</summary>
    public async Task AcceptAsync(Invitation invitation, AppUser user)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var marked = await db.Invitations
            .Where(i => i.Id == invitation.Id && i.AcceptedAt == null && i.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, clock.GetUtcNow()));
        if (marked == 0)
        {
            throw new ValidationException("This invitation has already been used or was withdrawn.");
        }

        var existing = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == invitation.OrganisationId && m.UserId == user.Id);
        if (existing is null)
        {
            db.Memberships.Add(new Membership { OrganisationId = invitation.OrganisationId, UserId = user.Id, Role = invitation.Role, CreatedAt = clock.GetUtcNow() });
        }
        else
        {
            existing.Role = invitation.Role;
        }

        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task AddMemberAsync(Guid organisationId, Guid userId, OrganisationRole role)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (!await db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId == userId))
        {
            db.Memberships.Add(new Membership { OrganisationId = organisationId, UserId = userId, Role = role, CreatedAt = clock.GetUtcNow() });
            await db.SaveChangesAsync();
        }
    }

    public async Task ChangeRoleAsync(Guid organisationId, Guid userId, OrganisationRole role)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId)
            ?? throw new ValidationException("This person is not a member of the organisation.");
        if (membership.Role == OrganisationRole.OrganisationAdministrator && role != OrganisationRole.OrganisationAdministrator)
        {
            await EnsureAnotherAdministratorAsync(db, organisationId, userId);
        }

        membership.Role = role;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public async Task RemoveMemberAsync(Guid organisationId, Guid userId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.Serializable);
        var membership = await db.Memberships.SingleOrDefaultAsync(m => m.OrganisationId == organisationId && m.UserId == userId);
        if (membership is null)
        {
            return;
        }

        if (membership.Role == OrganisationRole.OrganisationAdministrator)
        {
            await EnsureAnotherAdministratorAsync(db, organisationId, userId);
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private static async Task EnsureAnotherAdministratorAsync(CityMaturityDb db, Guid organisationId, Guid userId)
    {
        if (!await db.Memberships.AnyAsync(m => m.OrganisationId == organisationId && m.UserId != userId && m.Role == OrganisationRole.OrganisationAdministrator))
        {
            throw new ValidationException("An organisation needs at least one administrator: appoint another one first.");
        }
    }

    /// <summary>The domain's one email rule (<see cref="Domain.EmailAddresses"/>); a broken address is a request the user corrects.</summary>
    public static string NormaliseEmail(string email) =>
        Domain.EmailAddresses.Normalise(email) ?? throw new ValidationException(EmailRules.NotAnAddress(email));

    /// <summary>A service refuses with the validator's first sentence, the one the form shows under the field.</summary>
    private static void ThrowIfRefused(FluentValidation.Results.ValidationResult result)
    {
        if (result.Errors is [var failure, ..])
        {
            throw new ValidationException(failure.ErrorMessage);
        }
    }
}

/// <summary>
/// A refusal thrown rather than returned (from deep inside a service, or by a page that wraps one): its message is shown to
/// the user as it is, and its <see cref="Kind"/> gives the HTTP status when it reaches the error middleware.
/// </summary>
public sealed class ValidationException(string message, RefusalKind kind = RefusalKind.RuleBroken) : Exception(message)
{
    public ValidationException() : this("The request is not valid.") { }

    public ValidationException(string message, Exception innerException) : this(message + " " + innerException.Message) { }

    public ValidationException(Refusal refusal) : this(refusal.Message, refusal.Kind) { }

    public RefusalKind Kind { get; } = kind;
}
