using CityMaturity.Domain.Audits;
using CityMaturity.Domain.Catalogue;

namespace CityMaturity.Domain.Tests.Audits;

public class AuditStatusTests
{
    public static TheoryData<AuditStatus, AuditStatus, bool> Moves()
    {
        var allowed = new HashSet<(AuditStatus, AuditStatus)>
        {
            (AuditStatus.Requested, AuditStatus.InProgress),
            (AuditStatus.InProgress, AuditStatus.FindingsIssued),
            (AuditStatus.FindingsIssued, AuditStatus.CityResponded),
            (AuditStatus.CityResponded, AuditStatus.InProgress),
            (AuditStatus.CityResponded, AuditStatus.Closed),
        };
        var data = new TheoryData<AuditStatus, AuditStatus, bool>();
        foreach (var from in Enum.GetValues<AuditStatus>())
        {
            foreach (var to in Enum.GetValues<AuditStatus>())
            {
                data.Add(from, to, allowed.Contains((from, to)));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Only_the_workflow_s_moves_are_allowed(AuditStatus from, AuditStatus to, bool allowed) =>
        Assert.Equal(allowed, from.CanMoveTo(to));

    [Fact]
    public void Nothing_leaves_closed_and_only_closed_unfreezes_the_figures()
    {
        Assert.All(Enum.GetValues<AuditStatus>(), to => Assert.False(AuditStatus.Closed.CanMoveTo(to)));
        Assert.All(Enum.GetValues<AuditStatus>(), status => Assert.Equal(status != AuditStatus.Closed, status.FreezesFigures()));
    }

    [Fact]
    public void The_city_responds_and_resubmits_the_body_takes_every_other_step()
    {
        Assert.Equal(AuditParty.City, AuditStatuses.MovedBy(AuditStatus.FindingsIssued, AuditStatus.CityResponded));
        Assert.Equal(AuditParty.City, AuditStatuses.MovedBy(AuditStatus.CityResponded, AuditStatus.InProgress));
        Assert.Equal(AuditParty.AuditBody, AuditStatuses.MovedBy(AuditStatus.Requested, AuditStatus.InProgress));
        Assert.Equal(AuditParty.AuditBody, AuditStatuses.MovedBy(AuditStatus.CityResponded, AuditStatus.Closed));
    }

    [Fact]
    public void Codes_read_back_as_what_they_were()
    {
        Assert.All(Enum.GetValues<AuditStatus>(), s => Assert.Equal(s, AuditStatuses.ParseStatus(s.Code())));
        Assert.All(Enum.GetValues<AuditOpinion>(), o => Assert.Equal(o, AuditStatuses.ParseOpinion(o.Code())));
        Assert.All(Enum.GetValues<FindingKind>(), k => Assert.Equal(k, FindingKinds.Parse(k.Code())));
        Assert.All(Enum.GetValues<IndicatorVerdict>(), v => Assert.Equal(v, IndicatorVerdicts.Parse(v.Code())));
        Assert.Throws<FormatException>(() => AuditStatuses.ParseStatus("done"));
        Assert.False(FindingKinds.TryParse("CONFORMS", out _));
    }

    [Fact]
    public void A_grant_opens_on_its_first_day_closes_after_its_last_and_not_at_all_once_revoked()
    {
        var audit = new Audit { EngagedFrom = new DateOnly(2026, 12, 1), EngagedUntil = new DateOnly(2026, 12, 31) };
        Assert.False(audit.GrantsAccessOn(new DateOnly(2026, 11, 30)));
        Assert.True(audit.GrantsAccessOn(new DateOnly(2026, 12, 1)));
        Assert.True(audit.GrantsAccessOn(new DateOnly(2026, 12, 31)));
        Assert.False(audit.GrantsAccessOn(new DateOnly(2027, 1, 1)));
        audit.RevokedAt = DateTimeOffset.UnixEpoch;
        Assert.False(audit.GrantsAccessOn(new DateOnly(2026, 12, 15)));
    }

    [Theory]
    [InlineData(3, "conforms", "Minutes of the council", false, null, null)]
    [InlineData(3, "conforms", " ", false, null, "Say which evidence was examined.")]
    [InlineData(3, "minor_gap", "Plan", true, null, "Say why this characteristic was examined in depth (the sampling record needs the reason).")]
    [InlineData(3, "minor_gap", "Plan", true, "Highest weight in the city's plan", null)]
    [InlineData(null, "conforms", "Plan", false, null, "A characteristic whose level cannot be verified cannot conform.")]
    [InlineData(null, "not_evidenced", "Nothing was supplied", false, null, null)]
    public void A_finding_says_what_is_missing(int? level, string finding, string examined, bool inDepth, string? reason, string? expected)
    {
        var value = new CharacteristicFinding("1.1.1", level is { } n ? MaturityLevels.FromNumber(n) : null, FindingKinds.Parse(finding), examined, null, inDepth, reason);
        Assert.Equal(expected, value.WhyInvalid());
    }

    [Fact]
    public void Participants_are_numbered_in_the_order_given_without_gaps()
    {
        var ids = Enumerable.Range(0, 101).Select(_ => Guid.NewGuid()).ToList();
        var pseudonyms = Pseudonyms.For([.. ids, ids[0]]);
        Assert.Equal(101, pseudonyms.Count);
        Assert.Equal("P01", pseudonyms[ids[0]]);
        Assert.Equal("P10", pseudonyms[ids[9]]);
        Assert.Equal("P99", pseudonyms[ids[98]]);
        Assert.Equal("P100", pseudonyms[ids[99]]);
    }
}
