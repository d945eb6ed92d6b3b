using System.Net.Http.Headers;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>Requests the binding refuses: each gets the right 4xx and a problem-details body, and nothing is stored.</summary>
public sealed class BadRequestTests
{
    [Fact]
    public async Task Malformed_requests_get_4xx_problem_details_and_store_nothing()
    {
        await using var host = await Host.Start(Host.Sqlite, o => o with { CaptureLimitEvents = 2, CaptureSizeLimitBytes = 4096 });
        using var client = host.Client();

        await Http.Problem(await client.PostAsync("/capture", Http.Body(Doc(Add(Lot("A"), 1)), "text/plain")), 415, "epcisException:UnsupportedMediaTypeException");
        await Http.Problem(await client.PostAsync("/capture", Http.Body("{\"type\": \"EPCISDocument\",")), 400, "epcisException:ValidationException");
        await Http.Problem(await client.PostAsync("/capture", Http.Body("[1, 2]")), 400, "epcisException:ValidationException");
        await Http.Problem(await client.PostAsync("/capture", Http.Body(Doc(Add(Lot("A"), 1), Add(Lot("B"), 1), Add(Lot("C"), 1)))), 413, "epcisException:CaptureLimitExceededException");
        var big = Doc(Add(Lot(new string('X', 5000)), 1));
        await Http.Problem(await client.PostAsync("/capture", Http.Body(big)), 413, "epcisException:CaptureLimitExceededException");
        // A body sent without a length (chunked) is counted as it is read.
        var chunked = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(big)));
        chunked.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        await Http.Problem(await client.PostAsync("/capture", chunked), 413, "epcisException:CaptureLimitExceededException");
        await Http.Problem(await client.PostAsync("/events", Http.Body("[]")), 400, "epcisException:ValidationException");
        await Http.Problem(await client.PostAsync("/events", Http.Body("{\"type\":\"ObjectEvent\"}")), 400, "epcisException:ValidationException");

        using (var version = new HttpRequestMessage(HttpMethod.Get, "/events"))
        {
            version.Headers.Add("GS1-EPCIS-Version", "1.2");
            await Http.Problem(await client.SendAsync(version), 406, "epcisException:NotAcceptableException");
        }

        using (var xml = new HttpRequestMessage(HttpMethod.Get, "/events"))
        {
            xml.Headers.Accept.ParseAdd("application/xml");
            await Http.Problem(await client.SendAsync(xml), 406, "epcisException:NotAcceptableException");
        }

        foreach (var query in new[] { "bogus=1", "GE_eventTime=yesterday", "eventType=Nonsense", "perPage=0", "orderBy=bizStep", "EQ_action=MAYBE", "nextPageToken=abc", "eventCountLimit=2&maxEventCount=2", "GE_quantity=lots" })
            await Http.Problem(await client.GetAsync("/events?" + query), 400, "epcisException:QueryParameterException");
        await Http.Problem(await client.GetAsync("/events/urn%3Auuid%3Anone"), 404, "epcisException:NoSuchResourceException");
        await Http.Problem(await client.GetAsync("/capture/cap-none"), 404, "epcisException:NoSuchResourceException");

        var (_, events) = await Http.Events(client, "/events");
        Assert.Empty(events);
    }

    [Fact]
    public async Task A_query_matching_more_than_maxEventCount_is_413()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        await Http.Capture(client, Doc(Add(Lot("A"), 1), Add(Lot("B"), 1), Add(Lot("C"), 1)));
        await Http.Problem(await client.GetAsync("/events?maxEventCount=2"), 413, "epcisException:QueryTooLargeException");
        var (ok, events) = await Http.Events(client, "/events?maxEventCount=3");
        Assert.True(ok.IsSuccessStatusCode);
        Assert.Equal(3, events.Count);
    }

    [Fact]
    public async Task A_page_token_of_another_query_is_refused()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        await Http.Capture(client, Doc(Add(Lot("A"), 1), Add(Lot("B"), 1)));
        var (first, _) = await Http.Events(client, "/events?perPage=1");
        var next = first.Headers.GetValues("Link").Single().Split('>')[0].TrimStart('<');
        var token = next[(next.IndexOf("nextPageToken=", StringComparison.Ordinal) + "nextPageToken=".Length)..];
        await Http.Problem(await client.GetAsync("/events?perPage=1&eventType=ObjectEvent&nextPageToken=" + token), 400, "epcisException:QueryParameterException");
    }
}
