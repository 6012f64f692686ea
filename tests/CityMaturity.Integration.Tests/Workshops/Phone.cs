using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using CityMaturity.Testing;
using CityMaturity.Web.Workshops;

namespace CityMaturity.Integration.Tests.Workshops;

/// <summary>A participant's phone over HTTP, as workshop-room.js drives it: join through the form, then state, votes and events.</summary>
public sealed class Phone(TestClient client, string code) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TestClient Client { get; } = client;
    public string Code { get; } = code;

    public async Task<HttpResponseMessage> JoinAsWalkInAsync(string name, Guid groupId)
    {
        var token = await Client.AntiforgeryTokenAsync($"/w/{Code}");
        return await Client.PostFormAsync($"/w/{Code}/join", token, new() { ["mode"] = "walk-in", ["name"] = name, ["groupId"] = groupId.ToString() });
    }

    public async Task<HttpResponseMessage> JoinByInviteAsync(string ratingToken)
    {
        var token = await Client.AntiforgeryTokenAsync($"/w/{Code}?invite={Uri.EscapeDataString(ratingToken)}");
        return await Client.PostFormAsync($"/w/{Code}/join", token, new() { ["mode"] = "invite", ["invite"] = ratingToken });
    }

    public static void AssertJoined(HttpResponseMessage response, string code)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/w/{code}", response.Headers.Location?.OriginalString);
    }

    public async Task<(HttpStatusCode Status, string Body)> StateTextAsync()
    {
        using var response = await Client.Http.GetAsync($"/w/{Code}/state");
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public async Task<RoomState> StateAsync()
    {
        var (status, body) = await StateTextAsync();
        Assert.True(status == HttpStatusCode.OK, $"state: {(int)status} {body}");
        return JsonSerializer.Deserialize<RoomState>(body, Json)!;
    }

    public Task<HttpResponseMessage> VoteAsync(Guid roundId, string now, string inTwoYears) =>
        Client.Http.PostAsJsonAsync($"/w/{Code}/vote", new { roundId, now, inTwoYears });

    public void Dispose() => Client.Dispose();
}
