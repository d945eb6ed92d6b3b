using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>
/// <c>Prefer: wait=N</c> (RFC 7240) on a capture job: the answer waits for a running job of the process to finish, so
/// a client asks once instead of polling; any other request is answered as before.
/// </summary>
public sealed class PreferWaitTests
{
    [Theory]
    [InlineData(Host.Sqlite)]
    [PostgresData]
    public async Task A_job_asked_for_with_Prefer_wait_is_answered_once_it_has_finished(string backend)
    {
        await using var host = await Host.Start(backend);
        using var client = host.Client();
        // 4,000 events: the job runs for a while after its 202, so the first request finds it running unless it waits.
        var events = Enumerable.Range(0, 4_000).Select(i => Add(Lot($"W{i}"), 10)).ToArray();
        var accepted = await client.PostAsync("/capture", Http.Body(Doc(events)));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, accepted.Headers.Location);
        request.Headers.Add("Prefer", "respond-async, wait=30");
        using var answer = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var job = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!;
        Assert.False(job["running"]!.GetValue<bool>(), $"the job was still running: {job}");
        Assert.True(job["success"]!.GetValue<bool>());
        Assert.Equal(4_000, job["appended"]!.GetValue<int>());
        // Applied when the job was still running as the request came (all but certain for this size).
        if (answer.Headers.TryGetValues("Preference-Applied", out var applied)) Assert.Equal("wait=30", Assert.Single(applied));

        // A finished job, an unknown one and a request without the preference are answered at once, as before.
        using var again = new HttpRequestMessage(HttpMethod.Get, accepted.Headers.Location);
        again.Headers.Add("Prefer", "wait=30");
        using var finished = await client.SendAsync(again);
        Assert.False(finished.Headers.Contains("Preference-Applied"));
        using var unknown = new HttpRequestMessage(HttpMethod.Get, "/capture/cap-none");
        unknown.Headers.Add("Prefer", "wait=30");
        await Http.Problem(await client.SendAsync(unknown), 404, "epcisException:NoSuchResourceException");
    }

    [Theory]
    [InlineData("wait=10", 10)]
    [InlineData("WAIT = 7", 7)]
    [InlineData("respond-async, wait=3", 3)]
    [InlineData("wait=\"4\"", 4)]
    [InlineData("wait=5; x=y", 5)]
    [InlineData("wait=0", 0)]
    [InlineData("wait=3600", EpcisApi.MaxPreferredWaitSeconds)]
    [InlineData("wait=-1", null)]
    [InlineData("wait=1.5", null)]
    [InlineData("wait=", null)]
    [InlineData("wait=99999999999999999999", null)]
    [InlineData("respond-async", null)]
    [InlineData("waiting=3", null)]
    [InlineData("", null)]
    public void The_wait_preference_is_read_as_RFC_7240_spells_it(string header, int? seconds)
    {
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, EpcisApi.PreferredWait(new StringValues(header)));
    }

    [Fact]
    public void The_wait_preference_is_found_in_any_of_several_Prefer_headers()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), EpcisApi.PreferredWait(new StringValues(["respond-async", "wait=2"])));
        Assert.Null(EpcisApi.PreferredWait(StringValues.Empty));
    }
}
