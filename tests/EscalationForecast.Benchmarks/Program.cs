using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/EscalationForecast.Benchmarks -- --filter '*Hawkes*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
