using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Indicators;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;
using ValidationException = CityMaturity.Application.Organisations.ValidationException;

namespace CityMaturity.Application.Benchmarking;

/// <summary>A year of the organisation's published indicator values, and whether the network has them.</summary>
public sealed record IndicatorYearChoice(int Year, int Values, bool Shared);

/// <summary>One city's value for an indicator and year; <see cref="Compared"/> is false when its unit is not the reference unit.</summary>
public sealed record IndicatorCityValue(string ShownAs, bool IsOwn, decimal Value, string Unit, bool Compared);

/// <summary>
/// One indicator in one year across the cities that published it, side by side. <see cref="Median"/> is over the values in
/// <see cref="ReferenceUnit"/> and only when at least k cities give one (ADR 0030's threshold for every aggregate).
/// </summary>
public sealed record IndicatorYearComparison(string Code, string Name, int Year, string ReferenceUnit, IReadOnlyList<IndicatorCityValue> Values, decimal? Median, string? Note);

/// <summary>The indicator comparison of a network as one member sees it; <see cref="Rows"/> is empty for a coordinator outside.</summary>
public sealed record NetworkIndicators(BenchmarkNetwork Network, Organisation? Viewer, IReadOnlyList<IndicatorYearComparison> Rows);

/// <summary>
/// Indicator values side by side in a benchmark network (issue 16, ADR 0042). An organisation administrator publishes
/// chosen years of the organisation's published values into a network, separately from assessment results: code, year,
/// value and unit are copied, never the source or note. Publishing again replaces the set; withdrawing deletes it, so every
/// page and API answer loses it on the next request. Members see the values under each city's name or alias, checked for
/// units: a value in another unit than the reference unit is listed but not compared.
/// </summary>
public sealed class BenchmarkIndicatorService(IDbContextFactory<CityMaturityDb> dbFactory, IndicatorLibrary library, TimeProvider clock)
{
    /// <summary>The years the organisation could share (years with published values) and whether the network has each.</summary>
    public async Task<IReadOnlyList<IndicatorYearChoice>> ChoicesAsync(Guid networkId, Guid organisationId)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var years = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.Status == IndicatorValueStatus.Published)
            .GroupBy(v => v.Year).Select(g => new { Year = g.Key, Count = g.Count() }).ToListAsync();
        var shared = await db.BenchmarkIndicatorValues.AsNoTracking()
            .Where(v => v.NetworkId == networkId && v.OrganisationId == organisationId).Select(v => v.Year).Distinct().ToListAsync();
        return [.. years.OrderByDescending(y => y.Year).Select(y => new IndicatorYearChoice(y.Year, y.Count, shared.Contains(y.Year)))];
    }

    /// <summary>
    /// Publishes the organisation's published indicator values of <paramref name="years"/> into the network, replacing what
    /// it shared there before (all or nothing). No years withdraws them all.
    /// </summary>
    public async Task<int> PublishAsync(Guid networkId, Guid organisationId, Guid userId, IReadOnlyCollection<int> years)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        await BenchmarkService.RequireAdministratorAsync(db, userId, organisationId);
        await BenchmarkService.RequireAcceptedMemberAsync(db, networkId, organisationId);

        var chosen = years.Distinct().ToList();
        var values = await db.IndicatorValues.AsNoTracking()
            .Where(v => v.OrganisationId == organisationId && v.Status == IndicatorValueStatus.Published && chosen.Contains(v.Year)).ToListAsync();
        if (chosen.Except(values.Select(v => v.Year)).Order().ToList() is { Count: > 0 } empty)
        {
            throw new ValidationException($"No published indicator values for {string.Join(", ", empty)}: publish them on the indicator data page first, or choose other years.");
        }

        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync();
        await db.BenchmarkIndicatorValues.Where(v => v.NetworkId == networkId && v.OrganisationId == organisationId).ExecuteDeleteAsync();
        db.BenchmarkIndicatorValues.AddRange(values.Select(v => new BenchmarkIndicatorValue
        {
            NetworkId = networkId, OrganisationId = organisationId, IndicatorCode = v.IndicatorCode, Year = v.Year, Value = v.Value, Unit = v.Unit.Trim(),
            PublishedBy = userId, PublishedAt = now,
        }));
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
        return values.Count;
    }

    /// <summary>Withdraws every indicator value the organisation shared with the network: deleted, gone from every view at once.</summary>
    public Task<int> WithdrawAsync(Guid networkId, Guid organisationId, Guid userId) => PublishAsync(networkId, organisationId, userId, []);

    /// <summary>The network's indicator values as <paramref name="userId"/> may see them; null for an unknown or invisible network.</summary>
    public async Task<NetworkIndicators?> ViewAsync(Guid networkId, Guid userId, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await NetworkAudience.LoadAsync(db, networkId, userId, cancellationToken) is not { } audience)
        {
            return null;
        }

        if (!audience.ReadsFigures)
        {
            return new NetworkIndicators(audience.Network, null, []);
        }

        var members = audience.Lines.Keys.ToList();
        var values = await db.BenchmarkIndicatorValues.AsNoTracking()
            .Where(v => v.NetworkId == networkId && members.Contains(v.OrganisationId)).ToListAsync(cancellationToken);
        var rows = values.GroupBy(v => (v.IndicatorCode, v.Year))
            .Select(g => Compare(g.Key.IndicatorCode, g.Key.Year, g.ToList(), audience))
            .OrderBy(r => r.Code, StringComparer.Ordinal).ThenByDescending(r => r.Year).ToList();
        return new NetworkIndicators(audience.Network, audience.Viewer, rows);
    }

    private IndicatorYearComparison Compare(string code, int year, IReadOnlyList<BenchmarkIndicatorValue> values, NetworkAudience audience)
    {
        var indicator = library.Find(code);
        var reference = IndicatorUnits.Reference(indicator?.Unit, values.Select(v => v.Unit));
        var cities = values
            .Select(v => new IndicatorCityValue(audience.ShownAs(v.OrganisationId), audience.IsOwn(v.OrganisationId), v.Value, v.Unit, IndicatorUnits.Same(v.Unit, reference)))
            .OrderByDescending(v => v.IsOwn).ThenBy(v => v.ShownAs, StringComparer.CurrentCultureIgnoreCase).ToList();
        var compared = cities.Where(v => v.Compared).Select(v => v.Value).ToList();
        var k = audience.Network.KThreshold;
        var median = compared.Count >= k ? Distribution.Of(compared).Median : (decimal?)null;
        var notes = new List<string>();
        if (median is null)
        {
            notes.Add($"No median: fewer than {k} cities give a value in {reference}.");
        }

        if (cities.Count(v => !v.Compared) is > 0 and var other)
        {
            notes.Add($"{other} value{(other == 1 ? " is" : "s are")} in another unit than {reference} and not compared.");
        }

        return new IndicatorYearComparison(code, indicator?.Name ?? code, year, reference, cities, median, notes.Count == 0 ? null : string.Join(" ", notes));
    }
}
