using CityMaturity.Domain.Assessments;
using CityMaturity.Domain.Catalogue;
using CityMaturity.Domain.Workshops;
using CityMaturity.Infrastructure.Database;
using CityMaturity.Integration.Tests.Assessments;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using CityMaturity.Web.Workshops;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Workshops;

/// <summary>
/// The room's shared state and the phones' sessions kept in memory between changes (<see cref="RoomCache"/>): shared by
/// the phones that ask at once, read again after a change made here or announced by the database, and never trusted by
/// a vote.
/// </summary>
[Collection(DatabaseCollection.Name)]
public sealed class RoomCacheTests(DatabaseFixture database) : IAsyncLifetime
{
    private static readonly TimeSpan NotifyTimeout = TimeSpan.FromSeconds(15);

    private AssessmentWorld _world = null!;
    private Workshop _workshop = null!;

    public async Task InitializeAsync()
    {
        _world = await AssessmentWorld.CreateAsync(database.Server);
        var (workshop, refusal) = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>()
            .StartAsync(_world.Assessment.Id, ["1.1.1", "1.1.2"], allowWalkIns: true, null));
        _workshop = workshop ?? throw new InvalidOperationException(refusal?.Message);
    }

    public async Task DisposeAsync() => await _world.DisposeAsync();

    private RoomCache Rooms => _world.Services.GetRequiredService<RoomCache>();

    private async Task StepOrFailAsync(Func<WorkshopService, Guid, Guid, Task<StepOutcome>> step)
    {
        var outcome = await _world.WithAsync(sp => step(sp.GetRequiredService<WorkshopService>(), _world.Assessment.Id, _workshop.Id));
        Assert.True(outcome.Succeeded, outcome.Refusal?.Message);
    }

    private Task<T> RoomServiceAsync<T>(Func<WorkshopRoomService, Task<T>> action) =>
        _world.WithAsync(sp => action(sp.GetRequiredService<WorkshopRoomService>()));

    private async Task<(string Cookie, AttendeeSession Session)> WalkInAsync(string name)
    {
        var live = (await RoomServiceAsync(room => room.FindLiveAsync(_workshop.JoinCode)))!;
        var (cookie, refusal) = await RoomServiceAsync(room => room.JoinAsWalkInAsync(live, name, _world.Ana.GroupId));
        Assert.True(cookie is not null, refusal?.Message());
        return (cookie, (await RoomServiceAsync(room => room.FindSessionAsync(_workshop.JoinCode, cookie)))!);
    }

    [Fact]
    public async Task Phones_asking_at_once_share_one_read_and_a_step_made_here_is_seen_at_once()
    {
        await StepOrFailAsync((s, a, w) => s.OpenRoundAsync(a, w, null));
        var rooms = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Rooms.RoomAsync(_workshop.Id))));
        Assert.Single(rooms.Distinct());
        Assert.Equal(RoundStatus.Open, rooms[0]!.Round!.Status);

        await StepOrFailAsync((s, a, w) => s.CloseRoundAsync(a, w));
        await StepOrFailAsync((s, a, w) => s.RevealAsync(a, w));
        var revealed = (await Rooms.RoomAsync(_workshop.Id))!;
        Assert.Equal(RoundStatus.Revealed, revealed.Round!.Status);

        await StepOrFailAsync((s, a, w) => s.RecordDecisionAsync(a, w, MaturityLevel.PartiallyFulfilled, null, "Agreed in the room.", [], null));
        Assert.Equal(MaturityLevel.PartiallyFulfilled, (await Rooms.RoomAsync(_workshop.Id))!.Decision!.LevelNow);
        await StepOrFailAsync((s, a, w) => s.MoveToAsync(a, w, 1));
        var next = (await Rooms.RoomAsync(_workshop.Id))!;
        Assert.Equal("1.1.2", next.Workshop.CurrentCharacteristic);
        Assert.Null(next.Round);
        Assert.Null(next.Decision);
    }

    [Fact]
    public async Task A_change_written_elsewhere_is_read_again_once_the_database_announces_it()
    {
        Assert.Equal(WorkshopStatus.Running, (await Rooms.RoomAsync(_workshop.Id))!.Workshop.Status);

        // As another app instance would: straight to the database, nothing counted in this process.
        await using (var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            await db.Workshops.Where(w => w.Id == _workshop.Id).ExecuteUpdateAsync(w => w.SetProperty(x => x.Status, WorkshopStatus.Paused));
        }

        var deadline = DateTime.UtcNow + NotifyTimeout;
        while ((await Rooms.RoomAsync(_workshop.Id))!.Workshop.Status != WorkshopStatus.Paused && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal(WorkshopStatus.Paused, (await Rooms.RoomAsync(_workshop.Id))!.Workshop.Status);
    }

    [Fact]
    public async Task A_renamed_stakeholder_group_reaches_the_room()
    {
        var group = _world.Ana.GroupId;
        Assert.Equal("Local government", (await Rooms.RoomAsync(_workshop.Id))!.GroupNames[group]);

        await _world.WithAsync(async sp =>
        {
            await sp.GetRequiredService<AssessmentService>().RenameGroupAsync(_world.Assessment.Id, group, "City administration");
            return true;
        });

        var deadline = DateTime.UtcNow + NotifyTimeout;
        while ((await Rooms.RoomAsync(_workshop.Id))!.GroupNames[group] != "City administration" && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.Equal("City administration", (await Rooms.RoomAsync(_workshop.Id))!.GroupNames[group]);
    }

    [Fact]
    public async Task A_vote_checks_its_session_in_the_database_not_in_the_cache()
    {
        var (_, removed) = await WalkInAsync("Dana");
        var (_, moved) = await WalkInAsync("Eli");
        await StepOrFailAsync((s, a, w) => s.OpenRoundAsync(a, w, null));
        var round = (await Rooms.RoomAsync(_workshop.Id))!.Round!.Id;

        // Sessions found before the change, as a request on an instance that has not yet heard of it holds them.
        await StepOrFailAsync((s, a, w) => s.RemoveAttendeeAsync(a, w, removed.Attendee.Id));
        await using (var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync())
        {
            await db.WorkshopAttendees.Where(a => a.Id == moved.Attendee.Id)
                .ExecuteUpdateAsync(a => a.SetProperty(x => x.SessionHash, new byte[32]));
        }

        foreach (var stale in new[] { removed, moved })
        {
            var outcome = await RoomServiceAsync(room => room.VoteAsync(stale, round, LevelAnswer.FromCode("4"), LevelAnswer.FromCode("4")));
            var refused = Assert.IsType<VoteOutcome.Refused>(outcome);
            Assert.Contains("not in this workshop", refused.Refusal.Message, StringComparison.Ordinal);
            Assert.Equal(CityMaturity.Application.RefusalKind.WrongState, refused.Refusal.Kind);
        }

        var console = await _world.WithAsync(sp => sp.GetRequiredService<WorkshopService>().ConsoleAsync(_world.Assessment.Id, _workshop.Id));
        Assert.Equal(0, console!.CurrentRound!.VoteCount);
    }
}
