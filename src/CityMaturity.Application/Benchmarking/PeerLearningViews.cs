using CityMaturity.Domain.Benchmarking;
using CityMaturity.Domain.Evidence;
using CityMaturity.Domain.Organisations;

namespace CityMaturity.Application.Benchmarking;

/// <summary>An evidence item as the network sees it: what it is, never who attached it.</summary>
public sealed record SharedEvidenceItem(
    Guid Id, string CharacteristicCode, EvidenceKind Kind, string Title, string? Url, string? IndicatorCode, int? IndicatorYear,
    string? ContentType, long? SizeBytes, string? Sha256)
{
    public static SharedEvidenceItem Of(EvidenceItem item) => new(
        item.Id, item.CharacteristicCode, item.Kind, item.Title, item.Url, item.IndicatorCode, item.IndicatorYear, item.ContentType, item.SizeBytes,
        item.Sha256 is null ? null : Convert.ToHexStringLower(item.Sha256));
}

/// <summary>An evidence item of the shared assessment and whether the city shares it with the network.</summary>
public sealed record EvidenceChoice(SharedEvidenceItem Item, bool Shared);

/// <summary>The evidence of the assessment an organisation shares with a network, item by item; null assessment when it shares none.</summary>
public sealed record EvidenceSharing(string? AssessmentName, IReadOnlyList<EvidenceChoice> Items);

/// <summary>
/// A member city two or more levels ahead of the viewer on a characteristic that shares evidence on it. <see cref="OrganisationId"/> stays on
/// the server (the page opens a challenge with it); no output names it, since an id would link an alias across networks.
/// </summary>
/// <param name="AsMembersSeeIt">The name where the member chose to appear by name, otherwise its alias, whoever reads: what a file (the report) may carry.</param>
public sealed record LearnFromPeer(Guid OrganisationId, string ShownAs, bool IsNamed, IReadOnlyList<SharedEvidenceItem> Evidence, int OpenChallenges, string AsMembersSeeIt);

/// <summary>
/// One characteristic: the viewer's own score now, the score a peer needs to be listed (two levels above it), and the
/// peers to learn from. <see cref="Note"/> says why the list is empty, in words: the rule, never a peer's score.
/// </summary>
public sealed record LearnFromCharacteristic(string Code, string Name, decimal? Own, IReadOnlyList<LearnFromPeer> Peers)
{
    /// <summary>The lowest score a peer has to be listed (own + 2); null when the viewer has no score here.</summary>
    public decimal? AheadFrom => LearnFromRule.AheadFrom(Own);

    /// <summary>Why no one is listed; null when someone is.</summary>
    public string? Note => Peers.Count > 0 ? null
        : Own is null ? "Your city has no score on this characteristic, so no one is listed: the list is relative to your own score."
        : !LearnFromRule.AnyoneCanBeAhead(Own) ? "No score can be two levels above yours: the scale ends at 5."
        : "No city two or more levels ahead of you shares evidence on it yet.";
}

/// <summary>A post of a challenge thread, under its organisation's name or alias. A hidden post keeps no body in any output.</summary>
public sealed record ChallengePostView(Guid Id, string Author, bool ByOwn, string? Body, DateTimeOffset PostedAt, string? HiddenReason)
{
    public bool IsHidden => HiddenReason is not null;
}

/// <summary>
/// A challenge of one member's shared score and evidence on one characteristic, with the evidence it shares there; or of
/// one indicator value it shares (<see cref="Value"/>, and <see cref="CharacteristicCode"/> null). <see cref="Name"/> is
/// the characteristic's title or the indicator's name.
/// </summary>
public sealed record ChallengeThread(
    Guid Id, string? CharacteristicCode, string Name, string Target, bool TargetIsOwn, string OpenedBy, bool OpenedByOwn, bool IsOpen,
    DateTimeOffset OpenedAt, IReadOnlyList<ChallengePostView> Posts, IReadOnlyList<SharedEvidenceItem> Evidence, bool MayPost, bool MayClose)
{
    /// <summary>The indicator value questioned, as the city shares it now; null for a thread on a characteristic.</summary>
    public ChallengedValue? Value { get; init; }

    /// <summary>What the thread is about, as a heading reads it: "1.1.1" or "L1.1.1, 2024".</summary>
    public string Subject => Value is { } value ? $"{value.IndicatorCode}, {value.Year}" : CharacteristicCode!;
}

/// <summary>The indicator value a thread questions: code, year, and the value and unit the city shares.</summary>
public sealed record ChallengedValue(string IndicatorCode, int Year, decimal Value, string Unit);

/// <summary>
/// The peer page of a network for one person: whom to learn from (members only) and the challenge threads (members and
/// coordinators, who moderate). <see cref="NoFigures"/> says why there is no learn-from list.
/// </summary>
public sealed record PeerLearning(
    BenchmarkNetwork Network, Organisation? Viewer, bool IsCoordinator, string? NoFigures, IReadOnlyList<LearnFromCharacteristic> Characteristics,
    IReadOnlyList<ChallengeThread> Threads);

/// <summary>The parts of the peer page a view builds: the page shows both; each of the API's answers needs one.</summary>
[Flags]
public enum PeerParts
{
    /// <summary>Whom to learn from: needs the network's comparison.</summary>
    LearnFrom = 1,

    /// <summary>The challenge threads: need no comparison.</summary>
    Threads = 2,

    All = LearnFrom | Threads,
}
