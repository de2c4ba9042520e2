using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Autograd.Determinism;

// Prints one line per check, "name hash", after a first line (starting with #, not compared) describing what this
// process's runtime accelerates. DeterminismBatteryTests runs this program under several DOTNET_ settings and
// requires the same lines from each.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;

if (args is ["collections"])
{
    // Counts the garbage collections something in the process asked for (GC.Collect and its relatives) while a
    // spiral network trains for 300 steps in scopes, as a notebook would: the library must ask for none.
    return CollectionCheck.Run(Console.Out);
}

var output = Console.Out;
output.WriteLine(
    $"# Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} " +
    $"Vector128={Vector128.IsHardwareAccelerated} ProcessorCount={Environment.ProcessorCount} " +
    $"Avx512F={Avx512F.IsSupported} Avx2={Avx2.IsSupported} Fma={Fma.IsSupported} Avx={Avx.IsSupported}");

var battery = new Battery(output, Console.Error);
TensorChecks.Run(battery);
ScalarChecks.Run(battery);
ModelChecks.Run(battery);
output.Flush();
return battery.Failures == 0 ? 0 : 1;
