using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityMaturity.Infrastructure.Database.Configurations;

internal static class WorkshopConverters
{
    public static readonly ValueConverter<WorkshopStatus, string> Status = new(
        s => s == WorkshopStatus.Running ? "running" : s == WorkshopStatus.Paused ? "paused" : "ended",
        key => key == "running" ? WorkshopStatus.Running : key == "paused" ? WorkshopStatus.Paused : WorkshopStatus.Ended);

    public static readonly ValueConverter<RoundStatus, string> RoundStatus = new(
        s => s == Domain.Workshops.RoundStatus.Open ? "open" : s == Domain.Workshops.RoundStatus.Closed ? "closed" : "revealed",
        key => key == "open" ? Domain.Workshops.RoundStatus.Open : key == "closed" ? Domain.Workshops.RoundStatus.Closed : Domain.Workshops.RoundStatus.Revealed);

    public static readonly ValueConverter<MaturityLevel?, short?> Level = new(
        level => level == null ? null : (short)level.Value.Number(),
        number => number == null ? null : MaturityLevels.FromNumber(number.Value));
}

internal sealed class WorkshopConfiguration : IEntityTypeConfiguration<Workshop>
{
    public void Configure(EntityTypeBuilder<Workshop> workshop)
    {
        workshop.ToTable("workshops");
        workshop.Property(w => w.Id).HasColumnName("id");
        workshop.Property(w => w.AssessmentId).HasColumnName("assessment_id");
        workshop.Property(w => w.JoinCode).HasColumnName("join_code");
        workshop.Property(w => w.Status).HasColumnName("status").HasConversion(WorkshopConverters.Status);
        workshop.Property(w => w.Agenda).HasColumnName("agenda");
        workshop.Property(w => w.CurrentPosition).HasColumnName("current_position");
        workshop.Property(w => w.AllowWalkIns).HasColumnName("allow_walk_ins");
        workshop.Property(w => w.CreatedBy).HasColumnName("created_by");
        workshop.Property(w => w.CreatedAt).HasColumnName("created_at");
        workshop.Property(w => w.EndedAt).HasColumnName("ended_at");
        workshop.Ignore(w => w.CurrentCharacteristic);
        workshop.HasOne<Assessment>().WithMany().HasForeignKey(w => w.AssessmentId);
    }
}

internal sealed class WorkshopAttendeeConfiguration : IEntityTypeConfiguration<WorkshopAttendee>
{
    public void Configure(EntityTypeBuilder<WorkshopAttendee> attendee)
    {
        attendee.ToTable("workshop_attendees");
        attendee.Property(a => a.Id).HasColumnName("id");
        attendee.Property(a => a.WorkshopId).HasColumnName("workshop_id");
        attendee.Property(a => a.ParticipantId).HasColumnName("participant_id");
        attendee.Property(a => a.DisplayName).HasColumnName("display_name");
        attendee.Property(a => a.GroupId).HasColumnName("group_id");
        attendee.Property(a => a.SessionHash).HasColumnName("session_hash");
        attendee.Property(a => a.JoinedAt).HasColumnName("joined_at");
        attendee.Property(a => a.RemovedAt).HasColumnName("removed_at");
        attendee.Ignore(a => a.IsWalkIn);
        attendee.HasOne<Workshop>().WithMany().HasForeignKey(a => a.WorkshopId);
        attendee.HasOne<Participant>().WithMany().HasForeignKey(a => a.ParticipantId);
        attendee.HasOne<StakeholderGroup>().WithMany().HasForeignKey(a => a.GroupId);
    }
}

internal sealed class WorkshopRoundConfiguration : IEntityTypeConfiguration<WorkshopRound>
{
    public void Configure(EntityTypeBuilder<WorkshopRound> round)
    {
        round.ToTable("workshop_rounds");
        round.Property(r => r.Id).HasColumnName("id");
        round.Property(r => r.WorkshopId).HasColumnName("workshop_id");
        round.Property(r => r.CharacteristicCode).HasColumnName("characteristic_code");
        round.Property(r => r.Number).HasColumnName("number");
        round.Property(r => r.Status).HasColumnName("status").HasConversion(WorkshopConverters.RoundStatus);
        round.Property(r => r.OpenedAt).HasColumnName("opened_at");
        round.Property(r => r.ClosesAt).HasColumnName("closes_at");
        round.Property(r => r.ClosedAt).HasColumnName("closed_at");
        round.Property(r => r.RevealedAt).HasColumnName("revealed_at");
        round.Ignore(r => r.IsRevealed);
        round.HasOne<Workshop>().WithMany().HasForeignKey(r => r.WorkshopId);
    }
}

internal sealed class WorkshopVoteConfiguration : IEntityTypeConfiguration<WorkshopVote>
{
    public const string LevelNowField = WorkshopVoteColumns.LevelNow;
    public const string LevelInTwoYearsField = WorkshopVoteColumns.LevelInTwoYears;

    public void Configure(EntityTypeBuilder<WorkshopVote> vote)
    {
        vote.ToTable("workshop_votes");
        vote.HasKey(v => new { v.RoundId, v.AttendeeId });
        vote.Property(v => v.RoundId).HasColumnName("round_id");
        vote.Property(v => v.AttendeeId).HasColumnName("attendee_id");
        vote.Property(v => v.WorkshopId).HasColumnName("workshop_id");
        vote.Ignore(v => v.LevelNow);
        vote.Ignore(v => v.LevelInTwoYears);
        vote.Property<string?>(LevelNowField).HasColumnName("level_now");
        vote.Property<string?>(LevelInTwoYearsField).HasColumnName("level_in_two_years");
        vote.Property(v => v.CastAt).HasColumnName("cast_at");
        vote.Property(v => v.UpdatedAt).HasColumnName("updated_at");
        vote.HasOne<WorkshopRound>().WithMany().HasForeignKey(v => v.RoundId);
        vote.HasOne<WorkshopAttendee>().WithMany().HasForeignKey(v => v.AttendeeId);
        vote.HasOne<Workshop>().WithMany().HasForeignKey(v => v.WorkshopId);
    }
}

internal sealed class ConsensusDecisionConfiguration : IEntityTypeConfiguration<ConsensusDecision>
{
    public void Configure(EntityTypeBuilder<ConsensusDecision> decision)
    {
        decision.ToTable("consensus_decisions");
        decision.Property(d => d.Id).HasColumnName("id");
        decision.Property(d => d.AssessmentId).HasColumnName("assessment_id");
        decision.Property(d => d.WorkshopId).HasColumnName("workshop_id");
        decision.Property(d => d.CharacteristicCode).HasColumnName("characteristic_code");
        decision.Property(d => d.LevelNow).HasColumnName("level_now").HasConversion(WorkshopConverters.Level);
        decision.Property(d => d.LevelInTwoYears).HasColumnName("level_in_two_years").HasConversion(WorkshopConverters.Level);
        decision.Property(d => d.Rationale).HasColumnName("rationale");
        decision.Property(d => d.EvidenceLinks).HasColumnName("evidence_links");
        decision.Property(d => d.RecordedBy).HasColumnName("recorded_by");
        decision.Property(d => d.RecordedAt).HasColumnName("recorded_at");
        decision.Ignore(d => d.IsNoConsensus);
        decision.HasOne<Assessment>().WithMany().HasForeignKey(d => d.AssessmentId);
        decision.HasOne<Workshop>().WithMany().HasForeignKey(d => d.WorkshopId);
    }
}
