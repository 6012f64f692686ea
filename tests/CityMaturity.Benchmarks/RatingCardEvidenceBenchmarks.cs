using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CityMaturity.Application.Assessments;
using CityMaturity.Application.Evidence;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Benchmarks;

/// <summary>
/// What the server does to render the participant's rating card (GET …/rate/state, ADR 0022; the browser draws the
/// card from this JSON): build <see cref="RatingPageState"/> for an assessment of all 32 characteristics with every one
/// answered, and write it as JSON with the web defaults the endpoint uses. The baseline is the card without evidence;
/// the others add what issue 15 shows on it, measured in the same run: "everything" puts two evidence items (a
/// document and a link) on every characteristic and the latest value of every indicator the shipped mapping links to
/// it (310 links: 58 on 4.6 well-being, 1 on 1.1.1); "typical" keeps the items of every other characteristic and the
/// values of one linked indicator in three. The database reads are not part of it.
/// </summary>
[MemoryDiagnoser]
public class RatingCardEvidenceBenchmarks
{
    private const long MaxFileBytes = 20 * 1024 * 1024;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private MaturityCatalogue _catalogue = null!;
    private RatingSession _session = null!;
    private Dictionary<string, Rating> _ratings = null!;
    private List<EvidenceView> _evidence = null!;
    private List<EvidenceView> _someEvidence = null!;
    private Dictionary<string, IReadOnlyList<IndicatorFact>> _facts = null!;
    private Dictionary<string, IReadOnlyList<IndicatorFact>> _someFacts = null!;
    private readonly DateTimeOffset _now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [GlobalSetup]
    public void Setup()
    {
        _catalogue = CatalogueLoader.LoadEmbedded();
        var library = IndicatorLoader.LoadEmbedded(_catalogue);
        var scope = _catalogue.Characteristics.Select(c => c.Code).ToList();
        var assessment = new Assessment
        {
            Id = Guid.NewGuid(), OrganisationId = Guid.NewGuid(), Name = "Baseline 2026", Community = "Benchville",
            Purpose = AssessmentVocabulary.PurposeKeys[1], Status = AssessmentStatus.Open, Scope = scope,
        };
        var participant = new Participant { Id = Guid.NewGuid(), AssessmentId = assessment.Id, Name = "Pat Rater", Email = "pat@bench.example" };
        _session = new RatingSession(assessment, participant, "Residents", "City of Benchville");
        _ratings = scope.ToDictionary(code => code, code => new Rating
        {
            CharacteristicCode = code, LevelNow = LevelAnswer.FromCode("3"), LevelInTwoYears = LevelAnswer.FromCode("4"),
            Comment = "We have a strategy on paper; delivery is patchy across departments.", EvidenceLinks = ["https://bench.example/strategy"], Version = 2,
        });
        _evidence = [.. scope.SelectMany(code => new[] { Document(code), Link(code) })];
        _facts = scope.ToDictionary(
            code => code,
            code => (IReadOnlyList<IndicatorFact>)[.. library.LinksFor(code).Select(l => library.Find(l.IndicatorCode)!)
                .Select(i => new IndicatorFact(i.Code, i.Name, "42.5", i.Unit, 2025))],
            StringComparer.OrdinalIgnoreCase);
        // Typical: evidence on every other characteristic, and a value for one linked indicator in three.
        _someEvidence = [.. _evidence.Where((_, n) => n / 2 % 2 == 0)];
        _someFacts = _facts.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<IndicatorFact>)[.. pair.Value.Where((_, n) => n % 3 == 0)], StringComparer.OrdinalIgnoreCase);
        var (without, typical, everything) = (WithoutEvidence(), Typical(), Everything());
        if (_facts.Values.Sum(f => f.Count) < 300 || typical <= without || everything <= typical)
        {
            throw new InvalidOperationException("the card with evidence must carry the shipped mapping's indicator values and the items");
        }

        Console.WriteLine($"// state JSON bytes: without evidence {without:N0}, typical {typical:N0}, everything {everything:N0}");
    }

    [Benchmark(Baseline = true, Description = "Baseline: rating card state without evidence")]
    public long WithoutEvidence() => Written(State());

    [Benchmark(Description = "With evidence, typical: items on half the characteristics, values for a third of the linked indicators")]
    public long Typical() => Written(State().WithEvidence(_someEvidence, _someFacts, MaxFileBytes));

    [Benchmark(Description = "With evidence, everything: 2 items on every characteristic, a value for every linked indicator")]
    public long Everything() => Written(State().WithEvidence(_evidence, _facts, MaxFileBytes));

    /// <summary>Writes the state as the endpoint does (UTF-8 JSON, web defaults, to a stream), returning the byte count.</summary>
    private static long Written(RatingPageState state)
    {
        var body = new CountingStream();
        JsonSerializer.Serialize(body, state, Web);
        return body.Length;
    }

    private RatingPageState State() => RatingPageState.Of(_session, _catalogue, _ratings, _now);

    private EvidenceView Document(string code) => new(Guid.NewGuid(), code, "document", "Digital strategy 2025–2030.pdf", null, null, null,
        "application/pdf", 1_482_113, new string('a', 64), _now.AddDays(-3), "Facilitator", Mine: false, OnConsensus: false, IsDemo: false);

    private EvidenceView Link(string code) => new(Guid.NewGuid(), code, "link", "Council decision on open data", "https://bench.example/council/decisions/2025-114",
        null, null, null, null, null, _now.AddDays(-1), "Pat Rater", Mine: true, OnConsensus: false, IsDemo: false);
}

/// <summary>A response body that only counts what is written to it, so the benchmark measures writing, not buffering.</summary>
internal sealed class CountingStream : Stream
{
    private long _length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position { get => _length; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => _length += count;

    public override void Write(ReadOnlySpan<byte> buffer) => _length += buffer.Length;

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
