using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(CityMaturity.Benchmarks.ReportBenchmarks).Assembly).Run(args);
