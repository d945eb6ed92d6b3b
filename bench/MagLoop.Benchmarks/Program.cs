using BenchmarkDotNet.Running;
using MagLoop.Benchmarks;
using MagLoop.Studies.Tests;

// dotnet run -c Release --project bench/MagLoop.Benchmarks -- --filter '*'
// dotnet run -c Release --project bench/MagLoop.Benchmarks -- generate feeds|chain N > large.yaml
if (args is ["generate", var shape and ("feeds" or "chain"), var count] && int.TryParse(count, out var n) && n > 0)
{
    var bundled = File.ReadAllText(Repository.Scenario("dfw-hub.yaml"));
    Console.Out.Write(shape == "feeds" ? LargeScenario.Feeds(bundled, n) : LargeScenario.Chain(bundled, n));
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(FlowsheetBenchmarks).Assembly).Run(args);
