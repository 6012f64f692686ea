using CityMaturity.Infrastructure.Database;
using CityMaturity.Testing;
using CityMaturity.Web.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CityMaturity.Integration.Tests.Assessments;

[Collection(DatabaseCollection.Name)]
public sealed class InvitationTests(DatabaseFixture database) : IAsyncLifetime
{
    private AssessmentWorld _world = null!;

    public async Task InitializeAsync() => _world = await AssessmentWorld.CreateAsync(database.Server);

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Inviting_everyone_not_yet_invited_reaches_only_them_once_and_leaves_sent_links_working()
    {
        var baseUri = new Uri("http://localhost/");
        var (first, second) = await _world.WithAsync(async sp =>
        {
            var assessments = sp.GetRequiredService<AssessmentService>();
            var groups = (await assessments.OverviewAsync(_world.Assessment.Id)).Groups;
            await assessments.AddParticipantAsync(_world.Assessment.Id, "Cleo Novak", "cleo@example.org", groups[2].Id);
            await assessments.AddParticipantAsync(_world.Assessment.Id, "Dev Rao", "dev@example.org", groups[4].Id);
            return (await assessments.InviteUninvitedAsync(_world.Assessment.Id, baseUri), await assessments.InviteUninvitedAsync(_world.Assessment.Id, baseUri));
        });

        Assert.Equal((2, 0), (first, second));
        await using var db = await _world.Services.GetRequiredService<IDbContextFactory<CityMaturityDb>>().CreateDbContextAsync();
        var invitations = await db.OutboxMessages.Where(m => m.Subject.StartsWith("Your view is asked")).Select(m => m.ToAddress).ToListAsync();
        Assert.Equal(1, invitations.Count(a => a == "cleo@example.org"));
        Assert.Equal(1, invitations.Count(a => a == "dev@example.org"));
        Assert.Equal(1, invitations.Count(a => a == "ana@example.org")); // from the world's set-up, not again
        Assert.NotNull(await _world.WithAsync(sp => sp.GetRequiredService<RatingService>().FindByTokenAsync(_world.AnaToken)));
    }
}
