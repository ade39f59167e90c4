using BenchmarkDotNet.Running;
using Optimize.Benchmarks.Probes;

// "analysis-memory", "emulated-pass" and "demo-http" are one-shot probes (peak memory needs a fresh process, which BenchmarkDotNet does not report);
// everything else goes to BenchmarkDotNet.
if (args.Length > 0 && args[0] == AnalysisMemoryProbe.Command)
{
    return await AnalysisMemoryProbe.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == EmulatedPassProbe.Command)
{
    return await EmulatedPassProbe.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == DemoHttpProbe.Command)
{
    return await DemoHttpProbe.RunAsync(args[1..], Console.Out, Console.Error);
}

if (args.Length > 0 && args[0] == MetricsParseProbe.Command)
{
    return MetricsParseProbe.Run(args[1..], Console.Out, Console.Error);
}

BenchmarkSwitcher.FromAssembly(typeof(AnalysisMemoryProbe).Assembly).Run(args);
return 0;
