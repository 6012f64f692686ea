using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Cycles;
using CityMaturity.Infrastructure.Database;
using Microsoft.EntityFrameworkCore;

namespace CityMaturity.Application.Assessments;

/// <summary>
/// Demo data for Demoville: a closed multi-stakeholder baseline with 24 participants across the six default
/// groups, with plausible, varied answers (groups see the city differently; citizens often don't know the
/// internal-operations characteristics), and an open assessment in progress. The baseline is the third cycle of the
/// series "City-wide MMSSC", after closed cycles in 2022 and 2024, so the series page shows a trend and plan realisation
/// and the baseline report its "since the last cycle" chapter. Deterministic: same data every run.
/// </summary>
public sealed class DemoAssessmentSeeder(IDbContextFactory<CityMaturityDb> dbFactory, MaturityCatalogue catalogue, TimeProvider clock)
{
    public const string ClosedAssessmentName = "Baseline 2026";
    public const string OpenAssessmentName = "Mid-term review 2027";
    public const string SeriesName = "City-wide MMSSC";
    public const string FirstCycleName = "Baseline 2022";
    public const string SecondCycleName = "Review 2024";

    /// <summary>The earlier cycles' dates (their deadlines): two years apart, as ISO/TS 37107's "in two years" intends.</summary>
    public static readonly DateOnly FirstCycleDate = new(2022, 6, 30);
    public static readonly DateOnly SecondCycleDate = new(2024, 6, 28);

    private static readonly string[] FirstNames = ["Ana", "Ben", "Chloé", "Dev", "Elif", "Femi", "Greta", "Hugo", "Ines", "Jonas", "Kofi", "Lena"];
    private static readonly string[] LastNames = ["Silva", "Okafor", "Novak", "Larsen", "Haddad", "Moreau"];

    // How each group tends to see the city relative to the consensus: local government is the most optimistic,
    // citizens the most critical, academia in between but with wide spread.
    private static readonly int[] GroupBias = [1, 0, 0, -1, 0, -1];

    private static readonly (string Code, int Level)[] Targets = [("2.3.1", 4), ("4.2", 4), ("1.5.2", 3), ("3.2.1", 4)];

    public async Task SeedAsync(Guid organisationId, Guid? createdBy, Guid? memberUserId, string memberName, string memberEmail)
    {
        await SeedCurrentAsync(organisationId, createdBy, memberUserId, memberName, memberEmail);
        await SeedEarlierCyclesAsync(organisationId, createdBy);
    }

    private async Task SeedCurrentAsync(Guid organisationId, Guid? createdBy, Guid? memberUserId, string memberName, string memberEmail)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        if (await db.Assessments.AnyAsync(a => a.OrganisationId == organisationId))
        {
            return;
        }

        var random = new Random(37107);
        var now = clock.GetUtcNow();
        var all = catalogue.Characteristics.Select(c => c.Code).ToList();

        var baseline = NewAssessment(organisationId, ClosedAssessmentName, "baseline-review", AssessmentMethod.MultiStakeholder, all, createdBy, now.AddMonths(-6));
        var groups = AddGroups(db, baseline);
        db.Assessments.Add(baseline);
        var trueLevels = all.ToDictionary(code => code, code => TrueLevel(code, random));
        for (var i = 0; i < 24; i++)
        {
            var groupIndex = i % groups.Count;
            var participant = NewParticipant(baseline, groups[groupIndex], i, now.AddMonths(-6));
            db.Participants.Add(participant);
            foreach (var code in all)
            {
                Add(db, DemoRating(baseline, participant, code, trueLevels[code], GroupBias[groupIndex], groupIndex == 5, random, now.AddMonths(-5)));
            }
        }

        db.AssessmentTargets.AddRange(Targets.Select(t => new AssessmentTarget { AssessmentId = baseline.Id, CharacteristicCode = t.Code, TargetLevel = t.Level }));
        baseline.Status = AssessmentStatus.Closed;

        var review = NewAssessment(organisationId, OpenAssessmentName, "evaluation", AssessmentMethod.MultiStakeholder, all, createdBy, now.AddDays(-3));
        review.Status = AssessmentStatus.Open;
        review.Deadline = DateOnly.FromDateTime(now.AddDays(30).UtcDateTime);
        db.Assessments.Add(review);
        var reviewGroups = AddGroups(db, review);
        for (var i = 0; i < 6; i++)
        {
            var participant = NewParticipant(review, reviewGroups[i], i + 30, now.AddDays(-3));
            db.Participants.Add(participant);
            foreach (var code in all.Take(i * 5))
            {
                Add(db, DemoRating(review, participant, code, trueLevels[code] + (random.Next(3) == 0 ? 1 : 0), GroupBias[i], i == 5, random, now.AddDays(-2)));
            }
        }

        if (memberUserId is { } userId)
        {
            db.Participants.Add(new Participant
            {
                Id = Guid.NewGuid(), AssessmentId = review.Id, GroupId = reviewGroups[0].Id, Name = memberName, Email = memberEmail,
                UserId = userId, CreatedAt = now.AddDays(-3),
            });
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// The 2022 and 2024 cycles before the baseline, in one series with it. Idempotent on its own, so a demo database
    /// seeded before cycles existed gains them; it leaves alone a baseline someone already put in a series.
    /// </summary>
    private async Task SeedEarlierCyclesAsync(Guid organisationId, Guid? createdBy)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        var baseline = await db.Assessments.SingleOrDefaultAsync(a => a.OrganisationId == organisationId && a.Name == ClosedAssessmentName);
        if (baseline is null || baseline.SeriesId is not null || baseline.PredecessorId is not null
            || await db.AssessmentSeries.AnyAsync(s => s.OrganisationId == organisationId && s.Name == SeriesName))
        {
            return;
        }

        // The earlier cycles lead up to the baseline's underlying levels, replayed from its seed (TrueLevel is drawn first).
        var replay = new Random(37107);
        var levels2026 = catalogue.Characteristics.ToDictionary(c => c.Code, c => TrueLevel(c.Code, replay));
        var random = new Random(2022);
        var levels2024 = levels2026.ToDictionary(l => l.Key, l => Math.Clamp(l.Value - StepBefore2026(random), 1, 5));
        var levels2022 = levels2024.ToDictionary(l => l.Key, l => Math.Clamp(l.Value - (random.Next(3) == 0 ? 0 : 1), 1, 5));

        // The model maps no navigation between cycles, so EF cannot order the inserts by predecessor: one save per cycle.
        await using var transaction = await db.Database.BeginTransactionAsync();
        var series = new AssessmentSeries { Id = Guid.NewGuid(), OrganisationId = organisationId, Name = SeriesName, CreatedAt = clock.GetUtcNow() };
        db.AssessmentSeries.Add(series);
        var first = AddClosedCycle(db, organisationId, FirstCycleName, "baseline-review", FirstCycleDate, levels2022, series.Id, null, createdBy, random);
        await db.SaveChangesAsync();
        var second = AddClosedCycle(db, organisationId, SecondCycleName, "evaluation", SecondCycleDate, levels2024, series.Id, first.Id, createdBy, random);
        await db.SaveChangesAsync();
        baseline.SeriesId = series.Id;
        baseline.PredecessorId = second.Id;
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    /// <summary>How far 2024 lay below 2026: mostly one level, sometimes none, now and then above it (a regression since).</summary>
    private static int StepBefore2026(Random random) => random.Next(8) switch
    {
        0 => -1,
        1 => 0,
        _ => 1,
    };

    /// <summary>A closed cycle of 18 participants (three per default group) who answered every characteristic.</summary>
    private static Assessment AddClosedCycle(
        CityMaturityDb db, Guid organisationId, string name, string purpose, DateOnly date, Dictionary<string, int> levels, Guid seriesId, Guid? predecessorId,
        Guid? createdBy, Random random)
    {
        var createdAt = new DateTimeOffset(date.AddMonths(-3).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        var scope = levels.Keys.ToList();
        var cycle = NewAssessment(organisationId, name, purpose, AssessmentMethod.MultiStakeholder, scope, createdBy, createdAt);
        cycle.Status = AssessmentStatus.Closed;
        cycle.Deadline = date;
        cycle.SeriesId = seriesId;
        cycle.PredecessorId = predecessorId;
        db.Assessments.Add(cycle);
        var groups = AddGroups(db, cycle);
        for (var i = 0; i < 18; i++)
        {
            var groupIndex = i % groups.Count;
            var participant = NewParticipant(cycle, groups[groupIndex], i, createdAt);
            db.Participants.Add(participant);
            foreach (var code in scope)
            {
                Add(db, DemoRating(cycle, participant, code, levels[code], GroupBias[groupIndex], groupIndex == 5, random, createdAt.AddDays(30)));
            }
        }

        db.AssessmentTargets.AddRange(Targets.Select(t => new AssessmentTarget { AssessmentId = cycle.Id, CharacteristicCode = t.Code, TargetLevel = t.Level }));
        return cycle;
    }

    private static Assessment NewAssessment(Guid organisationId, string name, string purpose, AssessmentMethod method, List<string> scope, Guid? createdBy, DateTimeOffset createdAt) => new()
    {
        Id = Guid.NewGuid(), OrganisationId = organisationId, Name = name, Community = "Demoville", Purpose = purpose,
        Method = method, Status = AssessmentStatus.Draft, Scope = scope, CreatedBy = createdBy, CreatedAt = createdAt,
    };

    private static List<StakeholderGroup> AddGroups(CityMaturityDb db, Assessment assessment)
    {
        var groups = AssessmentVocabulary.DefaultGroups.Select((name, i) => new StakeholderGroup { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = name, Position = i }).ToList();
        db.StakeholderGroups.AddRange(groups);
        return groups;
    }

    private static Participant NewParticipant(Assessment assessment, StakeholderGroup group, int index, DateTimeOffset createdAt)
    {
        var first = FirstNames[index % FirstNames.Length];
        var last = LastNames[index / FirstNames.Length % LastNames.Length];
        return new Participant
        {
            Id = Guid.NewGuid(), AssessmentId = assessment.Id, GroupId = group.Id, Name = $"{first} {last}",
            Email = $"{first.ToLowerInvariant().Replace("é", "e", StringComparison.Ordinal)}.{last.ToLowerInvariant()}{index}@demoville.example",
            InvitedAt = createdAt, CreatedAt = createdAt,
        };
    }

    /// <summary>Demoville: a decent strategy, weak data management, purposes in the middle.</summary>
    private static int TrueLevel(string code, Random random) => code[0] switch
    {
        '1' => 3 + random.Next(-1, 2),
        '2' => 2 + random.Next(0, 2),
        '3' => 2 + random.Next(-1, 1),
        _ => 3 + random.Next(-1, 1),
    };

    private static (Rating Rating, RatingChange Change) DemoRating(Assessment assessment, Participant participant, string code, int trueLevel, int bias, bool citizen, Random random, DateTimeOffset at)
    {
        // Citizens rarely see internal operations (dimensions 1 and 3): many don't know.
        var dontKnowChance = citizen && code[0] is '1' or '3' ? 0.45 : 0.06;
        var now = random.NextDouble() < dontKnowChance ? LevelAnswer.DontKnow : Level(trueLevel + bias + random.Next(-1, 2));
        var planned = random.NextDouble() < dontKnowChance ? LevelAnswer.DontKnow : Level(trueLevel + bias + random.Next(0, 3) - (random.Next(10) == 0 ? 2 : 0));
        var comment = random.Next(12) == 0 ? "Discussed in the steering group; evidence in the annual report." : null;
        var rating = new Rating { Id = Guid.NewGuid(), AssessmentId = assessment.Id, ParticipantId = participant.Id, CharacteristicCode = code, Version = 1 };
        // As if the participant had answered on the rating form: the answer comes with its audit entry, as every answer does.
        var change = RatingAudit.Apply(rating, new RatingValues(now, planned, comment, []), RatingChangeSource.RatingForm, changedByUserId: null, changedByParticipant: true, at)
            ?? throw new InvalidOperationException("A demo answer is never empty.");
        return (rating, change);
    }

    private static void Add(CityMaturityDb db, (Rating Rating, RatingChange Change) answer)
    {
        db.Ratings.Add(answer.Rating);
        db.RatingChanges.Add(answer.Change);
    }

    private static LevelAnswer Level(int value) => LevelAnswer.Of(MaturityLevels.FromNumber(Math.Clamp(value, 1, 5)));
}
