using System.Diagnostics;
using System.Text.Json;

namespace Autograd.Tests;

/// <summary>
/// Random programs over every tensor op, run by this library and by PyTorch (Debian's python3-torch, float64): values
/// and gradients must agree to 1e-10. Where PyTorch is not installed the test is reported as skipped, with the
/// reason; with AUTOGRAD_REQUIRE_TORCH=1 (as the CI script sets it) a missing PyTorch is a failure instead.
/// </summary>
public class TorchParityTests
{
    private const double Tolerance = 1e-10;
    private const string Python = "/usr/bin/python3";

    [Fact]
    public void Random_tensor_programs_match_pytorch()
    {
        RequireTorch();
        var rng = new Random(2026);
        var programs = Enumerable.Range(0, 300).Select(_ => TensorProgram.Generate(rng)).ToList();

        var torchResults = RunInTorch(programs);

        Assert.Equal(programs.Count, torchResults.Count);
        for (int i = 0; i < programs.Count; i++)
        {
            var (value, grads) = programs[i].RunHere();
            var (torchValue, torchGrads) = torchResults[i];
            AssertClose(torchValue, value, $"program {i} value\n{programs[i]}");
            for (int leaf = 0; leaf < grads.Length; leaf++)
            {
                for (int e = 0; e < grads[leaf].Length; e++)
                {
                    AssertClose(torchGrads[leaf][e], grads[leaf][e], $"program {i}, gradient of leaf {leaf}, element {e}\n{programs[i]}");
                }
            }
        }
    }

    private static void AssertClose(double expected, double actual, string what)
    {
        double error = Math.Abs(expected - actual);
        Assert.True(
            error <= Tolerance * Math.Max(1, Math.Abs(expected)),
            $"{what}: PyTorch {expected:R}, here {actual:R}, difference {error:G3}");
    }

    private static void RequireTorch()
    {
        string? reason = null;
        if (!File.Exists(Python))
        {
            reason = $"{Python} is not installed";
        }
        else
        {
            var (exit, _, error) = RunPython("-c \"import torch\"");
            if (exit != 0)
            {
                reason = $"PyTorch is not importable from {Python} (install Debian's python3-torch): {error.Trim()}";
            }
        }

        if (reason is null)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("AUTOGRAD_REQUIRE_TORCH") == "1")
        {
            Assert.Fail(reason);
        }

        Assert.Skip(reason);
    }

    private static List<(double Value, double[][] Grads)> RunInTorch(List<TensorProgram> programs)
    {
        var input = Path.Combine(Path.GetTempPath(), $"autograd-parity-{Environment.ProcessId}-{Guid.NewGuid():N}.json");
        try
        {
            File.WriteAllText(input, JsonSerializer.Serialize(new { programs = programs.Select(p => p.ToJson()) }));
            var script = Path.Combine(AppContext.BaseDirectory, "Parity", "torch_parity.py");
            var (exit, output, error) = RunPython($"\"{script}\" \"{input}\"");
            Assert.True(exit == 0, $"PyTorch run failed ({exit}): {error}");

            using var document = JsonDocument.Parse(output);
            return document.RootElement.GetProperty("results").EnumerateArray()
                .Select(r => (
                    r.GetProperty("value").GetDouble(),
                    r.GetProperty("grads").EnumerateArray().Select(g => g.EnumerateArray().Select(x => x.GetDouble()).ToArray()).ToArray()))
                .ToList();
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static (int Exit, string Output, string Error) RunPython(string arguments)
    {
        var start = new ProcessStartInfo(Python, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        string output = process.StandardOutput.ReadToEnd();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, output, "timed out");
        }

        return (process.ExitCode, output, error.Result);
    }
}
