using BenchmarkDotNet.Running;

// Run by hand, in Release: dotnet run -c Release --project tests/Autograd.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
