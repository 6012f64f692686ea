using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Scoring;
using CityMaturity.Domain.Workshops;

namespace CityMaturity.Domain.Tests.Workshops;

public sealed class WorkshopRulesTests
{
    private static Workshop Running(int position = 0) => new()
    {
        JoinCode = "ABC234", Status = WorkshopStatus.Running, Agenda = ["1.1.1", "1.1.2", "4.2"], CurrentPosition = position,
    };

    private static WorkshopRound Round(RoundStatus status) => new() { CharacteristicCode = "1.1.1", Number = 1, Status = status };

    private static ConsensusDecision Decision(MaturityLevel? now, string rationale, params string[] links) =>
        new() { CharacteristicCode = "1.1.1", LevelNow = now, Rationale = rationale, EvidenceLinks = [.. links] };

    [Fact]
    public void A_round_opens_only_in_a_running_workshop_without_an_open_round()
    {
        Assert.Null(WorkshopRules.WhyNotOpenRound(Running(), null));
        Assert.Null(WorkshopRules.WhyNotOpenRound(Running(), Round(RoundStatus.Revealed)));
        Assert.Null(WorkshopRules.WhyNotOpenRound(Running(), Round(RoundStatus.Closed)));
        Assert.NotNull(WorkshopRules.WhyNotOpenRound(Running(), Round(RoundStatus.Open)));
        Assert.Equal("The workshop is paused: resume it first.", WorkshopRules.WhyNotOpenRound(new Workshop { JoinCode = "ABC234", Status = WorkshopStatus.Paused, Agenda = ["1.1.1"] }, null));
        Assert.Equal("The workshop has ended.", WorkshopRules.WhyNotOpenRound(new Workshop { JoinCode = "ABC234", Status = WorkshopStatus.Ended, Agenda = ["1.1.1"] }, null));
    }

    [Fact]
    public void A_round_goes_open_then_closed_then_revealed_and_never_back()
    {
        Assert.Null(WorkshopRules.WhyNotClose(Round(RoundStatus.Open)));
        Assert.NotNull(WorkshopRules.WhyNotClose(Round(RoundStatus.Closed)));
        Assert.NotNull(WorkshopRules.WhyNotClose(null));
        Assert.Null(WorkshopRules.WhyNotReveal(Round(RoundStatus.Closed)));
        Assert.Equal("Close the round before revealing it.", WorkshopRules.WhyNotReveal(Round(RoundStatus.Open)));
        Assert.NotNull(WorkshopRules.WhyNotReveal(Round(RoundStatus.Revealed)));
    }

    [Fact]
    public void An_attendee_without_an_invitation_is_a_walk_in()
    {
        Assert.True(new WorkshopAttendee { DisplayName = "Walk-in", SessionHash = [1] }.IsWalkIn);
        Assert.False(new WorkshopAttendee { DisplayName = "Invited", SessionHash = [1], ParticipantId = Guid.NewGuid() }.IsWalkIn);
    }

    [Fact]
    public void Only_a_revealed_round_counts_as_revealed_and_a_timer_stops_votes_at_its_deadline()
    {
        var deadline = new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
        var round = Round(RoundStatus.Open);
        round.ClosesAt = deadline;
        Assert.True(round.AcceptsVotesAt(deadline.AddSeconds(-1)));
        Assert.False(round.AcceptsVotesAt(deadline));
        Assert.False(Round(RoundStatus.Closed).AcceptsVotesAt(deadline));
        Assert.False(Round(RoundStatus.Closed).IsRevealed);
        Assert.True(Round(RoundStatus.Revealed).IsRevealed);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(-1, false)]
    public void Moving_stays_inside_the_agenda(int position, bool allowed) =>
        Assert.Equal(allowed, WorkshopRules.WhyNotMoveTo(Running(1), null, position) is null);

    [Fact]
    public void Moving_waits_for_the_open_round_to_close() =>
        Assert.Equal("Close the open round first.", WorkshopRules.WhyNotMoveTo(Running(), Round(RoundStatus.Open), 1));

    [Fact]
    public void Pause_resume_and_end_follow_their_path()
    {
        Assert.Null(WorkshopRules.WhyNotChangeStatus(Running(), WorkshopStatus.Paused));
        Assert.Null(WorkshopRules.WhyNotChangeStatus(Running(), WorkshopStatus.Ended));
        Assert.NotNull(WorkshopRules.WhyNotChangeStatus(Running(), WorkshopStatus.Running));
        var ended = Running();
        ended.Status = WorkshopStatus.Ended;
        Assert.Equal("The workshop has ended.", WorkshopRules.WhyNotChangeStatus(ended, WorkshopStatus.Running));
    }

    [Fact]
    public void A_consensus_level_needs_a_rationale_and_real_links_but_no_consensus_needs_neither()
    {
        Assert.NotNull(WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, " ")));
        Assert.Null(WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, "Council adopted it.", "https://example.org/a")));
        Assert.StartsWith("“javascript:alert(1)” is not a web address", WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, "Why", "javascript:alert(1)")));
        Assert.Null(WorkshopRules.WhyNotRecord(Running(), null, Decision(null, "")));
        Assert.NotNull(WorkshopRules.WhyNotRecord(Running(), Round(RoundStatus.Open), Decision(null, "")));
        Assert.NotNull(WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, new string('x', WorkshopRules.MaxRationaleLength + 1))));
    }

    private static Workshop InStatus(WorkshopStatus status)
    {
        var workshop = Running();
        workshop.Status = status;
        return workshop;
    }

    [Fact]
    public void Each_refusal_says_why_in_the_facilitators_words()
    {
        Assert.Equal("A round is already open: close it first.", WorkshopRules.WhyNotOpenRound(Running(), Round(RoundStatus.Open)));
        Assert.Equal("No round has been opened.", WorkshopRules.WhyNotClose(null));
        Assert.Equal("This round is already closed.", WorkshopRules.WhyNotClose(Round(RoundStatus.Closed)));
        Assert.Equal("This round is already closed.", WorkshopRules.WhyNotClose(Round(RoundStatus.Revealed)));
        Assert.Equal("No round has been opened.", WorkshopRules.WhyNotReveal(null));
        Assert.Equal("This round is already revealed.", WorkshopRules.WhyNotReveal(Round(RoundStatus.Revealed)));
    }

    [Fact]
    public void Moving_is_refused_once_the_workshop_has_ended_but_allowed_during_a_pause()
    {
        Assert.Equal("The workshop has ended.", WorkshopRules.WhyNotMoveTo(InStatus(WorkshopStatus.Ended), null, 1));
        Assert.Null(WorkshopRules.WhyNotMoveTo(InStatus(WorkshopStatus.Paused), Round(RoundStatus.Revealed), 1));
        Assert.Null(WorkshopRules.WhyNotMoveTo(Running(), Round(RoundStatus.Closed), 2));
        Assert.Equal("There is no characteristic at that place in the agenda.", WorkshopRules.WhyNotMoveTo(Running(), null, 3));
        Assert.Equal("There is no characteristic at that place in the agenda.", WorkshopRules.WhyNotMoveTo(Running(), null, -1));
    }

    [Theory]
    [InlineData(WorkshopStatus.Running, WorkshopStatus.Paused, null)]
    [InlineData(WorkshopStatus.Running, WorkshopStatus.Ended, null)]
    [InlineData(WorkshopStatus.Paused, WorkshopStatus.Running, null)]
    [InlineData(WorkshopStatus.Paused, WorkshopStatus.Ended, null)]
    [InlineData(WorkshopStatus.Running, WorkshopStatus.Running, "The workshop is already running.")]
    [InlineData(WorkshopStatus.Paused, WorkshopStatus.Paused, "The workshop is already paused.")]
    [InlineData(WorkshopStatus.Ended, WorkshopStatus.Running, "The workshop has ended.")]
    [InlineData(WorkshopStatus.Ended, WorkshopStatus.Paused, "The workshop has ended.")]
    [InlineData(WorkshopStatus.Ended, WorkshopStatus.Ended, "The workshop has ended.")]
    public void Status_changes_follow_running_paused_ended(WorkshopStatus from, WorkshopStatus to, string? refusal)
    {
        Assert.Equal(refusal, WorkshopRules.WhyNotChangeStatus(InStatus(from), to));
    }

    [Fact]
    public void A_decision_waits_for_the_round_and_is_refused_after_the_end()
    {
        Assert.Equal("The workshop has ended.", WorkshopRules.WhyNotRecord(InStatus(WorkshopStatus.Ended), null, Decision(null, "")));
        Assert.Equal("Close the open round before recording a decision.",
            WorkshopRules.WhyNotRecord(Running(), Round(RoundStatus.Open), Decision(MaturityLevel.Fulfilled, "Why")));
        Assert.Null(WorkshopRules.WhyNotRecord(InStatus(WorkshopStatus.Paused), Round(RoundStatus.Closed), Decision(MaturityLevel.Fulfilled, "Why")));
        Assert.Null(WorkshopRules.WhyNotRecord(Running(), Round(RoundStatus.Revealed), Decision(MaturityLevel.Fulfilled, "Why")));
    }

    [Fact]
    public void A_consensus_in_either_view_needs_its_rationale()
    {
        var onlyInTwoYears = Decision(null, "  ");
        onlyInTwoYears.LevelInTwoYears = MaturityLevel.Improving;

        Assert.Equal("Give the rationale for the consensus level: what the room agreed on, and why.",
            WorkshopRules.WhyNotRecord(Running(), null, onlyInTwoYears));
        Assert.Equal("Give the rationale for the consensus level: what the room agreed on, and why.",
            WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Initial, "")));
    }

    [Fact]
    public void The_rationale_may_have_up_to_four_thousand_characters_also_as_a_no_consensus_note()
    {
        Assert.Null(WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, new string('x', 4000))));
        Assert.Equal("The rationale can have at most 4000 characters.",
            WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, new string('x', 4001))));
        Assert.Equal("The rationale can have at most 4000 characters.",
            WorkshopRules.WhyNotRecord(Running(), null, Decision(null, new string('x', 4001))));
    }

    [Fact]
    public void A_decision_has_at_most_ten_evidence_links()
    {
        var ten = Enumerable.Range(1, 10).Select(i => $"https://example.org/{i}").ToArray();

        Assert.Null(WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, "Why", ten)));
        Assert.Equal("At most 10 evidence links.",
            WorkshopRules.WhyNotRecord(Running(), null, Decision(MaturityLevel.Fulfilled, "Why", [.. ten, "https://example.org/11"])));
    }

    [Fact]
    public void Round_timers_offer_choices_from_half_a_minute_to_five_minutes_shortest_first()
    {
        var choices = WorkshopRules.TimerChoicesInSeconds;

        Assert.Equal((30, 300), (choices[0], choices[^1]));
        Assert.Equal(choices.Order(), choices);
        Assert.Equal(choices.Count, choices.Distinct().Count());
    }
}

public sealed class JoinCodesTests
{
    [Fact]
    public void New_codes_are_six_unambiguous_characters_and_differ()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => JoinCodes.NewCode()).ToList();
        Assert.All(codes, code => Assert.Equal(code, JoinCodes.Normalise(code)));
        Assert.All(codes, code => Assert.DoesNotMatch("[01OIL]", code));
        Assert.True(codes.Distinct().Count() > 195);
    }

    [Theory]
    [InlineData("abc 234", "ABC234")]
    [InlineData(" ABC-234 ", "ABC234")]
    [InlineData("ABC23", null)]
    [InlineData("ABC2345", null)]
    [InlineData("ABCO34", null)]
    [InlineData(null, null)]
    public void Typed_codes_are_normalised_or_rejected(string? typed, string? expected) => Assert.Equal(expected, JoinCodes.Normalise(typed));

    [Fact]
    public void Codes_display_in_two_halves() => Assert.Equal("ABC 234", JoinCodes.Display("ABC234"));

    [Theory]
    [InlineData("AB")]
    [InlineData("ABC2345")]
    [InlineData("")]
    public void Anything_that_is_not_a_code_displays_as_it_is(string text) => Assert.Equal(text, JoinCodes.Display(text));
}

public sealed class AnswerFiguresTests
{
    private static readonly Guid Council = Guid.NewGuid();
    private static readonly Guid Citizens = Guid.NewGuid();

    private static CastVote Vote(Guid group, string now, string inTwoYears) => new(group, LevelAnswer.FromCode(now), LevelAnswer.FromCode(inTwoYears));

    [Fact]
    public void The_reveal_applies_the_methodology_in_all_and_per_group()
    {
        var figures = AnswerFigures.Of(
            [Vote(Council, "2", "3"), Vote(Council, "3", "4"), Vote(Citizens, "4", "DK"), Vote(Citizens, "5", "5")],
            [(Council, "Council"), (Citizens, "Citizens"), (Guid.NewGuid(), "Nobody came")]);

        Assert.Equal(4, figures.Voters);
        Assert.Equal([0, 1, 1, 1, 1], figures.Now.Distribution);
        Assert.Equal(3.5m, figures.Now.Median);
        Assert.Equal(ConsensusState.NoAgreement, figures.Now.Consensus); // Q1 2.75, Q3 4.25: IQR 1.5
        Assert.Equal(1, figures.InTwoYears.DontKnowCount);
        Assert.Equal(["Council", "Citizens"], figures.ByGroup.Select(g => g.GroupName));
        Assert.Equal(2.5m, figures.ByGroup[0].Now.Median);
        Assert.Equal(5m, figures.ByGroup[1].InTwoYears.Median);
    }
}
