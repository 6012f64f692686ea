using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityMaturity.Integration.Tests;

/// <summary>Every <see cref="LevelAnswer"/> survives the database, "unanswered" (NULL) included, in ratings and their changes.</summary>
[Collection(DatabaseCollection.Name)]
public class LevelAnswerMappingTests(DatabaseFixture database)
{
    private static readonly LevelAnswer[] Answers = [LevelAnswer.Unanswered, LevelAnswer.DontKnow, .. MaturityLevels.All.Select(LevelAnswer.Of)];

    [Fact]
    public async Task Ratings_and_changes_read_back_every_answer()
    {
        var connectionString = await database.Server.CreateMigratedDatabaseAsync();
        var options = new DbContextOptionsBuilder<CityMaturityDb>().UseNpgsql(connectionString).Options;
        var (assessmentId, groupId) = await SeedAsync(options);
        var codes = Catalogue.Characteristics.Select(c => c.Code).ToList();
        var expected = Answers.SelectMany(now => Answers.Select(inTwoYears => (Now: now, InTwoYears: inTwoYears)))
            .Select((pair, i) => (Code: codes[i % codes.Count], Participant: i / codes.Count, pair.Now, pair.InTwoYears))
            .ToList();
        var participants = Enumerable.Range(0, expected.Max(e => e.Participant) + 1).Select(_ => Guid.NewGuid()).ToList();
        await using (var db = new CityMaturityDb(options))
        {
            db.Participants.AddRange(participants.Select((id, i) => new Participant
            {
                Id = id, AssessmentId = assessmentId, GroupId = groupId, Name = $"P{i}", Email = $"p{i}@example.org",
            }));
            await db.SaveChangesAsync();
            var changes = new List<RatingChange>();
            foreach (var (code, participant, now, inTwoYears) in expected)
            {
                var rating = new Rating
                {
                    Id = Guid.NewGuid(), AssessmentId = assessmentId, ParticipantId = participants[participant], CharacteristicCode = code,
                    LevelNow = now, LevelInTwoYears = inTwoYears, Version = 1,
                };
                db.Ratings.Add(rating);
                changes.Add(new RatingChange
                {
                    RatingId = rating.Id, AssessmentId = assessmentId, ParticipantId = rating.ParticipantId, CharacteristicCode = code,
                    OldLevelNow = inTwoYears, NewLevelNow = now, OldLevelInTwoYears = now, NewLevelInTwoYears = inTwoYears,
                });
            }

            // Ratings first: this model declares no relationships, so EF does not order the inserts for the foreign key.
            await db.SaveChangesAsync();
            db.RatingChanges.AddRange(changes);
            await db.SaveChangesAsync();
        }

        await using (var db = new CityMaturityDb(options))
        {
            var ratings = await db.Ratings.AsNoTracking().Join(db.Participants, r => r.ParticipantId, p => p.Id, (r, p) => new { p.Name, r }).ToListAsync();
            var projected = await db.Ratings.Select(r => new { r.ParticipantId, r.CharacteristicCode, r.LevelNow, r.LevelInTwoYears }).ToListAsync();
            var changes = await db.RatingChanges.ToListAsync();
            Assert.Equal(expected.Count, ratings.Count);
            foreach (var (code, participant, now, inTwoYears) in expected)
            {
                var rating = ratings.Single(x => x.Name == $"P{participant}" && x.r.CharacteristicCode == code).r;
                Assert.Equal((now, inTwoYears), (rating.LevelNow, rating.LevelInTwoYears));
                Assert.Equal((now, inTwoYears), projected.Where(p => p.ParticipantId == rating.ParticipantId && p.CharacteristicCode == code).Select(p => (p.LevelNow, p.LevelInTwoYears)).Single());
                var change = changes.Single(c => c.RatingId == rating.Id);
                Assert.Equal((inTwoYears, now, now, inTwoYears), (change.OldLevelNow, change.NewLevelNow, change.OldLevelInTwoYears, change.NewLevelInTwoYears));
            }
        }

        // And "unanswered" is stored as SQL NULL, "don't know" as 'DK', as the schema says.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand("SELECT count(*) FILTER (WHERE level_now IS NULL), count(*) FILTER (WHERE level_now = 'DK') FROM ratings");
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal((Answers.Length, Answers.Length), (reader.GetInt64(0), reader.GetInt64(1)));
    }

    private static readonly MaturityCatalogue Catalogue = CatalogueLoader.LoadEmbedded();

    private static async Task<(Guid Assessment, Guid Group)> SeedAsync(DbContextOptions<CityMaturityDb> options)
    {
        await using var db = new CityMaturityDb(options);
        var organisation = new Organisation { Id = Guid.NewGuid(), Name = "City", Slug = "city", Kind = OrganisationKind.Community };
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = organisation.Id, Name = "A", Community = "City", Purpose = "baseline-review",
            Method = AssessmentMethod.MultiStakeholder, Status = AssessmentStatus.Open, Scope = ["1.1.1"],
        };
        var group = new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = "Citizens", Position = 0 };
        foreach (var row in new object[] { organisation, assessment, group })
        {
            db.Add(row);
            await db.SaveChangesAsync();
        }

        return (assessment.Id, group.Id);
    }
}
