using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application;

/// <summary>
/// The display names of the users who did something (a change, a rename), read in one query; a user since deleted, or
/// none at all (seeding code), is shown as <see cref="NoLongerRegistered"/>.
/// </summary>
public static class RegisteredNames
{
    public const string NoLongerRegistered = "(someone no longer registered)";

    /// <summary>The display name of each of those users still registered, by id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, string>> OfAsync(CityMaturityDb db, IEnumerable<Guid?> userIds, CancellationToken cancellationToken = default)
    {
        var ids = userIds.OfType<Guid>().Distinct().ToList();
        return ids.Count == 0
            ? new Dictionary<Guid, string>()
            : await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }

    /// <summary>The user's name, or <see cref="NoLongerRegistered"/>.</summary>
    public static string NameOf(this IReadOnlyDictionary<Guid, string> names, Guid? userId) =>
        userId is { } id && names.TryGetValue(id, out var name) ? name : NoLongerRegistered;
}
