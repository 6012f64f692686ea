using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Organisations;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Accounts;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NpgsqlTypes;

namespace CityMaturity.LoadTests;

/// <summary>
/// A throwaway PostgreSQL and the real app on Kestrel (loopback), holding one closed assessment of an organisation with
/// a leader: the participants × every characteristic of the catalogue, both views rated, bulk-loaded by binary COPY.
/// </summary>
public sealed class LoadWorld : IAsyncDisposable
{
    public const string LeaderEmail = "leader@load.example";
    public const string FacilitatorEmail = "facilitator@load.example";

    private static readonly int[] GroupBias = [1, 0, 0, -1, 0, -1];

    private LoadWorld(TestDatabaseServer database, CityMaturityFactory factory)
    {
        Database = database;
        Factory = factory;
    }

    private string _connectionString = null!;

    public TestDatabaseServer Database { get; }

    /// <summary>The app's database (for the load client's own side connections).</summary>
    public string ConnectionString => _connectionString;
    public CityMaturityFactory Factory { get; }
    public Uri BaseAddress { get; private set; } = null!;
    public Guid AssessmentId { get; private set; }
    public string OrganisationSlug { get; private set; } = null!;
    public Guid OrganisationId { get; private set; }
    public Guid FacilitatorId { get; private set; }
    public string LeaderToken { get; private set; } = null!;

    /// <summary>
    /// <paramref name="count"/> API clients acting as the leader (the personal access token as Bearer), sharing one
    /// connection pool as a load generator would, one client per worker so each keeps its own keep-alive connection.
    /// </summary>
    public List<HttpClient> LeaderTokenClients(HttpMessageHandler handler, int count, TimeSpan timeout) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = BaseAddress, Timeout = timeout };
            client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", LeaderToken);
            return client;
        })];
    public int RatingCount { get; private set; }
    public TimeSpan SeedTime { get; private set; }

    /// <summary>The cluster's postmaster (the parent of every backend), for CPU accounting; null when not on Linux.</summary>
    public int? PostmasterPid { get; private set; }

    /// <param name="maxAutoPrepare">
    /// Npgsql's "Max Auto Prepare" in the app's connection string (0: not set, so the app's own default applies — see
    /// DatabaseSetup): a deployment setting that has PostgreSQL keep the plans of the app's frequent statements.
    /// </param>
    public static async Task<LoadWorld> StartAsync(int participantCount, int maxAutoPrepare = 0)
    {
        var database = await TestDatabaseServer.StartAsync();
        var connectionString = await database.CreateMigratedDatabaseAsync();
        var appConnectionString = maxAutoPrepare > 0
            ? new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = maxAutoPrepare }.ConnectionString
            : connectionString;
        var factory = new CityMaturityFactory(appConnectionString);
        var world = new LoadWorld(database, factory) { _connectionString = connectionString };
        try
        {
            world.BaseAddress = factory.StartKestrel();
            if (!world.BaseAddress.IsLoopback)
            {
                throw new InvalidOperationException($"The app listens at {world.BaseAddress}, not on loopback; refusing to load it.");
            }

            var started = System.Diagnostics.Stopwatch.StartNew();
            await world.SeedAsync(connectionString, participantCount);
            world.SeedTime = started.Elapsed;
            return world;
        }
        catch
        {
            await world.DisposeAsync();
            throw;
        }
    }

    private async Task SeedAsync(string connectionString, int participantCount)
    {
        var services = Factory.Services;
        var leader = await TestAccounts.CreateUserAsync(services, LeaderEmail);
        var facilitator = await TestAccounts.CreateUserAsync(services, FacilitatorEmail);
        var organisation = await TestAccounts.CreateOrganisationAsync(services, "Loadville",
            (leader, OrganisationRole.Leader), (facilitator, OrganisationRole.Facilitator));
        OrganisationSlug = organisation.Slug;
        OrganisationId = organisation.Id;
        FacilitatorId = facilitator.Id;

        await using var scope = services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<MaturityCatalogue>();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var codes = catalogue.Characteristics.Select(c => c.Code).ToList();
        var assessment = await assessments.CreateAsync(organisation.Id,
            new NewAssessment("Load 2026", "Loadville", "baseline-review", AssessmentMethod.MultiStakeholder, codes, null), facilitator.Id);
        AssessmentId = assessment.Id;
        foreach (var (code, level) in new[] { ("2.3.1", MaturityLevel.Improving), ("4.2", MaturityLevel.Improving), ("1.5.2", MaturityLevel.Fulfilled) })
        {
            if (codes.Contains(code))
            {
                await assessments.SetTargetAsync(assessment.Id, code, level);
            }
        }

        var groups = (await assessments.OverviewAsync(assessment.Id)).Groups;
        var random = new Random(37107);
        var trueLevels = catalogue.Characteristics.ToDictionary(c => c.Code, c => c.DimensionCode switch { "1" => 3, "2" => 2, "3" => 2, _ => 3 } + random.Next(-1, 2));

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var participants = new (Guid Id, Guid GroupId, int Bias)[participantCount];
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY participants (id, assessment_id, group_id, name, email) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < participantCount; i++)
            {
                participants[i] = (Guid.NewGuid(), groups[i % groups.Count].Id, GroupBias[i % GroupBias.Length]);
                await copy.StartRowAsync();
                await copy.WriteAsync(participants[i].Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(assessment.Id, NpgsqlDbType.Uuid);
                await copy.WriteAsync(participants[i].GroupId, NpgsqlDbType.Uuid);
                await copy.WriteAsync($"Participant {i}", NpgsqlDbType.Text);
                await copy.WriteAsync($"p{i}@load.example", NpgsqlDbType.Text);
            }

            await copy.CompleteAsync();
        }

        var ratings = 0;
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY ratings (id, assessment_id, participant_id, characteristic_code, level_now, level_in_two_years) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var participant in participants)
            {
                foreach (var code in codes)
                {
                    var level = trueLevels[code] + participant.Bias;
                    await copy.StartRowAsync();
                    await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                    await copy.WriteAsync(assessment.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(participant.Id, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(code, NpgsqlDbType.Text);
                    await copy.WriteAsync(Answer(random, level + random.Next(-1, 2)), NpgsqlDbType.Text);
                    await copy.WriteAsync(Answer(random, level + random.Next(0, 3)), NpgsqlDbType.Text);
                    ratings++;
                }
            }

            await copy.CompleteAsync();
        }

        RatingCount = ratings;
        await using (var backend = new NpgsqlCommand("SELECT pg_backend_pid()", connection))
        {
            var stat = $"/proc/{await backend.ExecuteScalarAsync()}/stat";
            if (File.Exists(stat))
            {
                var text = await File.ReadAllTextAsync(stat);
                PostmasterPid = int.Parse(text[(text.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        // Closed: the dashboard a leader reads after the assessment (no live refresh), as in a results review.
        await using (var close = new NpgsqlCommand("UPDATE assessments SET status = 'closed' WHERE id = $1", connection))
        {
            close.Parameters.Add(new NpgsqlParameter { Value = assessment.Id });
            await close.ExecuteNonQueryAsync();
        }

        // As autovacuum would soon after a bulk load: the planner sees the real table sizes.
        await using (var analyze = new NpgsqlCommand("ANALYZE participants; ANALYZE ratings", connection))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var stored = await db.Ratings.CountAsync(r => r.AssessmentId == assessment.Id);
        if (stored != ratings)
        {
            throw new InvalidOperationException($"Seeded {ratings} ratings but {stored} are stored.");
        }

        var (token, error) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(leader.Id, "load test");
        LeaderToken = token ?? throw new InvalidOperationException(error);
    }

    /// <summary>
    /// A second assessment of the organisation, open and not yet rated, and a moderated workshop on it that allows
    /// walk-ins, started by the facilitator through the app's own services (the console's "Start workshop").
    /// </summary>
    public async Task<(Guid AssessmentId, CityMaturity.Domain.Workshops.Workshop Workshop)> StartWorkshopAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var catalogue = scope.ServiceProvider.GetRequiredService<MaturityCatalogue>();
        var assessments = scope.ServiceProvider.GetRequiredService<AssessmentService>();
        var workshops = scope.ServiceProvider.GetRequiredService<CityMaturity.Application.Workshops.WorkshopService>();
        var assessment = await assessments.CreateAsync(OrganisationId,
            new NewAssessment("Workshop 2026", "Loadville", "baseline-review", AssessmentMethod.MultiStakeholder, [.. catalogue.Characteristics.Select(c => c.Code)], null),
            FacilitatorId);
        await assessments.MoveToAsync(assessment.Id, AssessmentStatus.Open);
        var (workshop, refusal) = await workshops.StartAsync(assessment.Id, workshops.DefaultAgenda(assessment), allowWalkIns: true, FacilitatorId);
        return (assessment.Id, workshop ?? throw new InvalidOperationException($"The workshop did not start: {refusal?.Message}"));
    }

    /// <summary>
    /// The milliseconds of the summary's ratings query alone (the same columns, every row read), one at a time on one
    /// connection: the database's share of a summary request.
    /// </summary>
    public async Task<IReadOnlyList<double>> TimeRatingsQueryAsync(int times)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        var result = new List<double>(times);
        for (var i = 0; i < times + 3; i++)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await using var command = new NpgsqlCommand(
                "SELECT participant_id, characteristic_code, level_now, level_in_two_years FROM ratings WHERE assessment_id = $1", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = AssessmentId });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                _ = reader.GetGuid(0);
                _ = reader.GetString(1);
                _ = reader.IsDBNull(2) ? null : reader.GetString(2);
                _ = reader.IsDBNull(3) ? null : reader.GetString(3);
            }

            if (i >= 3)
            {
                result.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        return result;
    }

    /// <summary>About 7 % "don't know"; otherwise the level clamped to 1–5, as the stored text code.</summary>
    private static string Answer(Random random, int level) =>
        random.NextDouble() < 0.07 ? "DK" : Math.Clamp(level, 1, 5).ToString(System.Globalization.CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
