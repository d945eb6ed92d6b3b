using BenchmarkDotNet.Running;

// dotnet run -c Release --project bench/MagLoop.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(MagLoop.Benchmarks.FlowsheetBenchmarks).Assembly).Run(args);
