using System.Diagnostics;
using System.Text.Json.Nodes;
using MagLoop.Traceability.Storage;

namespace MagLoop.Cli.Tests;

/// <summary>
/// The load generator against a real <c>magloop serve</c>: its generated documents pass MagLoop's validation and
/// custody rules (none fails), the events it reports are stored, every epcClass query finds its lot, and every genealogy query its sources.
/// </summary>
public sealed class LoadGenTests
{
    [Fact]
    public async Task Load_generator_documents_are_captured_whole_and_every_queried_lot_is_found()
    {
        await using var scratch = await ScratchStore.Create(postgres: false);
        using var server = await ServeProcess.Start(scratch.Database, scratch.AdminKey);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "exec", Path.Combine(AppContext.BaseDirectory, "magloop-loadgen.dll"), "--url", server.Url.ToString(), "--bearer", scratch.AdminKey,
                     "--clients", "2", "--events", "400", "--events-per-doc", "50", "--queries", "20", "--run", "T1", "--json",
                     // The first output lot of each of the 8 documents: each made from one lot, so each genealogy names one.
                     "--genealogy", "20", "--genealogy-lots", "urn:epc:class:lgtin:0614141.012346.T1-{0}-0:8" })
            info.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(120_000), "load generator still running after 120 s");
        Assert.True(process.ExitCode == 0, $"exit {process.ExitCode}: {await stderr}");
        var report = JsonNode.Parse(await stdout)!;
        Assert.Equal(0, report["capture"]!["failedDocuments"]!.GetValue<int>());
        Assert.Equal(400, report["capture"]!["events"]!.GetValue<long>());
        Assert.Equal(0, report["epcClassQuery"]!["emptyResults"]!.GetValue<int>());
        Assert.Equal(0, report["genealogy"]!["failed"]!.GetValue<int>());
        Assert.Equal(1.0, report["genealogy"]!["meanLotsPerAnswer"]!.GetValue<double>());
        using var store = TraceStore.OpenReadOnly(scratch.Database);
        Assert.Equal(400, store.Context.Events.Count());
    }
}
