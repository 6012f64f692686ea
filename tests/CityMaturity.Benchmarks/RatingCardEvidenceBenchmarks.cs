using System.Text.Json;
using BenchmarkDotNet.Attributes;
using CityMaturity.Application.Assessments;
using CityMaturity.Application.Evidence;
using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Indicators;

namespace CityMaturity.Benchmarks;

/// <summary>
/// What the server does to render the participant's rating card (ADR 0022; the browser draws the card from JSON) with
/// and without evidence, in the same run. The baseline is the card before issue 15: the state (GET …/rate/state) of an
/// assessment of all 32 characteristics, every one answered, written as JSON with the web defaults the endpoint uses.
/// With evidence (ADR 0052) the state carries each characteristic's evidence count, and the opened card loads its own
/// evidence (GET …/rate/evidence?code=): its items and the latest values, with trend, of the indicators the shipped
/// mapping links to it (at most <see cref="RatingCardEvidenceSet.ListedValues"/> listed, and how many more). The card
/// measured is the heaviest one, 4.6 well-being (58 linked indicators): "everything" has two items (a document, a link)
/// on every characteristic and a value for every linked indicator; "typical" has items on every other characteristic
/// and values for one linked indicator in three. "All values" is the same card after the participant asks for all 58
/// (not part of drawing the card). "First draw" is the
/// state alone, what the card needs before its evidence arrives. The database reads are not part of it.
/// The card's response is written as the endpoint writes it (ADR 0057): its values put most recent first
/// (<see cref="ListedIndicatorValues.MostRecentFirst"/>, done per request when they are read), listed by a slice and
/// written by the generated serializer (<see cref="RatingCardJson"/>). The "before" rows keep h15c's way in the same
/// run: a LINQ sort and mapping per response and the reflection-based serializer with the web defaults.
/// </summary>
[MemoryDiagnoser]
public class RatingCardEvidenceBenchmarks
{
    private const long MaxFileBytes = 20 * 1024 * 1024;
    private const string HeaviestCard = "4.6";
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private MaturityCatalogue _catalogue = null!;
    private RatingSession _session = null!;
    private Dictionary<string, Rating> _ratings = null!;
    private Dictionary<string, int> _counts = null!;
    private Dictionary<string, int> _someCounts = null!;
    private List<EvidenceView> _cardItems = null!;
    private List<IndicatorFact> _cardFacts = null!;
    private List<IndicatorFact> _someCardFacts = null!;
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
        _counts = scope.ToDictionary(code => code, _ => 2, StringComparer.Ordinal);
        _someCounts = scope.Where((_, n) => n % 2 == 0).ToDictionary(code => code, _ => 2, StringComparer.Ordinal);
        _cardItems = [Document(HeaviestCard), Link(HeaviestCard)];
        _cardFacts = [.. library.LinksFor(HeaviestCard).Select(l => library.Find(l.IndicatorCode)!).Select(Fact)];
        _someCardFacts = [.. _cardFacts.Where((_, n) => n % 3 == 0)];
        var (without, first, typical, everything, all) = (WithoutEvidence(), FirstDraw(), Typical(), Everything(), AllValues());
        if (_cardFacts.Count < 50 || first <= without || typical <= first || everything <= typical || all <= everything
            || TypicalBefore() != typical || EverythingBefore() != everything)
        {
            throw new InvalidOperationException("the card with evidence must carry the shipped mapping's indicator values of 4.6 and the items, the same bytes before and now");
        }

        Console.WriteLine($"// JSON bytes: without evidence {without:N0}, first draw {first:N0}, typical {typical:N0}, everything {everything:N0}, all values {all:N0}");
    }

    [Benchmark(Baseline = true, Description = "Baseline: rating card state without evidence")]
    public long WithoutEvidence() => Written(State());

    [Benchmark(Description = "With evidence, first draw: the state with every characteristic's evidence count")]
    public long FirstDraw() => Written(State().WithEvidenceCounts(_counts, MaxFileBytes));

    [Benchmark(Description = "With evidence, typical: the state with counts, and card 4.6's 2 items and values for a third of its linked indicators")]
    public long Typical() => Written(State().WithEvidenceCounts(_someCounts, MaxFileBytes)) + WrittenCard(_someCardFacts);

    [Benchmark(Description = "With evidence, everything: the state with counts, and card 4.6's 2 items and a value for each of its 58 linked indicators")]
    public long Everything() => Written(State().WithEvidenceCounts(_counts, MaxFileBytes)) + WrittenCard(_cardFacts);

    [Benchmark(Description = "Everything, after \"show all\": the state with counts, and card 4.6 with all 58 values")]
    public long AllValues() => Written(State().WithEvidenceCounts(_counts, MaxFileBytes)) + WrittenCard(_cardFacts, allValues: true);

    [Benchmark(Description = "Before (h15c's card, same run): typical")]
    public long TypicalBefore() => Written(State().WithEvidenceCounts(_someCounts, MaxFileBytes)) + WrittenCardBefore(_someCardFacts);

    [Benchmark(Description = "Before (h15c's card, same run): everything")]
    public long EverythingBefore() => Written(State().WithEvidenceCounts(_counts, MaxFileBytes)) + WrittenCardBefore(_cardFacts);

    [Benchmark(Description = "The heaviest card's response alone (12 of 58 values), now")]
    public long CardAlone() => WrittenCard(_cardFacts);

    [Benchmark(Description = "The heaviest card's response alone (12 of 58 values), before (h15c)")]
    public long CardAloneBefore() => WrittenCardBefore(_cardFacts);

    /// <summary>The card's response as GET …/rate/evidence writes it: the values read are put most recent first, the
    /// first 12 listed, and the response written by <see cref="RatingCardJson"/>.</summary>
    private long WrittenCard(List<IndicatorFact> facts, bool allValues = false)
    {
        var card = RatingCardEvidenceSet.Of(HeaviestCard, _cardItems, ListedIndicatorValues.MostRecentFirst(facts), allValues);
        var stream = new CountingStream();
        JsonSerializer.Serialize(stream, card, RatingCardJson.Default.RatingCardEvidenceSet);
        return stream.Length;
    }

    /// <summary>The card's response as h15c wrote it: sorted and mapped by LINQ per response, written by reflection.</summary>
    private long WrittenCardBefore(List<IndicatorFact> facts)
    {
        var listed = facts.OrderByDescending(f => f.Year).Take(RatingCardEvidenceSet.ListedValues).ToList();
        return Written(new RatingCardEvidenceSet(HeaviestCard, [.. _cardItems.Select(RatingCardEvidence.Of)], listed, facts.Count - listed.Count));
    }

    /// <summary>Writes a response body as the endpoints do (UTF-8 JSON, web defaults, to a stream), returning the byte count.</summary>
    private static long Written<T>(T body)
    {
        var stream = new CountingStream();
        JsonSerializer.Serialize(stream, body, Web);
        return stream.Length;
    }

    private RatingPageState State() => RatingPageState.Of(_session, _catalogue, _ratings, _now);

    /// <summary>A value for 2025 against one for 2024, worded as the card shows it (<see cref="IndicatorTrend"/>).</summary>
    private static IndicatorFact Fact(Indicator indicator)
    {
        var trend = IndicatorTrend.Of(indicator.Direction, 42.5m, 2024, 41.25m);
        return new IndicatorFact(indicator.Code, indicator.Name, "42.5", indicator.Unit, 2025, trend?.Key, trend?.Text);
    }

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
