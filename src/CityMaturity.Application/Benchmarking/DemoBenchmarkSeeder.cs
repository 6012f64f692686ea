using CityMaturity.Application.Organisations;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Benchmarking;

/// <summary>
/// The demo network "Demo benchmark": Demoville (by name, sharing its closed baseline) and 30 generated cities with varied
/// profiles and made-up scores. Everything generated is marked: the network and profiles carry is_demo, the organisations
/// are named "Generated city NN (demo)", and the network page says so. Idempotent: seeds only when the network is missing.
/// </summary>
public sealed class DemoBenchmarkSeeder(
    IDbContextFactory<CityMaturityDb> dbFactory, OrganisationService organisations, BenchmarkService benchmarks, MaturityCatalogue catalogue, TimeProvider clock)
{
    public const string NetworkName = "Demo benchmark";
    public const int GeneratedCities = 30;

    private static readonly string[] Regions = ["North", "South", "East", "West"];
    private static readonly string[] Tags = ["port city", "capital", "university town", "river city"];

    public async Task SeedAsync(Guid demoCityId, Guid demoAdministratorId, string closedAssessmentName)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.BenchmarkNetworks.AnyAsync(n => n.Name == NetworkName))
        {
            return;
        }

        var network = await benchmarks.CreateAsync(demoAdministratorId, isSystemAdmin: false, demoCityId, NetworkName,
            "A demonstration: Demoville against 30 generated cities whose profiles and scores are made up.", BenchmarkPrivacy.DefaultK);
        await db.BenchmarkNetworks.Where(n => n.Id == network.Id).ExecuteUpdateAsync(s => s.SetProperty(n => n.IsDemo, true));
        if (!await db.CityProfiles.AnyAsync(p => p.OrganisationId == demoCityId))
        {
            await benchmarks.SaveProfileAsync(demoCityId, demoAdministratorId, new CityProfile
            {
                Country = "Demoland", Region = "North", PopulationBand = "50k-250k", AreaType = "urban", Tags = ["port city"],
            });
        }

        await benchmarks.SetShowNameAsync(network.Id, demoCityId, demoAdministratorId, showName: true);
        if (await db.Assessments.AsNoTracking().FirstOrDefaultAsync(a => a.OrganisationId == demoCityId && a.Name == closedAssessmentName && a.Status == AssessmentStatus.Closed) is { } baseline)
        {
            await benchmarks.PublishAsync(network.Id, demoCityId, baseline.Id, demoAdministratorId);
        }

        // Profiles and scores come from their own seeded sequence, aliases from another: Demoville's alias is drawn at random
        // when the network is made, and a generated alias that collides with it takes extra draws, which would otherwise
        // shift every profile and score after it (the demo's cities and the filters it offers changed from one install to the next).
        var random = new Random(37107);
        var aliases = new Random(37108);
        var taken = (await db.BenchmarkMembers.Where(m => m.NetworkId == network.Id).Select(m => m.Alias).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        for (var i = 1; i <= GeneratedCities; i++)
        {
            await SeedCityAsync(db, network.Id, i, random, aliases, taken);
        }
    }

    private async Task SeedCityAsync(CityMaturityDb db, Guid networkId, int number, Random random, Random aliases, HashSet<string> taken)
    {
        var now = clock.GetUtcNow();
        var organisation = await organisations.CreateOrganisationAsync($"Generated city {number:00} (demo)", OrganisationKind.Community);
        db.CityProfiles.Add(new CityProfile
        {
            OrganisationId = organisation.Id, Country = "Demoland", Region = Regions[random.Next(Regions.Length)],
            PopulationBand = PopulationBands.Keys[random.Next(4)], AreaType = AreaTypes.Keys[random.Next(AreaTypes.Keys.Count)],
            Tags = [.. Tags.Where(_ => random.Next(4) == 0)], IsDemo = true, UpdatedAt = now,
        });
        var moderated = random.Next(3) == 0;
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, Name = "Generated baseline (demo)", Community = organisation.Name, Purpose = "baseline-review",
            Method = moderated ? AssessmentMethod.ModeratedWorkshop : AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Closed,
            Scope = [.. catalogue.Characteristics.Select(c => c.Code)], CreatedAt = now.AddMonths(-random.Next(1, 18)),
        };
        db.Assessments.Add(assessment);
        var alias = MemberAliases.Pick(aliases, taken);
        taken.Add(alias);
        db.BenchmarkMembers.Add(new BenchmarkMember
        {
            NetworkId = networkId, OrganisationId = organisation.Id, Status = MembershipStatus.Accepted, Alias = alias, ShowName = random.Next(4) == 0,
            InvitedAt = now, AcceptedAt = now,
        });
        var snapshot = new BenchmarkSnapshot
        {
            Id = Guid.NewGuid(), NetworkId = networkId, OrganisationId = organisation.Id, AssessmentId = assessment.Id, Method = assessment.Method,
            ScoreSource = moderated ? SnapshotSources.Consensus : SnapshotSources.Median, ParticipantCount = random.Next(6, 40), GroupCount = 6,
            ConsensusState = moderated ? "complete" : "none", AssessedOn = DateOnly.FromDateTime(assessment.CreatedAt.UtcDateTime), PublishedAt = now,
        };
        db.BenchmarkSnapshots.Add(snapshot);
        var scores = GeneratedScores(catalogue, snapshot.Id, random, moderated);
        db.BenchmarkSnapshotScores.AddRange(scores);
        if (number % SharesEvidenceEvery == 0)
        {
            ShareDemoEvidence(db, assessment, snapshot, scores, number, now);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Every third generated city shares a made-up link on each characteristic it scores 4 or more, so "learn from" has peers.</summary>
    private const int SharesEvidenceEvery = 3;

    private static void ShareDemoEvidence(CityMaturityDb db, Assessment assessment, BenchmarkSnapshot snapshot, IEnumerable<BenchmarkSnapshotScore> scores, int number, DateTimeOffset now)
    {
        foreach (var score in scores.Where(s => s.Level == BenchmarkLevel.Characteristic && s.ScoreNow >= 4))
        {
            var url = $"https://example.org/demo/generated-city-{number:00}/{score.Code}";
            var item = new Domain.Evidence.EvidenceItem
            {
                Id = Guid.NewGuid(), OrganisationId = assessment.OrganisationId, AssessmentId = assessment.Id, CharacteristicCode = score.Code,
                Kind = Domain.Evidence.EvidenceKind.Link, Title = url, Url = url, IsDemo = true, AddedAt = now,
            };
            db.EvidenceItems.Add(item);
            db.BenchmarkSharedEvidence.Add(new BenchmarkSharedEvidence { SnapshotId = snapshot.Id, EvidenceId = item.Id, SharedAt = now });
        }
    }

    /// <summary>
    /// Each city has an overall maturity; characteristics scatter around it in half levels (whole levels when
    /// <paramref name="moderated"/>), plans lift them a little. Also the load client's 1,000-city network (tests/CityMaturity.LoadTests).
    /// </summary>
    public static List<BenchmarkSnapshotScore> GeneratedScores(MaturityCatalogue catalogue, Guid snapshotId, Random random, bool moderated)
    {
        var maturity = 1.5 + (random.NextDouble() * 2.5);
        var characteristics = catalogue.Characteristics.ToDictionary(c => c.Code, _ =>
        {
            var now = Math.Clamp(Math.Round((maturity + ((random.NextDouble() - 0.5) * 2)) * (moderated ? 1 : 2)) / (moderated ? 1 : 2), 1, 5);
            var later = Math.Clamp(now + (random.Next(0, 4) * 0.5), 1, 5);
            return ((decimal)now, (decimal)later);
        });
        var scores = characteristics.Select(c => new BenchmarkSnapshotScore
        {
            SnapshotId = snapshotId, Code = c.Key, Level = BenchmarkLevel.Characteristic, ScoreNow = c.Value.Item1, ScoreInTwoYears = c.Value.Item2,
            Source = moderated ? SnapshotSources.Consensus : SnapshotSources.Median,
        }).ToList();
        foreach (var dimension in catalogue.Dimensions)
        {
            scores.Add(Mean(snapshotId, dimension.Code, BenchmarkLevel.Dimension, dimension.Characteristics.Select(c => characteristics[c.Code])));
            scores.AddRange(dimension.SubDimensions.Select(s => Mean(snapshotId, s.Code, BenchmarkLevel.SubDimension, s.Characteristics.Select(c => characteristics[c.Code]))));
        }

        return scores;
    }

    private static BenchmarkSnapshotScore Mean(Guid snapshotId, string code, BenchmarkLevel level, IEnumerable<(decimal Now, decimal Later)> values)
    {
        var list = values.ToList();
        return new BenchmarkSnapshotScore
        {
            SnapshotId = snapshotId, Code = code, Level = level, Source = "mean",
            ScoreNow = Math.Round(list.Average(v => v.Now), 2, MidpointRounding.AwayFromZero),
            ScoreInTwoYears = Math.Round(list.Average(v => v.Later), 2, MidpointRounding.AwayFromZero),
        };
    }
}
