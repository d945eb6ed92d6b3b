using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MagLoop.Server.Tests;

/// <summary>The OpenAPI document (/openapi/v1.json): every endpoint named, summarised and tagged, and equal to the committed snapshot.</summary>
public sealed class OpenApiTests
{
    private static string SnapshotPath
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "MagLoop.slnx"))) return Path.Combine(dir.FullName, "docs", "openapi.v1.json");
            throw new InvalidOperationException("repository root not found");
        }
    }

    private static readonly string[] Methods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    private static async Task<JsonObject> Live()
    {
        await using var host = await Host.Start(Host.Sqlite);
        using var client = host.Client("auditor");
        var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Fact]
    public async Task Every_operation_has_a_name_a_summary_and_a_tag()
    {
        var document = await Live();
        var operations = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject().Where(p => Methods.Contains(p.Key)))
            {
                operations++;
                Assert.False(string.IsNullOrEmpty(operation!["operationId"]?.GetValue<string>()), $"{method} {path}: no operationId");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method} {path}: no summary");
                Assert.NotEmpty(operation["tags"]?.AsArray() ?? []);
            }
        }

        // The binding's capture, events, queries and discovery paths, and MagLoop's lot API.
        foreach (var path in new[] { "/capture", "/events", "/queries", "/queries/{queryName}/events", "/lots/{lotID}", "/lots/{lotID}/genealogy", "/lots/{lotID}/content", "/lots/{lotID}/compliance", "/ledger/verify" })
            Assert.True(document["paths"]!.AsObject().ContainsKey(path), $"{path} is not in the document");
        Assert.True(operations > 30, $"{operations} operations");
    }

    /// <summary>
    /// The live document equals docs/openapi.v1.json. After an intended change of the API, regenerate it with
    /// <c>MAGLOOP_UPDATE_OPENAPI=1 dotnet test tests/MagLoop.Server.Tests --filter OpenApi</c> and review the diff.
    /// </summary>
    [Fact]
    public async Task The_document_equals_the_committed_snapshot()
    {
        var live = (await Live()).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("MAGLOOP_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(SnapshotPath, live);
            Console.WriteLine($"UPDATED {SnapshotPath}");
            return;
        }

        Assert.True(File.Exists(SnapshotPath), $"{SnapshotPath} is missing: MAGLOOP_UPDATE_OPENAPI=1 writes it");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(SnapshotPath));
        Assert.True(JsonNode.DeepEquals(committed, JsonNode.Parse(live)),
            "the OpenAPI document differs from docs/openapi.v1.json: if the API change is intended, run MAGLOOP_UPDATE_OPENAPI=1 dotnet test tests/MagLoop.Server.Tests --filter OpenApi");
    }
}
