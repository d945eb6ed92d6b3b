using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Epcis;
using MagLoop.Traceability.Storage;
using static MagLoop.Server.Tests.Documents;

namespace MagLoop.Server.Tests;

/// <summary>
/// Issue 12, item 10, over HTTP: the inputs an attacker would try on the traceability core, sent to POST /capture and
/// POST /events. Each is refused (a 4xx problem body, or a capture job that failed with its reason), never a 500 or a
/// job left running, and the store is unchanged: no event, and the chain verifies.
/// </summary>
public sealed class AttackTests
{
    private static string Quantity(string number, string uom = "KGM") =>
        Doc(Add(Lot("A"), 1).Replace("\"quantity\":1,\"uom\":\"KGM\"", $"\"quantity\":{number},\"uom\":\"{uom}\"", StringComparison.Ordinal));

    public static TheoryData<string, string> Attacks => new()
    {
        { "an eventList member that is not an object", Doc("1") },
        { "a quantityList member that is not an object", Doc(Add(Lot("A"), 1).Replace("\"quantityList\":[", "\"quantityList\":[1,", StringComparison.Ordinal)) },
        { "a lone surrogate", Doc(Add(Lot("A"), 1).Replace("commissioning", "commission\\ud800ing", StringComparison.Ordinal)) },
        { "a number too large for a double", Quantity("1e400") },
        { "a quantity that overflows after unit conversion (1e306 TNE)", Quantity("1e306", "TNE") },
        { "a negative quantity", Quantity("-1") },
        { "an eventTime far out of range", Doc(Add(Lot("A"), 1, time: "99999-01-01T00:00:00Z")) },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task Attack_on_capture_is_refused_and_stores_nothing(string attack, string json)
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        await AssertRefused(client, "/capture", Encoding.UTF8.GetBytes(json), attack);
        await AssertRefused(client, "/events", Encoding.UTF8.GetBytes(EventOf(json)), attack + " (single event)");
        AssertUnchanged(host);
    }

    [Fact]
    public async Task Invalid_UTF8_is_refused_not_repaired()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        var bytes = Encoding.UTF8.GetBytes(Doc(Add(Lot("A"), 1)));
        var at = Array.IndexOf(bytes, (byte)'c'); // inside "commissioning"
        bytes[at] = 0xC3; // a lead byte followed by an ASCII byte: not UTF-8
        await AssertRefused(client, "/capture", bytes, "invalid UTF-8");
        AssertUnchanged(host);
    }

    /// <summary>
    /// JsonSchema.Net reads numbers under uniqueItems as decimal and throws beyond its range: with GS1's schema on, such
    /// a document must get an answer (refused or captured), never crash the capture worker.
    /// </summary>
    [Fact]
    public async Task A_number_beyond_decimal_under_uniqueItems_never_crashes_the_schema_check()
    {
        var path = Path.Combine(Standards.Root, "EPCIS-JSON-Schema.json");
        if (!File.Exists(path))
        {
            Console.WriteLine($"SKIPPED (GS1 schema): {path} not found.");
            return;
        }

        await using var host = await Host.Start(Host.Sqlite, o => o with { Schema = EpcisSchema.Load(path) });
        using var client = host.Client();
        var json = Doc(Add(Lot("A"), 1)).Replace("\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\"]",
            "\"@context\":[\"https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld\",{\"ex\":\"https://example.com/\",\"n\":1e306},{\"n\":1e307}]", StringComparison.Ordinal);
        var (response, job) = await Http.Capture(client, json);
        Assert.True(response.StatusCode is HttpStatusCode.Accepted or HttpStatusCode.BadRequest, $"{(int)response.StatusCode}");
        if (job is not null) Assert.False(job["running"]!.GetValue<bool>());
        // The worker still runs the next job.
        var (_, next) = await Http.Capture(client, Doc(Add(Lot("B"), 1)));
        Assert.True(next!["success"]!.GetValue<bool>(), next.ToJsonString());
    }

    /// <summary>
    /// A database failure inside a capture job (here a projection table gone under the server) fails that job with a
    /// 500 problem and stores nothing; the worker stays alive for the jobs behind it.
    /// </summary>
    [Fact]
    public async Task A_store_failure_inside_a_job_fails_it_and_the_worker_goes_on()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client();
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={host.Database.SqlitePath}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "ALTER TABLE lot_events RENAME TO lot_events_gone";
            command.ExecuteNonQuery();
        }

        foreach (var lot in new[] { "A", "B" })
        {
            var (response, job) = await Http.Capture(client, Doc(Add(Lot(lot), 1)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            Assert.False(job!["success"]!.GetValue<bool>());
            Assert.Equal(500, job["errors"]![0]!["status"]!.GetValue<int>());
        }

        using var store = TraceStore.OpenReadOnly(host.Database);
        Assert.Equal(0, store.Context.Events.Count());
    }

    /// <summary>The first event of a document, as POST /events takes it.</summary>
    private static string EventOf(string json)
    {
        var start = json.IndexOf("\"eventList\":[", StringComparison.Ordinal) + "\"eventList\":[".Length;
        return json[start..^3];
    }

    private static async Task AssertRefused(HttpClient client, string path, byte[] body, string attack)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/ld+json");
        var response = await client.PostAsync(path, content);
        var status = (int)response.StatusCode;
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            // Refused in the job (custody rules run there): a failed job naming the reason.
            var location = response.Headers.Location!.ToString();
            JsonObject job;
            do
            {
                await Task.Delay(20);
                job = (JsonObject)JsonNode.Parse(await client.GetStringAsync(location))!;
            }
            while (job["running"]!.GetValue<bool>());
            Assert.False(job["success"]!.GetValue<bool>(), $"{attack}: captured: {job.ToJsonString()}");
            Assert.NotEmpty(job["errors"]!.AsArray());
            return;
        }

        Assert.True(status is >= 400 and < 500, $"{attack}: {path} answered {status}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.False(string.IsNullOrEmpty(problem["detail"]?.ToString() ?? problem["errors"]?.ToJsonString()), $"{attack}: a problem without a reason");
    }

    private static void AssertUnchanged(Host host)
    {
        using var store = TraceStore.OpenReadOnly(host.Database);
        Assert.Equal(0, store.Context.Events.Count());
        var verdict = store.Verify();
        Assert.True(verdict.Intact, verdict.Reason);
    }
}
