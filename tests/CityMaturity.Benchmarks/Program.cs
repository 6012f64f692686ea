using BenchmarkDotNet.Running;

// scripts/bench.sh runs this in Release; pass BenchmarkDotNet's own arguments through (e.g. --filter '*' --job short).
BenchmarkSwitcher.FromAssembly(typeof(CityMaturity.Benchmarks.SummaryBenchmarks).Assembly).Run(args);
